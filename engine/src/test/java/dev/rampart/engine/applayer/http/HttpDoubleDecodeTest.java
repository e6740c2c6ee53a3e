package dev.rampart.engine.applayer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * libhtp's double-decode-path / double-decode-query. Expectations from suricata 7.0.10 with both
 * settings on, only the path one on, and neither (http.uri content matches and the
 * http.double_encoded_uri app-layer event per request).
 */
class HttpDoubleDecodeTest {
    private static HttpTx request(String uri, boolean path, boolean query) {
        HttpConfig cfg = new HttpConfig();
        cfg.doubleDecodePath = path;
        cfg.doubleDecodeQuery = query;
        HttpParser p = new HttpParser(cfg);
        byte[] req = ("GET " + uri + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        p.onData(true, req, 0, req.length);
        return p.tx(0);
    }

    private static String row(String uri, boolean path, boolean query) {
        HttpTx tx = request(uri, path, query);
        return tx.uri() + (tx.hasEvent(HttpEvent.DOUBLE_ENCODED_URI) ? " +event" : "");
    }

    @Test
    void bothSettingsDecodeTwiceAndRaiseTheEvent() {
        assertEquals("/aA +event", row("/a%2541", true, true));
        assertEquals("/b?x=A +event", row("/b?x=%2541", true, true));
        assertEquals("/d/ +event", row("/d%252f", true, true));
        assertEquals("/fA +event", row("/f%25%34%31", true, true));
        assertEquals("/c%zz", row("/c%25zz", true, true));
        assertEquals("/eA", row("/e%41", true, true));
    }

    @Test
    void onlyTheEnabledComponentIsDecodedTwice() {
        assertEquals("/b?x=%41", row("/b?x=%2541", true, false));
        assertEquals("/aA +event", row("/a%2541", true, false));
    }

    @Test
    void withoutTheSettingsOneDecodingAndNoEvent() {
        assertEquals("/a%41", row("/a%2541", false, false));
        assertEquals("/d%2f", row("/d%252f", false, false));
        assertEquals("/b?x=%41", row("/b?x=%2541", false, false));
    }
}

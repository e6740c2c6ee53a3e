package dev.rampart.engine.applayer.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The response side on its own: one of a few well-formed request sequences (so the parser is in
 * its response states: GET, HEAD, CONNECT, a body upload, 100-continue, pipelining) and fuzzed
 * response bytes (status lines, chunk sizes, content-encoding, folding). {@link HttpParserFuzzTest}
 * splits one random input between both directions, which rarely gets past a request line. Invariants:
 * nothing throws, storage within the caps, any split of the response gives the same transactions as
 * one piece. {@code mvn test} replays {@code HttpResponseFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class HttpResponseFuzzTest {
    private static final byte[][] REQUESTS = {
        bytes("GET / HTTP/1.1\r\nHost: a\r\nAccept-Encoding: gzip, deflate\r\n\r\n"),
        bytes("HEAD /x HTTP/1.1\r\nHost: a\r\n\r\nGET /y HTTP/1.1\r\nHost: a\r\n\r\n"),
        bytes("CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n"),
        bytes("POST /up HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"),
        bytes("PUT /up HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n0\r\n\r\n"),
        bytes("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\nGET /3 HTTP/1.0\r\n\r\n"),
        bytes("GET /upgrade HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"),
    };

    @FuzzTest(maxDuration = "10m")
    void responseAnySplit(FuzzedDataProvider in) {
        HttpConfig cfg = HttpParserFuzzTest.fuzzedConfig(in);
        byte[] req = REQUESTS[in.consumeInt(0, REQUESTS.length - 1)];
        boolean requestFirst = in.consumeBoolean();
        int n = in.consumeInt(0, 6);
        int[] cuts = new int[n];
        for (int i = 0; i < n; i++) {
            cuts[i] = in.consumeInt(0, 4000);
        }
        byte[] resp = in.consumeRemainingAsBytes();

        HttpParser whole = new HttpParser(cfg);
        HttpParser split = new HttpParser(cfg);
        if (requestFirst) {
            whole.onData(true, req, 0, req.length);
            split.onData(true, req, 0, req.length);
        }
        whole.onData(false, resp, 0, resp.length);
        HttpParserFuzzTest.feed(split, false, resp, cuts);
        if (!requestFirst) {
            whole.onData(true, req, 0, req.length);
            split.onData(true, req, 0, req.length);
        }
        whole.onEnd(false);
        split.onEnd(false);
        whole.onEnd(true);
        split.onEnd(true);

        assertEquals(HttpParserTest.dump(whole), HttpParserTest.dump(split));
        assertTrue(whole.txCount() <= cfg.maxTx);
        for (int i = 0; i < whole.txCount(); i++) {
            HttpTx t = whole.tx(i);
            assertTrue(t.response.head.length <= cfg.maxHeadBytes, "head");
            assertTrue(t.response.work.length <= 4 * cfg.maxHeadBytes + 64, "work " + t.response.work.length);
            assertTrue(t.response.body.length <= cfg.responseBodyLimit, "body");
        }
        whole.close();
        split.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(ISO_8859_1);
    }
}

package dev.rampart.engine.applayer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Arbitrary bytes in both directions, split at arbitrary points (and with gaps and ends): nothing
 * throws, per-message storage stays within the configured caps, and feeding the same bytes in one
 * piece per direction gives the same transactions (unless lines after a finished request were
 * taken as its body: libhtp keeps them so only within one input chunk). {@code mvn test} replays
 * the corpus in {@code HttpParserFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class HttpParserFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void anySplit(FuzzedDataProvider in) {
        HttpConfig cfg = fuzzedConfig(in);
        byte[] seed = in.consumeBytes(4);
        int n = in.consumeInt(0, 6);
        int[] cuts = new int[n];
        for (int i = 0; i < n; i++) {
            cuts[i] = in.consumeInt(0, 4000);
        }
        byte[] all = in.consumeRemainingAsBytes();
        int half = all.length == 0 ? 0 : (seed.length > 0 ? (seed[0] & 0xff) * all.length / 256 : all.length / 2);
        byte[] req = java.util.Arrays.copyOfRange(all, 0, half);
        byte[] resp = java.util.Arrays.copyOfRange(all, half, all.length);

        HttpParser whole = new HttpParser(cfg);
        whole.onData(true, req, 0, req.length);
        whole.onData(false, resp, 0, resp.length);
        whole.onEnd(true);
        whole.onEnd(false);

        HttpParser split = new HttpParser(cfg);
        feed(split, true, req, cuts);
        feed(split, false, resp, cuts);
        split.onEnd(true);
        split.onEnd(false);

        if (whole.requestFinalizeBodyBytes == 0) {
            // lines after a finished request are its body only up to the end of their chunk (libhtp's
            // REQ_FINALIZE): with none, any split gives the same transactions
            assertEquals(HttpParserTest.dump(whole), HttpParserTest.dump(split));
        }
        checkBounds(whole, cfg);
        // gaps and reuse must not throw either
        split.reset();
        split.onData(true, req, 0, req.length / 2);
        split.onGap(true, 1 + (cuts.length > 0 ? cuts[0] : 0));
        split.onData(true, req, req.length / 2, req.length - req.length / 2);
        split.onData(false, resp, 0, resp.length);
        split.onGap(false, 3);
        split.onEnd(false);
        checkBounds(split, cfg);
        whole.close();
        split.close();
    }

    /** Caps drawn from the input, small enough that the fuzzer reaches them. */
    static HttpConfig fuzzedConfig(FuzzedDataProvider in) {
        HttpConfig cfg = new HttpConfig();
        cfg.fieldLimit = in.consumeInt(8, 300);
        cfg.maxHeadBytes = in.consumeInt(16, 2000);
        cfg.requestBodyLimit = in.consumeInt(0, 500);
        cfg.responseBodyLimit = in.consumeInt(0, 500);
        cfg.headersLimit = in.consumeInt(1, 40);
        cfg.maxTx = in.consumeInt(3, 20);
        return cfg;
    }

    static void feed(HttpParser p, boolean toServer, byte[] d, int[] cuts) {
        int at = 0;
        for (int c : cuts) {
            int len = Math.min(d.length - at, c % 97 + 1);
            if (len <= 0) {
                break;
            }
            p.onData(toServer, d, at, len);
            at += len;
        }
        // the rest byte by byte for short inputs, else in one piece
        if (d.length - at < 200) {
            for (; at < d.length; at++) {
                p.onData(toServer, d, at, 1);
            }
        } else {
            p.onData(toServer, d, at, d.length - at);
        }
    }

    private static void checkBounds(HttpParser p, HttpConfig cfg) {
        assertTrue(p.txCount() <= cfg.maxTx);
        for (int i = 0; i < p.txCount(); i++) {
            HttpTx t = p.tx(i);
            for (HttpMessage m : new HttpMessage[] {t.request, t.response}) {
                assertTrue(m.head.length <= cfg.maxHeadBytes, "head");
                assertTrue(m.work.length <= 4 * cfg.maxHeadBytes + 64, "work " + m.work.length);
            }
            assertTrue(t.request.body.length <= cfg.requestBodyLimit);
            assertTrue(t.response.body.length <= cfg.responseBodyLimit);
        }
    }
}

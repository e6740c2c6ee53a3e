package dev.rampart.engine.applayer.rfb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.engine.testutil.SplitFeed;

/**
 * RFB parser on fuzzed messages in turn after the version exchange: nothing throws, a flow has at
 * most one transaction, and cutting each message into chunks gives the same transaction as one chunk
 * each (messages are read whole; only a failure reason, read again from each chunk, depends on the
 * chunks, so flows that reach one are not compared).
 * {@code mvn test} replays {@code RfbSessionFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class RfbSessionFuzzTest {
    private static final byte[] SERVER_VERSION = "RFB 003.008\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @FuzzTest(maxDuration = "10m")
    void handshakeAnySplit(FuzzedDataProvider in) {
        boolean v33 = in.consumeBoolean();
        byte[] clientVersion = (v33 ? "RFB 003.003\n" : "RFB 003.008\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        RfbSession whole = new RfbSession(new RfbCounters());
        RfbSession split = new RfbSession(new RfbCounters());
        for (RfbSession s : new RfbSession[] {whole, split}) {
            s.onData(false, SERVER_VERSION, 0, SERVER_VERSION.length);
            s.onChunkEnd(false);
            s.onData(true, clientVersion, 0, clientVersion.length);
            s.onChunkEnd(true);
        }
        // messages in turn, each direction's as one chunk to one session and cut into pieces to the other
        int messages = in.consumeInt(0, 12);
        for (int m = 0; m < messages && in.remainingBytes() > 0; m++) {
            boolean toServer = in.consumeBoolean();
            int n = in.consumeInt(0, 4);
            int[] cuts = new int[n];
            for (int i = 0; i < n; i++) {
                cuts[i] = in.consumeInt(0, 40);
            }
            byte[] b = in.consumeBytes(in.consumeInt(0, 120));
            whole.onData(toServer, b, 0, b.length);
            whole.onChunkEnd(toServer);
            SplitFeed.feed((ts, buf, off, len) -> {
                split.onData(ts, buf, off, len);
                split.onChunkEnd(ts);
            }, toServer, b, cuts);
        }
        assertTrue(whole.txCount() <= 1 && split.txCount() <= 1);
        String a = dump(whole);
        String b = dump(split);
        if (!a.contains("reason=") && !b.contains("reason=")) {
            assertEquals(a, b);
        }
        StringBuilder eve = new StringBuilder();
        for (int i = 0; i < whole.txCount(); i++) {
            whole.appendEve(whole.tx(i), eve);
        }
    }

    static String dump(RfbSession s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.txCount(); i++) {
            RfbTx t = (RfbTx) s.tx(i);
            sb.append(t.complete()).append(' ').append(t.securityType()).append(' ').append(t.securityResult())
                    .append(' ').append(t.shared).append(' ').append(t.name == null ? "-" : new String(t.name,
                            java.nio.charset.StandardCharsets.ISO_8859_1));
            if (t.failureReason != null) {
                sb.append(" reason=");
            }
            for (RfbEvent e : RfbEvent.values()) {
                if (t.hasEvent(e)) {
                    sb.append(' ').append(e);
                }
            }
        }
        return sb.append(' ').append(s.parseErrors()).toString();
    }
}

package dev.rampart.engine.applayer.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.engine.applayer.Slice;
import dev.rampart.engine.testutil.SplitFeed;

/**
 * WebSocket parser on fuzzed bytes in both directions: nothing throws, the transactions stay under
 * their cap, and any split of a direction into chunks gives the same frames as one chunk.
 * {@code mvn test} replays {@code WebSocketSessionFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class WebSocketSessionFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void framesAnySplit(FuzzedDataProvider in) {
        int n = in.consumeInt(0, 6);
        int[] cuts = new int[n];
        for (int i = 0; i < n; i++) {
            cuts[i] = in.consumeInt(0, 400);
        }
        byte[] toClient = in.consumeBytes(in.consumeInt(0, 2000));
        byte[] toServer = in.consumeRemainingAsBytes();
        WebSocketSession whole = new WebSocketSession(new WebSocketCounters());
        WebSocketSession split = new WebSocketSession(new WebSocketCounters());
        SplitFeed.chunks(whole, split, toServer, toClient, cuts);
        assertEquals(dump(whole), dump(split));
        assertTrue(whole.txCount() <= WebSocketSession.MAX_TX);
    }

    static String dump(WebSocketSession s) {
        StringBuilder sb = new StringBuilder();
        Slice out = new Slice();
        for (int i = 0; i < s.txCount(); i++) {
            WebSocketTx t = (WebSocketTx) s.tx(i);
            t.payload(out);
            sb.append(t.id()).append(' ').append(t.toServer).append(' ').append(t.flags()).append(' ').append(t.opcode())
                    .append(' ').append(t.mask()).append(' ').append(java.util.Arrays.hashCode(
                            java.util.Arrays.copyOfRange(out.array, out.offset, out.offset + out.length)))
                    .append(' ').append(t.skipped()).append('\n');
        }
        return sb.toString();
    }
}

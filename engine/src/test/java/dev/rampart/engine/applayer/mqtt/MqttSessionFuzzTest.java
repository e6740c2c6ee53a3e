package dev.rampart.engine.applayer.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.engine.testutil.SplitFeed;

/**
 * MQTT parser on fuzzed bytes in both directions: nothing throws, the open transactions stay under
 * their cap, and any split of a direction into chunks gives the same transactions as one chunk (packets are
 * read whole, long ones passed over). {@code mvn test} replays {@code MqttSessionFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes.
 */
class MqttSessionFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void packetsAnySplit(FuzzedDataProvider in) {
        int n = in.consumeInt(0, 6);
        int[] cuts = new int[n];
        for (int i = 0; i < n; i++) {
            cuts[i] = in.consumeInt(0, 400);
        }
        byte[] toClient = in.consumeBytes(in.consumeInt(0, 2000));
        byte[] toServer = in.consumeRemainingAsBytes();
        MqttSession whole = new MqttSession(new MqttCounters());
        MqttSession split = new MqttSession(new MqttCounters());
        SplitFeed.chunks(whole, split, toServer, toClient, cuts);
        assertEquals(dump(whole), dump(split));
        // live transactions are bounded by detection releasing the complete ones; the open ones by the cap
        int open = 0;
        for (int i = 0; i < whole.txCount(); i++) {
            open += ((MqttTx) whole.tx(i)).complete ? 0 : 1;
        }
        assertTrue(open <= MqttSession.MAX_TX + 2, open + " open transactions");
        StringBuilder eve = new StringBuilder();
        for (int i = 0; i < whole.txCount(); i++) {
            whole.appendEve(whole.tx(i), eve);
        }
    }

    static String dump(MqttSession s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.txCount(); i++) {
            MqttTx t = (MqttTx) s.tx(i);
            sb.append(t.id()).append(' ').append(t.toServer).append(' ').append(t.complete).append(' ')
                    .append(t.pktId).append(':');
            for (MqttMessage m : t.messages) {
                sb.append(' ').append(m.type).append('/').append(m.qos).append('/').append(m.truncated)
                        .append('/').append(m.messageId).append('/').append(m.reasonCode);
            }
            for (MqttEvent e : MqttEvent.values()) {
                if (t.hasEvent(e)) {
                    sb.append(' ').append(e);
                }
            }
            sb.append('\n');
        }
        return sb.append(s.parseErrors()).toString();
    }
}

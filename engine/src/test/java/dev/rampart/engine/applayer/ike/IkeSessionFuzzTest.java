package dev.rampart.engine.applayer.ike;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * IKE parser on fuzzed datagrams in both directions: nothing throws, the transactions stay under
 * their cap, every kept transaction answers the keywords. {@code mvn test} replays
 * {@code IkeSessionFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class IkeSessionFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void datagrams(FuzzedDataProvider in) {
        IkeSession s = new IkeSession(new IkeCounters());
        dev.rampart.engine.applayer.Slice out = new dev.rampart.engine.applayer.Slice();
        while (in.remainingBytes() > 0) {
            boolean toServer = in.consumeBoolean();
            byte[] d = in.consumeBytes(in.consumeInt(0, 2000));
            s.onDatagram(toServer, d, 0, d.length);
        }
        assertTrue(s.txCount() <= IkeSession.MAX_TX);
        StringBuilder eve = new StringBuilder();
        for (int i = 0; i < s.txCount(); i++) {
            IkeTx t = (IkeTx) s.tx(i);
            t.keyExchange(out);
            t.nonce(out);
            t.vendor(0, out);
            t.chosenAttribute(1);
            s.appendEve(t, eve);
        }
    }
}

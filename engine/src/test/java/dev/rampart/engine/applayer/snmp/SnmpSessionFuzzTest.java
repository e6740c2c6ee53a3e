package dev.rampart.engine.applayer.snmp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * SNMP parser on fuzzed datagrams (each prefixed with a valid v2c envelope start half the time, so
 * the message reader is reached): nothing throws, the probe agrees with itself, transactions stay
 * under their cap and every one writes its alert object. {@code mvn test} replays
 * {@code SnmpSessionFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class SnmpSessionFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void datagrams(FuzzedDataProvider in) {
        SnmpSession s = new SnmpSession(new SnmpCounters());
        int n = in.consumeInt(1, 8);
        for (int i = 0; i < n && in.remainingBytes() > 0; i++) {
            boolean toServer = in.consumeBoolean();
            byte[] d = in.consumeBytes(in.consumeInt(0, 600));
            SnmpSession.probe(d, 0, d.length);
            s.onDatagram(toServer, d, 0, d.length);
        }
        assertTrue(s.txCount() <= SnmpSession.MAX_TX);
        StringBuilder eve = new StringBuilder();
        for (int i = 0; i < s.txCount(); i++) {
            s.appendEve(s.tx(i), eve);
        }
    }
}

package dev.rampart.engine.applayer.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.engine.testutil.SplitFeed;

/**
 * Modbus parser on fuzzed bytes in both directions: nothing throws, the live transactions stay under
 * their cap, the alert object can be written, and when every unit's length is in 2..254 any split of a
 * direction into chunks gives the same transactions as one chunk (a unit waits until it is all there;
 * one with a length out of range passes over only what its chunk has, in Suricata as here, so a split
 * may change what follows it). {@code mvn test} replays {@code ModbusSessionFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes.
 */
class ModbusSessionFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void unitsAnySplit(FuzzedDataProvider in) {
        int n = in.consumeInt(0, 6);
        int[] cuts = new int[n];
        for (int i = 0; i < n; i++) {
            cuts[i] = in.consumeInt(0, 300);
        }
        byte[] toClient = in.consumeBytes(in.consumeInt(0, 2000));
        byte[] toServer = in.consumeRemainingAsBytes();
        ModbusSession whole = new ModbusSession(new ModbusCounters(), true);
        ModbusSession split = new ModbusSession(new ModbusCounters(), true);
        SplitFeed.chunks(whole, split, toServer, toClient, cuts);
        if (lengthsInRange(toServer) && lengthsInRange(toClient)) {
            assertEquals(dump(whole), dump(split));
        }
        assertTrue(whole.txCount() <= ModbusSession.MAX_TX && split.txCount() <= ModbusSession.MAX_TX);
        StringBuilder eve = new StringBuilder();
        for (int i = 0; i < split.txCount(); i++) {
            split.appendEve(split.tx(i), eve);
        }
    }

    /** Whether every unit header read from the start announces a length the parser waits for. */
    static boolean lengthsInRange(byte[] b) {
        int p = 0;
        while (p + 6 <= b.length) {
            int len = (b[p + 4] & 0xFF) << 8 | (b[p + 5] & 0xFF);
            if (len < 2 || len > 254) {
                return false;
            }
            p += 6 + len;
        }
        return true;
    }

    static String dump(ModbusSession s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.txCount(); i++) {
            ModbusTx t = (ModbusTx) s.tx(i);
            sb.append(t.id).append(' ');
            s.appendEve(t, sb);
            for (ModbusEvent e : ModbusEvent.values()) {
                sb.append(t.hasEvent(e) ? e.ordinal() : "");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}

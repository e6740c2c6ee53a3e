package dev.rampart.engine.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.testutil.TcpHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Overlap with different data, per target-OS policy. A stored segment "OOOO" sits at stream
 * offsets 4..8; then a segment of 'N' bytes arrives that overlaps it in one of nine ways. The
 * server then acknowledges everything, so the reassembled stream (holes shown as '_') shows which
 * bytes the policy kept. The expectations follow the case analysis of Suricata's
 * stream-tcp-list.c (DoHandleDataOverlap).
 */
class OverlapPolicyTest {
    /** New segment [start, end) per case, in the order of the table columns. */
    private static final int[][] CASES = {
        {2, 6},  // A starts before, ends inside
        {2, 8},  // B starts before, ends with it
        {2, 10}, // C starts before, ends after
        {4, 6},  // D same start, ends inside
        {4, 8},  // E exact duplicate range
        {4, 10}, // F same start, ends after
        {5, 7},  // G starts inside, ends inside
        {5, 8},  // H starts inside, ends with it
        {6, 10}, // I starts inside, ends after
    };

    /** policy -> expected reassembled bytes for cases A..I. */
    private static final String[][] EXPECTED = {
        {"first", "__NNOOOO", "__NNOOOO", "__NNOOOONN", "____OOOO", "____OOOO", "____OOOONN", "____OOOO", "____OOOO", "____OOOONN"},
        {"last", "__NNNNOO", "__NNNNNN", "__NNNNNNNN", "____NNOO", "____NNNN", "____NNNNNN", "____ONNO", "____ONNN", "____OONNNN"},
        {"bsd", "__NNNNOO", "__NNNNNN", "__NNNNNNNN", "____OOOO", "____OOOO", "____OOOONN", "____OOOO", "____OOOO", "____OOOONN"},
        {"bsd-right", "__NNNNOO", "__NNNNNN", "__NNNNNNNN", "____OOOO", "____OOOO", "____OOOONN", "____OOOO", "____OOOO", "____OOOONN"},
        {"old-linux", "__NNNNOO", "__NNNNNN", "__NNNNNNNN", "____OOOO", "____NNNN", "____NNNNNN", "____OOOO", "____OOOO", "____OOOONN"},
        {"linux", "__NNNNOO", "__NNNNNN", "__NNNNNNNN", "____OOOO", "____OOOO", "____NNNNNN", "____OOOO", "____OOOO", "____OOOONN"},
        {"old-solaris", "__NNOOOO", "__NNNNNN", "__NNNNNNNN", "____OOOO", "____NNNN", "____NNNNNN", "____OOOO", "____OOOO", "____OONNNN"},
        {"solaris", "__NNOOOO", "__NNNNNN", "__NNNNNNNN", "____OOOO", "____NNNN", "____NNNNNN", "____OOOO", "____OOOO", "____OONNNN"},
        {"hpux10", "__NNNNOO", "__NNNNNN", "__NNNNNNNN", "____OOOO", "____OOOO", "____OOOONN", "____OOOO", "____OOOO", "____OOOONN"},
        {"hpux11", "__NNOOOO", "__NNNNNN", "__NNNNNNNN", "____OOOO", "____NNNN", "____NNNNNN", "____OOOO", "____OOOO", "____OONNNN"},
        {"irix", "__NNNNOO", "__NNNNNN", "__NNNNNNNN", "____OOOO", "____OOOO", "____OOOONN", "____OOOO", "____OOOO", "____OOOONN"},
        {"macos", "__NNNNOO", "__NNNNNN", "__NNNNNNNN", "____OOOO", "____OOOO", "____OOOONN", "____OOOO", "____OOOO", "____OOOONN"},
        {"windows", "__NNNNOO", "__NNNNNN", "__NNNNNNNN", "____OOOO", "____OOOO", "____OOOONN", "____OOOO", "____OOOO", "____OOOONN"},
        {"vista", "__NNOOOO", "__NNOOOO", "__NNOOOONN", "____OOOO", "____OOOO", "____OOOONN", "____OOOO", "____OOOO", "____OOOONN"},
        {"windows2k3", "__NNNNOO", "__NNNNNN", "__NNNNNNNN", "____OOOO", "____OOOO", "____OOOONN", "____OOOO", "____OOOO", "____OOOONN"},
    };

    static List<Arguments> table() {
        List<Arguments> out = new ArrayList<>();
        for (String[] row : EXPECTED) {
            for (int c = 0; c < CASES.length; c++) {
                out.add(Arguments.of(row[0], (char) ('A' + c), CASES[c][0], CASES[c][1], row[c + 1]));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} case {1}: new [{2},{3}) -> {4}")
    @MethodSource("table")
    void overlapResolvedByPolicy(String policy, char name, int start, int end, String expected) {
        StreamConfig config = new StreamConfig();
        config.defaultPolicy = OsPolicy.fromName(policy);
        config.checkOverlapDifferentData = true;
        TcpHarness h = new TcpHarness(config);
        long c = 1000;
        long s = 5000;
        h.handshake(c, s);
        long base = c + 1;
        h.c2s(Packet.TCP_ACK | Packet.TCP_PSH, base + 4, s + 1, "OOOO");
        h.c2s(Packet.TCP_ACK | Packet.TCP_PSH, base + start, s + 1, "N".repeat(end - start));
        assertTrue(h.tracker.hasEvent(StreamEvent.REASSEMBLY_OVERLAP_DIFFERENT_DATA));
        assertEquals(1, h.tracker.counters().overlapDiffData);
        assertEquals(1, h.tracker.counters().overlap);
        h.s2c(Packet.TCP_ACK, s + 1, base + Math.max(end, 8), null);
        assertEquals(expected, h.app.toServer(), "app-layer view");
        assertEquals(expected, h.raw.toServer(), "raw view");
        assertTrue(h.app.violations.isEmpty(), h.app.violations::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void sameDataIsNoDifference(String policy, char name, int start, int end, String expected) {
        StreamConfig config = new StreamConfig();
        config.defaultPolicy = OsPolicy.fromName(policy);
        config.checkOverlapDifferentData = true;
        TcpHarness h = new TcpHarness(config);
        h.handshake(1000, 5000);
        h.c2s(Packet.TCP_ACK, 1001 + 4, 5001, "OOOO");
        h.c2s(Packet.TCP_ACK, 1001 + start, 5001, "O".repeat(end - start));
        assertEquals(0, h.tracker.counters().overlapDiffData);
        assertEquals(1, h.tracker.counters().overlap);
    }
}

package dev.rampart.engine.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.testutil.TcpHarness;
import org.junit.jupiter.api.Test;

/**
 * Segments past everything stored are copied straight from the packet into their segment (no
 * overlap to resolve); the others go through the scratch buffer. Mixed arrivals must reassemble
 * the same stream either way, with the same segment bookkeeping.
 */
class InOrderInsertTest {
    private static final int ACK = Packet.TCP_ACK | Packet.TCP_PSH;

    @Test
    void holeThenLaterDataThenFillReassemblesInOrder() {
        TcpHarness h = new TcpHarness(new StreamConfig());
        h.handshake(1000, 5000);
        long base = 1001;
        h.c2s(ACK, base, 5001, "abcd");          // first: empty list
        h.c2s(ACK, base + 4, 5001, "efgh");      // right after the tail
        h.c2s(ACK, base + 12, 5001, "mnop");     // past the tail, leaving a hole
        h.c2s(ACK, base + 8, 5001, "ijkl");      // fills the hole: before the tail
        TcpStream c = h.session().client;
        assertNull(h.tracker.reassembler().checkInvariants(c));
        assertEquals(4, c.segments);
        assertEquals(4, h.tracker.counters().segmentFromPool);
        assertEquals(0, h.tracker.counters().overlap);
        h.s2c(Packet.TCP_ACK, 5001, base + 16, null);
        assertEquals("abcdefghijklmnop", h.app.toServer());
        assertEquals("abcdefghijklmnop", h.raw.toServer());
        assertTrue(h.app.violations.isEmpty(), h.app.violations::toString);
    }

    @Test
    void segmentStartingAtTheTailStartIsResolvedAsOverlap() {
        StreamConfig config = new StreamConfig();
        config.checkOverlapDifferentData = true;
        TcpHarness h = new TcpHarness(config);
        h.handshake(1000, 5000);
        long base = 1001;
        h.c2s(ACK, base, 5001, "abcd");
        h.c2s(ACK, base + 2, 5001, "XXYY");      // overlaps the tail's last two bytes
        assertEquals(1, h.tracker.counters().overlap);
        assertTrue(h.tracker.hasEvent(StreamEvent.REASSEMBLY_OVERLAP_DIFFERENT_DATA));
        assertNull(h.tracker.reassembler().checkInvariants(h.session().client));
        h.s2c(Packet.TCP_ACK, 5001, base + 6, null);
        assertEquals("abcdYY", h.app.toServer()); // the default policy keeps the old bytes
    }

    @Test
    void segmentCrossingTheDepthIsRefusedWhole() {
        StreamConfig config = new StreamConfig();
        config.depth = 6;
        TcpHarness h = new TcpHarness(config);
        h.handshake(1000, 5000);
        long base = 1001;
        h.c2s(ACK, base, 5001, "abcd");
        // in order but ending past the depth: Suricata 7's StreamTcpReassembleCheckDepth refuses it whole
        // (measured with suricata 7.0.10: its bytes below the depth are neither parsed nor inspected)
        h.c2s(ACK, base + 4, 5001, "efgh");
        assertTrue(h.tracker.hasEvent(StreamEvent.REASSEMBLY_DEPTH_REACHED));
        TcpStream c = h.session().client;
        assertNull(h.tracker.reassembler().checkInvariants(c));
        assertEquals(1, c.segments);
        h.c2s(ACK, base + 8, 5001, "ijkl");      // wholly past the depth: not stored
        assertEquals(1, c.segments);
        h.s2c(Packet.TCP_ACK, 5001, base + 12, null);
        assertEquals("abcd", h.app.toServer());
    }

    @Test
    void afterTheDepthWasReachedNothingIsStoredEvenBelowIt() {
        StreamConfig config = new StreamConfig();
        config.depth = 6;
        TcpHarness h = new TcpHarness(config);
        h.handshake(1000, 5000);
        long base = 1001;
        h.c2s(ACK, base, 5001, "abcd");
        h.c2s(ACK, base + 4, 5001, "efgh");      // crosses the depth: refused, depth reached
        h.c2s(ACK, base + 4, 5001, "ef");        // in order and within the depth, but after it was reached
        assertEquals(1, h.session().client.segments);
        h.s2c(Packet.TCP_ACK, 5001, base + 8, null);
        assertEquals("abcd", h.app.toServer());
    }
}

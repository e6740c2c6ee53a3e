package dev.rampart.engine.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.testutil.TestPackets;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlowTableTest {
    private static final long SEC = 1_000_000_000L;
    private static final long A = TestPackets.ip(192, 168, 1, 10);
    private static final long B = TestPackets.ip(10, 1, 2, 3);

    private final Packet p = new Packet();
    private final ByteBuffer buf = ByteBuffer.allocate(2048);
    private final List<String> ended = new ArrayList<>();

    private FlowTable table(int maxFlows) {
        return new FlowTable(FlowConfig.withMaxFlows(maxFlows),
                (f, reason) -> ended.add(f.srcPort + ">" + f.dstPort + ":" + reason));
    }

    private static final byte[] PAYLOAD = {1, 2, 3};

    private Packet udp(long src, int sp, long dst, int dp, long ts) {
        return TestPackets.udp(p, buf, src, sp, dst, dp, PAYLOAD, ts);
    }

    private Packet tcp(long src, int sp, long dst, int dp, int flags, long ts) {
        return TestPackets.tcp(p, buf, src, sp, dst, dp, flags, 1, 0, 1000, null, ts);
    }

    @Test
    void bothDirectionsFindTheSameFlow() {
        FlowTable t = table(16);
        Flow f = t.handle(udp(A, 1234, B, 53, SEC));
        assertTrue(p.toServer);
        assertSame(f, p.flowRef);
        int h1 = FlowTable.hash(p);
        Flow g = t.handle(udp(B, 53, A, 1234, 2 * SEC));
        assertSame(f, g);
        assertFalse(p.toServer);
        assertEquals(h1, FlowTable.hash(p), "hash is symmetric");
        assertEquals(1, f.pktsToServer);
        assertEquals(1, f.pktsToClient);
        assertEquals(p.frameLength, f.bytesToClient);
        assertEquals(SEC, f.firstSeenNanos);
        assertEquals(2 * SEC, f.lastSeenNanos);
        assertEquals(FlowState.ESTABLISHED, f.state, "udp is established once both sides spoke");
        assertEquals(A, f.srcLo);
        assertEquals(1, t.counters().total);
        assertEquals(1, t.counters().udp);
    }

    @Test
    void differentPortsProtocolsAndVlansAreDifferentFlows() {
        FlowTable t = table(16);
        Flow f1 = t.handle(udp(A, 1234, B, 53, SEC));
        Flow f2 = t.handle(udp(A, 1235, B, 53, SEC));
        Flow f3 = t.handle(tcp(A, 1234, B, 53, Packet.TCP_SYN, SEC));
        udp(A, 1234, B, 53, SEC);
        p.vlanCount = 1;
        p.vlanIds[0] = 7;
        Flow f4 = t.handle(p);
        assertEquals(4, new HashSet<>(List.of(f1, f2, f3, f4)).size());
        assertEquals(1, t.counters().tcp);
        assertEquals(3, t.counters().udp);
    }

    @Test
    void flowIdsAreUniquePositiveAndJsonSafe() {
        FlowTable t = table(4096);
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            Flow f = t.handle(udp(A, 1000 + i, B, 53, SEC));
            assertTrue(f.flowId > 0 && f.flowId < (1L << 51), "id " + f.flowId);
            assertTrue(ids.add(f.flowId));
        }
    }

    @Test
    void timeoutsDependOnProtocolAndState() {
        FlowTable t = table(16);
        Flow udpNew = t.handle(udp(A, 1, B, 2, SEC));
        Flow tcpNew = t.handle(tcp(A, 3, B, 4, Packet.TCP_SYN, SEC));
        assertNotNull(udpNew);
        assertNotNull(tcpNew);
        assertEquals(0, t.timeout(SEC + 29 * SEC));
        // udp new: 30s; tcp new: 60s
        assertEquals(1, t.timeout(SEC + 30 * SEC));
        assertEquals(List.of("1>2:TIMEOUT"), ended);
        assertEquals(1, t.timeout(SEC + 60 * SEC));
        assertEquals(2, t.counters().mgrFlowsTimeout);
        assertEquals(2, t.counters().mgrFlowsEvicted);
        assertEquals(0, t.activeFlows());
    }

    @Test
    void establishedTcpFlowLivesLonger() {
        FlowTable t = table(16);
        Flow f = t.handle(tcp(A, 3, B, 4, Packet.TCP_SYN, SEC));
        f.state = FlowState.ESTABLISHED; // the TCP tracker sets this
        assertEquals(0, t.timeout(SEC + 599 * SEC));
        assertEquals(1, t.timeout(SEC + 600 * SEC));
        f = t.handle(tcp(A, 5, B, 6, Packet.TCP_SYN, 1000 * SEC));
        f.state = FlowState.CLOSED;
        assertEquals(0, t.timeout(1059 * SEC));
        assertEquals(1, t.timeout(1060 * SEC));
        assertEquals(1, t.counters().endState[FlowState.ESTABLISHED]);
        assertEquals(1, t.counters().endState[FlowState.CLOSED]);
    }

    @Test
    void expiredFlowHitByAPacketIsReplaced() {
        FlowTable t = table(16);
        Flow f = t.handle(udp(A, 1, B, 2, SEC));
        long id = f.flowId;
        Flow g = t.handle(udp(A, 1, B, 2, 100 * SEC));
        assertNotEquals(id, g.flowId);
        assertEquals(List.of("1>2:TIMEOUT"), ended);
        assertEquals(2, t.counters().total);
    }

    /** Buckets chain through the flows: long chains must find, keep and unlink the right ones. */
    @Test
    void longBucketChainsFindAndEndTheRightFlows() {
        FlowConfig c = FlowConfig.withMaxFlows(256);
        c.hashSize = 16;
        c.sweepBucketsPerCall = 16;
        FlowTable t = new FlowTable(c, (f, reason) -> ended.add(f.srcPort + ":" + reason));
        Flow[] flows = new Flow[200];
        for (int i = 0; i < flows.length; i++) {
            flows[i] = t.handle(udp(A, 20000 + i, B, 53, SEC));
        }
        assertEquals(200, t.activeFlows());
        for (int i = 0; i < flows.length; i += 2) {
            // the reply makes the even flows established (300 s), the odd ones stay new (30 s)
            assertSame(flows[i], t.handle(udp(B, 53, A, 20000 + i, 20 * SEC)));
            assertFalse(p.toServer);
        }
        assertTrue(ended.isEmpty(), ended::toString);
        assertEquals(100, t.timeout(61 * SEC), "one call sweeps all 16 buckets");
        assertTrue(t.counters().mgrRowsMaxlen > 8, "chains: " + t.counters().mgrRowsMaxlen);
        assertEquals(100, ended.size());
        for (int i = 0; i < flows.length; i++) {
            Flow f = t.handle(udp(A, 20000 + i, B, 53, 62 * SEC));
            if (i % 2 == 0) {
                assertSame(flows[i], f, "flow " + i + " kept");
                assertEquals(2, f.pktsToServer);
            } else {
                assertTrue(ended.contains((20000 + i) + ":TIMEOUT"), "flow " + i + " ended");
                assertEquals(1, f.pktsToServer, "flow " + i + " is new");
                assertEquals(62 * SEC, f.firstSeenNanos);
            }
        }
        assertEquals(200, t.activeFlows());
        assertEquals(300, t.counters().total);
    }

    @Test
    void sweepIsIncremental() {
        FlowConfig c = FlowConfig.withMaxFlows(1024);
        c.sweepBucketsPerCall = 8;
        FlowTable t = new FlowTable(c, null);
        for (int i = 0; i < 500; i++) {
            t.handle(udp(A, 1000 + i, B, 53, SEC));
        }
        int first = t.timeout(1000 * SEC);
        assertTrue(first < 500, "one call visits only a few buckets: " + first);
        int total = first;
        int calls = 1;
        while (t.activeFlows() > 0) {
            total += t.timeout(1000 * SEC);
            calls++;
        }
        assertEquals(500, total);
        assertTrue(calls > 10);
        assertTrue(t.counters().mgrFullHashPass >= 0);
    }

    @Test
    void fullTableEvictsTheIdlestFlowAndEntersEmergency() {
        FlowTable t = table(4);
        for (int i = 0; i < 4; i++) {
            t.handle(udp(A, 100 + i, B, 53, SEC + i));
        }
        // touch flow 100 so 101 is now the idlest
        t.handle(udp(A, 100, B, 53, 10 * SEC));
        assertTrue(t.inEmergency(), "no spare flow left");
        assertEquals(1, t.counters().emergModeEntered);
        Flow f = t.handle(udp(A, 200, B, 53, 11 * SEC));
        assertNotNull(f);
        assertEquals(List.of("101>53:FORCED"), ended);
        assertEquals(1, t.counters().getUsed);
        assertEquals(1, t.counters().memcap);
        assertEquals(4, t.activeFlows());
        // emergency timeouts (udp new 10s instead of 30s) until enough of the pool is free again;
        // the flows idle 35s go either way, the two idle 25-26s only under emergency timeouts
        t.timeout(36 * SEC);
        assertTrue(ended.contains("102>53:TIMEOUT"));
        assertTrue(ended.contains("103>53:TIMEOUT"));
        assertTrue(t.activeFlows() <= 2);
        assertFalse(t.inEmergency());
        assertEquals(1, t.counters().emergModeOver);
    }

    @Test
    void flushEndsEverythingOldestFirst() {
        FlowTable t = table(16);
        t.handle(udp(A, 2, B, 53, 2 * SEC));
        t.handle(udp(A, 1, B, 53, 3 * SEC));
        t.handle(udp(A, 2, B, 53, 4 * SEC));
        t.flush(5 * SEC);
        assertEquals(List.of("1>53:SHUTDOWN", "2>53:SHUTDOWN"), ended);
        assertEquals(0, t.activeFlows());
    }

    @Test
    void icmpUnreachableJoinsTheFlowOfTheQuotedPacket() {
        FlowTable t = table(16);
        Flow f = t.handle(udp(A, 5000, B, 53, SEC));
        // B reports that A's datagram could not be delivered
        TestPackets.icmpUnreachable(p, buf, B, A, A, 5000, B, 53, 17, 2 * SEC);
        assertSame(f, t.handle(p));
        assertFalse(p.toServer);
        // an unrelated error gets its own ICMP flow
        TestPackets.icmpUnreachable(p, buf, B, A, A, 5001, B, 53, 17, 2 * SEC);
        Flow g = t.handle(p);
        assertNotEquals(f, g);
        assertEquals(1, g.ipProto);
        assertEquals(1, t.counters().icmpv4);
    }

    @Test
    void icmpRequestAndReplyShareAFlowAsInSuricata() {
        // checked against Suricata 7: echo request/reply pairs with ids 1 and 2 form one flow
        // (2 packets each way), a timestamp request gets its own
        FlowTable t = table(16);
        Flow f = t.handle(TestPackets.icmp(p, buf, A, B, 8, 0, 1, SEC));
        assertSame(f, t.handle(TestPackets.icmp(p, buf, B, A, 0, 0, 1, SEC)));
        assertFalse(p.toServer);
        assertSame(f, t.handle(TestPackets.icmp(p, buf, A, B, 8, 0, 2, SEC)));
        assertSame(f, t.handle(TestPackets.icmp(p, buf, B, A, 0, 0, 2, SEC)));
        Flow ts = t.handle(TestPackets.icmp(p, buf, A, B, 13, 0, 3, SEC));
        assertNotEquals(f, ts);
        assertEquals(2, f.pktsToServer);
        assertEquals(2, f.pktsToClient);
        assertEquals(FlowState.ESTABLISHED, f.state);
        assertEquals(2, t.counters().icmpv4);
    }

    @Test
    void countersUseSuricataNames() {
        FlowTable t = table(16);
        t.handle(udp(A, 1, B, 2, SEC));
        var m = t.counters().toMap();
        for (String k : List.of("flow.total", "flow.tcp", "flow.udp", "flow.icmpv4", "flow.icmpv6", "flow.memuse",
                "flow.emerg_mode_entered", "flow.emerg_mode_over", "flow.mgr.flows_timeout",
                "flow.mgr.flows_evicted", "flow.memcap", "flow.get_used")) {
            assertTrue(m.containsKey(k), k);
        }
        assertTrue(m.get("flow.memuse") > 0);
    }

    @Test
    void lookupOfExistingFlowsDoesNotAllocate() {
        FlowTable t = table(1024);
        for (int i = 0; i < 1000; i++) {
            t.handle(udp(A, 1000 + i, B, 53, SEC));
        }
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (int round = 0; round < 3; round++) { // warm up
            for (int i = 0; i < 1000; i++) {
                t.handle(udp(A, 1000 + i, B, 53, SEC + round));
            }
        }
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1000; i++) {
            t.handle(udp(B, 53, A, 1000 + i, 2 * SEC));
        }
        long after = mx.getThreadAllocatedBytes(tid);
        assertTrue(after - before < 1024, "allocated " + (after - before) + " bytes");
    }
}

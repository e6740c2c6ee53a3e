package dev.rampart.engine.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.flow.Flow;
import dev.rampart.engine.flow.FlowConfig;
import dev.rampart.engine.flow.FlowTable;
import dev.rampart.engine.testutil.TestPackets;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Steady-state reassembly (in order and out of order, with ACKs) allocates nothing per packet. */
class ReassemblyAllocationTest {
    private static final long C = TestPackets.ip(10, 0, 0, 1);
    private static final long S = TestPackets.ip(10, 0, 0, 2);

    private final Packet p = new Packet();
    private final ByteBuffer buf = ByteBuffer.allocate(4096);
    private final byte[] payload = new byte[1000];
    private long now = 1;
    private FlowTable flows;
    private TcpTracker tracker;

    private void send(boolean fromClient, int flags, long seq, long ack, byte[] data) {
        if (fromClient) {
            TestPackets.tcp(p, buf, C, 1234, S, 80, flags, seq, ack, 65535, data, now++);
        } else {
            TestPackets.tcp(p, buf, S, 80, C, 1234, flags, seq, ack, 65535, data, now++);
        }
        Flow f = flows.handle(p);
        tracker.handle(f, p);
    }

    @Test
    void steadyStateDoesNotAllocate() {
        StreamConfig sc = new StreamConfig();
        sc.depth = 0;
        long[] total = new long[1];
        tracker = new TcpTracker(sc, new StreamConsumer() {
            @Override
            public int onData(Flow flow, boolean toServer, byte[] data, int offset, int length, long streamOffset) {
                total[0] += length;
                return length;
            }

            @Override
            public void onGap(Flow flow, boolean toServer, long streamOffset, long length) {
            }
        }, null);
        flows = new FlowTable(FlowConfig.withMaxFlows(8), tracker);
        long seq = 0xFFFF0000L;
        send(true, Packet.TCP_SYN, seq, 0, null);
        send(false, Packet.TCP_SYN | Packet.TCP_ACK, 77, seq + 1, null);
        seq++;
        send(true, Packet.TCP_ACK, seq, 78, null);
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = 0;
        for (int round = 0; round < 2000; round++) {
            if (round == 1000) {
                before = mx.getThreadAllocatedBytes(tid);
            }
            // 2, 1, 3 then ACK
            send(true, Packet.TCP_ACK, seq + 1000, 78, payload);
            send(true, Packet.TCP_ACK, seq, 78, payload);
            send(true, Packet.TCP_ACK, seq + 2000, 78, payload);
            seq += 3000;
            send(false, Packet.TCP_ACK, 78, seq, null);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertEquals(2000L * 3000, total[0]);
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes over 4000 packets");
        assertEquals(0, TcpTracker.session((Flow) p.flowRef).client.storedSegments());
    }
}

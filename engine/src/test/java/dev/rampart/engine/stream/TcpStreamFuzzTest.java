package dev.rampart.engine.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.flow.Flow;
import dev.rampart.engine.flow.FlowConfig;
import dev.rampart.engine.flow.FlowTable;
import dev.rampart.engine.testutil.TestPackets;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Interprets the input as one TCP conversation: settings first (policy, midstream, depth, ISNs
 * near the 2^32 wrap), then packets (direction, flags, sequence and ack offsets, window, payload).
 * Invariants: nothing throws, stored segments never exceed the reassembly memcap, every
 * consumer sees each stream offset at most once and in order, and after the final flush every
 * segment and session is back in its pool. {@code mvn test} replays the kept corpus in
 * {@code TcpStreamFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class TcpStreamFuzzTest {
    private static final long CLIENT = TestPackets.ip(10, 0, 0, 1);
    private static final long SERVER = TestPackets.ip(10, 0, 0, 2);

    /** Checks offsets and fingerprints the delivered bytes per direction. */
    private static final class CheckingConsumer implements StreamConsumer {
        final long[] next = new long[2];
        final long[] flowId = new long[2];
        final CRC32[] crc = {new CRC32(), new CRC32()};
        int maxPerCall = Integer.MAX_VALUE;
        String violation;

        @Override
        public int onData(Flow flow, boolean toServer, byte[] data, int offset, int length, long streamOffset) {
            int d = toServer ? 0 : 1;
            newFlow(flow, d);
            if (streamOffset != next[d] && violation == null) {
                violation = "data at " + streamOffset + ", expected " + next[d];
            }
            if ((length <= 0 || offset < 0 || offset + length > data.length) && violation == null) {
                violation = "bad slice " + offset + "+" + length;
            }
            int took = Math.min(length, maxPerCall);
            crc[d].update(data, offset, Math.max(0, took));
            next[d] = streamOffset + took;
            return took;
        }

        /** A flow that timed out is followed by a new one whose streams start at offset 0 again. */
        private void newFlow(Flow flow, int d) {
            if (flow.flowId != flowId[d]) {
                flowId[d] = flow.flowId;
                next[d] = 0;
            }
        }

        @Override
        public void onGap(Flow flow, boolean toServer, long streamOffset, long length) {
            int d = toServer ? 0 : 1;
            newFlow(flow, d);
            if ((streamOffset != next[d] || length <= 0) && violation == null) {
                violation = "gap at " + streamOffset + "+" + length + ", expected " + next[d];
            }
            next[d] = streamOffset + length;
            crc[d].update((int) length);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void segments(FuzzedDataProvider in) {
        StreamConfig sc = new StreamConfig();
        OsPolicy[] policies = OsPolicy.values();
        sc.defaultPolicy = policies[in.consumeInt(0, policies.length - 1)];
        sc.midstream = in.consumeBoolean();
        sc.checkOverlapDifferentData = in.consumeBoolean();
        sc.depth = in.consumeBoolean() ? 0 : in.consumeInt(1, 5000);
        sc.segmentSize = in.consumeInt(16, 512);
        sc.reassemblyMemcap = in.consumeLong(256, 200_000);
        CheckingConsumer app = new CheckingConsumer();
        CheckingConsumer raw = new CheckingConsumer();
        boolean partial = in.consumeBoolean();
        if (partial) {
            app.maxPerCall = in.consumeInt(1, 64);
        }
        TcpTracker tracker = new TcpTracker(sc, app, raw);
        FlowConfig fc = FlowConfig.withMaxFlows(4);
        FlowTable flows = new FlowTable(fc, tracker);

        long cIsn = in.consumeBoolean() ? 0xFFFFFF00L + in.consumeInt(0, 255) : in.consumeInt() & 0xFFFFFFFFL;
        long sIsn = in.consumeInt() & 0xFFFFFFFFL;
        Packet p = new Packet();
        ByteBuffer buf = ByteBuffer.allocate(2048);
        long now = 1_000_000_000L;
        int packets = 0;
        while (in.remainingBytes() > 0 && packets++ < 300) {
            boolean fromClient = in.consumeBoolean();
            int flags = in.consumeInt(0, 255);
            long seqBase = fromClient ? cIsn : sIsn;
            long ackBase = fromClient ? sIsn : cIsn;
            long seq = seqBase + in.consumeInt(-2000, 8000);
            long ack = ackBase + in.consumeInt(-2000, 8000);
            int window = in.consumeInt(0, 65535);
            byte[] payload = in.consumeBytes(in.consumeInt(0, 400));
            now += in.consumeBoolean() ? 1_000_000L : in.consumeLong(0, 700_000_000_000L);
            if (fromClient) {
                TestPackets.tcp(p, buf, CLIENT, 40000, SERVER, 80, flags, seq, ack, window, payload, now);
            } else {
                TestPackets.tcp(p, buf, SERVER, 80, CLIENT, 40000, flags, seq, ack, window, payload, now);
            }
            if (in.consumeBoolean()) {
                p.tcpWscale = in.consumeInt(0, 14);
            }
            Flow f = flows.handle(p);
            tracker.handle(f, p);
            flows.timeout(now);
            assertTrue(tracker.reassembler().segmentMemuse() <= sc.reassemblyMemcap, "segments over memcap");
            // allocated segment memory stays bounded too (pooled, never more than memcap per class)
            assertTrue(tracker.reassembler().segmentMemoryCreated() <= 3 * sc.reassemblyMemcap,
                    "segment memory created over bound");
            assertTrue(app.violation == null, app.violation);
            assertTrue(raw.violation == null, raw.violation);
            TcpSession ssn = f == null ? null : TcpTracker.session(f);
            if (ssn != null) {
                String bad = tracker.reassembler().checkInvariants(ssn.client);
                assertTrue(bad == null, bad);
                bad = tracker.reassembler().checkInvariants(ssn.server);
                assertTrue(bad == null, bad);
            }
            if (sc.depth > 0) {
                assertTrue(app.next[0] <= sc.depth && app.next[1] <= sc.depth, "delivered past depth");
                assertTrue(raw.next[0] <= sc.depth && raw.next[1] <= sc.depth, "delivered past depth");
            }
        }
        flows.flush(now);
        assertEquals(0, tracker.reassembler().segmentsInUse(), "segments leaked");
        assertEquals(0, tracker.counters().activeSessions, "sessions leaked");
        assertTrue(app.violation == null, app.violation);
        assertTrue(raw.violation == null, raw.violation);
        if (!partial) {
            // both consumers were offered the same bytes at the same moments
            assertEquals(raw.crc[0].getValue(), app.crc[0].getValue());
            assertEquals(raw.crc[1].getValue(), app.crc[1].getValue());
        }
    }
}

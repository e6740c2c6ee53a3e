package dev.rampart.perf.stream;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.flow.Flow;
import dev.rampart.engine.flow.FlowConfig;
import dev.rampart.engine.flow.FlowTable;
import dev.rampart.engine.stream.StreamConfig;
import dev.rampart.engine.stream.StreamConsumer;
import dev.rampart.engine.stream.TcpTracker;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TCP tracking and reassembly of one long client stream (unlimited depth, so every byte is
 * stored, delivered to an app and a raw consumer, and freed): flow lookup plus tracker per
 * packet. {@code inOrder}: one operation = a 1448-byte segment followed by the server's ACK.
 * {@code outOfOrder}: one operation = four segments sent as 2,1,4,3 and one ACK. Results are per
 * operation; steady state must not allocate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ReassemblyBenchmark {
    private static final long CLIENT = 0x0A000001L;
    private static final long SERVER = 0x0A000002L;
    private static final int MSS = 1448;

    @Param({"1448"})
    public int segment;

    private FlowTable flows;
    private TcpTracker tracker;
    private final Packet data = new Packet();
    private final Packet ack = new Packet();
    private int clientSeq;
    private final int serverSeq = 5001;
    private long ts = 1_000_000_000L;
    private long delivered;

    private final StreamConsumer sink = new StreamConsumer() {
        @Override
        public int onData(Flow flow, boolean toServer, byte[] bytes, int offset, int length, long streamOffset) {
            delivered += length + bytes[offset];
            return length;
        }

        @Override
        public void onGap(Flow flow, boolean toServer, long streamOffset, long length) {
        }
    };

    @Setup
    public void setup() {
        StreamConfig sc = new StreamConfig();
        sc.depth = 0;
        tracker = new TcpTracker(sc, sink, sink);
        flows = new FlowTable(FlowConfig.withMaxFlows(16), tracker);
        init(data, true, segment);
        init(ack, false, 0);
        clientSeq = 1000;
        send(data, Packet.TCP_SYN, clientSeq, 0, 0);
        send(ack, Packet.TCP_SYN | Packet.TCP_ACK, serverSeq - 1, clientSeq + 1, 0);
        clientSeq++;
        send(data, Packet.TCP_ACK, clientSeq, serverSeq, 0);
    }

    private static void init(Packet p, boolean fromClient, int payload) {
        p.reset();
        p.buffer = ByteBuffer.allocate(54 + Math.max(payload, 1));
        for (int i = 54; i < 54 + payload; i++) {
            p.buffer.put(i, (byte) ('a' + i % 26));
        }
        p.ipVersion = 4;
        p.ipProto = 6;
        p.l3Offset = 14;
        p.l4Offset = 34;
        p.frameLength = 54 + payload;
        p.srcLo = fromClient ? CLIENT : SERVER;
        p.dstLo = fromClient ? SERVER : CLIENT;
        p.srcPort = fromClient ? 40000 : 80;
        p.dstPort = fromClient ? 80 : 40000;
        p.payloadOffset = 54;
        p.tcpWindow = 65535;
    }

    private void send(Packet p, int flags, int seq, int ackNo, int len) {
        p.tcpFlags = flags;
        p.tcpSeq = seq & 0xFFFFFFFFL;
        p.tcpAck = ackNo & 0xFFFFFFFFL;
        p.payloadLength = len;
        p.timestampNanos = ts += 1000;
        p.flowRef = null;
        Flow f = flows.handle(p);
        tracker.handle(f, p);
    }

    @Benchmark
    public long inOrder() {
        send(data, Packet.TCP_ACK | Packet.TCP_PSH, clientSeq, serverSeq, segment);
        clientSeq += segment;
        send(ack, Packet.TCP_ACK, serverSeq, clientSeq, 0);
        return delivered;
    }

    @Benchmark
    public long outOfOrder() {
        int s = clientSeq;
        int n = segment;
        send(data, Packet.TCP_ACK | Packet.TCP_PSH, s + n, serverSeq, n);
        send(data, Packet.TCP_ACK | Packet.TCP_PSH, s, serverSeq, n);
        send(data, Packet.TCP_ACK | Packet.TCP_PSH, s + 3 * n, serverSeq, n);
        send(data, Packet.TCP_ACK | Packet.TCP_PSH, s + 2 * n, serverSeq, n);
        clientSeq = s + 4 * n;
        send(ack, Packet.TCP_ACK, serverSeq, clientSeq, 0);
        return delivered;
    }
}

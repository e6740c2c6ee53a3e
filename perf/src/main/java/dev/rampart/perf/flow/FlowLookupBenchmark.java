package dev.rampart.perf.flow;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.flow.Flow;
import dev.rampart.engine.flow.FlowConfig;
import dev.rampart.engine.flow.FlowTable;
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
 * Flow lookup of existing flows: {@code flows} TCP flows are in the table; every operation looks
 * up one of them (a fixed pseudo-random order, alternating directions) and updates its counters,
 * as the flow stage does per packet. Steady state must not allocate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class FlowLookupBenchmark {
    @Param({"1000", "100000"})
    public int flows;

    private FlowTable table;
    private final Packet packet = new Packet();
    private long[] clients;
    private int[] ports;
    private int[] order;
    private int cursor;
    private long ts = 1_000_000_000L;

    @Setup
    public void setup() {
        FlowConfig config = FlowConfig.withMaxFlows(flows * 2);
        config.hashSize = Integer.highestOneBit(flows) * 2;
        table = new FlowTable(config, null);
        packet.reset();
        packet.buffer = ByteBuffer.allocate(64);
        packet.ipVersion = 4;
        packet.ipProto = 6;
        packet.l4Offset = 34;
        packet.frameLength = 60;
        clients = new long[flows];
        ports = new int[flows];
        order = new int[flows];
        java.util.Random rnd = new java.util.Random(42);
        for (int i = 0; i < flows; i++) {
            clients[i] = 0x0A000000L | rnd.nextInt(1 << 24);
            ports[i] = 1024 + rnd.nextInt(60000);
            order[i] = i;
            set(i, true);
            table.handle(packet);
        }
        for (int i = flows - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private void set(int i, boolean toServer) {
        Packet p = packet;
        long server = 0xC0A80001L;
        p.srcLo = toServer ? clients[i] : server;
        p.dstLo = toServer ? server : clients[i];
        p.srcPort = toServer ? ports[i] : 443;
        p.dstPort = toServer ? 443 : ports[i];
        p.timestampNanos = ts;
    }

    @Benchmark
    public Flow lookup() {
        int c = cursor;
        cursor = c + 1 == flows ? 0 : c + 1;
        ts += 1000;
        set(order[c], (c & 1) == 0);
        return table.handle(packet);
    }

    @Benchmark
    public int hashOnly() {
        int c = cursor;
        cursor = c + 1 == flows ? 0 : c + 1;
        set(order[c], (c & 1) == 0);
        return FlowTable.hash(packet);
    }
}

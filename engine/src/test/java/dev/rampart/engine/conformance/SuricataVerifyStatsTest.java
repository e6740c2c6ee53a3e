package dev.rampart.engine.conformance;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.flow.Flow;
import dev.rampart.engine.flow.FlowConfig;
import dev.rampart.engine.flow.FlowTable;
import dev.rampart.engine.stream.StreamConfig;
import dev.rampart.engine.stream.StreamConsumer;
import dev.rampart.engine.stream.TcpTracker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Differential check against Suricata (run on demand): drives every suricata-verify capture
 * named in {@code rampart.conformance.list} (lines "test&lt;TAB&gt;pcap path") through the flow
 * table and TCP tracker with Suricata's default settings, and writes our flow/tcp counters per
 * test to {@code rampart.conformance.out}. A script compares them with the oracle's stats.
 */
@EnabledIfSystemProperty(named = "rampart.conformance.out", matches = ".+")
class SuricataVerifyStatsTest {

    @Test
    void writeCounters() throws IOException {
        Path list = Path.of(System.getProperty("rampart.conformance.list"));
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(System.getProperty("rampart.conformance.out"))));
             Stream<String> lines = Files.lines(list)) {
            lines.forEach(line -> {
                String[] parts = line.split("\t");
                try {
                    Map<String, Long> m = run(Path.of(parts[1]));
                    StringBuilder sb = new StringBuilder(parts[0]);
                    m.forEach((k, v) -> sb.append('\t').append(k).append('=').append(v));
                    out.println(sb);
                } catch (Exception e) {
                    out.println(parts[0] + "\terror=" + e);
                }
            });
        }
    }

    private static final boolean TRACE = Boolean.getBoolean("rampart.conformance.trace");

    static Map<String, Long> run(Path pcap) throws IOException {
        byte[] all = Files.readAllBytes(pcap);
        ByteBuffer file = ByteBuffer.wrap(all);
        int magic = file.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        ByteOrder order;
        boolean nanos;
        if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
            order = ByteOrder.LITTLE_ENDIAN;
            nanos = magic == 0xa1b23c4d;
        } else {
            int be = file.order(ByteOrder.BIG_ENDIAN).getInt(0);
            if (be != 0xa1b2c3d4 && be != 0xa1b23c4d) {
                Map<String, Long> m = new LinkedHashMap<>();
                m.put("unsupported", 1L);
                return m;
            }
            order = ByteOrder.BIG_ENDIAN;
            nanos = be == 0xa1b23c4d;
        }
        file.order(order);
        int linkType = file.getInt(20) & 0x0FFFFFFF;
        StreamConfig sc = new StreamConfig();
        sc.checksumValidation = false;
        TcpTracker tracker = new TcpTracker(sc, StreamConsumer.DISCARD, StreamConsumer.DISCARD);
        FlowTable flows = new FlowTable(new FlowConfig(), tracker);
        flows.setReuseCheck(tracker);
        MiniDecoder dec = new MiniDecoder();
        Packet p = new Packet();
        int pos = 24;
        long now = 0;
        long index = 0;
        long lastOverlap = 0;
        while (pos + 16 <= all.length) {
            long sec = file.getInt(pos) & 0xFFFFFFFFL;
            long frac = file.getInt(pos + 4) & 0xFFFFFFFFL;
            int caplen = file.getInt(pos + 8);
            pos += 16;
            if (caplen < 0 || pos + caplen > all.length) {
                break;
            }
            ByteBuffer frame = ByteBuffer.wrap(all, pos, caplen).slice();
            pos += caplen;
            p.reset();
            p.index = ++index;
            p.timestampNanos = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
            now = Math.max(now, p.timestampNanos);
            if (!dec.decode(p, frame, caplen, linkType)) {
                continue;
            }
            flows.timeout(now);
            Flow f = flows.handle(p);
            if (f != null && p.ipProto == 6 && p.l4Offset > 0) {
                tracker.handle(f, p);
                if (TRACE && (!Boolean.getBoolean("rampart.conformance.traceOverlap")
                        || tracker.counters().overlap != lastOverlap)) {
                    lastOverlap = tracker.counters().overlap;
                    var ssn = TcpTracker.session(f);
                    System.out.printf("#%d %s flags=%02x seq=%d ack=%d len=%d win=%d flow=%d/%s ssn=%s ev=%x%n", index,
                            p.toServer ? "ts" : "tc", p.tcpFlags, p.tcpSeq, p.tcpAck, p.payloadLength, p.tcpWindow,
                            f.flowId, f.state, ssn == null ? "-" : dev.rampart.engine.stream.TcpState.name(ssn.state),
                            tracker.packetEvents());
                }
            }
        }
        flows.flush(now);
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("fragments", dec.sawFragment ? 1L : 0L);
        m.put("tunnels", dec.sawTunnel ? 1L : 0L);
        m.put("linktype", (long) linkType);
        m.putAll(flows.counters().toMap());
        m.putAll(tracker.counters().toMap());
        return m;
    }
}

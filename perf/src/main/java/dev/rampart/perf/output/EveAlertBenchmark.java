package dev.rampart.perf.output;

import dev.rampart.engine.output.eve.AlertEvent;
import dev.rampart.engine.output.eve.EveAlertWriter;
import dev.rampart.engine.output.eve.EveRuleInfo;
import dev.rampart.rules.keyword.meta.MetadataOption.Entry;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * EVE alert records per second through {@link EveAlertWriter} into a null OutputStream: an IPv4
 * HTTP alert with ET-style metadata and a to_client IPv6 alert, alternating (times and pcap_cnt
 * change every op so nothing is constant-folded). One op is one alert line; {@code -prof gc} B/op
 * should be ~0.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class EveAlertBenchmark {
    private EveAlertWriter writer;
    private AlertEvent v4;
    private AlertEvent v6;
    private long n;

    @Setup
    public void setup() {
        writer = new EveAlertWriter(OutputStream.nullOutputStream());
        EveRuleInfo et = EveRuleInfo.of(1, 2019401, 3, "ET POLICY Vulnerable Java Version 1.8.x Detected",
                "Potential Corporate Privacy Violation", 1, EveRuleInfo.Target.NONE,
                List.of(new Entry("affected_product", "Java"), new Entry("attack_target", "Client_Endpoint"),
                        new Entry("created_at", "2014_11_24"), new Entry("deployment", "Perimeter"),
                        new Entry("signature_severity", "Major"), new Entry("updated_at", "2019_10_08")));
        v4 = new AlertEvent();
        v4.clear();
        v4.timestampNanos = 1_468_449_727_573_103_000L;
        v4.flowId = 2019294265478280L;
        v4.pcapCnt = 9;
        v4.ipv4(0x0a10010b, 0x52a5b19a);
        v4.srcPort = 54186;
        v4.dstPort = 80;
        v4.proto = 6;
        v4.txId = 0;
        v4.rule = et;
        v4.appProto = "http";
        v4.toServer = true;
        v4.pktsToServer = 5;
        v4.pktsToClient = 4;
        v4.bytesToServer = 371;
        v4.bytesToClient = 495;
        v4.flowStartNanos = 1_468_449_727_011_401_000L;

        v6 = new AlertEvent();
        v6.clear();
        v6.timestampNanos = 1_391_789_728_473_246_000L;
        v6.flowId = 278622936289359L;
        v6.pcapCnt = 6;
        v6.vlanCount = 1;
        v6.vlanIds[0] = 1111;
        v6.ipv6(0xfe80000000000000L, 0x020c29fffef3cf38L, 0xfe80000000000000L, 0x020c29fffaf2ab42L);
        v6.srcPort = 80;
        v6.dstPort = 58307;
        v6.proto = 6;
        v6.rule = EveRuleInfo.of(1, 1, 1, "TEST", "", 3, EveRuleInfo.Target.DEST_IS_TARGET, List.of());
        v6.appProto = "http";
        v6.toServer = false;
        v6.pktsToServer = 4;
        v6.pktsToClient = 2;
        v6.bytesToServer = 461;
        v6.bytesToClient = 156;
        v6.flowStartNanos = 1_391_789_728_392_551_000L;
    }

    @Benchmark
    public void writeAlert() {
        AlertEvent e = (++n & 1) == 0 ? v4 : v6;
        e.pcapCnt = n;
        e.timestampNanos += 1_357;
        writer.write(e);
    }
}

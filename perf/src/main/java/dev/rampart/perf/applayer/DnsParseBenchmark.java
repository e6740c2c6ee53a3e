package dev.rampart.perf.applayer;

import dev.rampart.capture.synth.Dns;
import dev.rampart.engine.applayer.dns.DnsParser;
import dev.rampart.engine.applayer.dns.DnsTransaction;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one DNS message through a reused {@link DnsParser}: a UDP query, a UDP response with
 * four A answers (compressed names), and the query length-framed over TCP in 7-byte segments.
 * Run with {@code -prof gc}: the steady state allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class DnsParseBenchmark {
    private DnsParser parser;
    private byte[] query;
    private byte[] response;
    private byte[] framed;
    private int seen;

    @Setup(Level.Trial)
    public void setUp() {
        parser = new DnsParser(this::onTx);
        query = Dns.query(0x1234, "www.example.com", Dns.TYPE_A);
        response = Dns.response(0x1234, "www.example.com", Dns.TYPE_A, Dns.RCODE_NOERROR,
                List.of(Dns.Answer.a(60, "10.0.0.1"), Dns.Answer.a(60, "10.0.0.2"), Dns.Answer.a(60, "10.0.0.3"),
                        Dns.Answer.a(60, "10.0.0.4")));
        framed = new byte[query.length + 2];
        framed[0] = (byte) (query.length >> 8);
        framed[1] = (byte) query.length;
        System.arraycopy(query, 0, framed, 2, query.length);
    }

    private void onTx(DnsTransaction tx) {
        seen += tx.queries + tx.records;
    }

    @Benchmark
    public int udpQuery() {
        parser.onUdp(true, query, 0, query.length);
        return seen;
    }

    @Benchmark
    public int udpResponse() {
        parser.onUdp(false, response, 0, response.length);
        return seen;
    }

    @Benchmark
    public int tcpQuerySegmented() {
        for (int i = 0; i < framed.length; i += 7) {
            parser.onData(true, framed, i, Math.min(7, framed.length - i));
        }
        return seen;
    }
}

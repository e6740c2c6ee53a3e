package dev.rampart.perf.applayer;

import dev.rampart.capture.synth.Tls;
import dev.rampart.engine.applayer.tls.TlsParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one ClientHello (a 7-cipher, 7-extension TLS 1.3-style hello of ~200 bytes) through a
 * pooled {@link TlsParser} ({@code reset()} per flow): record layer, handshake reassembly,
 * field slices, and with {@code fingerprints=true} the JA3 string + MD5 and JA4 (+2 SHA-256),
 * which the parser computes on first use, once per handshake, as Suricata does when rules or
 * logging need them (the benchmark asks for ja3()). Delivered whole or in 16-byte segments. Run
 * with {@code -prof gc}: without fingerprints the parse allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class TlsParseBenchmark {
    @Param({"false", "true"})
    public boolean fingerprints;

    @Param({"whole", "16"})
    public String segments;

    private TlsParser parser;
    private byte[] hello;
    private int chunk;

    @Setup(Level.Trial)
    public void setUp() {
        parser = new TlsParser(fingerprints);
        hello = Tls.clientHello("www.example.com", 7);
        chunk = "whole".equals(segments) ? hello.length : Integer.parseInt(segments);
    }

    @Benchmark
    public int clientHello() {
        TlsParser t = parser;
        t.reset();
        for (int i = 0; i < hello.length; i += chunk) {
            t.onData(true, hello, i, Math.min(chunk, hello.length - i));
        }
        return t.sni().length + (t.ja3() == null ? 0 : t.ja3().length());
    }
}

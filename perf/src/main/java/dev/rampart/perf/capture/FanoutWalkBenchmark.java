package dev.rampart.perf.capture;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.FrameSource;
import dev.rampart.capture.file.FileFanout;
import dev.rampart.engine.pipeline.FlowAffinity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The file fanout's own ceiling: {@code readers} readers of one balanced {@link FileFanout} (the
 * workers runmode's, keyed by {@link FlowAffinity#pairKey}) drain a ~440 MB pcap of IPv4/TCP
 * frames between 4,096 address pairs, each on a thread of its own, touching one byte of each of
 * its frames and nothing more. The walks that build the record index form one chain (each starts
 * where the previous window's ended), so however many workers a scan has, it cannot take frames
 * faster than this. One operation is one frame: the score is frames per second over all readers.
 * Each invocation includes what a scan does once: the group's set-up, its window buffers allocated
 * and zeroed (~20 MB); the file's size keeps that a small part.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class FanoutWalkBenchmark {
    /** Four times the other capture benchmarks' file (~440 MB): each invocation also sets a group up. */
    static final int FRAMES = 4 * SyntheticPcap.FRAMES;
    private static final int PAIRS = 4_096;

    @Param({"1", "2"})
    public int readers;

    /** Whether the readers read the windows in ahead of the walks ({@link FileFanout#readsAhead(boolean)}). */
    @Param({"false", "true"})
    public boolean readAhead;

    private Path file;

    @Setup
    public void setup() throws IOException {
        file = SyntheticPcap.write("rampart-fanout-walk-benchmark.pcap", FRAMES, SyntheticPcap.SIZES, FanoutWalkBenchmark::ipv4Tcp);
    }

    /** Ethernet, IPv4 (no options), TCP: the address pair varies with the frame (big-endian fields). */
    private static void ipv4Tcp(ByteBuffer b, int start, int len, int i) {
        int pair = (int) ((i * 2654435761L) >>> 20) % PAIRS;
        b.put(start + 12, (byte) 0x08).put(start + 13, (byte) 0x00);
        b.put(start + 14, (byte) 0x45).put(start + 23, (byte) 6);
        b.put(start + 16, (byte) ((len - 14) >> 8)).put(start + 17, (byte) (len - 14));
        b.put(start + 20, (byte) 0).put(start + 21, (byte) 0);
        b.putInt(start + 26, Integer.reverseBytes(0x0A000000 | pair));
        b.putInt(start + 30, Integer.reverseBytes(0xC0A80001 + (pair & 15)));
    }

    /** The whole file per invocation, every reader on a thread of its own; the score is per frame. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long drainAllReaders() throws Exception {
        try (FileFanout fan = FileFanout.of(file, readers)) {
            if (!fan.balanceBy(FlowAffinity::pairKey)) {
                throw new IllegalStateException("not indexed");
            }
            fan.readsAhead(readAhead);
            PcapReadBenchmark.Toucher[] touchers = new PcapReadBenchmark.Toucher[readers];
            Thread[] threads = new Thread[readers];
            Exception[] failed = new Exception[1];
            for (int r = 0; r < readers; r++) {
                FrameSource src = fan.open(r);
                PcapReadBenchmark.Toucher t = touchers[r] = new PcapReadBenchmark.Toucher();
                threads[r] = new Thread(() -> {
                    try (src) {
                        while (src.poll(t, 4096) >= 0) {
                            // drain
                        }
                    } catch (CaptureException | RuntimeException e) {
                        failed[0] = e;
                    }
                });
                threads[r].start();
            }
            long sum = 0;
            for (int r = 0; r < readers; r++) {
                threads[r].join();
                sum += touchers[r].sum;
            }
            if (failed[0] != null) {
                throw failed[0];
            }
            return sum;
        }
    }
}

package dev.rampart.perf.capture;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.Frame;
import dev.rampart.capture.FrameHandler;
import dev.rampart.capture.FrameSource;
import dev.rampart.capture.file.CaptureFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a ~110 MB pcap (160,000 Ethernet frames of mixed sizes, written once into /tmp) frame by
 * frame through {@link CaptureFiles#open}, touching one byte of each frame. One operation is one
 * frame, so the score is frames per second and {@code -prof gc} B/op is allocation per frame
 * (opening and mapping the file each pass included, amortised over the frames).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class PcapReadBenchmark {
    static final int FRAMES = SyntheticPcap.FRAMES;

    private Path file;
    private final Toucher toucher = new Toucher();

    /** Sums one byte (the last) of every frame, so the bytes are really read. */
    static final class Toucher implements FrameHandler {
        long sum;

        @Override
        public void onFrame(Frame f) {
            sum += f.buffer.get(f.offset + f.captureLength - 1);
        }
    }

    @Setup
    public void setup() throws IOException {
        file = SyntheticPcap.write("rampart-pcap-read-benchmark.pcap", FRAMES, SyntheticPcap.SIZES, (b, start, len, i) -> { });
    }

    /** Whole file per invocation; the score is per frame. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long readAllFrames() throws CaptureException {
        try (FrameSource src = CaptureFiles.open(file)) {
            while (src.poll(toucher, 256) >= 0) {
                // drain
            }
            if (src.stats().received != FRAMES) {
                throw new IllegalStateException("read " + src.stats().received + " frames, expected " + FRAMES);
            }
        }
        return toucher.sum;
    }
}

package dev.rampart.capture.file;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.capture.CaptureException;
import dev.rampart.capture.Frame;
import dev.rampart.capture.FrameHandler;
import dev.rampart.capture.FrameSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Fuzz targets for the file readers. Invariant: any bytes give frames and/or a
 * {@link CaptureException}, never another exception, never a hang, and every frame lies inside
 * its buffer. Under plain {@code mvn test} these run over the kept corpus
 * ({@code CaptureFileFuzzTestInputs/<method>/}); with {@code JAZZER_FUZZ=1} they fuzz, e.g.
 * {@code JAZZER_FUZZ=1 mvn -pl capture test -Dtest=CaptureFileFuzzTest#pcapFile}.
 *
 * <p>While fuzzing, inputs are read from memory through the same windowing code (a file and a
 * mapping per input would cost ~100x the throughput); the corpus regression run also reads each
 * input from a real mapped file. A small window (512 bytes) makes remapping happen on most inputs.
 */
class CaptureFileFuzzTest {
    private static final long WINDOW = 512;
    private static final boolean FUZZING = System.getenv("JAZZER_FUZZ") != null
            && !System.getenv("JAZZER_FUZZ").isEmpty();
    private static final String NAME = "fuzz-input";
    private static Path scratch;

    @FuzzTest(maxDuration = "10m")
    void pcapFile(byte[] data) throws IOException {
        try {
            check(PcapFileSource.open(NAME, ByteBuffer.wrap(data), WINDOW), data.length);
        } catch (CaptureException e) {
            checkMessage(e, NAME);
        }
        if (!FUZZING) {
            Path p = write(data);
            try {
                check(PcapFileSource.open(p, WINDOW), data.length);
            } catch (CaptureException e) {
                checkMessage(e, p.toString());
            }
        }
    }

    @FuzzTest(maxDuration = "10m")
    void pcapngFile(byte[] data) throws IOException {
        try {
            check(PcapngFileSource.open(NAME, ByteBuffer.wrap(data), WINDOW), data.length);
        } catch (CaptureException e) {
            checkMessage(e, NAME);
        }
        if (!FUZZING) {
            Path p = write(data);
            try {
                check(PcapngFileSource.open(p, WINDOW), data.length);
            } catch (CaptureException e) {
                checkMessage(e, p.toString());
            }
        }
    }

    /**
     * The fanout's record index ({@link FileFanout#indexBy}) over the same bytes: an indexed reader
     * gives exactly the frames (numbers, lengths, times, bytes) and the error a plain reader gives.
     * A file per input (a fanout maps files), so this one fuzzes slower; windows of 512 bytes with
     * 256 past them, so records often need a private mapping.
     */
    @FuzzTest(maxDuration = "10m")
    void pcapFileIndexed(byte[] data) throws IOException {
        Path p = write(data);
        String plain = frames(() -> CaptureFiles.open(p), data.length); // as scan opens a file
        String indexed;
        try (FileFanout fan = FileFanout.of(p, 1, WINDOW, 256, 2)) {
            fan.indexBy((b, off, len, linkType) -> (len & 1) + (len > 0 ? b.get(off) & 1 : 0));
            indexed = frames(fan::open, data.length);
        } catch (CaptureException e) {
            indexed = "open: " + e.getMessage();
        }
        if (!plain.equals(indexed)) {
            throw new AssertionError("indexed reader differs:\n" + plain + "\n---\n" + indexed);
        }
    }

    @FunctionalInterface
    private interface Opener {
        FrameSource open() throws CaptureException;
    }

    /** Every frame a reader gives (number, lengths, time, bytes) and how it ended, as text. */
    private static String frames(Opener opener, int fileLength) {
        StringBuilder sb = new StringBuilder();
        try (FrameSource src = opener.open()) {
            int maxPolls = fileLength / 8 + 3;
            for (int polls = 0; polls <= maxPolls; polls++) {
                if (src.poll(f -> {
                    byte[] d = new byte[f.captureLength];
                    f.buffer.get(f.offset, d);
                    sb.append(f.index).append(' ').append(f.captureLength).append(' ').append(f.originalLength)
                            .append(' ').append(f.timestampNanos).append(' ').append(java.util.Arrays.hashCode(d))
                            .append('\n');
                }, 1 + (polls % 4)) < 0) {
                    return sb.append("end").toString();
                }
            }
            throw new AssertionError("no progress");
        } catch (CaptureException e) {
            return sb.append("error: ").append(e.getMessage()).toString();
        }
    }

    private static void check(FrameSource src, int fileLength) {
        Checker c = new Checker();
        try (src) {
            // Each poll consumes at least one record header or block (>= 8 bytes) or ends.
            int maxPolls = fileLength / 8 + 3;
            for (int polls = 0; ; polls++) {
                if (polls > maxPolls) {
                    throw new AssertionError("no progress after " + polls + " polls");
                }
                int n = src.poll(c, 1 + (polls % 4));
                if (n < 0) {
                    break;
                }
            }
            if (src.stats().received != c.frames) {
                throw new AssertionError("stats " + src.stats().received + " != " + c.frames);
            }
        } catch (CaptureException e) {
            checkMessage(e, src.name());
        }
    }

    private static final class Checker implements FrameHandler {
        long frames;

        @Override
        public void onFrame(Frame f) {
            frames++;
            if (f.index != frames || f.captureLength < 0 || f.offset < 0
                    || f.offset + f.captureLength > f.buffer.limit()
                    || f.captureLength > WindowedFileSource.MAX_CAPTURE_LENGTH) {
                throw new AssertionError("bad frame " + f.index + " off " + f.offset + " len " + f.captureLength
                        + " limit " + f.buffer.limit());
            }
            if (f.captureLength > 0) {
                f.buffer.get(f.offset + f.captureLength - 1);
            }
        }
    }

    private static void checkMessage(CaptureException e, String name) {
        if (e.getMessage() == null || !e.getMessage().startsWith(name + ": ")) {
            throw new AssertionError("message does not name the file: " + e.getMessage());
        }
    }

    private static Path write(byte[] data) throws IOException {
        if (scratch == null) {
            scratch = Files.createTempFile("rampart-fuzz", ".cap");
            scratch.toFile().deleteOnExit();
        }
        try {
            Files.write(scratch, data, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scratch;
    }
}

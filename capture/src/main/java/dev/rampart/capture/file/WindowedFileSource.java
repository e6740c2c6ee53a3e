package dev.rampart.capture.file;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.CaptureStats;
import dev.rampart.capture.Frame;
import dev.rampart.capture.FrameHandler;
import dev.rampart.capture.FrameSource;
import java.nio.ByteBuffer;

/**
 * The poll loop shared by the file readers. A format reader implements {@link #next}: deliver at
 * most one frame, or report the end. Corruption ends the file: frames read before it stay delivered
 * (the poll that met it returns them), the next poll throws the {@link CaptureException} once, and
 * every poll after that returns -1.
 */
abstract class WindowedFileSource implements FrameSource {
    /** Largest captured length accepted (libpcap's maximum snapshot length); beyond is corruption. */
    static final int MAX_CAPTURE_LENGTH = 256 * 1024;

    static final int FRAME = 1;
    static final int SKIPPED = 0;
    static final int END = -1;

    protected final WindowedCaptureFile file;
    private final Frame frame = new Frame();
    private final CaptureStats stats = new CaptureStats();
    private long received;
    private long bytes;
    private CaptureException pending;
    private boolean exhausted;
    /** What the frames delivered next carry as {@link Frame#arrivalNanos} (a fanout reader sets it per window). */
    long arrivalNanos = Frame.NO_ARRIVAL;

    WindowedFileSource(WindowedCaptureFile file) {
        this.file = file;
    }

    /** Reads the next record: {@link #FRAME} after handing one frame over, {@link #SKIPPED}, {@link #END}. */
    abstract int next(FrameHandler handler) throws CaptureException;

    @Override
    public final int poll(FrameHandler handler, int limit) throws CaptureException {
        if (pending != null) {
            CaptureException e = pending;
            pending = null;
            throw e;
        }
        if (exhausted) {
            return -1;
        }
        int n = 0;
        try {
            while (n < limit) {
                int r = next(handler);
                if (r == END) {
                    exhausted = true;
                    break;
                }
                n += r;
            }
        } catch (CaptureException e) {
            exhausted = true;
            publish();
            if (n == 0) {
                throw e;
            }
            pending = e;
            return n;
        }
        publish();
        return n == 0 && exhausted ? -1 : n;
    }

    /**
     * Hands one frame to the handler; the buffer is the window's, no copy. The window stays
     * in place until the handler returns (see {@link WindowedCaptureFile}: windows move only between
     * frames).
     */
    final int deliver(FrameHandler handler, ByteBuffer buffer, int offset, int captureLength, int originalLength,
            int linkType, long timestampNanos, int interfaceId) {
        return deliver(handler, buffer, offset, captureLength, originalLength, linkType, timestampNanos, interfaceId,
                -1);
    }

    /** As above, with the worker a fanout's index gave the frame ({@link Frame#owner}). */
    final int deliver(FrameHandler handler, ByteBuffer buffer, int offset, int captureLength, int originalLength,
            int linkType, long timestampNanos, int interfaceId, int owner) {
        received++;
        bytes += captureLength;
        file.frameInUse(true);
        try {
            Frame f = frame.set(buffer, offset, captureLength, originalLength, linkType, timestampNanos, received,
                    interfaceId);
            f.owner = owner;
            f.arrivalNanos = arrivalNanos;
            handler.onFrame(f);
        } finally {
            file.frameInUse(false);
        }
        return FRAME;
    }

    /**
     * Counts {@code records} records of {@code bytes} captured bytes this reader passed without
     * handing them over (a fanout reader's records of other workers), in file order between the
     * frames it delivers: frame numbers stay the file's record numbers.
     */
    final void passed(FrameHandler handler, int records, long bytes) {
        received += records;
        this.bytes += bytes;
        if (records > 0) {
            handler.onSkipped(records);
        }
    }

    /** A corruption error naming the file and the byte offset. */
    final CaptureException corrupt(long offset, String what) {
        return new CaptureException(file.name() + ": offset " + offset + ": " + what);
    }

    // Plain fields are counted per frame; the volatile stats are written once per poll.
    private void publish() {
        stats.received = received;
        stats.bytes = bytes;
    }

    @Override
    public final CaptureStats stats() {
        return stats;
    }

    @Override
    public final String name() {
        return file.name();
    }

    @Override
    public void close() {
        exhausted = true;
        pending = null;
        file.close();
    }
}

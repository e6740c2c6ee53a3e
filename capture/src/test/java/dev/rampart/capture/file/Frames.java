package dev.rampart.capture.file;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.FrameSource;
import java.util.ArrayList;
import java.util.List;

/** Test helper: drains a source into copied frames, remembering how it ended. */
final class Frames {
    record Copy(byte[] data, int originalLength, int linkType, long timestampNanos, long index, int interfaceId) {
    }

    final List<Copy> frames = new ArrayList<>();
    CaptureException error;

    static Frames drain(FrameSource source, int limit) {
        Frames f = new Frames();
        try {
            while (true) {
                int n = source.poll(frame -> {
                    byte[] d = new byte[frame.captureLength];
                    frame.buffer.get(frame.offset, d);
                    f.frames.add(new Copy(d, frame.originalLength, frame.linkType, frame.timestampNanos,
                            frame.index, frame.interfaceId));
                }, limit);
                if (n < 0) {
                    break;
                }
            }
        } catch (CaptureException e) {
            f.error = e;
        }
        return f;
    }

    Frames rethrow() throws CaptureException {
        if (error != null) {
            throw error;
        }
        return this;
    }

    int size() {
        return frames.size();
    }

    Copy get(int i) {
        return frames.get(i);
    }
}

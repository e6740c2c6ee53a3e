package dev.rampart.engine.testutil;

import dev.rampart.engine.flow.Flow;
import dev.rampart.engine.stream.StreamConsumer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Records delivered bytes per direction ('_' for each gap byte) and checks that every call
 * continues exactly where the previous one ended: no byte twice, offsets monotonic.
 */
public final class RecordingConsumer implements StreamConsumer {
    private final StringBuilder[] text = {new StringBuilder(), new StringBuilder()};
    private final long[] next = new long[2];
    public final List<String> violations = new ArrayList<>();
    public final List<long[]> gaps = new ArrayList<>();
    /** End-of-stream calls in order: "ts" or "tc" with the bytes delivered before, e.g. "tc@17". */
    public final List<String> ends = new ArrayList<>();
    private final boolean[] ended = new boolean[2];
    public long deliveredBytes;
    /** Consume at most this many bytes per call (to exercise partial consumption). */
    public int maxPerCall = Integer.MAX_VALUE;
    public boolean keepText = true;

    private static int idx(boolean toServer) {
        return toServer ? 0 : 1;
    }

    @Override
    public int onData(Flow flow, boolean toServer, byte[] data, int offset, int length, long streamOffset) {
        int i = idx(toServer);
        if (ended[i]) {
            violations.add("data after the end at " + streamOffset);
        }
        if (streamOffset != next[i]) {
            violations.add("data at " + streamOffset + " expected " + next[i]);
        }
        if (length <= 0) {
            violations.add("empty delivery at " + streamOffset);
        }
        int took = Math.min(length, maxPerCall);
        if (keepText) {
            text[i].append(new String(data, offset, took, StandardCharsets.ISO_8859_1));
        }
        next[i] = streamOffset + took;
        deliveredBytes += took;
        return took;
    }

    @Override
    public void onEnd(Flow flow, boolean toServer) {
        int i = idx(toServer);
        if (ended[i]) {
            violations.add("second end of " + (toServer ? "ts" : "tc"));
        }
        ended[i] = true;
        ends.add((toServer ? "ts@" : "tc@") + next[i]);
    }

    @Override
    public void onGap(Flow flow, boolean toServer, long streamOffset, long length) {
        int i = idx(toServer);
        if (streamOffset != next[i]) {
            violations.add("gap at " + streamOffset + " expected " + next[i]);
        }
        if (length <= 0) {
            violations.add("empty gap at " + streamOffset);
        }
        gaps.add(new long[] {toServer ? 0 : 1, streamOffset, length});
        if (keepText) {
            for (long k = 0; k < length && k < 1_000_000; k++) {
                text[i].append('_');
            }
        }
        next[i] = streamOffset + length;
    }

    public String toServer() {
        return text[0].toString();
    }

    public String toClient() {
        return text[1].toString();
    }

    public long next(boolean toServer) {
        return next[idx(toServer)];
    }
}

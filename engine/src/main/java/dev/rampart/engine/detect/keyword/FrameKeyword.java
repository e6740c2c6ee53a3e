package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.Slice;
import dev.rampart.engine.applayer.StreamFrames;
import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.payload.PayloadProgram;
import dev.rampart.engine.detect.transform.TransformChain;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.keyword.buffer.FrameBuffer;
import dev.rampart.rules.keyword.payload.BsizeOption;
import dev.rampart.rules.keyword.payload.ContentOption;
import java.util.List;
import java.util.Map;

/**
 * The {@code frame} sticky buffer of one rule (Suricata's detect-frame.c with
 * detect-engine-frame.c's inspection): the options after {@code frame:http1.request} run over the
 * stream bytes of one frame, one contiguous run at a time when bytes are missing inside it.
 *
 * <p>When a frame is inspected (Suricata's SetupStreamCallbackData in IDS mode): a frame whose
 * end is known once all of it has arrived; an open one (the stream frame, a message still
 * arriving) once {@link #STEP} new bytes are there, or at the end of the stream (session closed,
 * flow-end pseudo packet) with what is there. Each inspection covers the bytes after the last one
 * ({@link StreamFrames#progress}), so a frame alerts at most once per stretch. Only frames of the
 * packet's direction are inspected, on packets of that direction.
 *
 * <p>A run that does not start at the frame's start is inspected only by rules without absolute
 * anchors (startswith, depth, offset, bsize): Suricata shifts those by the run's offset in the
 * frame, which this does not model.
 */
public final class FrameKeyword {
    /** Bytes an open frame must gain before it is inspected again (Suricata's 2500). */
    public static final long STEP = 2500;

    /** Frame buffer name → frame type: one line per frame type detection supports. */
    private static final Map<String, Integer> TYPES = Map.of(
            FrameBuffer.PREFIX + "http1.request", StreamFrames.HTTP1_REQUEST,
            FrameBuffer.PREFIX + "http1.response", StreamFrames.HTTP1_RESPONSE,
            FrameBuffer.PREFIX + "http1.stream", StreamFrames.STREAM,
            FrameBuffer.PREFIX + "http2.hdr", StreamFrames.HTTP2_HDR,
            FrameBuffer.PREFIX + "http2.data", StreamFrames.HTTP2_DATA,
            FrameBuffer.PREFIX + "http2.pdu", StreamFrames.HTTP2_PDU);

    private final int type;
    private final PayloadProgram program;
    private final TransformChain transforms;
    /** Has options anchored to the frame's start: runs after a gap are not inspected by it. */
    private final boolean anchored;

    private FrameKeyword(int type, PayloadProgram program, TransformChain transforms, boolean anchored) {
        this.type = type;
        this.program = program;
        this.transforms = transforms;
        this.anchored = anchored;
    }

    /** Whether a buffer name is a frame buffer (supported or not). */
    public static boolean isFrameBuffer(String bufferName) {
        return bufferName.startsWith(FrameBuffer.PREFIX);
    }

    /** The frame type of a buffer name, or -1 when detection does not inspect that frame. */
    public static int typeOf(String bufferName) {
        Integer t = TYPES.get(bufferName);
        return t == null ? -1 : t;
    }

    /** The app-layer protocol whose parser records the frames of a supported buffer. */
    public static AppProto protocolOf(String bufferName) {
        return bufferName.startsWith(FrameBuffer.PREFIX + "http2.") ? AppProto.HTTP2 : AppProto.HTTP;
    }

    /**
     * @param type       a type from {@link #typeOf}
     * @param options    the options on the frame buffer, in rule order
     * @param program    their compiled program
     * @param transforms the buffer's transforms, or null
     */
    public static FrameKeyword of(int type, List<? extends PayloadOption> options, PayloadProgram program,
            TransformChain transforms) {
        boolean anchored = false;
        for (PayloadOption o : options) {
            if (o instanceof BsizeOption
                    || (o instanceof ContentOption c && (c.startsWith() || c.offset() != null || c.depth() != null))) {
                anchored = true;
            }
        }
        return new FrameKeyword(type, program, transforms, anchored);
    }

    public int type() {
        return type;
    }

    /**
     * Inspects one run of frame bytes.
     *
     * @param atFrameStart the run starts at the frame's first byte
     */
    public boolean match(Slice run, boolean atFrameStart, DetectContext ctx) {
        if (!atFrameStart && anchored) {
            return false;
        }
        Slice b = transforms == null ? run : transforms.apply(run.array, run.offset, run.length, ctx.transforms, ctx.transformed);
        return program.match(b.array, b.offset, b.length, ctx.inspect);
    }
}

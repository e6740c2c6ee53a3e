package dev.rampart.engine.output.eve;

import dev.rampart.engine.applayer.Slice;
import dev.rampart.engine.applayer.StreamFrames;
import dev.rampart.eve.JsonBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code "frame":{...}} member of an alert on a frame, as Suricata's frame logger writes it
 * into alerts (output-json-frame.c): type, id, direction, stream offset, length, the frame's
 * bytes (base64 and printable, missing stretches written as {@code [N bytes missing]}),
 * whether the frame is complete, and its transaction. Alerts are rare: this allocates.
 */
public final class EveFrameJson {
    private EveFrameJson() {
    }

    /** Frame type names by {@code StreamFrames} type. */
    private static final String[] TYPE_NAMES = {"stream", "request", "response"};

    /**
     * @param frame index of the frame in its direction
     * @param eof   the direction's stream has ended (an open frame is then complete)
     * @return the member, without surrounding commas
     */
    public static byte[] render(StreamFrames frames, boolean toServer, int frame, boolean eof) {
        long off = frames.offset(toServer, frame);
        long len = frames.length(toServer, frame);
        long end = len >= 0 ? off + len : frames.end(toServer);
        byte[] payload = payload(frames, toServer, off, end);
        JsonBuffer b = new JsonBuffer(256 + payload.length * 3);
        b.key("frame").raw('{');
        int type = frames.type(toServer, frame);
        b.key("type").string(type < TYPE_NAMES.length ? TYPE_NAMES[type] : "unknown");
        b.raw(',').key("id").number(frames.id(toServer, frame));
        b.raw(',').key("direction").ascii(toServer ? "\"toserver\"" : "\"toclient\"");
        b.raw(',').key("stream_offset").unsigned(off);
        b.raw(',').key("length").unsigned(end - off);
        b.raw(',').key("payload").string(Base64.getEncoder().encodeToString(payload));
        b.raw(',').key("payload_printable").string(printable(payload));
        b.raw(',').key("complete").ascii(len >= 0 || eof ? "true" : "false");
        long tx = frames.txId(toServer, frame);
        if (tx >= 0) {
            b.raw(',').key("tx_id").unsigned(tx);
        }
        b.raw('}');
        return java.util.Arrays.copyOf(b.array(), b.length());
    }

    /** The kept bytes of {@code [off, end)} with each missing stretch as {@code [N bytes missing]}. */
    static byte[] payload(StreamFrames frames, boolean toServer, long off, long end) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Slice run = new Slice();
        long at = off;
        while (at < end) {
            long start = frames.chunk(toServer, at, end, run);
            long stop = start < 0 ? end : start;
            if (stop > at) {
                out.writeBytes(("[" + (stop - at) + " bytes missing]").getBytes(StandardCharsets.US_ASCII));
            }
            if (start < 0) {
                break;
            }
            out.write(run.array, run.offset, run.length);
            at = start + run.length;
        }
        return out.toByteArray();
    }

    /** Suricata's PrintStringsToBuffer: printable ASCII, CR and LF kept, anything else a dot. */
    static String printable(byte[] data) {
        StringBuilder sb = new StringBuilder(data.length);
        for (byte x : data) {
            int c = x & 0xff;
            sb.append((c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' ? (char) c : '.');
        }
        return sb.toString();
    }
}

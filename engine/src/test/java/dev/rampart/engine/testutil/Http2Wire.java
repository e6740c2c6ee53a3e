package dev.rampart.engine.testutil;

import dev.rampart.capture.PcapWriter;
import dev.rampart.capture.synth.Trace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** HTTP/2 bytes for tests: frames and HPACK blocks of plain literals (names and values under 127 bytes). */
public final class Http2Wire {
    /** HPACK literal representations: without indexing, with incremental indexing. */
    public static final int LITERAL = 0x00, INDEXED_LITERAL = 0x40;

    private Http2Wire() {
    }

    public static byte[] frame(int type, int flags, int stream, byte[] payload) {
        byte[] f = new byte[9 + payload.length];
        f[0] = (byte) (payload.length >>> 16);
        f[1] = (byte) (payload.length >>> 8);
        f[2] = (byte) payload.length;
        f[3] = (byte) type;
        f[4] = (byte) flags;
        f[5] = (byte) (stream >>> 24);
        f[6] = (byte) (stream >>> 16);
        f[7] = (byte) (stream >>> 8);
        f[8] = (byte) stream;
        System.arraycopy(payload, 0, f, 9, payload.length);
        return f;
    }

    /** A header block of name/value pairs, each as a {@code representation} literal with a new name. */
    public static byte[] block(int representation, String... nv) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < nv.length; i += 2) {
            b.write(representation);
            for (int k = 0; k < 2; k++) {
                byte[] v = nv[i + k].getBytes(StandardCharsets.US_ASCII);
                b.write(v.length);
                b.write(v, 0, v.length);
            }
        }
        return b.toByteArray();
    }

    public static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    /** Writes the trace to the file named by system property {@code property}, when it is set (to run the reference on it). */
    public static void writeIfAsked(Trace t, String property) throws IOException {
        String out = System.getProperty(property);
        if (out != null) {
            try (PcapWriter w = PcapWriter.create(Path.of(out))) {
                t.writeTo(w);
            }
        }
    }
}

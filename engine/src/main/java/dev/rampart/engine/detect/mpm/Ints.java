package dev.rampart.engine.detect.mpm;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Length-prefixed int arrays in bulk, and range checks for arrays read back from disk. */
final class Ints {
    private static final int CHUNK = 4096;

    private Ints() {
    }

    static void write(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * 4);
        for (int i = 0; i < a.length; i += CHUNK) {
            int n = Math.min(CHUNK, a.length - i);
            buf.clear();
            buf.asIntBuffer().put(a, i, n);
            out.write(buf.array(), 0, n * 4);
        }
    }

    static int[] read(DataInputStream in, int minLen, int maxLen) throws IOException {
        int len = in.readInt();
        if (len < minLen || len > maxLen) {
            throw new IOException("array length " + len + " outside [" + minLen + ", " + maxLen + "]");
        }
        int[] a = new int[len];
        byte[] raw = new byte[CHUNK * 4];
        for (int i = 0; i < len; i += CHUNK) {
            int n = Math.min(CHUNK, len - i);
            in.readFully(raw, 0, n * 4);
            ByteBuffer.wrap(raw, 0, n * 4).asIntBuffer().get(a, i, n);
        }
        return a;
    }

    static void check(int[] a, int min, int max, String what) throws IOException {
        for (int i = 0; i < a.length; i++) {
            if (a[i] < min || a[i] > max) {
                throw new IOException(what + "[" + i + "] = " + a[i] + " outside [" + min + ", " + max + "]");
            }
        }
    }
}

package dev.rampart.rules;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whole-file reads in 64 KiB pieces. {@code Files.readString}/{@code readAllBytes} read through a
 * file channel into the heap array, and the JDK stages such a read in a temporary direct buffer
 * as large as the file that it then keeps cached for the thread: the 12 MB ET Open rule file
 * stayed resident (NMT "Other") for the whole scan. Piecewise reads stage at most a piece.
 */
public final class FileContents {
    static final int PIECE = 64 * 1024;

    private FileContents() {
    }

    public static byte[] bytes(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException(file + ": too large to read at once (" + size + " bytes)");
        }
        byte[] out = new byte[(int) size];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (n < out.length) {
                int r = in.read(out, n, Math.min(PIECE, out.length - n));
                if (r < 0) {
                    throw new EOFException(file + ": shorter than its size (" + n + " of " + size + " bytes)");
                }
                n += r;
            }
            // a file that grew since its size was read: the rest too
            byte[] more = in.readNBytes(PIECE);
            if (more.length > 0) {
                byte[] rest = in.readAllBytes();
                byte[] all = java.util.Arrays.copyOf(out, out.length + more.length + rest.length);
                System.arraycopy(more, 0, all, out.length, more.length);
                System.arraycopy(rest, 0, all, out.length + more.length, rest.length);
                return all;
            }
        }
        return out;
    }

    public static String utf8(Path file) throws IOException {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }
}

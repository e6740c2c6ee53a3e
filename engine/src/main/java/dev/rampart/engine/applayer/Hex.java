package dev.rampart.engine.applayer;

/** Hex rendering for fingerprints and serials (once per handshake, not per packet). */
public final class Hex {
    private static final char[] LOWER = "0123456789abcdef".toCharArray();
    private static final char[] UPPER = "0123456789ABCDEF".toCharArray();

    private Hex() {}

    /** {@code aa:bb:..} (lower) or {@code AA:BB:..} (upper); sep 0 means no separator. */
    public static String encode(byte[] b, int off, int len, char sep, boolean upper) {
        char[] digits = upper ? UPPER : LOWER;
        StringBuilder sb = new StringBuilder(len * 3);
        for (int i = 0; i < len; i++) {
            if (i > 0 && sep != 0) {
                sb.append(sep);
            }
            int v = b[off + i] & 0xFF;
            sb.append(digits[v >>> 4]).append(digits[v & 0xF]);
        }
        return sb.toString();
    }

    public static String lower(byte[] b) {
        return encode(b, 0, b.length, (char) 0, false);
    }
}

package dev.rampart.engine.detect.mpm;

/**
 * A 128-bit non-cryptographic hash of a byte range (MurmurHash3's x64 128-bit mixing: 16-byte
 * blocks through two multiply-rotate lanes, a 64-bit avalanche at the end). It names the
 * {@link MpmCache}'s files: pattern lists are the operator's own rules, so only accidental
 * collisions matter, and for the few thousand lists a rule set has those are ~2^-100 likely.
 * SHA-256 named them before: in the C1-compiled start-up it was ~40 ms of an ET Open load.
 */
final class Hash128 {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private Hash128() {
    }

    /** The hash of {@code b[0, len)} as two longs {high, low}. */
    static long[] of(byte[] b, int len) {
        long h1 = 0;
        long h2 = 0;
        int blocks = len >>> 4;
        for (int i = 0; i < blocks; i++) {
            long k1 = le64(b, i << 4);
            long k2 = le64(b, (i << 4) + 8);
            h1 ^= Long.rotateLeft(k1 * C1, 31) * C2;
            h1 = Long.rotateLeft(h1, 27) + h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= Long.rotateLeft(k2 * C2, 33) * C1;
            h2 = Long.rotateLeft(h2, 31) + h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int tail = blocks << 4;
        int rest = len - tail;
        if (rest > 8) {
            h2 ^= Long.rotateLeft(partial(b, tail + 8, rest - 8) * C2, 33) * C1;
        }
        if (rest > 0) {
            h1 ^= Long.rotateLeft(partial(b, tail, Math.min(rest, 8)) * C1, 31) * C2;
        }
        h1 ^= len;
        h2 ^= len;
        h1 += h2;
        h2 += h1;
        h1 = avalanche(h1);
        h2 = avalanche(h2);
        h1 += h2;
        h2 += h1;
        return new long[] {h1, h2};
    }

    private static long le64(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24
                | (b[at + 4] & 0xffL) << 32 | (b[at + 5] & 0xffL) << 40 | (b[at + 6] & 0xffL) << 48
                | (b[at + 7] & 0xffL) << 56;
    }

    /** {@code n} (1-8) bytes from {@code at}, little-endian. */
    private static long partial(byte[] b, int at, int n) {
        long k = 0;
        for (int i = n - 1; i >= 0; i--) {
            k = k << 8 | (b[at + i] & 0xffL);
        }
        return k;
    }

    private static long avalanche(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}

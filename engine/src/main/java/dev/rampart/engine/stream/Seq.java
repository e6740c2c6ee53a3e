package dev.rampart.engine.stream;

/** TCP sequence arithmetic modulo 2^32 (RFC 1982 style): values are ints, compared by difference. */
public final class Seq {
    private Seq() {
    }

    public static boolean lt(int a, int b) {
        return a - b < 0;
    }

    public static boolean leq(int a, int b) {
        return a - b <= 0;
    }

    public static boolean gt(int a, int b) {
        return a - b > 0;
    }

    public static boolean geq(int a, int b) {
        return a - b >= 0;
    }

    public static int max(int a, int b) {
        return gt(a, b) ? a : b;
    }
}

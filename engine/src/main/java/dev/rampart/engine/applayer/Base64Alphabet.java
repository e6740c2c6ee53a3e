package dev.rampart.engine.applayer;

/** The RFC 4648 base64 alphabet, shared by the decoders that read it (MIME bodies, base64_decode). */
public final class Base64Alphabet {
    private Base64Alphabet() {
    }

    /** The 6-bit value of base64 character {@code c}, or -1 when it is not one ('=' included). */
    public static int sextet(int c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    }
}

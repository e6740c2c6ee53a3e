package dev.rampart.engine.detect.transform;

import dev.rampart.rules.keyword.transform.FromBase64;

/**
 * Base64 decoding with Suricata's dialects: RFC 4648 stops at the first invalid character, RFC
 * 2045 skips characters outside the alphabet, strict refuses any (output nothing). A trailing
 * partial quantum is decoded as far as it goes.
 */
final class Base64 {
    private static final int[] VALUE = new int[256];

    static {
        java.util.Arrays.fill(VALUE, -1);
        String a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < a.length(); i++) {
            VALUE[a.charAt(i)] = i;
        }
    }

    private Base64() {
    }

    static int decode(byte[] in, int off, int len, byte[] out, FromBase64.Mode mode) {
        int n = 0;
        int acc = 0;
        int bits = 0;
        for (int i = 0; i < len; i++) {
            int c = in[off + i] & 0xFF;
            if (c == '=') {
                break;
            }
            int v = VALUE[c];
            if (v < 0) {
                if (mode == FromBase64.Mode.RFC2045) {
                    continue;
                }
                if (mode == FromBase64.Mode.STRICT) {
                    return 0;
                }
                break;
            }
            acc = acc << 6 | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (byte) (acc >> bits);
                acc &= (1 << bits) - 1;
            }
        }
        return n;
    }
}

package dev.rampart.engine.detect.seclang.transform;

/**
 * {@code t:base64DecodeExt}: forgiving base64 (ModSecurity's decode_base64_ext): stops at a NUL,
 * skips every char outside the alphabet (whitespace, '.', ...), skips '=' padding, but gives an
 * empty result when a '=' not followed by another '=' comes after one data char of a quantum;
 * an incomplete final quantum's partial byte is dropped.
 */
public final class Base64DecodeExt implements Transformation {
    @Override
    public String apply(String value) {
        int n = Latin1.cString(value);
        char[] out = new char[n];
        int i = 0;
        int j = 0;
        int acc = 0;
        for (int p = 0; p < n; p++) {
            char c = value.charAt(p);
            if (c == '=') {
                char next = p + 1 < value.length() ? value.charAt(p + 1) : '\0';
                if (next != '=' && i % 4 == 1) {
                    return "";
                }
                continue;
            }
            int s = sextet(c);
            if (s < 0) {
                continue;
            }
            switch (i % 4) {
                case 0 -> acc = s << 2;
                case 1 -> {
                    out[j++] = (char) ((acc | s >> 4) & 0xFF);
                    acc = (s & 0x0F) << 4;
                }
                case 2 -> {
                    out[j++] = (char) ((acc | s >> 2) & 0xFF);
                    acc = (s & 0x03) << 6;
                }
                default -> out[j++] = (char) ((acc | s) & 0xFF);
            }
            i++;
        }
        return Latin1.result(value, out, j);
    }

    /** The base64 value of an alphabet char (A-Z a-z 0-9 + /), else -1. */
    static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        } else if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        } else if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        } else if (c == '+') {
            return 62;
        } else if (c == '/') {
            return 63;
        }
        return -1;
    }
}

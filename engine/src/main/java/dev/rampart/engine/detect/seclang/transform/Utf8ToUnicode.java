package dev.rampart.engine.detect.seclang.transform;

/**
 * {@code t:utf8toUnicode}: each valid 2, 3 or 4 byte UTF-8 sequence becomes "%u" and its code
 * point in lowercase hex, at least 4 digits. ModSecurity 2.9.7 quirks kept: a lead byte
 * (C0-F7) whose sequence is invalid or truncated is dropped; other bytes 80-FF are kept; overlong
 * forms and surrogates also keep the lead byte after the %u text; F5-F7 leads are copied before
 * their %u; the 4-byte code point keeps ModSecurity's bug (third byte contributes 0 or 1, not
 * bits 6-11); the value ends at the first NUL byte.
 */
public final class Utf8ToUnicode implements Transformation {
    @Override
    public String apply(String value) {
        int n = Latin1.cString(value);
        StringBuilder out = new StringBuilder(n + 16);
        int i = 0;
        while (i < n) {
            int c = value.charAt(i);
            int len = 0;
            int d = 0;
            if ((c & 0x80) == 0) {
                out.append((char) c);
            } else if ((c & 0xE0) == 0xC0) {
                if (cont(value, i + 1, n)) {
                    len = 2;
                    d = ((c & 0x1F) << 6) | (value.charAt(i + 1) & 0x3F);
                    appendCode(out, d);
                }
            } else if ((c & 0xF0) == 0xE0) {
                if (cont(value, i + 1, n) && cont(value, i + 2, n)) {
                    len = 3;
                    d = ((c & 0x0F) << 12) | ((value.charAt(i + 1) & 0x3F) << 6) | (value.charAt(i + 2) & 0x3F);
                    appendCode(out, d);
                }
            } else if ((c & 0xF8) == 0xF0) {
                if (c >= 0xF5) {
                    out.append((char) c);
                }
                if (cont(value, i + 1, n) && cont(value, i + 2, n) && cont(value, i + 3, n)) {
                    len = 4;
                    // ModSecurity's "< 6" where "<< 6" was meant.
                    d = ((c & 0x07) << 18) | ((value.charAt(i + 1) & 0x3F) << 12)
                            | ((value.charAt(i + 2) & 0x3F) < 6 ? 1 : 0) | (value.charAt(i + 3) & 0x3F);
                    appendCode(out, d);
                }
            } else {
                out.append((char) c);
            }
            if (d >= 0xD800 && d <= 0xDFFF) {
                out.append((char) c);
            }
            if ((len == 4 && d < 0x10000) || (len == 3 && d < 0x800) || (len == 2 && d < 0x80)) {
                out.append((char) c);
            }
            i += len > 0 ? len : 1;
        }
        return Latin1.result(value, out);
    }

    /** A continuation byte 10xxxxxx at i; past the value ModSecurity reads its NUL terminator. */
    private static boolean cont(String s, int i, int n) {
        return i < n && (s.charAt(i) & 0xC0) == 0x80;
    }

    private static void appendCode(StringBuilder out, int d) {
        String hex = Integer.toHexString(d);
        out.append("%u");
        for (int k = hex.length(); k < 4; k++) {
            out.append('0');
        }
        out.append(hex);
    }
}

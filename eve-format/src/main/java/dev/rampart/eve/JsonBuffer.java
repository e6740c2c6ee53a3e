package dev.rampart.eve;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable UTF-8 byte buffer with the few JSON primitives EVE records need. Reused for every
 * record: {@link #reset()} keeps the array, so once it has grown to the largest record the writer
 * allocates nothing. Strings are escaped as Suricata's JsonBuilder does: {@code "} and {@code \}
 * get a backslash, the control characters with a short form use it (b, f, n, r, t), the
 * other characters below 0x20 become {@code \\u00XX} (lowercase hex), everything else (non-ASCII
 * included) is written as raw UTF-8.
 */
public final class JsonBuffer {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] buf;
    private int len;

    public JsonBuffer(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public void reset() {
        len = 0;
    }

    public int length() {
        return len;
    }

    /** The backing array; valid bytes are {@code [0, length())}. */
    public byte[] array() {
        return buf;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void ensure(int extra) {
        int need = len + extra;
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
        }
    }

    public JsonBuffer raw(byte b) {
        ensure(1);
        buf[len++] = b;
        return this;
    }

    public JsonBuffer raw(char c) {
        return raw((byte) c);
    }

    public JsonBuffer raw(byte[] bytes) {
        return raw(bytes, 0, bytes.length);
    }

    public JsonBuffer raw(byte[] bytes, int off, int n) {
        ensure(n);
        System.arraycopy(bytes, off, buf, len, n);
        len += n;
        return this;
    }

    /** Appends an ASCII-only constant (keys, names) without escaping. */
    public JsonBuffer ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** Appends a decimal. */
    public JsonBuffer number(long v) {
        if (v == Long.MIN_VALUE) {
            return ascii("-9223372036854775808");
        }
        ensure(20);
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = len + digits;
        for (int i = end - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        len = end;
        return this;
    }

    /** Appends an unsigned 64-bit decimal (Suricata's uint fields, e.g. flow_id). */
    public JsonBuffer unsigned(long v) {
        if (v >= 0) {
            return number(v);
        }
        long q = (v >>> 1) / 5;
        int r = (int) (v - q * 10);
        number(q);
        return raw((byte) ('0' + r));
    }

    /** Appends fixed-width zero-padded digits. */
    public JsonBuffer padded(long v, int width) {
        ensure(width);
        for (int i = len + width - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        len += width;
        return this;
    }

    /** Appends a lowercase hex digit. */
    public JsonBuffer hexDigit(int nibble) {
        return raw(HEX[nibble & 0xf]);
    }

    /** Appends {@code s} as a quoted, escaped JSON string encoded as UTF-8. */
    public JsonBuffer string(CharSequence s) {
        raw((byte) '"');
        int n = s.length();
        ensure(n + 2);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                ensure(1);
                buf[len++] = (byte) c;
            } else if (c < 0x80) {
                escapeAscii(c);
            } else if (c < 0x800) {
                ensure(2);
                buf[len++] = (byte) (0xc0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                ensure(4);
                buf[len++] = (byte) (0xf0 | (cp >> 18));
                buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                buf[len++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                // A lone surrogate has no UTF-8 form; U+FFFD as Java's own encoder writes it.
                ensure(3);
                buf[len++] = (byte) 0xef;
                buf[len++] = (byte) 0xbf;
                buf[len++] = (byte) 0xbd;
            } else {
                ensure(3);
                buf[len++] = (byte) (0xe0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                buf[len++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        return raw((byte) '"');
    }

    private void escapeAscii(char c) {
        ensure(6);
        buf[len++] = '\\';
        switch (c) {
            case '"' -> buf[len++] = '"';
            case '\\' -> buf[len++] = '\\';
            case '\n' -> buf[len++] = 'n';
            case '\r' -> buf[len++] = 'r';
            case '\t' -> buf[len++] = 't';
            case '\b' -> buf[len++] = 'b';
            case '\f' -> buf[len++] = 'f';
            default -> {
                buf[len++] = 'u';
                buf[len++] = '0';
                buf[len++] = '0';
                buf[len++] = HEX[(c >> 4) & 0xf];
                buf[len++] = HEX[c & 0xf];
            }
        }
    }

    /** {@code "key":} for an ASCII key. */
    public JsonBuffer key(String k) {
        raw((byte) '"');
        ascii(k);
        raw((byte) '"');
        return raw((byte) ':');
    }
}

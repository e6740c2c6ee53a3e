package dev.rampart.rules;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Immutable bytes with value equality; the pattern of a content, the data of a transform. */
public final class ByteString {
    private final byte[] bytes;

    private ByteString(byte[] bytes) {
        this.bytes = bytes;
    }

    public static ByteString copyOf(byte[] bytes) {
        return new ByteString(bytes.clone());
    }

    public static ByteString ascii(String s) {
        return new ByteString(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    public int length() {
        return bytes.length;
    }

    public byte byteAt(int i) {
        return bytes[i];
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    /**
     * Appends the bytes in Suricata content syntax (without the quotes): printable ASCII as is,
     * everything else and the characters that need escaping as {@code |xx xx|} hex blocks.
     */
    public void appendContentSyntax(StringBuilder out) {
        boolean hex = false;
        for (byte b : bytes) {
            int c = b & 0xFF;
            boolean literal = c >= 0x20 && c < 0x7F && c != '"' && c != ';' && c != '\\' && c != '|' && c != ':';
            if (literal) {
                if (hex) {
                    out.append('|');
                    hex = false;
                }
                out.append((char) c);
            } else {
                if (!hex) {
                    out.append('|');
                    hex = true;
                } else {
                    out.append(' ');
                }
                out.append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            }
        }
        if (hex) {
            out.append('|');
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteString b && Arrays.equals(b.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendContentSyntax(sb);
        return sb.toString();
    }
}

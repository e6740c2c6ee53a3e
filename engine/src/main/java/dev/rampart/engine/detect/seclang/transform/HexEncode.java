package dev.rampart.engine.detect.seclang.transform;

/** {@code t:hexEncode}: each byte as two lowercase hex digits. */
public final class HexEncode implements Transformation {
    @Override
    public String apply(String value) {
        StringBuilder out = new StringBuilder(value.length() * 2);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(HEX[c >> 4]).append(HEX[c & 0xF]);
        }
        return value.isEmpty() ? value : out.toString();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
}

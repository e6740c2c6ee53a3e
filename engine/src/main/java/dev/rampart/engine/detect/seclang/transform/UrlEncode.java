package dev.rampart.engine.detect.seclang.transform;

/** {@code t:urlEncode}: keeps A-Z a-z 0-9 and '*', space becomes '+', every other byte %xx (lowercase hex). */
public final class UrlEncode implements Transformation {
    @Override
    public String apply(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ') {
                out.append('+');
            } else if (c == '*' || Latin1.isAlnum(c)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return Latin1.result(value, out);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
}

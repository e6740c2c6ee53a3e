package dev.rampart.engine.applayer;

/** Bytes of a protocol field written as a JSON string the way Suricata's EVE writes them. */
public final class EveText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private EveText() {
    }

    /**
     * Appends {@code "..."}: JSON escapes for quotes, backslashes and control bytes, and bytes above
     * ASCII as the text {@code \xHH} (so {@code "\\xHH"} in the JSON), as Suricata prints them.
     */
    public static StringBuilder quoted(StringBuilder sb, byte[] b, int off, int len) {
        sb.append('"');
        for (int i = 0; i < len; i++) {
            int c = b[off + i] & 0xff;
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 15]);
                    } else if (c >= 0x80) {
                        sb.append("\\\\x").append(HEX[c >> 4]).append(HEX[c & 15]);
                    } else {
                        sb.append((char) c); // DEL included, as Suricata writes it
                    }
                }
            }
        }
        return sb.append('"');
    }
}

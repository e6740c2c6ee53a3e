package dev.rampart.engine.detect.seclang.operator;

/**
 * ModSecurity's phrase content syntax (parse_pm_content), used by @pm, @pmFromFile lines and
 * @strmatch: an argument wholly in double quotes loses them, {@code |41 42|} spans are hex bytes
 * (spaces inside ignored), and a backslash escapes one of {@code : ; \ "}. An unsupported escape is
 * an error in ModSecurity, which then falls back to the raw text: {@link #parse} returns null.
 */
final class PmContent {
    private PmContent() {
    }

    static String parse(String raw) {
        int offset = 0;
        while (offset < raw.length() && CNumber.isCSpace(raw.charAt(offset))) {
            offset++;
        }
        String parm = raw.substring(offset);
        if (parm.length() >= 2 && parm.charAt(0) == '"' && parm.charAt(parm.length() - 1) == '"') {
            parm = parm.substring(1, parm.length() - 1);
        }
        if (parm.isEmpty()) {
            return null;
        }
        // rewritten in place as ModSecurity does: without a conversion the whole (partly
        // overwritten) buffer is kept, with one only the x bytes written
        char[] buf = parm.toCharArray();
        int x = 0;
        boolean bin = false;
        boolean esc = false;
        boolean converted = false;
        int hexHigh = -1;
        for (int i = 0; i < buf.length; i++) {
            char c = buf[i];
            if (c == '|') {
                bin = !bin;
            } else if (!esc && c == '\\') {
                esc = true;
            } else if (bin) {
                int d = c < 128 ? Character.digit(c, 16) : -1;
                if (d >= 0) {
                    if (hexHigh < 0) {
                        hexHigh = d;
                    } else {
                        buf[x++] = (char) (hexHigh << 4 | d);
                        hexHigh = -1;
                        converted = true;
                    }
                }
                // other characters (spaces) inside a hex span are skipped
            } else if (esc) {
                if (c == ':' || c == ';' || c == '\\' || c == '"') {
                    buf[x++] = c;
                } else {
                    return null;
                }
                esc = false;
                converted = true;
            } else {
                buf[x++] = c;
            }
        }
        return converted ? new String(buf, 0, x) : new String(buf);
    }
}

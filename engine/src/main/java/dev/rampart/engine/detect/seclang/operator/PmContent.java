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
        StringBuilder out = new StringBuilder(parm.length());
        boolean bin = false;
        boolean esc = false;
        boolean converted = false;
        int hexHigh = -1;
        for (int i = 0; i < parm.length(); i++) {
            char c = parm.charAt(i);
            if (c == '|') {
                bin = !bin;
            } else if (!esc && c == '\\') {
                esc = true;
            } else if (bin) {
                int d = Character.digit(c, 16);
                if (d >= 0 && c < 128) {
                    if (hexHigh < 0) {
                        hexHigh = d;
                    } else {
                        out.append((char) (hexHigh << 4 | d));
                        hexHigh = -1;
                        converted = true;
                    }
                }
                // other characters (spaces) inside a hex span are skipped
            } else if (esc) {
                if (c == ':' || c == ';' || c == '\\' || c == '"') {
                    out.append(c);
                } else {
                    return null;
                }
                esc = false;
                converted = true;
            } else {
                out.append(c);
            }
        }
        return converted ? out.toString() : parm;
    }
}

package dev.rampart.engine.detect.seclang.transform;

/**
 * {@code t:urlDecodeUni}: {@link UrlDecode} plus IIS %uHHHH. As ModSecurity without a unicode map
 * (no SecUnicodeMapFile), %uHHHH gives its low byte, plus 0x20 for full-width ASCII (%uFF01 to
 * %uFF5E become '!' to '~'); an invalid or truncated %u keeps "%u" and goes on after it.
 * A SecUnicodeMapFile table (modsecurity.conf-recommended loads code page 20127, which maps
 * e.g. U+00E9 to 'e' and U+2018 to '\'' before this fallback) is not applied here.
 */
public final class UrlDecodeUni implements Transformation {
    @Override
    public String apply(String value) {
        int n = value.length();
        if (value.indexOf('%') < 0 && value.indexOf('+') < 0) {
            return value;
        }
        char[] out = new char[n];
        int j = 0;
        int i = 0;
        while (i < n) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 1 < n && (value.charAt(i + 1) == 'u' || value.charAt(i + 1) == 'U')) {
                    if (i + 5 < n && Latin1.isHex(value.charAt(i + 2)) && Latin1.isHex(value.charAt(i + 3))
                            && Latin1.isHex(value.charAt(i + 4)) && Latin1.isHex(value.charAt(i + 5))) {
                        out[j++] = Latin1.lowByteFullWidth(value, i + 2);
                        i += 6;
                    } else {
                        // ModSecurity copies "%u" and resumes after it.
                        out[j++] = value.charAt(i++);
                        out[j++] = value.charAt(i++);
                    }
                } else if (i + 2 < n && Latin1.isHex(value.charAt(i + 1)) && Latin1.isHex(value.charAt(i + 2))) {
                    out[j++] = Latin1.x2c(value.charAt(i + 1), value.charAt(i + 2));
                    i += 3;
                } else {
                    out[j++] = c;
                    i++;
                }
            } else {
                out[j++] = c == '+' ? ' ' : c;
                i++;
            }
        }
        return Latin1.result(value, out, j);
    }
}

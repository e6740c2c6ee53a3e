package dev.rampart.engine.detect.seclang.transform;

/**
 * {@code t:htmlEntityDecode}: &amp;#DDD; and &amp;#xHHH; (the ';' optional) give their value's low byte
 * (a value past a C long saturates, giving 0xFF, as strtol); &amp;quot; &amp;amp; &amp;lt; &amp;gt;
 * &amp;nbsp; (any case, ';' optional) give " &amp; &lt; &gt; 0xA0; anything else is kept as-is.
 */
public final class HtmlEntityDecode implements Transformation {
    @Override
    public String apply(String value) {
        if (value.indexOf('&') < 0) {
            return value;
        }
        int n = value.length();
        char[] out = new char[n];
        int d = 0;
        int i = 0;
        while (i < n) {
            int copy = 1;
            if (value.charAt(i) == '&' && i + 1 < n) {
                int j = i + 1;
                if (value.charAt(j) == '#') {
                    copy++;
                    if (j + 1 < n) {
                        j++;
                        int radix = 10;
                        boolean more = true;
                        if (value.charAt(j) == 'x' || value.charAt(j) == 'X') {
                            copy++;
                            radix = 16;
                            more = j + 1 < n;
                            j++;
                        }
                        if (more) {
                            int k = j;
                            while (j < n && (radix == 16 ? Latin1.isHex(value.charAt(j)) : Latin1.isDigit(value.charAt(j)))) {
                                j++;
                            }
                            if (j > k) {
                                out[d++] = (char) (strtol(value, k, j, radix) & 0xFF);
                                i = j < n && value.charAt(j) == ';' ? j + 1 : j;
                                continue;
                            }
                        }
                    }
                } else {
                    int k = j;
                    while (j < n && Latin1.isAlnum(value.charAt(j))) {
                        j++;
                    }
                    if (j > k) {
                        int e = named(value, k, j);
                        if (e >= 0) {
                            out[d++] = (char) e;
                            i = j < n && value.charAt(j) == ';' ? j + 1 : j;
                            continue;
                        }
                        copy = j - k + 1; // unknown entity: the '&' and its name stay
                    }
                }
            }
            for (int z = 0; z < copy && i < n; z++) {
                out[d++] = value.charAt(i++);
            }
        }
        return Latin1.result(value, out, d);
    }

    private static int named(String s, int from, int to) {
        int len = to - from;
        if (len < 2 || len > 4) {
            return -1;
        }
        String name = s.substring(from, to);
        if (name.equalsIgnoreCase("quot")) {
            return '"';
        } else if (name.equalsIgnoreCase("amp")) {
            return '&';
        } else if (name.equalsIgnoreCase("lt")) {
            return '<';
        } else if (name.equalsIgnoreCase("gt")) {
            return '>';
        } else if (name.equalsIgnoreCase("nbsp")) {
            return Latin1.NBSP;
        }
        return -1;
    }

    /** C strtol over validated digits: saturates at LONG_MAX on overflow. */
    private static long strtol(String s, int from, int to, int radix) {
        long v = 0;
        for (int i = from; i < to; i++) {
            int dg = Character.digit(s.charAt(i), radix);
            if (v > (Long.MAX_VALUE - dg) / radix) {
                return Long.MAX_VALUE;
            }
            v = v * radix + dg;
        }
        return v;
    }
}

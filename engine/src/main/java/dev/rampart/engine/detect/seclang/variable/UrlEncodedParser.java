package dev.rampart.engine.detect.seclang.variable;

import java.util.List;

/**
 * ModSecurity v2's {@code parse_arguments}: splits on the separator only ('&amp;'), a name
 * without '=' gets an empty value, empty names are kept ("a&amp;&amp;b" gives three arguments), a
 * trailing separator adds nothing; names and values are decoded by the non-strict url decoder.
 */
final class UrlEncodedParser {

    private UrlEncodedParser() {
    }

    /** Parses {@code s}; returns whether it held an invalid %-escape (URLENCODED_ERROR). */
    static boolean parse(String s, char separator, String origin, List<BodyArg> out) {
        boolean[] invalid = new boolean[1];
        int n = s.length();
        int i = 0;
        String name = null;
        while (i < n) {
            if (name == null) {
                int start = i;
                while (i < n && s.charAt(i) != '=' && s.charAt(i) != separator) {
                    i++;
                }
                String decoded = decode(s.substring(start, i), invalid);
                if (i < n && s.charAt(i) == separator) {
                    add(out, new BodyArg(decoded, "", origin));
                } else {
                    name = decoded;
                }
            } else {
                int start = i;
                while (i < n && s.charAt(i) != separator) {
                    i++;
                }
                add(out, new BodyArg(name, decode(s.substring(start, i), invalid), origin));
                name = null;
            }
            i++; // over the separator (or '=')
        }
        if (name != null) {
            add(out, new BodyArg(name, "", origin));
        }
        return invalid[0];
    }

    private static void add(List<BodyArg> out, BodyArg arg) {
        // ModSecurity skips arguments over SecArgumentsLimit (logged, not an error)
        if (out.size() < BodyArg.LIMIT) {
            out.add(arg);
        }
    }

    /** Non-strict url decoding: '+' is a space, valid %XX decoded, invalid escapes kept as is. */
    static String decode(String s, boolean[] invalid) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '+') {
                b.append(' ');
            } else if (c == '%' && i + 2 < n && hex(s.charAt(i + 1)) >= 0
                    && hex(s.charAt(i + 2)) >= 0) {
                b.append((char) (hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2))));
                i += 2;
            } else {
                if (c == '%') {
                    invalid[0] = true;
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}

package dev.rampart.engine.detect.seclang.variable;

import java.util.List;

/**
 * ModSecurity v2's version 0 cookie parser ({@code parse_cookies_v0}, the default
 * SecCookieFormat 0): tokens split on ';' (empty tokens skipped), leading white space of the
 * name skipped, the name ends at the first '='; a cookie without '=' gets an empty value, a cookie
 * with an empty name is dropped; values are not trimmed nor decoded.
 */
final class CookieParser {

    private CookieParser() {
    }

    static void parseV0(String header, List<VarEntry> out) {
        int n = header.length();
        int i = 0;
        while (i < n) {
            int end = header.indexOf(';', i);
            if (end < 0) {
                end = n;
            }
            int p = i;
            while (p < end && isSpace(header.charAt(p))) {
                p++;
            }
            String token = header.substring(p, end);
            int eq = token.indexOf('=');
            String name = eq < 0 ? token : token.substring(0, eq);
            if (!name.isEmpty()) {
                out.add(new VarEntry(name, eq < 0 ? "" : token.substring(eq + 1)));
            }
            i = end + 1;
        }
    }

    /** C isspace: space, \t, \n, \v, \f, \r. */
    static boolean isSpace(char c) {
        return c == ' ' || (c >= 9 && c <= 13);
    }
}

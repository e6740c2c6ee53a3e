package dev.rampart.engine.detect.seclang.operator;

/** C's {@code atoi} on a byte string, as ModSecurity's numeric operators parse both sides. */
final class CNumber {
    private CNumber() {
    }

    /**
     * Leading white space, an optional sign, then digits; anything else (or a NUL, where the C
     * string ends) stops the number; no digits gives 0. glibc's atoi is {@code (int) strtol}: a value
     * past the long range saturates, and the long is then truncated to int.
     */
    static int atoi(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && isCSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        boolean overflow = false;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            int d = s.charAt(i) - '0';
            if (!overflow) {
                if (v > (Long.MAX_VALUE - d) / 10) {
                    overflow = true;
                } else {
                    v = v * 10 + d;
                }
            }
            i++;
        }
        long l = overflow ? (negative ? Long.MIN_VALUE : Long.MAX_VALUE) : (negative ? -v : v);
        return (int) l;
    }

    /** C isspace in the C locale: space, \t, \n, \v, \f, \r. */
    static boolean isCSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}

package dev.rampart.console.journal;

import dev.rampart.alerts.IpText;

/**
 * What the alert and incident lists keep: a time range (nanoseconds, inclusive), a rule, a host
 * (as source or destination), a severity (priority 1 high .. 4: keeps this one and higher) and
 * whether masked alerts show. Zero or null fields filter nothing.
 */
public record AlertFilter(long fromNanos, long toNanos, long sid, int hostVersion, long hostHi, long hostLo,
                          int maxSeverity, boolean hideMasked) {
    public static final AlertFilter ALL = new AlertFilter(Long.MIN_VALUE, Long.MAX_VALUE, 0, 0, 0, 0, 0, false);

    /** A filter from request parameters; blank ones are absent. Bad values throw with a clear message. */
    public static AlertFilter parse(String from, String to, String sid, String host, String severity, String hideMasked) {
        long f = blank(from) ? Long.MIN_VALUE : TimeText.parse("from", from);
        long t = blank(to) ? Long.MAX_VALUE : TimeText.parse("to", to);
        if (f > t) {
            throw new IllegalArgumentException("from is after to");
        }
        long s = 0;
        if (!blank(sid)) {
            try {
                s = Long.parseLong(sid.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("sid: not a number: " + sid);
            }
            if (s <= 0) {
                throw new IllegalArgumentException("sid must be positive");
            }
        }
        long[] ip = new long[3];
        if (!blank(host)) {
            IpText.parse(host, ip);
        }
        int sev = 0;
        if (!blank(severity)) {
            try {
                sev = Integer.parseInt(severity.strip());
            } catch (NumberFormatException e) {
                sev = -1;
            }
            if (sev < 1 || sev > 4) {
                throw new IllegalArgumentException("severity: 1 (high) to 4");
            }
        }
        boolean hide = "on".equals(hideMasked) || "true".equals(hideMasked) || "1".equals(hideMasked);
        return new AlertFilter(f, t, s, (int) ip[0], ip[1], ip[2], sev, hide);
    }

    public boolean hasHost() {
        return hostVersion != 0;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

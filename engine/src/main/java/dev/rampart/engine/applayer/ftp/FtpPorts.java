package dev.rampart.engine.applayer.ftp;

/**
 * The data port of an FTP session's PORT / EPRT command or PASV / EPSV reply, read as Suricata 7's
 * parsers read them; 0 when the line does not parse (a number past 255, resp. 65535, included).
 * <ul>
 * <li>PORT: "PORT" (upper case), blanks, a number, blanks, then ",n,n,n," and "p1,p2" (no blanks).
 * <li>PASV reply: "227", anything up to "(", four numbers each followed by ",", then p1 "," p2 each
 * with blanks around allowed, then ")".
 * <li>EPSV reply: "229", anything up to "|||", the port with blanks around, "|)".
 * <li>EPRT: "EPRT", anything up to "|", twice more anything up to "|", the port with blanks around, "|".
 * </ul>
 */
final class FtpPorts {
    private FtpPorts() {
    }

    static boolean startsWith(byte[] b, int off, int len, String prefix) {
        if (len < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[off + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int activePort(byte[] b, int len) {
        Cursor c = new Cursor(b, 0, len);
        if (!c.tag("PORT")) {
            return 0;
        }
        c.blanks();
        if (c.digits() < 0) {
            return 0;
        }
        c.blanks();
        for (int k = 0; k < 3; k++) {
            if (!c.tag(",") || c.digits() < 0) {
                return 0;
            }
        }
        if (!c.tag(",")) {
            return 0;
        }
        long p1 = c.number();
        if (p1 < 0 || p1 > 255 || !c.tag(",")) {
            return 0;
        }
        long p2 = c.number();
        return p2 < 0 || p2 > 255 ? 0 : (int) (p1 * 256 + p2);
    }

    static int pasv(byte[] b, int off, int len) {
        Cursor c = new Cursor(b, off, off + len);
        if (!c.tag("227") || !c.until("(") || !c.tag("(")) {
            return 0;
        }
        for (int k = 0; k < 4; k++) {
            if (c.digits() < 0 || !c.tag(",")) {
                return 0;
            }
        }
        long p1 = c.spacedNumber();
        if (p1 < 0 || p1 > 255 || !c.tag(",")) {
            return 0;
        }
        long p2 = c.spacedNumber();
        if (p2 < 0 || p2 > 255 || !c.tag(")")) {
            return 0;
        }
        return (int) (p1 * 256 + p2);
    }

    static int epsv(byte[] b, int off, int len) {
        Cursor c = new Cursor(b, off, off + len);
        if (!c.tag("229") || !c.until("|||") || !c.tag("|||")) {
            return 0;
        }
        long p = c.spacedNumber();
        return p < 0 || p > 65535 || !c.tag("|)") ? 0 : (int) p;
    }

    static int activeEprt(byte[] b, int len) {
        Cursor c = new Cursor(b, 0, len);
        if (!c.tag("EPRT")) {
            return 0;
        }
        for (int k = 0; k < 3; k++) {
            if (!c.until("|") || !c.tag("|")) {
                return 0;
            }
        }
        long p = c.spacedNumber();
        return p < 0 || p > 65535 || !c.tag("|") ? 0 : (int) p;
    }

    /** A read position over {@code b[pos, end)}. */
    private static final class Cursor {
        final byte[] b;
        int pos;
        final int end;

        Cursor(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        boolean tag(String t) {
            if (!startsWith(b, pos, end - pos, t)) {
                return false;
            }
            pos += t.length();
            return true;
        }

        /** Moves to the next occurrence of {@code t}; false when there is none. */
        boolean until(String t) {
            for (int i = pos; i + t.length() <= end; i++) {
                if (startsWith(b, i, end - i, t)) {
                    pos = i;
                    return true;
                }
            }
            return false;
        }

        /** Nom's multispace0: spaces, tabs, CR, LF. */
        void blanks() {
            while (pos < end && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\r' || b[pos] == '\n')) {
                pos++;
            }
        }

        /** Skips one or more digits; their count, or -1 when there is none. */
        int digits() {
            int start = pos;
            while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
                pos++;
            }
            return pos > start ? pos - start : -1;
        }

        /** A number of one or more digits that fits a u16, or -1. */
        long number() {
            int start = pos;
            if (digits() < 0) {
                return -1;
            }
            long v = 0;
            for (int i = start; i < pos; i++) {
                v = v * 10 + (b[i] - '0');
                if (v > 65535) {
                    return -1;
                }
            }
            return v;
        }

        /** {@link #number} with blanks before and after. */
        long spacedNumber() {
            blanks();
            long v = number();
            blanks();
            return v;
        }
    }
}

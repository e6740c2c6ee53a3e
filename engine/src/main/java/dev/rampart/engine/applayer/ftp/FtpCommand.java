package dev.rampart.engine.applayer.ftp;

/**
 * The FTP commands Suricata 7's parser knows, and how it finds a line's command: the name that
 * occurs first in the line (ends earliest), anywhere in it, case-insensitively (its parser runs a
 * multi-pattern search over the line, not a look at its start: "SITE PORT x" is SITE, "xPORT" is
 * PORT). A line with none is no command (no transaction).
 */
public enum FtpCommand {
    PORT, EPRT, AUTH_TLS("AUTH TLS"), PASV, RETR, EPSV, STOR, ABOR, ACCT, ALLO, APPE, CDUP, CHMOD, CWD, DELE, HELP,
    IDLE, LIST, MAIL, MDTM, MKD, MLFL, MODE, MRCP, MRSQ, MSAM, MSND, MSOM, NLST, NOOP, PASS, PWD, QUIT, REIN, REST,
    RMD, RNFR, RNTO, SITE, SIZE, SMNT, STAT, STOU, STRU, SYST, TYPE, UMASK, USER;

    private static final FtpCommand[] ALL = values();
    /** Per upper-case first letter, the commands starting with it. */
    private static final FtpCommand[][] BY_FIRST = new FtpCommand[26][];

    static {
        for (int c = 0; c < 26; c++) {
            char first = (char) ('A' + c);
            BY_FIRST[c] = java.util.Arrays.stream(ALL).filter(x -> x.name.charAt(0) == first).toArray(FtpCommand[]::new);
        }
    }

    /** As written on the wire (upper case). */
    final String name;
    private final byte[] bytes;

    FtpCommand() {
        this(null);
    }

    FtpCommand(String name) {
        this.name = name != null ? name : name();
        this.bytes = this.name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The line's command, or null. */
    static FtpCommand of(byte[] line, int off, int len) {
        FtpCommand best = null;
        int bestEnd = Integer.MAX_VALUE;
        for (int i = 0; i < len; i++) {
            if (i + 3 > bestEnd) {
                break; // every command is 3 bytes or more: none can end before the best one now
            }
            int u = line[off + i] & 0xdf;
            if (u < 'A' || u > 'Z') {
                continue;
            }
            for (FtpCommand c : BY_FIRST[u - 'A']) {
                int end = i + c.bytes.length;
                if (end <= len && end < bestEnd && c.at(line, off + i)) {
                    best = c;
                    bestEnd = end;
                }
            }
        }
        return best;
    }

    private boolean at(byte[] b, int p) {
        for (int k = 0; k < bytes.length; k++) {
            int x = b[p + k];
            if (x >= 'a' && x <= 'z') {
                x -= 32;
            }
            if (x != bytes[k]) {
                return false;
            }
        }
        return true;
    }
}

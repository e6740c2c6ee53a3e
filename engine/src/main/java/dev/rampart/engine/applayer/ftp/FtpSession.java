package dev.rampart.engine.applayer.ftp;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.ListedTransactions;
import java.nio.charset.StandardCharsets;

/**
 * An FTP control connection, parsed as Suricata 7's FTP parser does: lines end at LF (CRLF or LF
 * removed), a line of {@link #MAX_LINE} bytes without one is cut there and the rest up to the next
 * LF dropped; each client line whose command is known ({@link FtpCommand#of}) opens a transaction,
 * each server line goes to the oldest transaction not done (or the newest, when all are), and a
 * reply that is not preliminary (1yz) ends it. The session remembers the last client line's command
 * (none for a line without one) and the last PORT/EPRT line, which {@code ftpbounce} reads. The
 * parser never asks for raw stream inspection (Suricata's does not): the stream is inspected at the
 * chunk and close points, as before there were transactions.
 */
public final class FtpSession extends ListedTransactions<FtpTx> {
    /** Suricata's {@code app-layer.protocols.ftp.max-line-length} default. */
    static final int MAX_LINE = 4096;
    /** Suricata's {@code ftp.max-tx} default: no new transaction while this many older ones are live. */
    static final int MAX_TX = 1024;

    /** Suricata's SC_FILENAME_MAX less its terminator: a transfer's file name is cut there. */
    static final int MAX_FILE_NAME = 4095;

    private final FtpCounters counters;
    /** Where a transfer command's data connection is announced. */
    private final Transfers transfers;
    /** The data port the last PASV/EPSV reply or PORT/EPRT command gave, until a transfer used it; 0 none. */
    private int dynPort;
    /** That port is the client's (PORT, EPRT), not the server's. */
    private boolean active;
    private long parseErrors;
    /** The parser failed: it reads nothing more of the flow. */
    private boolean dead;
    private final Lines client = new Lines();
    private final Lines server = new Lines();
    /** The last client line's command; null after a line without one. */
    private FtpCommand command;
    private byte[] portLine = new byte[0];
    private int portLineLength;

    /** A transfer command's data connection, announced (the app layer keeps it in {@link FtpExpectations}). */
    @FunctionalInterface
    public interface Transfers {
        /**
         * A connection to {@code port} between the session's two hosts will carry {@code fileName};
         * {@code toServer}: its data goes to that connection's server.
         */
        void expect(int port, boolean toServer, FtpCommand command, String fileName);
    }

    /** A session whose transfers are announced nowhere (tests). */
    public FtpSession(FtpCounters counters) {
        this(counters, (port, toServer, command, fileName) -> { });
    }

    public FtpSession(FtpCounters counters, Transfers transfers) {
        this.counters = counters;
        this.transfers = transfers;
    }

    /**
     * A transfer command (RETR, STOR) without a data port or file name: Suricata's parser returns an
     * error there.
     */
    @Override
    public long parseErrors() {
        return parseErrors;
    }

    @Override
    public AppProto proto() {
        return AppProto.FTP;
    }

    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
        changes++;
        if (dead) {
            return;
        }
        (toServer ? client : server).feed(toServer, data, off, len);
    }

    @Override
    public void onGap(boolean toServer, long len) {
        changes++;
        // a line across a gap would be two halves of different lines: start over at the next LF
        (toServer ? client : server).discardToLf();
    }

    @Override
    public void onEnd(boolean toServer) {
        changes++;
    }

    /** The last client line's command (null after a line Suricata found none in). */
    public FtpCommand lastCommand() {
        return command;
    }

    /**
     * Suricata's ftpbounce test on the last PORT line: its first four numbers (skipping what precedes
     * the first digit; numbers up to 256 and of at most 3 digits, each ended by a comma, blanks before
     * the comma allowed) make an IPv4 address other than {@code clientAddress}, the first four bytes of
     * the flow's client address. The line must be longer than 7 bytes.
     */
    public boolean portBounces(int clientAddress) {
        if (command != FtpCommand.PORT) {
            return false;
        }
        byte[] c = portLine;
        int n = portLineLength;
        if (n < 8) {
            return false;
        }
        int i = 0;
        while (i < n && !digit(c[i])) {
            i++;
        }
        int octet = 0;
        int digits = 0;
        int octets = 0;
        int ip = 0;
        for (; i < n && digits < 4; i++) {
            if (digit(c[i])) {
                octet = octet * 10 + (c[i] - '0');
                digits++;
                continue;
            }
            if (octet > 256) {
                return false;
            }
            while (i < n && blank(c[i])) {
                i++;
            }
            if (i >= n || c[i] != ',') {
                return false;
            }
            octets++;
            digits = 0;
            ip = (ip << 8) + octet;
            octet = 0;
            if (octets == 4) {
                return ip != clientAddress;
            }
        }
        return false;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** C's isspace. */
    private static boolean blank(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    private void request(byte[] line, int off, int len, boolean truncated) {
        FtpCommand c = FtpCommand.of(line, off, len);
        command = c;
        if (c == null) {
            return;
        }
        if (!txs.isEmpty() && nextId - txs.get(0).id > MAX_TX) {
            counters.txDropped++;
            return;
        }
        FtpTx tx = new FtpTx(nextId++, c, trimmed(line, off, len), truncated);
        txs.add(tx);
        if (c == FtpCommand.PORT || c == FtpCommand.EPRT) {
            if (portLine.length < len) {
                portLine = new byte[len];
            }
            System.arraycopy(line, off, portLine, 0, len);
            portLineLength = len;
        } else if (c == FtpCommand.RETR || c == FtpCommand.STOR) {
            transfer(c, line, off, len);
        }
    }

    /**
     * A RETR or STOR: its data connection (to {@link #dynPort}) is expected, carrying the file named
     * after the command's first five bytes; the data goes to the data connection's client for a
     * passive download or an active upload (that connection's server is then the FTP server, resp. the
     * client), else to its server.
     */
    private void transfer(FtpCommand c, byte[] line, int off, int len) {
        if (dynPort == 0 || len < 6) {
            // Suricata's parser errors out here, and an error ends app-layer parsing of the flow
            // (StreamTcpDisableAppLayer): measured, a PORT bounce after it did not alert
            parseErrors++;
            dead = true;
            return;
        }
        boolean toClient = (active && c == FtpCommand.STOR) || (!active && c == FtpCommand.RETR);
        String name = new String(line, off + 5, Math.min(MAX_FILE_NAME, len - 5), StandardCharsets.ISO_8859_1);
        transfers.expect(dynPort, !toClient, c, name);
        dynPort = 0;
        active = false;
    }

    private void reply(byte[] line, int off, int len) {
        FtpTx tx = null;
        for (FtpTx t : txs) {
            if (!t.done) {
                tx = t;
                break;
            }
        }
        if (tx == null) {
            if (!txs.isEmpty()) {
                tx = txs.get(txs.size() - 1);
            } else {
                // a reply while no transaction is live (the banner) opens one of its own, as Suricata's
                tx = new FtpTx(nextId++, null, "", false);
                txs.add(tx);
            }
        }
        tx.version++;
        if (command == FtpCommand.PORT || command == FtpCommand.EPRT) {
            // any reply to PORT / EPRT (Suricata reads the session's last command, not the transaction's)
            int port = command == FtpCommand.PORT ? FtpPorts.activePort(portLine, portLineLength)
                    : FtpPorts.activeEprt(portLine, portLineLength);
            if (port == 0) {
                tx.done = true; // and the reply is not kept, as Suricata's
                return;
            }
            dynPort = port;
            active = true;
        } else {
            // the server's data port: a 227 reply to PASV, a 229 one to EPSV
            int port = command == FtpCommand.PASV && FtpPorts.startsWith(line, off, len, "227 ")
                    ? FtpPorts.pasv(line, off, len)
                    : command == FtpCommand.EPSV && FtpPorts.startsWith(line, off, len, "229 ")
                    ? FtpPorts.epsv(line, off, len) : 0;
            if (port != 0) {
                dynPort = port;
                active = false;
            }
        }
        // (an accepted AUTH TLS changes nothing: suricata 7.0.10 kept such a flow FTP, its TLS handshake
        // raw stream to "ftp" rules, no TLS keyword matching; measured)
        if (len > 0) {
            tx.replies.add(trimmed(line, off, len));
        }
        boolean preliminary = len >= 4 && line[off] == '1' && digit(line[off + 1]) && digit(line[off + 2])
                && blank(line[off + 3]);
        if (!preliminary) {
            tx.done = true;
        }
    }

    /** The line as Suricata copies it: trailing blanks removed. */
    private static String trimmed(byte[] b, int off, int len) {
        while (len > 0 && blank(b[off + len - 1])) {
            len--;
        }
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    /** One direction's line splitter: LF ends a line, {@link #MAX_LINE} cuts one. */
    private final class Lines {
        private final byte[] buf = new byte[MAX_LINE];
        private int fill;
        /** A line was cut: drop bytes up to and with the next LF. */
        private boolean discarding;

        void feed(boolean toServer, byte[] data, int off, int len) {
            int end = off + len;
            int p = off;
            while (p < end && !dead) {
                int lf = indexOfLf(data, p, end);
                if (discarding) {
                    if (lf < 0) {
                        return;
                    }
                    discarding = false;
                    p = lf + 1;
                    continue;
                }
                if (lf < 0) {
                    int room = MAX_LINE - fill;
                    int take = Math.min(room, end - p);
                    System.arraycopy(data, p, buf, fill, take);
                    fill += take;
                    p += take;
                    if (fill == MAX_LINE) {
                        line(toServer, buf, 0, MAX_LINE, true);
                        fill = 0;
                        discarding = true;
                    }
                    continue;
                }
                int n = lf + 1 - p;
                if (fill + n >= MAX_LINE) { // with its LF the line reaches the limit: cut, the rest is gone
                    int take = MAX_LINE - fill;
                    System.arraycopy(data, p, buf, fill, take);
                    line(toServer, buf, 0, MAX_LINE, true);
                    fill = 0;
                    p = lf + 1;
                    continue;
                }
                byte[] src;
                int from;
                int total;
                if (fill > 0) {
                    System.arraycopy(data, p, buf, fill, n);
                    src = buf;
                    from = 0;
                    total = fill + n;
                } else {
                    src = data;
                    from = p;
                    total = n;
                }
                int content = total - 1;
                if (content > 0 && src[from + content - 1] == '\r') {
                    content--;
                }
                fill = 0;
                p = lf + 1;
                line(toServer, src, from, content, false);
            }
        }

        void discardToLf() {
            fill = 0;
            discarding = true;
        }

        private void line(boolean toServer, byte[] b, int off, int len, boolean truncated) {
            if (truncated) {
                counters.truncatedLines++;
            }
            if (toServer) {
                request(b, off, len, truncated);
            } else {
                reply(b, off, len);
            }
        }
    }

    private static int indexOfLf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean triggersRawInspection() {
        return true; // and never triggers, as Suricata's FTP parser
    }

    @Override
    protected long idOf(FtpTx tx) {
        return tx.id;
    }

    @Override
    public long txVersion(Object tx, boolean toServer) {
        FtpTx t = (FtpTx) tx;
        return t.version << 1 | (t.done ? 1 : 0);
    }


    /** Suricata's FTP progress: finished once done, in both directions. */
    @Override
    public boolean txComplete(Object tx, boolean toServer) {
        return ((FtpTx) tx).done;
    }


    @Override
    public boolean appendEve(Object tx, StringBuilder out) {
        return false;
    }
}

package dev.rampart.engine.applayer.smtp;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.ListedTransactions;
import dev.rampart.engine.applayer.Slice;
import dev.rampart.eve.JsonBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link AppSession} for SMTP as Suricata 7 parses it (facts from its app-layer-smtp.c, checked with
 * the reference): client commands and server replies line by line, matched in order (pipelining);
 * DATA's body after the server's 354 (at once when the server advertised PIPELINING), up to the
 * "." line, through a {@link MimeDecoder} that turns attachments into files; BDAT chunks counted, not
 * decoded; after an accepted STARTTLS the flow changes to TLS ({@link #protocolChangeRequest}), as
 * Suricata's does. A transaction starts with the first command after the previous one ended (RSET
 * and QUIT start none) and ends with its DATA, or an accepted RSET or STARTTLS.
 *
 * <p>Detection reads each transaction's attachments as {@code file.data} (to the server): a file's
 * bytes are inspected once its part ended, or {@link SmtpFile#INSPECT_MIN_SIZE} bytes are there, or
 * the flow ended, from where the last inspection stopped ({@link #txInspected}). As Suricata's
 * parser, this one asks for raw stream inspection of the client's bytes when a file ends and as an
 * open file grows ({@link #rawInspectTriggers}).
 *
 * <p>The client's lines are split where Suricata splits them, which depends on where its input was
 * cut ({@link #clientData}). Not modelled: encapsulated message/* parts; RFC 2231 continued file
 * names.
 */
public final class SmtpSession extends ListedTransactions<SmtpTx> {
    /** Suricata's SMTP_LINE_BUFFER_LIMIT: longer command and reply lines are cut. */
    static final int LINE_LIMIT = 4096;
    /** Suricata's max-tx default: live transactions a flow keeps. */
    static final int MAX_TX = 256;

    /** Line ends, as the MIME decoder is told them. */
    static final int NONE = 0;
    static final int LF = 1;
    static final int CRLF = 2;
    static final int CR = 3;

    private static final int CMD_OTHER = 0;
    private static final int CMD_DATA = 1;
    private static final int CMD_STARTTLS = 2;
    private static final int CMD_RSET = 3;

    private SmtpTx curr;
    /** Commands waiting for their reply, oldest first. */
    private final ArrayDeque<Integer> commands = new ArrayDeque<>();
    private final Input client = new Input();
    private final Input server = new Input();
    private final LineSink clientLines = this::clientLine;
    private final LineSink serverLines = this::serverLine;
    private boolean dataMode;
    private long bdatLeft;
    /** After an accepted STARTTLS: the client's bytes are TLS, not parsed. */
    private boolean tls;
    private boolean pipelining;
    /** A direction that had a gap is not parsed any more. */
    private final boolean[] gapped = new boolean[2];
    private boolean clientEnded;
    private String helo;
    /** Bytes of the last text buffer handed to detection ({@link #text}). */
    private byte[] textScratch = new byte[64];
    private long rawTriggers;

    final SmtpCounters counters;

    /** A session counting into its own counters (tests). */
    public SmtpSession() {
        this(new SmtpCounters());
    }

    /** A session counting what it cannot keep into {@code counters} (the worker's, shared by its sessions). */
    public SmtpSession(SmtpCounters counters) {
        this.counters = counters;
    }

    @Override
    public AppProto proto() {
        return AppProto.SMTP;
    }

    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
        changes++;
        if (gapped[toServer ? 0 : 1]) {
            return;
        }
        if (toServer) {
            clientData(data, off, len);
        } else {
            server.start(data, off, len);
            counters.truncatedLines += server.lines(serverLines);
        }
    }

    /**
     * The client's bytes as Suricata's SMTPParse takes them: bytes of an unfinished line carried
     * over go first; in a body (DATA mode past the MIME headers) lines end at CR, LF or CRLF and what
     * is left at the end of the input is a line too (SMTPPreProcessCommands), until a piece of a line
     * starts with "-" (a possible boundary); from there on, and otherwise, lines end at LF and an
     * unfinished one waits for more (SMTPGetLine).
     */
    private void clientData(byte[] data, int off, int len) {
        if (tls) {
            return; // TLS after STARTTLS: the flow changes protocol
        }
        Input in = client;
        in.start(data, off, len);
        if (bdatLeft > 0) {
            int n = (int) Math.min(bdatLeft, in.end - in.pos);
            bdatLeft -= n;
            in.pos += n;
        }
        if (dataMode && curr != null && curr.mime != null && !curr.mime.strictLines()) {
            in.pos = bodyLines(in.buf, in.pos, in.end);
        }
        counters.truncatedLines += in.lines(clientLines);
    }

    /** SMTPPreProcessCommands: returns where strict line parsing takes over. */
    private int bodyLines(byte[] in, int pos, int end) {
        int start = pos;
        for (int i = pos; i < end; i++) {
            byte c = in[i];
            int delimiter = NONE;
            int lineEnd = i;
            if (c == '\r') {
                if (i + 1 < end && in[i + 1] == '\n') {
                    i++;
                    delimiter = CRLF;
                } else {
                    delimiter = CR;
                }
            } else if (c == '\n') {
                delimiter = LF;
            }
            if (delimiter == NONE && i != end - 1) {
                continue;
            }
            if (delimiter == NONE) {
                lineEnd = end;
            }
            int rest = end - start;
            if (delimiter == NONE
                    && ((rest == 1 && in[start] == '-') || (rest > 1 && in[start] == '-' && in[start + 1] == '-'))) {
                return start; // a piece of a possible boundary waits for the rest of its line
            }
            clientLine(in, start, lineEnd - start, delimiter);
            start = i + 1;
            if (!dataMode) {
                return start; // the mail ended: commands again
            }
        }
        return end;
    }

    @Override
    public void onGap(boolean toServer, long len) {
        changes++;
        gapped[toServer ? 0 : 1] = true;
    }

    @Override
    public void onEnd(boolean toServer) {
        changes++;
        if (toServer) {
            clientEnded = true;
            if (curr != null) {
                curr.version++;
            }
        }
    }

    @Override
    public void onFlowEnd(boolean toServer) {
        onEnd(toServer);
    }

    // ---- client

    private void clientLine(byte[] b, int off, int len, int delimiter) {
        if (dataMode) {
            if (len == 1 && b[off] == '.') {
                dataMode = false;
                commands.add(CMD_OTHER); // the reply to the mail (Suricata's SMTP_COMMAND_DATA_MODE)
                curr.mime.complete();
                curr.done = true;
                curr.version++;
                return;
            }
            curr.mime.line(b, off, len, delimiter);
            return;
        }
        if (curr == null || (curr.done && !startsWith(b, off, len, "rset") && !startsWith(b, off, len, "quit"))) {
            if (txs.size() >= MAX_TX) {
                counters.txsDropped++;
                return;
            }
            curr = new SmtpTx(nextId++, this);
            txs.add(curr);
        }
        curr.version++;
        if (startsWith(b, off, len, "starttls")) {
            commands.add(CMD_STARTTLS);
        } else if (startsWith(b, off, len, "data")) {
            if (curr.isData) {
                return; // a second DATA in one transaction is ignored
            }
            commands.add(CMD_DATA);
            if (pipelining) {
                enterData();
            }
        } else if (startsWith(b, off, len, "bdat")) {
            commands.add(CMD_OTHER);
            bdatLeft = number(b, off + 4, off + len);
        } else if (startsWith(b, off, len, "helo") || startsWith(b, off, len, "ehlo")) {
            commands.add(CMD_OTHER);
            helo = argument(b, off + 4, off + len);
        } else if (startsWith(b, off, len, "mail from")) {
            commands.add(CMD_OTHER);
            curr.mailFrom = argument(b, off + 9, off + len);
        } else if (startsWith(b, off, len, "rcpt to")) {
            commands.add(CMD_OTHER);
            if (curr.rcptTo.size() < 64) {
                curr.rcptTo.add(argument(b, off + 7, off + len));
            }
        } else if (startsWith(b, off, len, "rset")) {
            commands.add(CMD_RSET);
        } else {
            commands.add(CMD_OTHER);
        }
        if (commands.size() > 256) {
            commands.poll(); // a client that never reads its replies: the oldest are forgotten
        }
    }

    private void enterData() {
        if (curr == null || curr.isData) {
            return;
        }
        dataMode = true;
        curr.isData = true;
        curr.mime = new MimeDecoder(curr);
    }

    // ---- server

    private void serverLine(byte[] b, int off, int len, int delimiter) {
        if (len < 3 || !digit(b[off]) || !digit(b[off + 1]) || !digit(b[off + 2])) {
            return;
        }
        int code = (b[off] - '0') * 100 + (b[off + 1] - '0') * 10 + (b[off + 2] - '0');
        if (len > 3 && b[off + 3] == '-') {
            if (len == 14 && startsWith(b, off + 4, 10, "pipelining")) {
                pipelining = true;
            }
            return; // a multi-line reply answers its command with its last line
        }
        Integer cmd = commands.poll();
        if (cmd == null) {
            return;
        }
        switch (cmd) {
            case CMD_DATA -> {
                if (code == 354) {
                    enterData();
                } else if (dataMode && curr != null && curr.mime != null) {
                    dataMode = false; // a pipelined DATA the server refused
                }
            }
            case CMD_STARTTLS -> {
                if (code == 220) {
                    tls = true;
                    finish();
                }
            }
            case CMD_RSET -> {
                if (code == 250) {
                    finish();
                }
            }
            default -> {
            }
        }
    }

    private void finish() {
        if (curr != null && !curr.done) {
            curr.done = true;
            curr.version++;
        }
    }

    /** After an accepted STARTTLS: the flow becomes TLS (Suricata's AppLayerRequestProtocolTLSUpgrade). */
    @Override
    public AppProto protocolChangeRequest() {
        return tls ? AppProto.TLS : null;
    }

    // ---- files and detection

    void fileGrew(SmtpFile f) {
        // Suricata's SMTPProcessDataChunk: each append to a file of the minimum inspection size that
        // detection has not inspected yet asks for raw inspection of the client's stream
        if (!f.closed && f.inspected == 0 && f.size >= SmtpFile.INSPECT_MIN_SIZE) {
            rawTriggers++;
        }
    }

    void fileClosed() {
        rawTriggers++;
    }

    /** Suricata 8's {@code email.*} header buffers: which header of the mail. */
    public static final int EMAIL_FROM = 0, EMAIL_TO = 1, EMAIL_CC = 2, EMAIL_SUBJECT = 3, EMAIL_DATE = 4,
            EMAIL_X_MAILER = 5, EMAIL_RECEIVED = 6;

    /** {@code smtp.helo}: the session's HELO/EHLO argument, for every transaction. */
    public boolean helo(Slice out) {
        return text(helo, out);
    }

    /** {@code smtp.mail_from}: the transaction's MAIL FROM argument. */
    public boolean mailFrom(SmtpTx tx, Slice out) {
        return text(tx.mailFrom, out);
    }

    /** {@code smtp.rcpt_to} instance {@code index}: the transaction's RCPT TO arguments in order. */
    public boolean rcptTo(SmtpTx tx, int index, Slice out) {
        return index < tx.rcptTo.size() && text(tx.rcptTo.get(index), out);
    }

    /**
     * {@code email.*} instance {@code index} of one of the mail's own headers (its first header block;
     * the last of a name, except Received, of which each is an instance); false while the mail has
     * no such header.
     */
    public boolean emailHeader(SmtpTx tx, int which, int index, Slice out) {
        MimeDecoder m = tx.mime;
        if (m == null) {
            return false;
        }
        if (which == EMAIL_RECEIVED) {
            return index < m.received.size() && text(m.received.get(index), out);
        }
        if (index > 0) {
            return false;
        }
        CharSequence v = switch (which) {
            case EMAIL_FROM -> m.from;
            case EMAIL_TO -> m.to;
            case EMAIL_CC -> m.cc;
            case EMAIL_SUBJECT -> m.subject;
            case EMAIL_DATE -> m.date;
            default -> m.xMailer;
        };
        return text(v, out);
    }

    /** The characters' bytes (ISO-8859-1, as parsed) in this session's scratch: valid until the next call. */
    private boolean text(CharSequence v, Slice out) {
        if (v == null || v.length() == 0) {
            return false;
        }
        int n = v.length();
        if (textScratch.length < n) {
            textScratch = new byte[Math.max(n, textScratch.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            textScratch[i] = (byte) v.charAt(i);
        }
        out.set(textScratch, 0, n);
        return true;
    }

    /**
     * {@code file.data} instance {@code index} of a transaction: the {@code index}-th of its files
     * that has bytes to inspect now (see {@link SmtpFile#inspectable}); false past the last.
     */
    public boolean fileData(SmtpTx tx, int index, Slice out) {
        int k = 0;
        for (SmtpFile f : tx.files) {
            if (f.inspectable(clientEnded)) {
                if (k++ == index) {
                    f.uninspected(out);
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void txInspected(Object tx, boolean toServer) {
        if (!toServer) {
            return;
        }
        for (SmtpFile f : ((SmtpTx) tx).files) {
            if (f.inspectable(clientEnded)) {
                f.markInspected();
            }
        }
    }

    @Override
    public long rawInspectTriggers(boolean toServer) {
        return toServer ? rawTriggers : 0;
    }

    @Override
    public boolean triggersRawInspection() {
        return true;
    }

    @Override
    protected long idOf(SmtpTx tx) {
        return tx.id;
    }

    @Override
    public long txVersion(Object tx, boolean toServer) {
        SmtpTx t = (SmtpTx) tx;
        return t.version << 2 | (t.done ? 1 : 0) | (clientEnded ? 2 : 0);
    }


    /** Suricata's SMTP progress: 1 once done, in both directions. */
    @Override
    public boolean txComplete(Object tx, boolean toServer) {
        return ((SmtpTx) tx).done;
    }

    @Override
    protected void dropped(SmtpTx tx) {
        if (tx == curr) {
            curr = null;
        }
    }

    /**
     * The alert's app-layer members as Suricata 7 logs them for a mail: "smtp" (helo, mail_from,
     * rcpt_to), "email" once DATA began (the parser's status, the mail's From, To and Cc, the
     * names of its multipart's ended attachments) and "files" (name, size, CLOSED once the part
     * ended, else UNKNOWN as Suricata says it). Checked against the reference's alerts on the 14-session capture: the same members.
     */
    @Override
    public boolean appendEve(Object tx, StringBuilder out) {
        SmtpTx t = (SmtpTx) tx;
        JsonBuffer b = new JsonBuffer(256);
        b.key("smtp").raw('{');
        boolean first = true;
        if (helo != null) {
            b.key("helo").string(helo);
            first = false;
        }
        if (t.mailFrom != null) {
            first = comma(b, first);
            b.key("mail_from").string(t.mailFrom);
        }
        if (!t.rcptTo.isEmpty()) {
            comma(b, first);
            b.key("rcpt_to");
            strings(b, t.rcptTo);
        }
        b.raw('}');
        if (t.mime != null) {
            b.raw(',').key("email").raw('{').key("status").string(t.mime.status());
            if (t.mime.from.length() > 0) {
                b.raw(',').key("from").string(t.mime.from.toString().trim());
            }
            addresses(b, "to", t.mime.to);
            addresses(b, "cc", t.mime.cc);
            List<String> names = new ArrayList<>(t.files.size());
            for (SmtpFile f : t.files) {
                if (f.part && f.closed) { // Suricata lists a part once it ended
                    names.add(f.name);
                }
            }
            if (!names.isEmpty()) {
                b.raw(',').key("attachment");
                strings(b, names);
            }
            b.raw('}');
        }
        if (!t.files.isEmpty()) {
            b.raw(',').key("files").raw('[');
            for (int i = 0; i < t.files.size(); i++) {
                SmtpFile f = t.files.get(i);
                if (i > 0) {
                    b.raw(',');
                }
                b.raw('{').key("filename").string(f.name).raw(',').key("gaps").ascii("false").raw(',').key("state")
                        .string(f.closed ? "CLOSED" : "UNKNOWN").raw(',').key("stored").ascii("false").raw(',')
                        .key("size").unsigned(f.size).raw(',').key("tx_id").unsigned(t.id).raw('}');
            }
            b.raw(']');
        }
        out.append(b);
        return true;
    }

    private static boolean comma(JsonBuffer b, boolean first) {
        if (!first) {
            b.raw(',');
        }
        return false;
    }

    private static void strings(JsonBuffer b, List<String> values) {
        b.raw('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.raw(',');
            }
            b.string(values.get(i));
        }
        b.raw(']');
    }

    /** A header's comma-separated addresses, each trimmed, as a list member (none when empty). */
    private static void addresses(JsonBuffer b, String key, CharSequence header) {
        if (header.length() == 0) {
            return;
        }
        // split at commas outside double quotes (suricata 7.0.10 logged "\"jam,abrakadabra.ch\" <m@a.ch>"
        // as one address)
        List<String> list = new ArrayList<>();
        boolean quoted = false;
        int from = 0;
        for (int i = 0; i <= header.length(); i++) {
            char c = i < header.length() ? header.charAt(i) : ',';
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && (!quoted || i == header.length())) {
                String a = header.subSequence(from, i).toString();
                if (!a.isBlank()) {
                    list.add(a.trim());
                }
                from = i + 1;
            }
        }
        b.raw(',').key(key);
        strings(b, list);
    }

    /** The transactions kept now (tests). */
    List<SmtpTx> transactions() {
        return new ArrayList<>(txs);
    }

    /** What this session (and those sharing its counters) could not keep. */
    public SmtpCounters counters() {
        return counters;
    }

    // ---- lines

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean startsWith(byte[] b, int off, int len, String word) {
        if (len < word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.toLowerCase((char) (b[off + i] & 0xFF)) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The text after the command word: leading ':' and blanks skipped. */
    private static String argument(byte[] b, int from, int end) {
        int i = from;
        while (i < end && (b[i] == ' ' || b[i] == ':' || b[i] == '\t')) {
            i++;
        }
        int e = end;
        while (e > i && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
            e--;
        }
        return new String(b, i, e - i, StandardCharsets.ISO_8859_1);
    }

    private static long number(byte[] b, int from, int end) {
        int i = from;
        while (i < end && b[i] == ' ') {
            i++;
        }
        long v = 0;
        while (i < end && digit(b[i]) && v < Integer.MAX_VALUE) {
            v = v * 10 + (b[i++] - '0');
        }
        return v;
    }

    /** Receives one line without its end; {@code delimiter}: the end's bytes (2 CRLF, 1 LF, 0 cut). */
    @FunctionalInterface
    interface LineSink {
        void line(byte[] b, int off, int len, int delimiter);
    }

    /**
     * One direction's input as Suricata's SMTPParse sees it: the bytes of an unfinished line carried
     * over from the last input, then the new ones ({@link #buf} from {@link #pos} to {@link #end}).
     */
    static final class Input {
        private byte[] work = new byte[512];
        private int carried;
        /** The rest of a line cut at {@link #LINE_LIMIT} is skipped up to its end (Suricata's discard_till_lf). */
        private boolean discarding;
        byte[] buf;
        int pos;
        int end;

        void start(byte[] data, int off, int len) {
            if (carried == 0) {
                buf = data;
                pos = off;
                end = off + len;
                return;
            }
            if (carried + len > work.length) {
                work = java.util.Arrays.copyOf(work, Math.max(carried + len, work.length * 2));
            }
            System.arraycopy(data, off, work, carried, len);
            buf = work;
            pos = 0;
            end = carried + len;
            carried = 0;
        }

        /**
         * SMTPGetLine's lines from {@link #pos}: each ends at LF (a CR before it is part of the line
         * end); an unfinished one is carried to the next input, unless {@link #LINE_LIMIT} bytes of it
         * are there: then it is cut and not taken. Returns how many lines were cut.
         */
        int lines(LineSink sink) {
            int cut = 0;
            while (pos < end) {
                int lf = -1;
                for (int k = pos; k < end; k++) {
                    if (buf[k] == '\n') {
                        lf = k;
                        break;
                    }
                }
                if (lf < 0) {
                    if (!discarding) {
                        if (end - pos >= LINE_LIMIT) {
                            cut++;
                            discarding = true;
                        } else {
                            carry();
                        }
                    }
                    return cut;
                }
                int line = pos;
                pos = lf + 1;
                if (discarding) {
                    discarding = false;
                    continue;
                }
                boolean cr = lf > line && buf[lf - 1] == '\r';
                sink.line(buf, line, lf - line - (cr ? 1 : 0), cr ? CRLF : LF);
            }
            return cut;
        }

        /** Keeps the bytes from {@link #pos} for the next input. */
        private void carry() {
            int n = end - pos;
            if (buf != work && n > work.length) {
                work = java.util.Arrays.copyOf(work, Math.max(n, work.length * 2));
            }
            System.arraycopy(buf, pos, work, 0, n);
            carried = n;
            pos = end;
        }
    }
}

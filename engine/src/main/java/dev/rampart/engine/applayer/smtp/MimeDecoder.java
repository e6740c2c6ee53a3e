package dev.rampart.engine.applayer.smtp;

import dev.rampart.engine.applayer.Base64Alphabet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The MIME structure of one mail's DATA, line by line, as Suricata 7's decoder reads it (facts from
 * its util-decode-mime.c, checked with the reference on crafted mails): headers (a name of bytes
 * 33-126 before ':'; a line that is no header continues the one before, joined as it is; the last
 * of a name wins), parts between boundary lines, and the parts that are attachments decoded into
 * {@link SmtpFile}s. Only attachments become files: a {@code filename} parameter in
 * Content-Disposition, else a {@code name} parameter in Content-Type (parameter names exact, after
 * the first ';'). Content-Transfer-Encoding containing "base64" or "quoted-printable" is decoded;
 * anything else is taken as it is, line ends included except the one before the boundary.
 */
final class MimeDecoder {
    /** Suricata's header-value-depth default: longer header values are cut. */
    static final int HEADER_VALUE_DEPTH = 2000;
    /** Received headers a mail keeps for email.received (relays add one each; more are not kept). */
    static final int MAX_RECEIVED = 32;
    /** Boundaries longer than this are ignored (Suricata: a parse error). */
    static final int MAX_BOUNDARY = 254;

    private static final int RAW = 0;
    private static final int BASE64 = 1;
    private static final int QP = 2;

    private final SmtpTx tx;
    /** Boundaries of the open multiparts, innermost last. */
    private final List<byte[]> boundaries = new ArrayList<>();
    private boolean inHeaders = true;
    /** The part's headers so far: Content-Type, -Transfer-Encoding, -Disposition (lowercase names). */
    private final StringBuilder contentType = new StringBuilder();
    private final StringBuilder encoding = new StringBuilder();
    private final StringBuilder disposition = new StringBuilder();
    /** The mail's own From, To and Cc (its first header block), for the alert's "email" object. */
    final StringBuilder from = new StringBuilder();
    final StringBuilder to = new StringBuilder();
    final StringBuilder cc = new StringBuilder();
    /** More of the mail's own headers, for Suricata 8's email.* buffers; each Received one is kept. */
    final StringBuilder subject = new StringBuilder();
    final StringBuilder date = new StringBuilder();
    final StringBuilder xMailer = new StringBuilder();
    final List<StringBuilder> received = new ArrayList<>(2);
    /** Header blocks read so far: the mail's own is the first. */
    private int headerBlocks;
    private boolean complete;
    private boolean started;
    /** The header the previous line was (folded lines continue it), or null. */
    private StringBuilder current;
    private boolean sawHeader;
    /** The part's body: its encoding and its file (null: not an attachment, or before the first part). */
    private int bodyEncoding;
    private SmtpFile file;
    /** Base64 characters of an unfinished quad. */
    private final byte[] quad = new byte[4];
    private int quadLen;
    private int quadPad;
    /** Raw parts: the previous line's end, written only if another line follows. */
    private int heldDelimiter;
    private final byte[] one = new byte[3];

    MimeDecoder(SmtpTx tx) {
        this.tx = tx;
    }

    /**
     * Whether the client's lines end at LF only now: a header block is being read after the first
     * line (Suricata creates its MIME state with the mail's first line, so the input that carries
     * it is split leniently, headers included).
     */
    boolean strictLines() {
        return started && inHeaders;
    }

    /** One line of the mail ({@code delimiter}: its line end, {@link SmtpSession#NONE} ... {@link SmtpSession#CR}). */
    void line(byte[] b, int off, int len, int delimiter) {
        started = true;
        if (inHeaders) {
            header(b, off, len, delimiter);
            return;
        }
        byte[] boundary = boundaries.isEmpty() ? null : boundaries.get(boundaries.size() - 1);
        if (boundary != null && len >= 2 && b[off] == '-' && b[off + 1] == '-') {
            int at = indexOfBoundary(b, off, len, boundary);
            if (at >= 0) {
                endBody();
                int after = at + 2 + boundary.length;
                if (after + 1 < off + len && b[after] == '-' && b[after + 1] == '-') {
                    boundaries.remove(boundaries.size() - 1); // the end: what follows is the parent's epilogue
                } else {
                    startHeaders();
                }
                return;
            }
        }
        if (file != null) {
            body(b, off, len, delimiter);
        }
    }

    /** The mail ended (its "." line): an open part ends with it. */
    void complete() {
        if (inHeaders) {
            endHeaders();
        }
        endBody();
        complete = true;
    }

    /** Suricata's MIME parser state names, as its "email" log says them. */
    String status() {
        if (complete) {
            return "PARSE_DONE";
        }
        if (inHeaders) {
            return sawHeader ? "HEADER_STARTED" : "HEADER_READY";
        }
        return "BODY_STARTED";
    }

    // ---- headers

    private void startHeaders() {
        inHeaders = true;
        sawHeader = false;
        current = null;
        contentType.setLength(0);
        encoding.setLength(0);
        disposition.setLength(0);
    }

    private void header(byte[] b, int off, int len, int delimiter) {
        if (len == 0) {
            endHeaders();
            return;
        }
        int colon = -1;
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xFF;
            if (c == ':') {
                colon = i;
                break;
            }
            if (c < 33 || c > 126) {
                break;
            }
        }
        if (colon > off) {
            int n = colon - off;
            current = named(b, off, n, "content-type") ? contentType
                    : named(b, off, n, "content-transfer-encoding") ? encoding
                    : named(b, off, n, "content-disposition") ? disposition
                    : headerBlocks > 0 ? null
                    : named(b, off, n, "from") ? from
                    : named(b, off, n, "to") ? to
                    : named(b, off, n, "cc") ? cc
                    : named(b, off, n, "subject") ? subject
                    : named(b, off, n, "date") ? date
                    : named(b, off, n, "x-mailer") ? xMailer
                    : named(b, off, n, "received") ? nextReceived() : null;
            sawHeader = true;
            int v = colon + 1;
            while (v < off + len && b[v] == ' ') {
                v++;
            }
            if (current != null) {
                current.setLength(0); // the last one of a name wins
                appendValue(current, b, v, off + len - v);
                if (headerBlocks == 0) {
                    tx.version++; // the mail's own header: email.* buffers changed
                }
            }
            return;
        }
        if (!sawHeader) {
            // not a header before any header: the body starts with this line
            endHeaders();
            line(b, off, len, delimiter);
            return;
        }
        if (current != null) {
            appendValue(current, b, off, len); // a folded line, joined as it is
            if (headerBlocks == 0) {
                tx.version++;
            }
        }
    }

    /** A new Received value, or null past {@link #MAX_RECEIVED} (not kept). */
    private StringBuilder nextReceived() {
        if (received.size() >= MAX_RECEIVED) {
            return null;
        }
        StringBuilder r = new StringBuilder();
        received.add(r);
        return r;
    }

    /** Whether {@code b[off, off + n)} is {@code name} in any case. */
    private static boolean named(byte[] b, int off, int n, String name) {
        if (n != name.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (Character.toLowerCase((char) (b[off + i] & 0xFF)) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static void appendValue(StringBuilder to, byte[] b, int off, int len) {
        int n = Math.min(len, HEADER_VALUE_DEPTH - to.length());
        for (int i = 0; i < n; i++) {
            to.append((char) (b[off + i] & 0xFF));
        }
    }

    private void endHeaders() {
        inHeaders = false;
        headerBlocks++;
        current = null;
        // a part of the mail's own multipart (not of one nested in it) is listed as an attachment
        boolean child = headerBlocks > 1 && boundaries.size() == 1;
        String cte = encoding.toString().toLowerCase(Locale.ROOT);
        bodyEncoding = cte.contains("base64") ? BASE64 : cte.contains("quoted-printable") ? QP : RAW;
        String ct = contentType.toString();
        String boundary = param(ct, "boundary");
        if (boundary != null && !boundary.isEmpty() && boundary.length() <= MAX_BOUNDARY) {
            boundaries.add(boundary.getBytes(StandardCharsets.ISO_8859_1));
        }
        String name = param(disposition.toString(), "filename");
        if (name == null) {
            name = param(ct, "name");
        }
        file = name == null ? null : tx.openFile(name, child); // the decoding state was reset as the last part ended
    }

    /**
     * Parameter {@code name} of a header value: after its first ';', a token {@code name=value},
     * the value quoted or up to the next ';'; null when absent.
     */
    static String param(String value, String name) {
        int semi = value.indexOf(';');
        int i = semi < 0 ? value.length() : semi + 1;
        while (i < value.length()) {
            while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t' || value.charAt(i) == ';')) {
                i++;
            }
            int eq = value.indexOf('=', i);
            int nextSemi = value.indexOf(';', i);
            if (eq < 0) {
                return null;
            }
            boolean match = (nextSemi < 0 || eq < nextSemi) && value.substring(i, eq).trim().equals(name);
            int v = eq + 1;
            String found;
            int end;
            if (v < value.length() && value.charAt(v) == '"') {
                int q = value.indexOf('"', v + 1);
                end = q < 0 ? value.length() : q + 1;
                found = value.substring(v + 1, q < 0 ? value.length() : q);
            } else {
                end = value.indexOf(';', v);
                if (end < 0) {
                    end = value.length();
                }
                found = value.substring(v, end).trim();
            }
            if (match) {
                return found;
            }
            i = end;
        }
        return null;
    }

    private static int indexOfBoundary(byte[] b, int off, int len, byte[] boundary) {
        int n = boundary.length + 2;
        for (int i = off; i + n <= off + len; i++) {
            if (b[i] != '-' || b[i + 1] != '-') {
                continue;
            }
            boolean eq = true;
            for (int k = 0; k < boundary.length; k++) {
                if (Character.toLowerCase((char) (b[i + 2 + k] & 0xFF))
                        != Character.toLowerCase((char) (boundary[k] & 0xFF))) {
                    eq = false;
                    break;
                }
            }
            if (eq) {
                return i;
            }
        }
        return -1;
    }

    // ---- bodies

    private void body(byte[] b, int off, int len, int delimiter) {
        switch (bodyEncoding) {
            case BASE64 -> base64(b, off, len);
            case QP -> quotedPrintable(b, off, len, delimiter);
            default -> {
                writeDelimiter(heldDelimiter);
                file.append(b, off, len);
                heldDelimiter = delimiter;
            }
        }
        tx.fileGrew(file);
    }

    /** RFC 2045 base64, leniently: other characters skipped, '=' a zero with padding, quads across lines. */
    private void base64(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xFF;
            int v;
            if (c == '=') {
                v = 0;
                quadPad++;
            } else {
                v = Base64Alphabet.sextet(c);
                if (v < 0) {
                    continue;
                }
            }
            quad[quadLen++] = (byte) v;
            if (quadLen == 4) {
                flushQuad();
            }
        }
    }

    private void flushQuad() {
        int n = 3 - Math.min(quadPad, 3);
        int bits = (quad[0] << 18) | (quad[1] << 12) | (quad[2] << 6) | quad[3];
        one[0] = (byte) (bits >> 16);
        one[1] = (byte) (bits >> 8);
        one[2] = (byte) bits;
        if (n > 0) {
            file.append(one, 0, n);
        }
        quadLen = 0;
        quadPad = 0;
    }

    /** Quoted-printable: =XX (upper-case hex), '=' ending the line joins it to the next; a line gets CRLF. */
    private void quotedPrintable(byte[] b, int off, int len, int delimiter) {
        if (len == 0) {
            writeDelimiter(delimiter); // an empty line: its own line end
            return;
        }
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (c != '=') {
                file.append(c);
                continue;
            }
            if (i + 1 == end) {
                return; // soft line break
            }
            int h = i + 2 < end ? hex(b[i + 1]) : -1;
            int l = i + 2 < end ? hex(b[i + 2]) : -1;
            if (h >= 0 && l >= 0) {
                file.append((byte) (h << 4 | l));
                i += 2;
            }
            // else: the '=' is dropped and what follows is taken as it is
        }
        if (delimiter != SmtpSession.NONE) { // a piece of a line gets no line end
            file.append((byte) '\r');
            file.append((byte) '\n');
        }
    }

    private void writeDelimiter(int delimiter) {
        if (delimiter == SmtpSession.CRLF || delimiter == SmtpSession.CR) {
            file.append((byte) '\r');
        }
        if (delimiter == SmtpSession.CRLF || delimiter == SmtpSession.LF) {
            file.append((byte) '\n');
        }
    }

    private static int hex(byte c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** The part's body ended: a base64 remainder is padded out, the line end before the boundary dropped, the file closed. */
    private void endBody() {
        if (file != null) {
            if (bodyEncoding == BASE64 && quadLen > 0) {
                while (quadLen < 4) {
                    quad[quadLen++] = 0;
                    quadPad++;
                }
                flushQuad();
            }
            file.closed = true;
            tx.fileClosed(file);
            file = null;
        }
        heldDelimiter = 0;
        quadLen = 0;
        quadPad = 0;
    }
}

package dev.rampart.engine.applayer.http;

/**
 * Builds the HTTP buffers of one side of an HTTP/2 transaction from its decoded header fields,
 * as Suricata 7 derives them for HTTP/2 (rust/src/http2/detect.rs): http.method, http.uri and
 * http.uri.raw are the first {@code :method} / {@code :path}; http.host.raw is {@code :authority}
 * (repeated fields joined with ", "), http.host the same lower-cased up to the first ':';
 * http.stat_code the first {@code :status}; http.header is "name: value\r\n" per field with the
 * value's blanks trimmed, pseudo-headers included, cookie (requests) / set-cookie (responses)
 * left out; http.header.raw the same untrimmed and with every field; http.header_names
 * "\r\n" + each name + "\r\n", then "\r\n". The joined table (repeated names joined with ", ") serves
 * http.cookie, http.user_agent and the other by-name lookups. Names are compared as bytes
 * (HTTP/2 names are lower case).
 */
final class Http2Messages {
    private static final byte[] METHOD = HttpBytes.ascii(":method");
    private static final byte[] PATH = HttpBytes.ascii(":path");
    private static final byte[] AUTHORITY = HttpBytes.ascii(":authority");
    private static final byte[] STATUS = HttpBytes.ascii(":status");
    private static final int WORK_CAP = 1 << 20;

    private Http2Messages() {
    }

    private static final byte[] HTTP2 = HttpBytes.ascii("HTTP/2");

    /**
     * The lines suricata 7.0.10 gives every HTTP/2 transaction (stream 0 ones too): http.protocol
     * "HTTP/2" both ways, http.request_line "METHOD PATH HTTP/2\r\n", http.response_line
     * "HTTP/2 STATUS\r\n" (empty method, path and status where the stream has none).
     */
    static void lines(HttpTx tx) {
        HttpMessage q = tx.request;
        HttpMessage r = tx.response;
        int need = q.method.length + q.uriRaw.length + r.statusCode.length + 32;
        Http2Stream s = tx.h2;
        if (s.lines.length < need) {
            s.lines = new byte[need * 2];
        }
        byte[] b = s.lines;
        int p = 0;
        p = put(b, p, q.method);
        b[p++] = ' ';
        p = put(b, p, q.uriRaw);
        b[p++] = ' ';
        System.arraycopy(HTTP2, 0, b, p, HTTP2.length);
        p += HTTP2.length;
        b[p++] = '\r';
        b[p++] = '\n';
        q.startLine.set(b, 0, p);
        int rs = p;
        System.arraycopy(HTTP2, 0, b, p, HTTP2.length);
        p += HTTP2.length;
        b[p++] = ' ';
        p = put(b, p, r.statusCode);
        b[p++] = '\r';
        b[p++] = '\n';
        r.startLine.set(b, rs, p - rs);
        q.protocol.set(HTTP2, 0, HTTP2.length);
        r.protocol.set(HTTP2, 0, HTTP2.length);
    }

    private static int put(byte[] b, int p, dev.rampart.engine.applayer.Slice v) {
        if (v.array != null) {
            System.arraycopy(v.array, v.offset, b, p, v.length);
            p += v.length;
        }
        return p;
    }

    static void build(HttpTx tx, boolean request) {
        HttpMessage m = request ? tx.request : tx.response;
        Http2Stream.Side side = tx.h2.sides[request ? 0 : 1];
        m.perFieldLines = true;
        m.workLen = 0;
        m.entryCount = 0;
        m.fieldCount = 0;
        m.method.clear();
        m.uriRaw.clear();
        m.statusCode.clear();
        m.header.clear();
        m.headerRaw.clear();
        m.headerNames.clear();
        byte[] b = side.bytes;
        int n = side.fields;
        // entries (arrival order)
        for (int i = 0; i < n; i++) {
            int na = m.copyToWork(b, side.nameOff[i], side.nameLen[i], WORK_CAP);
            int va = m.copyToWork(b, side.valueOff[i], side.valueLen[i], WORK_CAP);
            if (na < 0 || va < 0) {
                return;
            }
            m.addEntry(na, side.nameLen[i], va, side.valueLen[i]);
        }
        // joined table: first appearance order, values of one name joined with ", "
        for (int i = 0; i < n; i++) {
            if (firstOfName(m, i)) {
                int at = m.workLen;
                int total = 0;
                for (int j = i; j < n; j++) {
                    if (sameName(m, i, j)) {
                        if (total > 0) {
                            appendWork(m, COMMA_SPACE, 0, 2);
                            total += 2;
                        }
                        appendWork(m, m.work, m.eVal[j], m.eValLen[j]);
                        total += m.eValLen[j];
                    }
                }
                m.addField(m.eName[i], m.eNameLen[i], at, total);
            }
        }
        byte[] excluded = request ? HttpTx.COOKIE : HttpTx.SET_COOKIE;
        // http.header
        int start = m.workLen;
        for (int i = 0; i < n; i++) {
            if (HttpBytes.equalsIgnoreCase(m.work, m.eName[i], m.eNameLen[i], excluded)) {
                continue;
            }
            int vs = m.eVal[i];
            int ve = vs + m.eValLen[i];
            while (vs < ve && (m.work[vs] == ' ' || m.work[vs] == '\t')) {
                vs++;
            }
            while (ve > vs && (m.work[ve - 1] == ' ' || m.work[ve - 1] == '\t')) {
                ve--;
            }
            appendLine(m, m.eName[i], m.eNameLen[i], vs, ve - vs);
        }
        if (m.workLen > start) {
            m.header.set(m.work, start, m.workLen - start);
        }
        // http.header.raw
        start = m.workLen;
        for (int i = 0; i < n; i++) {
            appendLine(m, m.eName[i], m.eNameLen[i], m.eVal[i], m.eValLen[i]);
        }
        if (m.workLen > start) {
            m.headerRaw.set(m.work, start, m.workLen - start);
        }
        // http.header_names
        if (n > 0) {
            start = m.workLen;
            appendWork(m, CRLF, 0, 2);
            for (int i = 0; i < n; i++) {
                appendWork(m, m.work, m.eName[i], m.eNameLen[i]);
                appendWork(m, CRLF, 0, 2);
            }
            appendWork(m, CRLF, 0, 2);
            m.headerNames.set(m.work, start, m.workLen - start);
        }
        if (request) {
            int i = firstEntry(m, METHOD);
            if (i >= 0) {
                m.method.set(m.work, m.eVal[i], m.eValLen[i]);
            }
            i = firstEntry(m, PATH);
            tx.uri.clear();
            if (i >= 0) {
                m.uriRaw.set(m.work, m.eVal[i], m.eValLen[i]);
                tx.uri.set(m.work, m.eVal[i], m.eValLen[i]);
            }
            tx.host.clear();
            tx.hostRaw.clear();
            int f = m.findHeader(AUTHORITY);
            if (f >= 0) {
                int vo = m.fVal[f];
                int vl = m.fValLen[f];
                tx.hostRaw.set(m.work, vo, vl);
                int hl = 0;
                while (hl < vl && m.work[vo + hl] != ':') {
                    hl++;
                }
                int at = m.reserveWork(hl, WORK_CAP);
                if (at >= 0) {
                    for (int k = 0; k < hl; k++) {
                        m.work[at + k] = (byte) HttpBytes.lower(m.work[vo + k] & 0xff);
                    }
                    tx.host.set(m.work, at, hl);
                }
            }
            tx.requestHeadersSeen = true;
            anomalies(tx, m);
        } else {
            int i = firstEntry(m, STATUS);
            if (i >= 0) {
                m.statusCode.set(m.work, m.eVal[i], m.eValLen[i]);
                tx.statusNumber = parseStatus(m.work, m.eVal[i], m.eValLen[i]);
            }
        }
        // the work array may have grown: every slice above points into the final one
        rebase(tx, m);
        lines(tx);
    }

    /**
     * Suricata 7's request header checks: userinfo_in_uri when {@code :authority} holds an '@',
     * authority_host_mismatch when a Host header differs from it (ASCII case ignored).
     */
    private static void anomalies(HttpTx tx, HttpMessage m) {
        int a = firstEntry(m, AUTHORITY);
        if (a < 0) {
            return;
        }
        for (int k = 0; k < m.eValLen[a]; k++) {
            if (m.work[m.eVal[a] + k] == '@') {
                tx.h2.events |= Http2Event.USERINFO_IN_URI.bit();
                break;
            }
        }
        for (int i = 0; i < m.entryCount; i++) {
            if (HttpBytes.equalsIgnoreCase(m.work, m.eName[i], m.eNameLen[i], HttpTx.HOST)
                    && !HttpBytes.equalsIgnoreCase(m.work, m.eVal[i], m.eValLen[i], m.work, m.eVal[a], m.eValLen[a])) {
                tx.h2.events |= Http2Event.AUTHORITY_HOST_MISMATCH.bit();
            }
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] COMMA_SPACE = {',', ' '};
    private static final byte[] COLON_SPACE = {':', ' '};

    private static void appendLine(HttpMessage m, int name, int nameLen, int value, int valueLen) {
        appendWork(m, m.work, name, nameLen);
        appendWork(m, COLON_SPACE, 0, 2);
        appendWork(m, m.work, value, valueLen);
        appendWork(m, CRLF, 0, 2);
    }

    /** Appends bytes that may lie in the work array itself (its growth keeps the offsets). */
    private static void appendWork(HttpMessage m, byte[] src, int off, int len) {
        boolean self = src == m.work;
        int at = m.reserveWork(len, WORK_CAP);
        if (at < 0) {
            return;
        }
        System.arraycopy(self ? m.work : src, off, m.work, at, len);
    }

    private static void rebase(HttpTx tx, HttpMessage m) {
        byte[] w = m.work;
        rebase(m.method, w);
        rebase(m.uriRaw, w);
        rebase(m.statusCode, w);
        rebase(m.header, w);
        rebase(m.headerRaw, w);
        rebase(m.headerNames, w);
        if (m == tx.request) {
            rebase(tx.uri, w);
            rebase(tx.host, w);
            rebase(tx.hostRaw, w);
        }
    }

    private static void rebase(dev.rampart.engine.applayer.Slice s, byte[] w) {
        if (s.array != null) {
            s.array = w;
        }
    }

    private static boolean firstOfName(HttpMessage m, int i) {
        for (int j = 0; j < i; j++) {
            if (sameName(m, i, j)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameName(HttpMessage m, int i, int j) {
        return java.util.Arrays.equals(m.work, m.eName[i], m.eName[i] + m.eNameLen[i],
                m.work, m.eName[j], m.eName[j] + m.eNameLen[j]);
    }

    private static int firstEntry(HttpMessage m, byte[] name) {
        for (int i = 0; i < m.entryCount; i++) {
            if (java.util.Arrays.equals(m.work, m.eName[i], m.eName[i] + m.eNameLen[i], name, 0, name.length)) {
                return i;
            }
        }
        return -1;
    }

    private static int parseStatus(byte[] b, int off, int len) {
        if (len != 3) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < 3; i++) {
            int c = b[off + i] - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            v = v * 10 + c;
        }
        return v;
    }
}

package dev.rampart.engine.applayer.tls;

import dev.rampart.engine.applayer.Slice;

/**
 * Per-flow TLS parser fed the in-order bytes of each direction. A record-layer state machine
 * (5-byte header, then body) runs per direction; handshake record bodies are appended to a
 * per-direction buffer (bounded by {@link #MAX_HANDSHAKE_MESSAGE}) so messages split across
 * records or segments are reassembled, and each complete message is handled once. The result
 * is therefore the same for any split of the input. After ChangeCipherSpec a direction's
 * handshake records are encrypted and only counted.
 *
 * <p>Malformed input never throws: it raises a {@link TlsEvent} (counted per flow) and, for
 * record-layer errors, stops parsing that direction, as Suricata's parser returns an error.
 */
public final class TlsParser {
    /** Bound on one reassembled handshake message (a long certificate chain fits). */
    public static final int MAX_HANDSHAKE_MESSAGE = 256 * 1024;
    /** Suricata's SSLV3_RECORD_MAX_LEN-like bound: 2^14 plus expansion. */
    static final int MAX_RECORD_LENGTH = (1 << 14) + 2048;
    static final int MAX_CERTIFICATES = 32;

    public static final int STATE_CLIENT_HELLO = 1;
    public static final int STATE_SERVER_HELLO = 1 << 1;
    public static final int STATE_CLIENT_KEYX = 1 << 2;
    public static final int STATE_SERVER_KEYX = 1 << 3;
    public static final int STATE_CLIENT_CCS = 1 << 4;
    public static final int STATE_SERVER_CCS = 1 << 5;
    public static final int STATE_CERTIFICATE = 1 << 6;
    public static final int STATE_APP_DATA = 1 << 7;

    private static final int REC_HEADER = 0;
    private static final int REC_BODY = 1;
    private static final int DEAD = 2;

    private static final byte[] NO_BYTES = new byte[0];

    private final class Direction {
        final boolean toServer;
        final byte[] header = new byte[5];
        int headerLen;
        int state = REC_HEADER;
        int recordType;
        int recordRemaining;
        int records;
        /** Records whose last byte is in (Suricata triggers raw stream inspection on each). */
        long recordsCompleted;
        int version;
        boolean encrypted;
        boolean handshakeOverflow;
        /**
         * Handshake bytes of this direction not parsed yet: taken at the first handshake record,
         * dropped once the direction is encrypted (nothing more is parsed from it), so an
         * established TLS flow holds none (2 GB generator scan: 8.8 MB in 4,274 idle buffers).
         */
        byte[] hs = NO_BYTES;
        int hsLen;

        Direction(boolean toServer) {
            this.toServer = toServer;
        }
    }

    private final boolean fingerprints;
    private final Direction client = new Direction(true);
    private final Direction server = new Direction(false);
    private final int[] eventCounts = new int[TlsEvent.values().length];
    private int eventTotal;
    private final X509Reader x509 = new X509Reader();

    private final ClientHello clientHello = new ClientHello();
    private final ServerHello serverHello = new ServerHello();
    private final X509Certificate serverCert = new X509Certificate();
    private byte[] certStorage = new byte[0];
    private final int[] certOffsets = new int[MAX_CERTIFICATES];
    private final int[] certLengths = new int[MAX_CERTIFICATES];
    private int certCount;
    private boolean certSeen;
    private String certFingerprint;
    private int stateFlags;
    /** An application data record was seen after the handshake (see {@link #applicationData()}). */
    private boolean applicationData;
    private boolean gap;
    private String ja3;
    private String ja3Hash;
    private String ja3s;
    private String ja3sHash;
    private String ja4;

    /** A parser that computes JA3/JA3S/JA4 (as Suricata does when rules or logging ask for them). */
    public TlsParser() {
        this(true);
    }

    public TlsParser(boolean fingerprints) {
        this.fingerprints = fingerprints;
    }

    /** Makes the parser ready for a new flow, keeping its buffers (for pooling per worker). */
    public void reset() {
        reset(client);
        reset(server);
        java.util.Arrays.fill(eventCounts, 0);
        eventTotal = 0;
        clientHello.reset();
        serverHello.reset();
        serverCert.clear();
        certCount = 0;
        certSeen = false;
        certFingerprint = null;
        stateFlags = 0;
        applicationData = false;
        gap = false;
        ja3 = null;
        ja3Hash = null;
        ja3s = null;
        ja3sHash = null;
        ja4 = null;
    }

    private static void reset(Direction d) {
        d.headerLen = 0;
        d.state = REC_HEADER;
        d.recordType = 0;
        d.recordRemaining = 0;
        d.records = 0;
        d.recordsCompleted = 0;
        d.version = 0;
        d.encrypted = false;
        d.handshakeOverflow = false;
        d.hsLen = 0;
    }

    /** Feeds in-order bytes of one direction. */
    public void onData(boolean toServer, byte[] d, int off, int len) {
        Direction dir = toServer ? client : server;
        int p = off;
        int end = off + len;
        while (p < end && dir.state != DEAD) {
            if (dir.state == REC_HEADER) {
                int n = Math.min(5 - dir.headerLen, end - p);
                System.arraycopy(d, p, dir.header, dir.headerLen, n);
                dir.headerLen += n;
                p += n;
                if (dir.headerLen == 5) {
                    dir.headerLen = 0;
                    startRecord(dir);
                }
            } else {
                int n = Math.min(dir.recordRemaining, end - p);
                recordBody(dir, d, p, n);
                p += n;
                dir.recordRemaining -= n;
                if (dir.recordRemaining == 0 && dir.state == REC_BODY) {
                    endRecord(dir);
                }
            }
        }
    }

    /** Records completed so far in that direction. */
    public long recordsCompleted(boolean toServer) {
        return (toServer ? client : server).recordsCompleted;
    }

    /** Missing bytes: like Suricata's TLS parser (no gap support) parsing of the flow stops. */
    public void onGap(boolean toServer) {
        gap = true;
        client.state = DEAD;
        server.state = DEAD;
    }

    /** End of a direction; nothing is pending that could still complete. */
    public void onEnd(boolean toServer) {
        Direction dir = toServer ? client : server;
        if (dir.state != DEAD) {
            dir.state = DEAD;
        }
    }

    private void startRecord(Direction dir) {
        byte[] h = dir.header;
        int type = h[0] & 0xFF;
        int version = (h[1] & 0xFF) << 8 | (h[2] & 0xFF);
        int length = (h[3] & 0xFF) << 8 | (h[4] & 0xFF);
        if (type < 20 || type > 24) {
            event(TlsEvent.INVALID_RECORD_TYPE);
            dir.state = DEAD;
            return;
        }
        if ((version >>> 8) != 3) {
            event(TlsEvent.INVALID_RECORD_VERSION);
            dir.state = DEAD;
            return;
        }
        if (length > MAX_RECORD_LENGTH) {
            event(TlsEvent.INVALID_RECORD_LENGTH);
            dir.state = DEAD;
            return;
        }
        if (dir.version == 0) {
            dir.version = version; // a hello sets it properly; until then the record version
        }
        dir.records++;
        dir.recordType = type;
        dir.recordRemaining = length;
        if (type == 24) {
            event(TlsEvent.HEARTBEAT_MESSAGE);
        }
        if (type == 23) {
            stateFlags |= STATE_APP_DATA;
            // application data means the handshake is over (Suricata 7, on the record's header), except
            // TLS 1.3 early data sent before the server's hello: from here the flow's payload is encrypted.
            // Decided once, the cheap tests first: every later record of the flow is application data
            if (!applicationData && ((stateFlags & STATE_SERVER_HELLO) != 0 || !earlyData())) {
                applicationData = true;
            }
        }
        if (length == 0) {
            endRecord(dir);
        } else {
            dir.state = REC_BODY;
        }
    }

    private void recordBody(Direction dir, byte[] d, int p, int n) {
        if (dir.recordType != 22) {
            return;
        }
        // Messages take effect at the end of their record (endRecord), as in Suricata 7. Only a
        // record longer than the bound drains complete messages early, to make room: whether the
        // bound is hit depends on the message lengths only, never on the split.
        while (n > 0 && !dir.encrypted && !dir.handshakeOverflow) {
            int take = Math.min(n, MAX_HANDSHAKE_MESSAGE + 4 - dir.hsLen);
            if (take == 0) { // cannot happen: a full buffer always holds a complete message
                event(TlsEvent.HANDSHAKE_LIMIT_REACHED);
                dir.handshakeOverflow = true;
                return;
            }
            if (dir.hsLen + take > dir.hs.length) {
                int cap = Math.max(2048, dir.hs.length);
                while (cap < dir.hsLen + take) {
                    cap *= 2;
                }
                dir.hs = java.util.Arrays.copyOf(dir.hs, Math.min(cap, MAX_HANDSHAKE_MESSAGE + 4));
            }
            System.arraycopy(d, p, dir.hs, dir.hsLen, take);
            dir.hsLen += take;
            p += take;
            n -= take;
            if (n > 0) {
                drainHandshake(dir);
            }
        }
    }

    private void endRecord(Direction dir) {
        dir.state = REC_HEADER;
        dir.recordsCompleted++;
        // Suricata 7 asks for the whole record before parsing it: handshake messages of a record
        // take effect when its last byte is in, not as soon as each message is complete
        if (dir.recordType == 22 && !dir.encrypted && !dir.handshakeOverflow && dir.hsLen > 0) {
            drainHandshake(dir);
        }
        if (dir.recordType == 20) {
            dir.encrypted = true;
            dir.hs = NO_BYTES;
            dir.hsLen = 0;
            stateFlags |= dir.toServer ? STATE_CLIENT_CCS : STATE_SERVER_CCS;
        }
    }

    private void drainHandshake(Direction dir) {
        int p = 0;
        while (dir.hsLen - p >= 4) {
            int type = dir.hs[p] & 0xFF;
            int len = (dir.hs[p + 1] & 0xFF) << 16 | (dir.hs[p + 2] & 0xFF) << 8 | (dir.hs[p + 3] & 0xFF);
            if (len > MAX_HANDSHAKE_MESSAGE) {
                event(TlsEvent.HANDSHAKE_LIMIT_REACHED);
                dir.handshakeOverflow = true;
                dir.hs = NO_BYTES; // nothing more is parsed from this direction
                dir.hsLen = 0;
                return;
            }
            if (dir.hsLen - p - 4 < len) {
                break;
            }
            handshakeMessage(dir, type, dir.hs, p + 4, len);
            p += 4 + len;
            if (dir.handshakeOverflow || dir.encrypted) {
                dir.hsLen = 0;
                return;
            }
        }
        if (p > 0) {
            System.arraycopy(dir.hs, p, dir.hs, 0, dir.hsLen - p);
            dir.hsLen -= p;
        }
    }

    private void handshakeMessage(Direction dir, int type, byte[] b, int off, int len) {
        switch (type) {
            case 1 -> {
                stateFlags |= STATE_CLIENT_HELLO;
                if (!clientHello.present) {
                    parseClientHello(dir, b, off, len);
                }
            }
            case 2 -> {
                stateFlags |= STATE_SERVER_HELLO;
                if (!serverHello.present) {
                    parseServerHello(dir, b, off, len);
                }
            }
            case 11 -> {
                stateFlags |= STATE_CERTIFICATE;
                if (!dir.toServer && !certSeen) {
                    certSeen = true;
                    parseCertificates(b, off, len);
                }
            }
            case 12 -> stateFlags |= STATE_SERVER_KEYX;
            case 16 -> stateFlags |= STATE_CLIENT_KEYX;
            case 0, 4, 5, 6, 8, 13, 14, 15, 20, 21, 22, 24, 67 -> {
                // valid, nothing exposed
            }
            default -> event(TlsEvent.INVALID_HANDSHAKE_MESSAGE);
        }
    }

    private void parseClientHello(Direction dir, byte[] b, int off, int len) {
        ClientHello ch = clientHello;
        ch.reset();
        if (ch.storage.length < len) {
            ch.storage = new byte[len];
        }
        System.arraycopy(b, off, ch.storage, 0, len);
        byte[] s = ch.storage;
        int p = 0;
        if (len < 2 + 32 + 1) {
            event(TlsEvent.HANDSHAKE_INVALID_LENGTH);
            return;
        }
        ch.legacyVersion = u16(s, 0);
        dir.version = ch.legacyVersion;
        ch.random.set(s, 2, 32);
        p = 34;
        int sidLen = s[p++] & 0xFF;
        if (p + sidLen + 2 > len) {
            event(TlsEvent.HANDSHAKE_INVALID_LENGTH);
            return;
        }
        ch.sessionId.set(s, p, sidLen);
        p += sidLen;
        int csLen = u16(s, p);
        p += 2;
        if (p + csLen + 1 > len || (csLen & 1) != 0) {
            event(TlsEvent.HANDSHAKE_INVALID_LENGTH);
            return;
        }
        ch.ciphers.set(s, p, csLen);
        p += csLen;
        int compLen = s[p++] & 0xFF;
        if (p + compLen > len) {
            event(TlsEvent.HANDSHAKE_INVALID_LENGTH);
            return;
        }
        ch.compression.set(s, p, compLen);
        p += compLen;
        ch.present = true;
        if (p + 2 <= len) {
            int extLen = u16(s, p);
            p += 2;
            int extEnd = Math.min(len, p + extLen);
            if (p + extLen > len) {
                event(TlsEvent.HANDSHAKE_INVALID_LENGTH);
            }
            boolean sniSeen = false;
            while (p + 4 <= extEnd) {
                int type = u16(s, p);
                int elen = u16(s, p + 2);
                p += 4;
                if (p + elen > extEnd) {
                    event(TlsEvent.HANDSHAKE_INVALID_LENGTH);
                    break;
                }
                if (ch.extensionCount < ClientHello.MAX_EXTENSIONS) {
                    ch.extensionTypes[ch.extensionCount++] = type;
                }
                switch (type) {
                    case 0 -> {
                        if (sniSeen) {
                            event(TlsEvent.MULTIPLE_SNI_EXTENSIONS);
                        } else {
                            sniSeen = true;
                            sni(s, p, elen, ch.sni);
                        }
                    }
                    case 10 -> listWithLength2(s, p, elen, ch.supportedGroups);
                    case 11 -> {
                        if (elen >= 1 && (s[p] & 0xFF) <= elen - 1) {
                            ch.ecPointFormats.set(s, p + 1, s[p] & 0xFF);
                        }
                    }
                    case 13 -> listWithLength2(s, p, elen, ch.signatureAlgorithms);
                    case 16 -> {
                        if (elen >= 2 && u16(s, p) <= elen - 2) {
                            ch.alpn.set(s, p + 2, u16(s, p));
                        }
                    }
                    case 43 -> {
                        if (elen >= 1 && (s[p] & 0xFF) <= elen - 1 && (s[p] & 1) == 0) {
                            ch.supportedVersions.set(s, p + 1, s[p] & 0xFF);
                        }
                    }
                    default -> {
                    }
                }
                p += elen;
            }
        }
    }

    private void sni(byte[] s, int p, int elen, Slice out) {
        if (elen == 0) {
            return;
        }
        if (elen < 3) {
            event(TlsEvent.INVALID_SNI_LENGTH);
            return;
        }
        if (s[p + 2] != 0) {
            event(TlsEvent.INVALID_SNI_TYPE);
            return;
        }
        if (elen < 5) {
            event(TlsEvent.INVALID_SNI_LENGTH);
            return;
        }
        int nameLen = u16(s, p + 3);
        if (nameLen > elen - 5) {
            event(TlsEvent.INVALID_SNI_LENGTH);
            return;
        }
        // Suricata keeps the name as a C string: a NUL ends it (suricata 7.0.10: tls.sni "\\<NUL>x"
        // matches "\\" with endswith, never the NUL)
        for (int i = 0; i < nameLen; i++) {
            if (s[p + 5 + i] == 0) {
                nameLen = i;
                break;
            }
        }
        out.set(s, p + 5, nameLen);
    }

    private static void listWithLength2(byte[] s, int p, int elen, Slice out) {
        if (elen >= 2) {
            int n = u16(s, p);
            if (n <= elen - 2 && (n & 1) == 0) {
                out.set(s, p + 2, n);
            }
        }
    }

    private void parseServerHello(Direction dir, byte[] b, int off, int len) {
        ServerHello sh = serverHello;
        sh.reset();
        if (sh.storage.length < len) {
            sh.storage = new byte[len];
        }
        System.arraycopy(b, off, sh.storage, 0, len);
        byte[] s = sh.storage;
        if (len < 2 + 32 + 1) {
            event(TlsEvent.HANDSHAKE_INVALID_LENGTH);
            return;
        }
        sh.legacyVersion = u16(s, 0);
        dir.version = sh.legacyVersion;
        sh.random.set(s, 2, 32);
        int p = 34;
        int sidLen = s[p++] & 0xFF;
        if (p + sidLen + 3 > len) {
            event(TlsEvent.HANDSHAKE_INVALID_LENGTH);
            return;
        }
        sh.sessionId.set(s, p, sidLen);
        p += sidLen;
        sh.cipher = u16(s, p);
        sh.compression = s[p + 2] & 0xFF;
        p += 3;
        sh.present = true;
        if (p + 2 <= len) {
            int extLen = u16(s, p);
            p += 2;
            int extEnd = Math.min(len, p + extLen);
            if (p + extLen > len) {
                event(TlsEvent.HANDSHAKE_INVALID_LENGTH);
            }
            while (p + 4 <= extEnd) {
                int type = u16(s, p);
                int elen = u16(s, p + 2);
                p += 4;
                if (p + elen > extEnd) {
                    event(TlsEvent.HANDSHAKE_INVALID_LENGTH);
                    break;
                }
                if (sh.extensionCount < ClientHello.MAX_EXTENSIONS) {
                    sh.extensionTypes[sh.extensionCount++] = type;
                }
                if (type == 43 && elen == 2) {
                    sh.selectedVersion = u16(s, p);
                    dir.version = sh.selectedVersion;
                } else if (type == 16 && elen >= 2 && u16(s, p) <= elen - 2) {
                    sh.alpn.set(s, p + 2, u16(s, p));
                }
                p += elen;
            }
        }
    }

    private void parseCertificates(byte[] b, int off, int len) {
        if (len < 3) {
            event(TlsEvent.INVALID_CERTIFICATE);
            return;
        }
        int chainLen = u24(b, off);
        if (chainLen > len - 3) {
            event(TlsEvent.INVALID_CERTIFICATE);
            return;
        }
        if (certStorage.length < chainLen) {
            certStorage = new byte[chainLen];
        }
        System.arraycopy(b, off + 3, certStorage, 0, chainLen);
        int p = 0;
        while (p < chainLen) {
            if (p + 3 > chainLen) {
                event(TlsEvent.INVALID_CERTIFICATE);
                return;
            }
            int certLen = u24(certStorage, p);
            p += 3;
            if (certLen > chainLen - p) {
                event(TlsEvent.INVALID_CERTIFICATE);
                return;
            }
            if (certCount == 0) {
                if (x509.read(certStorage, p, certLen, serverCert)) {
                    certFingerprint = digests().sha1Colon(certStorage, p, certLen);
                } else {
                    event(serverCert.error);
                }
            }
            if (certCount < MAX_CERTIFICATES) {
                certOffsets[certCount] = p;
                certLengths[certCount] = certLen;
                certCount++;
            }
            p += certLen;
        }
    }

    private static TlsFingerprints digests() {
        return TlsFingerprints.ofThisThread();
    }

    private void event(TlsEvent e) {
        eventCounts[e.ordinal()]++;
        eventTotal++;
    }

    /** Events raised so far, all kinds together. */
    public int eventTotal() {
        return eventTotal;
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
    }

    private static int u24(byte[] b, int p) {
        return (b[p] & 0xFF) << 16 | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF);
    }

    // ---- accessors -------------------------------------------------------------------------

    public ClientHello clientHello() {
        return clientHello;
    }

    public ServerHello serverHello() {
        return serverHello;
    }

    /** tls.sni: empty when there was none. */
    public Slice sni() {
        return clientHello.sni;
    }

    /** tls.random: the 32-byte random of the client (toServer) or server hello, empty before it. */
    public Slice random(boolean toServer, Slice out) {
        Slice r = toServer ? clientHello.random : serverHello.random;
        return r.length == 32 ? out.set(r.array, r.offset, 32) : out.clear();
    }

    /** tls.random_bytes: the last 28 bytes of the random. */
    public Slice randomBytes(boolean toServer, Slice out) {
        Slice r = random(toServer, out);
        return r.length == 32 ? out.set(r.array, r.offset + 4, 28) : r;
    }

    /** Suricata's ssl_state bits ({@code STATE_*}). */
    public int stateFlags() {
        return stateFlags;
    }

    public int eventCount(TlsEvent e) {
        return eventCounts[e.ordinal()];
    }

    public boolean hasEvents() {
        return eventTotal != 0;
    }

    /** Whether a gap stopped parsing. */
    public boolean gapSeen() {
        return gap;
    }

    /** The server side's version as Suricata logs it (tls.version). */
    public int version() {
        return server.version;
    }

    public String versionString() {
        return versionString(server.version);
    }

    public int clientVersion() {
        return client.version;
    }

    /**
     * Whether an application data record started in either direction once the handshake could be
     * over (not TLS 1.3 early data before the ServerHello): Suricata's point for
     * APP_LAYER_PARSER_NO_INSPECTION_PAYLOAD.
     */
    public boolean applicationData() {
        return applicationData;
    }

    /** The ClientHello offered TLS 1.3 early data (the early_data extension, 42). */
    private boolean earlyData() {
        ClientHello ch = clientHello;
        if (!ch.present) {
            return false;
        }
        for (int i = 0; i < ch.extensionCount; i++) {
            if (ch.extensionTypes[i] == 42) {
                return true;
            }
        }
        return false;
    }

    public boolean encrypted(boolean toServer) {
        return (toServer ? client : server).encrypted;
    }

    /**
     * Suricata's SSL_AL_FLAG_SESSION_RESUMED: the server echoed the client's non-empty session id.
     */
    public boolean sessionResumed() {
        Slice c = clientHello.sessionId;
        Slice s = serverHello.sessionId;
        return clientHello.present && serverHello.present && c.length > 0 && c.length == s.length
                && java.util.Arrays.equals(c.array, c.offset, c.offset + c.length, s.array, s.offset, s.offset + s.length);
    }

    /** JA3 string of the first ClientHello (null without one or when fingerprints are off). */
    public String ja3() {
        clientFingerprints();
        return ja3;
    }

    public String ja3Hash() {
        clientFingerprints();
        return ja3Hash;
    }

    public String ja3s() {
        serverFingerprints();
        return ja3s;
    }

    public String ja3sHash() {
        serverFingerprints();
        return ja3sHash;
    }

    public String ja4() {
        clientFingerprints();
        return ja4;
    }

    // Computed on first use, once per handshake: the hellos they come from never change after.
    private void clientFingerprints() {
        if (ja3 == null && fingerprints && clientHello.present) {
            TlsFingerprints f = digests();
            ja3 = f.ja3(clientHello);
            ja3Hash = f.md5Hex(ja3);
            ja4 = f.ja4(clientHello);
        }
    }

    private void serverFingerprints() {
        if (ja3s == null && fingerprints && serverHello.present) {
            ja3s = digests().ja3s(serverHello);
            ja3sHash = digests().md5Hex(ja3s);
        }
    }

    /** Certificates of the server's first Certificate message. */
    public int certificateCount() {
        return certCount;
    }

    /** The DER of certificate i (tls.certs). */
    public Slice certificate(int i, Slice out) {
        return out.set(certStorage, certOffsets[i], certLengths[i]);
    }

    /** Fields of the server's first certificate, null when none was parsed successfully. */
    public X509Certificate serverCertificate() {
        return certFingerprint == null ? null : serverCert;
    }

    /** SHA-1 of the first certificate as "aa:bb:…", null when none. */
    public String certificateFingerprint() {
        return certFingerprint;
    }

    /** Suricata's SSLVersionToString. */
    public static String versionString(int v) {
        switch (v) {
            case 0:
                return "UNDETERMINED";
            case 0x0200:
                return "SSLv2";
            case 0x0300:
                return "SSLv3";
            case 0x0301:
                return "TLSv1";
            case 0x0302:
                return "TLS 1.1";
            case 0x0303:
                return "TLS 1.2";
            case 0x0304:
                return "TLS 1.3";
            default:
                if (v >= 0x7f10 && v <= 0x7f1c) {
                    return "TLS 1.3 draft-" + (v & 0xFF);
                }
                String h = Integer.toHexString(v);
                return "0x" + "0000".substring(h.length()) + h;
        }
    }
}

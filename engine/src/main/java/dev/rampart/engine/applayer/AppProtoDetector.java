package dev.rampart.engine.applayer;

/**
 * Suricata-like protocol detection on the first bytes of one direction, as pure functions.
 *
 * <p>As in Suricata, a pattern matcher runs first: HTTP request methods followed by a space or
 * tab (case-insensitive) toward the server, {@code HTTP/} toward the client, TLS/SSL record
 * headers ({@code 16 03 0x} handshake toward the server, handshake/alert/application data toward
 * the client), {@code 01 03 0x} at offset 0 and the SSLv2 version {@code 01 00 02} at offset 2
 * toward the server; on port 443 also the TLS probe (an SSLv2-framed ClientHello offering 3.x,
 * {@code 01 03 0x} at offset 2 after a length with the high bit set). A direction whose bytes
 * match nothing yet stays {@link AppProto#UNKNOWN} until it holds at least the deepest pattern,
 * then pattern matching is done. DNS is found by Suricata's probing parser, which is registered
 * for port 53 only (its default detection-ports): the header must parse and the record counts
 * must fit the message ({@code 2 * (qd + an + ns + ar) <= length}); over TCP the message is
 * length-framed. When pattern matching and probing have both given up the result is
 * {@link AppProto#FAILED}.
 *
 * <p>SMTP: {@code EHLO}, {@code HELO} or {@code QUIT} from the client; FTP: {@code FEAT},
 * {@code USER }, {@code PASS } or {@code PORT } from the client, or {@code 220 (} from the server
 * (all case-insensitive at offset 0, on any port, as Suricata 7 registers them). SSH: {@code SSH-}
 * at offset 0 in either direction; RFB: {@code RFB } the same way.
 *
 * <p>SMB (Suricata's rust smb parser): the patterns {@code ff|fe|fd "SMB"} at offset 4 in either
 * direction, each confirmed by the SMB probe, and the probe alone on ports 139 and 445 (the
 * server's port; with {@code stream.midstream} either port). Probes wait for a NetBIOS header plus an SMB header
 * (36 bytes). On a session picked up midstream the probe also says which way the bytes flow: an
 * SMB1 header with the reply flag (0x80), an SMB2 header with SERVER_TO_REDIR, or an SMB3
 * transform record from port 445 travel to the client, and {@link #detectTcp} reports
 * {@link #REVERSED} when that is not the direction it was given.
 *
 * <p>HTTP/2: the preface's first line {@code PRI * HTTP/2.0\r\n} (case-insensitive) toward the
 * server; toward the client on port 80 Suricata's probe: a SETTINGS frame header (reserved bit
 * clear, no flag but ACK, at most 16384 bytes).
 *
 * <p>DCERPC: {@code 05 00} at offset 0 in either direction, confirmed by the DCERPC probe on the
 * 16-byte common header ({@link #probeDcerpc}); no port.
 *
 * <p>With {@code stream.midstream} the patterns of the other direction are tried when those of
 * the own direction found nothing (Suricata's AppLayerProtoDetectPMGetProto): a match there
 * (an HTTP response line in to-server bytes, say) also reports {@link #REVERSED}.
 */
public final class AppProtoDetector {
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;
    public static final int DNS_PORT = 53;
    /** TLS's detection port (app-layer.protocols.tls.detection-ports default). */
    static final int TLS_PORT = 443;
    /** HTTP/2's probing port (its parser's default port). */
    static final int HTTP2_PORT = 80;

    /** TFTP's detection port (app-layer.protocols.tftp default). */
    public static final int TFTP_PORT = 69;
    /** Kerberos' detection port (its parser's default port, UDP and TCP). */
    public static final int KRB5_PORT = 88;
    /** IKE's detection port (its parser's default port). */
    public static final int IKE_PORT = 500;
    /** SNMP's detection ports (its parser's default port 161 and the trap port 162). */
    public static final int SNMP_PORT = 161;
    public static final int SNMP_TRAP_PORT = 162;
    /** NFS's detection port (its parser's default port, UDP and TCP). */
    public static final int NFS_PORT = 2049;
    /** The nfs TCP probe's max_depth: past this many bytes a probe that wants more gives up. */
    static final int NFS_PROBE_DEPTH = 32;
    private static final int DNS_HEADER = 12;

    private static final String[] METHODS = {
        "GET", "PUT", "POST", "HEAD", "TRACE", "OPTIONS", "CONNECT", "DELETE", "PATCH", "PROPFIND",
        "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "CHECKOUT", "UNCHECKOUT", "CHECKIN",
        "UPDATE", "LABEL", "REPORT", "MKWORKSPACE", "MKACTIVITY", "MERGE", "INVALID", "VERSION-CONTROL",
        "BASELINE-CONTROL"
    };
    private static final byte[][] METHOD_BYTES = new byte[METHODS.length][];
    /** Bytes a to-server direction needs before pattern matching can give up (longest method + blank). */
    static final int TO_SERVER_PM_DEPTH;
    /** To-client patterns: "HTTP/" (5), TLS record header (3), SSLv2 server hello version at 5..7, SMB at 4..8, FTP "220 (" (5). */
    static final int TO_CLIENT_PM_DEPTH = 8;

    static {
        int max = 8; // SMB patterns end at offset 8
        for (int i = 0; i < METHODS.length; i++) {
            METHOD_BYTES[i] = METHODS[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            max = Math.max(max, METHOD_BYTES[i].length + 1);
        }
        TO_SERVER_PM_DEPTH = max;
    }

    private AppProtoDetector() {}

    /**
     * Detects the protocol of one direction from its first {@code len} bytes (the stream start for
     * TCP, one datagram for UDP). Ports are those of the packet (source, destination).
     */
    public static AppProto detect(int ipProto, boolean toServer, byte[] b, int off, int len, int sp, int dp) {
        if (ipProto == IPPROTO_UDP) {
            if (sp == TFTP_PORT || dp == TFTP_PORT) {
                // Suricata's TFTP probe on its port: at least 4 bytes starting with a zero byte
                return len >= 4 && b[off] == 0 ? AppProto.TFTP : AppProto.FAILED;
            }
            if ((toServer ? dp : sp) == NFS_PORT) {
                // Suricata's nfs UDP probes, registered for the server port
                return dev.rampart.engine.applayer.nfs.NfsSession.probeUdp(b, off, len, toServer) ? AppProto.NFS
                        : AppProto.FAILED;
            }
            if ((toServer ? dp : sp) == KRB5_PORT) {
                // Suricata's krb5 probe, registered for the server port
                int r = dev.rampart.engine.applayer.krb5.Krb5Session.probe(b, off, len);
                return r == dev.rampart.engine.applayer.krb5.Krb5Session.PROBE_KRB5 ? AppProto.KRB5
                        : r == dev.rampart.engine.applayer.krb5.Krb5Session.PROBE_NEED_MORE ? AppProto.UNKNOWN
                        : AppProto.FAILED;
            }
            if ((toServer ? dp : sp) == IKE_PORT) {
                // Suricata's IKE probe, registered for the server port: a datagram of at least the
                // ISAKMP header; anything else fails at once (UDP gives no more bytes)
                return dev.rampart.engine.applayer.ike.IkeSession.probe(b, off, len) ? AppProto.IKE : AppProto.FAILED;
            }
            if (sp == SNMP_PORT || dp == SNMP_PORT || sp == SNMP_TRAP_PORT || dp == SNMP_TRAP_PORT) {
                // Suricata's SNMP probe on its ports (161, and 162 for traps)
                return dev.rampart.engine.applayer.snmp.SnmpSession.probe(b, off, len);
            }
            if (sp != DNS_PORT && dp != DNS_PORT) {
                return AppProto.FAILED;
            }
            return probeDns(b, off, len, len) == PROBE_DNS ? AppProto.DNS : AppProto.FAILED;
        }
        if (ipProto != IPPROTO_TCP || len <= 0) {
            return ipProto == IPPROTO_TCP ? AppProto.UNKNOWN : AppProto.FAILED;
        }
        return protoOf(detectTcp(toServer, b, off, len, sp, dp, 0));
    }

    /** {@link #detectTcp} flag: {@code stream.midstream} is on (other direction's patterns and ports too). */
    public static final int MIDSTREAM_CONFIG = 1;
    /** {@link #detectTcp} flag: this session was picked up midstream (Suricata's STREAM_MIDSTREAM). */
    public static final int MIDSTREAM_SESSION = 2;
    /**
     * {@link #detectTcp} flag: the krb5 probe already failed on this direction's earlier bytes
     * (Suricata masks a probing parser that said no for the rest of the flow's detection).
     */
    public static final int KRB5_PROBE_FAILED = 4;
    /**
     * {@link #detectTcp} result bit: the krb5 probe ran on these bytes and said no (nothing else
     * decided them): the caller masks it for the direction ({@link #KRB5_PROBE_FAILED}).
     */
    public static final int KRB5_PROBE_SAID_NO = 1 << 9;
    /** {@link #detectTcp} flag: {@code app-layer.protocols.modbus.enabled} (Modbus is probed on its port). */
    public static final int MODBUS_ENABLED = 8;
    /** {@link #detectTcp} result bit: the bytes flow the other way than the direction given. */
    public static final int REVERSED = 1 << 8;

    public static final int SMB_PORT = 445;
    /**
     * The probing ports: suricata.yaml's {@code app-layer.protocols.smb.detection-ports: dp: 139, 445}
     * (the default configuration the reference runs with; Suricata without a yaml uses 445 only).
     */
    static boolean smbDetectionPort(int port) {
        return port == SMB_PORT || port == 139;
    }

    /** NetBIOS session header plus SMB header: SMB probes wait for this many bytes (MIN_REC_SIZE). */
    static final int SMB_MIN_RECORD = 4 + 32;
    private static final int NBSS_SESSION_MESSAGE = 0x00;

    /** The protocol of a {@link #detectTcp} result. */
    public static AppProto protoOf(int result) {
        return PROTOS[result & 0xFF];
    }

    public static boolean reversed(int result) {
        return (result & REVERSED) != 0;
    }

    private static final AppProto[] PROTOS = AppProto.values();

    private static int result(AppProto p) {
        return p.ordinal();
    }

    /**
     * TCP detection of one direction from its first {@code len} bytes, with the packet's ports
     * ({@code sp} is the sender's): the {@link AppProto} ordinal, plus {@link #REVERSED} when the
     * protocol says the bytes flow the other way. {@code flags}: {@link #MIDSTREAM_CONFIG},
     * {@link #MIDSTREAM_SESSION}.
     */
    public static int detectTcp(boolean toServer, byte[] b, int off, int len, int sp, int dp, int flags) {
        if (len <= 0) {
            return result(AppProto.UNKNOWN);
        }
        // the flow's ports: the server's is the destination of to-server bytes
        int serverPort = toServer ? dp : sp;
        int clientPort = toServer ? sp : dp;
        int pm = matchPatterns(toServer, toServer, b, off, len, serverPort, clientPort, flags);
        if (protoOf(pm) != AppProto.UNKNOWN) {
            return pm;
        }
        int depth = toServer ? TO_SERVER_PM_DEPTH : TO_CLIENT_PM_DEPTH;
        if ((flags & MIDSTREAM_CONFIG) != 0) {
            int om = matchPatterns(!toServer, toServer, b, off, len, serverPort, clientPort, flags);
            if (protoOf(om) != AppProto.UNKNOWN) {
                return om;
            }
            depth = Math.max(depth, toServer ? TO_CLIENT_PM_DEPTH : TO_SERVER_PM_DEPTH);
        }
        boolean pmDone = len >= depth;
        boolean ppDone = true;
        if (sp == DNS_PORT || dp == DNS_PORT) {
            int r = probeDnsTcp(b, off, len);
            if (r == PROBE_DNS) {
                return result(AppProto.DNS);
            }
            ppDone = r == PROBE_NOT_DNS;
        }
        int krb5SaidNo = 0;
        if (serverPort == KRB5_PORT && (flags & KRB5_PROBE_FAILED) == 0) {
            // Suricata's krb5 TCP probe on its port, either direction (no pattern)
            int r = dev.rampart.engine.applayer.krb5.Krb5Session.probeTcp(b, off, len);
            if (r == dev.rampart.engine.applayer.krb5.Krb5Session.PROBE_KRB5) {
                return result(AppProto.KRB5);
            }
            if (r == dev.rampart.engine.applayer.krb5.Krb5Session.PROBE_NOT_KRB5) {
                krb5SaidNo = KRB5_PROBE_SAID_NO;
            } else {
                ppDone = false;
            }
        }
        if (serverPort == NFS_PORT) {
            // Suricata's nfs TCP probe on its port, either direction; with stream.midstream its
            // midstream variant, which tells the direction from the message type
            int r;
            boolean other = false;
            if ((flags & MIDSTREAM_CONFIG) != 0) {
                int type = dev.rampart.engine.applayer.nfs.NfsSession.probeMessageType(b, off, len);
                if (type == -1) {
                    r = dev.rampart.engine.applayer.nfs.NfsSession.PROBE_NEED_MORE;
                } else if (type < 0) {
                    r = dev.rampart.engine.applayer.nfs.NfsSession.PROBE_NOT_NFS;
                } else {
                    other = (type == 0) != toServer;
                    r = dev.rampart.engine.applayer.nfs.NfsSession.probe(b, off, len, type == 0);
                }
            } else {
                r = dev.rampart.engine.applayer.nfs.NfsSession.probe(b, off, len, toServer);
            }
            if (r == dev.rampart.engine.applayer.nfs.NfsSession.PROBE_NFS) {
                return result(AppProto.NFS) | (other ? REVERSED : 0);
            }
            ppDone &= r == dev.rampart.engine.applayer.nfs.NfsSession.PROBE_NOT_NFS || len > NFS_PROBE_DEPTH;
        }
        if (serverPort == HTTP2_PORT && !toServer) {
            // Suricata's HTTP/2 probing parser toward the client on its port: a SETTINGS frame
            // header (reserved bit clear, no flag but ACK, at most the default 16384-byte frame)
            if (len < 9) {
                ppDone = false;
            } else if (b[off + 3] == 0x04 && (b[off + 4] & 0xFE) == 0 && (b[off + 5] & 0x80) == 0
                    && ((b[off] & 0xFF) << 16 | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF)) <= 16384) {
                return result(AppProto.HTTP2);
            }
        }
        if (serverPort == TLS_PORT && toServer) {
            // Suricata's TLS probing parser on its detection port: an SSLv2-framed ClientHello
            // (length with the high bit set, message type 1) offering SSLv3/TLS
            if (len < 5) {
                ppDone = false;
            } else if ((b[off] & 0x80) != 0 && b[off + 2] == 0x01 && b[off + 3] == 0x03 && (b[off + 4] & 0xFF) <= 0x03) {
                return result(AppProto.TLS);
            }
        }
        // SMB's probing parser is registered for the server port; midstream retries with the
        // ports the other way round, and that retry never marks probing done (Suricata's
        // again_midstream), so only the server-port probe can give up
        boolean ownPort = smbDetectionPort(serverPort);
        if (ownPort || ((flags & MIDSTREAM_CONFIG) != 0 && smbDetectionPort(clientPort))) {
            int r = len < SMB_MIN_RECORD ? result(AppProto.UNKNOWN) : probeSmb(toServer, b, off, len, false, flags);
            if (protoOf(r) == AppProto.SMB) {
                return r;
            }
            ppDone &= ownPort && (protoOf(r) == AppProto.FAILED || len > SMB_MIN_RECORD);
        }
        if (serverPort == MQTT_PORT || ((flags & MIDSTREAM_CONFIG) != 0 && clientPort == MQTT_PORT)) {
            AppProto p = probeMqtt(b, off, len);
            if (p == AppProto.MQTT) {
                return result(p);
            }
            ppDone &= p == AppProto.FAILED || len >= MQTT_PROBE_DEPTH;
        }
        if ((flags & MODBUS_ENABLED) != 0
                && (serverPort == MODBUS_PORT || ((flags & MIDSTREAM_CONFIG) != 0 && clientPort == MODBUS_PORT))) {
            AppProto p = probeModbus(b, off, len);
            if (p == AppProto.MODBUS) {
                return result(p);
            }
            // a probing parser is given up once it said no or has more than its max_depth to look at
            ppDone &= p == AppProto.FAILED || len > MODBUS_PROBE_DEPTH;
        }
        return result(pmDone && ppDone ? AppProto.FAILED : AppProto.UNKNOWN) | krb5SaidNo;
    }

    /** Modbus's detection port (app-layer.protocols.modbus.detection-ports default). */
    public static final int MODBUS_PORT = 502;
    /** The Modbus probe's max_depth. */
    static final int MODBUS_PROBE_DEPTH = 16;

    /**
     * Suricata's Modbus probe, either direction: the first unit, read without a direction (exceptions,
     * diagnostics and MEI apart, the rest as bytes), must be all here and carry no error flag (protocol
     * identifier 0, length 2..254, nothing left over); any function code will do.
     */
    public static AppProto probeModbus(byte[] b, int off, int len) {
        return dev.rampart.engine.applayer.modbus.ModbusSession.probe(b, off, len);
    }

    /** MQTT's detection port (app-layer.protocols.mqtt default). */
    public static final int MQTT_PORT = 1883;
    /** The MQTT probe's max_depth: bytes it may wait for. */
    static final int MQTT_PROBE_DEPTH = 16;

    /**
     * Suricata's MQTT probe, either direction: a fixed header (a type byte and a remaining length of
     * at most four bytes) of an assigned type with a QoS below 3.
     */
    public static AppProto probeMqtt(byte[] b, int off, int len) {
        if (len < 2) {
            return AppProto.UNKNOWN;
        }
        for (int i = 1; ; i++) {
            if (i >= len) {
                return AppProto.UNKNOWN;
            }
            if ((b[off + i] & 0x80) == 0) {
                break;
            }
            if (i == 4) {
                return AppProto.FAILED; // a fifth length byte
            }
        }
        int type = (b[off] & 0xFF) >>> 4;
        int qos = (b[off] >>> 1) & 3;
        return type == 0 || qos > 2 ? AppProto.FAILED : AppProto.MQTT;
    }

    /**
     * The patterns registered for direction {@code patternsToServer} run over bytes that flow
     * {@code toServer}: a match of the other direction's patterns reverses the flow, unless the
     * pattern's confirming probe decides the direction itself (SMB).
     */
    private static int matchPatterns(boolean patternsToServer, boolean toServer, byte[] b, int off, int len,
                                     int serverPort, int clientPort, int flags) {
        AppProto p = patternsToServer ? matchToServer(b, off, len) : matchToClient(b, off, len);
        if (p != AppProto.UNKNOWN) {
            return result(p) | (patternsToServer == toServer ? 0 : REVERSED);
        }
        // the SMB patterns are registered for both directions with the same probe
        if (len >= 8 && b[off + 5] == 'S' && b[off + 6] == 'M' && b[off + 7] == 'B') {
            int v = b[off + 4] & 0xFF;
            if (v == 0xFF || v == 0xFE) {
                return len < SMB_MIN_RECORD ? result(AppProto.UNKNOWN) : confirmed(probeSmb(toServer, b, off, len, true, flags));
            }
            if (v == 0xFD && len >= SMB_MIN_RECORD) {
                // SMB3 transform records carry no direction: a flow from port 445 to another port is
                // the wrong way round (Suricata's smb3_probe_tcp)
                int r = probeSmb(toServer, b, off, len, false, flags);
                if (protoOf(r) == AppProto.SMB) {
                    return clientPort == SMB_PORT && serverPort != SMB_PORT ? result(AppProto.SMB) | REVERSED : r;
                }
            }
        }
        // DCERPC: "05 00" at offset 0, registered for both directions, confirmed by its probe
        if (len >= DCERPC_HEADER && b[off] == 5 && b[off + 1] == 0) {
            return probeDcerpc(toServer, b, off);
        }
        return result(AppProto.UNKNOWN);
    }

    /** The DCERPC probe reads the whole common header; fewer bytes are no match yet. */
    static final int DCERPC_HEADER = 16;

    /**
     * Suricata's DCERPC probe on a common header that starts with version 5: minor version 0 and a
     * plausible data representation (integer and character formats, floating-point format at most
     * 3). A REQUEST or ALTER_CONTEXT travels to the server, any other type to the client (a BIND
     * too, as there): {@link #REVERSED} when that is not the direction given.
     */
    static int probeDcerpc(boolean toServer, byte[] b, int off) {
        if (b[off + 1] != 0 || (b[off + 4] & 0xEE) != 0 || (b[off + 5] & 0xFF) > 3) {
            return result(AppProto.UNKNOWN);
        }
        int type = b[off + 2] & 0xFF;
        boolean request = type == 0 || type == 14;
        return result(AppProto.DCERPC) | (request == toServer ? 0 : REVERSED);
    }

    /** A pattern's probe result: only a confirmed protocol counts as a match. */
    private static int confirmed(int r) {
        return protoOf(r) == AppProto.SMB ? r : result(AppProto.UNKNOWN);
    }

    /**
     * Suricata's SMB probe over at least {@link #SMB_MIN_RECORD} bytes: SMB, UNKNOWN (wants more)
     * or FAILED. {@code begins}: a pattern matched at offset 4, so the record starts at
     * {@code off}; otherwise a midstream session searches for the first SMB header.
     */
    static int probeSmb(boolean toServer, byte[] b, int off, int len, boolean begins, int flags) {
        if ((flags & MIDSTREAM_SESSION) != 0) {
            int r = probeSmbMidstream(toServer, b, off, len, begins);
            if (r >= 0) {
                return r;
            }
        }
        int type = b[off] & 0xFF;
        int length = (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
        if (isSmbRecord(b, off, len)) {
            return result(AppProto.SMB);
        }
        if (validNbssType(type) && type != NBSS_SESSION_MESSAGE) {
            // a small NetBIOS message (session request, keep-alive) may come before the first SMB one
            long next = 4L + length;
            if (len - 4 >= length + 8L) {
                if (isSmbRecord(b, off + (int) next, len - (int) next)) {
                    return result(AppProto.SMB);
                }
            } else if (length < 256) {
                return result(AppProto.UNKNOWN);
            }
        }
        return result(AppProto.FAILED);
    }

    /** NetBIOS header of a valid type followed by ff|fe|fd "SMB". */
    private static boolean isSmbRecord(byte[] b, int off, int len) {
        if (len < 8 || !validNbssType(b[off] & 0xFF)) {
            return false;
        }
        int v = b[off + 4] & 0xFF;
        return (v == 0xFF || v == 0xFE || v == 0xFD) && b[off + 5] == 'S' && b[off + 6] == 'M' && b[off + 7] == 'B';
    }

    private static boolean validNbssType(int type) {
        return type == NBSS_SESSION_MESSAGE || (type >= 0x81 && type <= 0x85);
    }

    /**
     * The midstream part of the SMB probe: finds an SMB header (at offset 4, or by searching) and
     * reads its direction. -1 when no header was found (the plain probe decides then).
     */
    private static int probeSmbMidstream(boolean toServer, byte[] b, int off, int len, boolean begins) {
        int end = off + len;
        int h;
        if (begins) {
            if ((b[off] & 0xFF) != NBSS_SESSION_MESSAGE) {
                return -1;
            }
            h = off + 4;
        } else {
            h = searchSmbHeader(b, off, end);
            if (h < 0) {
                return -1;
            }
        }
        if (end - h < 4 || b[h + 1] != 'S' || b[h + 2] != 'M' || b[h + 3] != 'B') {
            return -1;
        }
        int version = b[h] & 0xFF;
        Boolean response = null;
        if (version == 0xFF && end - h >= 32) {
            response = (b[h + 9] & 0x80) != 0; // SMB1 flags: reply
        } else if (version == 0xFE && end - h >= 17) {
            response = (b[h + 16] & 0x01) != 0; // SMB2 flags: SERVER_TO_REDIR
        }
        int r = result(AppProto.SMB);
        if (response != null && response == toServer) {
            r |= REVERSED;
        }
        return r;
    }

    /**
     * Suricata's search_smb_record: the first "SMB" preceded by ff|fe|fd whose NetBIOS type
     * byte (4 before the version byte), when present, is a session message. Returns the index of
     * the version byte, or -1. As there, an "SMB" at the very start of what is searched counts as
     * no match.
     */
    static int searchSmbHeader(byte[] b, int off, int end) {
        int d = off;
        while (end - d >= 4) {
            int index = -1;
            for (int i = d; i + 3 <= end; i++) {
                if (b[i] == 'S' && b[i + 1] == 'M' && b[i + 2] == 'B') {
                    index = i - d;
                    break;
                }
            }
            if (index <= 0) {
                return -1;
            }
            int v = b[d + index - 1] & 0xFF;
            if ((v == 0xFE || v == 0xFF || v == 0xFD)
                    && (index < 5 || (b[d + index - 5] & 0xFF) == NBSS_SESSION_MESSAGE)) {
                return d + index - 1;
            }
            d += index + 3;
        }
        return -1;
    }

    private static AppProto matchToServer(byte[] b, int off, int len) {
        if (len >= 3 && b[off] == 0x16 && b[off + 1] == 0x03 && (b[off + 2] & 0xFF) <= 0x03) {
            return AppProto.TLS;
        }
        // Suricata 7's other TLS patterns (measured with 7.0.10 on port 5555): an SSLv2-style
        // CLIENT-HELLO message type with an SSLv3/TLS version at offset 0, the SSLv2 version "01 00 02"
        // at offset 2; an SSLv2-framed hello with a 3.x version is only the port-443 probe's
        if (len >= 3 && b[off] == 0x01 && b[off + 1] == 0x03 && (b[off + 2] & 0xFF) <= 0x03) {
            return AppProto.TLS;
        }
        if (len >= 5 && b[off + 2] == 0x01 && b[off + 3] == 0x00 && b[off + 4] == 0x02) {
            return AppProto.TLS;
        }
        if (len >= HTTP2_PREFACE.length && startsWithIgnoreCase(b, off, HTTP2_PREFACE)) {
            return AppProto.HTTP2; // Suricata's HTTP/2 pattern: the preface's first line
        }
        for (byte[] m : METHOD_BYTES) {
            if (len > m.length && startsWithIgnoreCase(b, off, m)) {
                byte sep = b[off + m.length];
                if (sep == ' ' || sep == '\t') {
                    return AppProto.HTTP;
                }
            }
        }
        if (len >= 4 && startsWithIgnoreCase(b, off, SSH_DASH)) {
            return AppProto.SSH;
        }
        if (len >= 4 && startsWithIgnoreCase(b, off, RFB_SPACE)) {
            return AppProto.RFB;
        }
        for (byte[] m : SMTP_TO_SERVER) {
            if (len >= m.length && startsWithIgnoreCase(b, off, m)) {
                return AppProto.SMTP;
            }
        }
        for (byte[] m : FTP_TO_SERVER) {
            if (len >= m.length && startsWithIgnoreCase(b, off, m)) {
                return AppProto.FTP;
            }
        }
        return AppProto.UNKNOWN;
    }

    private static final byte[] HTTP2_PREFACE = "PRI * HTTP/2.0\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** SSH's identification line, either direction, case-insensitive at offset 0. */
    private static final byte[] SSH_DASH = {'S', 'S', 'H', '-'};
    /** RFB's protocol version line, either direction, case-insensitive at offset 0 (no port: RFB has no probe). */
    private static final byte[] RFB_SPACE = {'R', 'F', 'B', ' '};
    /** Suricata's SMTP patterns, case-insensitive at offset 0 of the client's bytes (nothing toward the client). */
    private static final byte[][] SMTP_TO_SERVER = {{'E', 'H', 'L', 'O'}, {'H', 'E', 'L', 'O'}, {'Q', 'U', 'I', 'T'}};
    /** Suricata's FTP patterns toward the server, case-insensitive at offset 0. */
    private static final byte[][] FTP_TO_SERVER = {{'F', 'E', 'A', 'T'}, {'U', 'S', 'E', 'R', ' '}, {'P', 'A', 'S', 'S', ' '},
        {'P', 'O', 'R', 'T', ' '}};
    /** Suricata's FTP pattern toward the client: vsftpd's "220 (vsFTPd x)" banner; other servers' banners match nothing. */
    private static final byte[] FTP_TO_CLIENT = {'2', '2', '0', ' ', '('};

    private static AppProto matchToClient(byte[] b, int off, int len) {
        if (len >= 3 && b[off + 1] == 0x03 && (b[off + 2] & 0xFF) <= 0x03) {
            int type = b[off] & 0xFF;
            if (type == 0x15 || type == 0x16 || type == 0x17) {
                return AppProto.TLS;
            }
        }
        if (len >= 7 && b[off + 5] == 0x00 && b[off + 6] == 0x02) {
            return AppProto.TLS; // SSLv2 ServerHello version
        }
        if (len >= 5 && startsWithIgnoreCase(b, off, HTTP_SLASH)) {
            return AppProto.HTTP;
        }
        if (len >= 5 && startsWithIgnoreCase(b, off, FTP_TO_CLIENT)) {
            return AppProto.FTP;
        }
        if (len >= 4 && startsWithIgnoreCase(b, off, SSH_DASH)) {
            return AppProto.SSH;
        }
        if (len >= 4 && startsWithIgnoreCase(b, off, RFB_SPACE)) {
            return AppProto.RFB;
        }
        return AppProto.UNKNOWN;
    }

    private static final byte[] HTTP_SLASH = {'H', 'T', 'T', 'P', '/'};

    private static boolean startsWithIgnoreCase(byte[] b, int off, byte[] upper) {
        for (int i = 0; i < upper.length; i++) {
            int c = b[off + i];
            if (c >= 'a' && c <= 'z') {
                c -= 32;
            }
            if (c != upper[i]) {
                return false;
            }
        }
        return true;
    }

    public static final int PROBE_DNS = 0;
    public static final int PROBE_NOT_DNS = 1;
    public static final int PROBE_NEED_MORE = 2;

    /** TCP DNS: 2-byte length, then the message; the header alone decides when the rest is not here yet. */
    public static int probeDnsTcp(byte[] b, int off, int len) {
        if (len < 2 + DNS_HEADER) {
            return PROBE_NEED_MORE;
        }
        int msgLen = (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
        if (msgLen < DNS_HEADER) {
            return PROBE_NOT_DNS;
        }
        return probeDns(b, off + 2, Math.min(len - 2, msgLen), msgLen);
    }

    /**
     * Suricata's DNS probe over {@code have} bytes of a message of {@code msgLen}: with the whole
     * message the header and questions must parse, otherwise only the header is checked.
     */
    public static int probeDns(byte[] b, int off, int have, int msgLen) {
        if (have < DNS_HEADER) {
            return have < msgLen ? PROBE_NEED_MORE : PROBE_NOT_DNS;
        }
        int qd = u16(b, off + 4);
        int an = u16(b, off + 6);
        int ns = u16(b, off + 8);
        int ar = u16(b, off + 10);
        if (have >= msgLen) {
            int p = off + DNS_HEADER;
            int end = off + msgLen;
            for (int i = 0; i < qd; i++) {
                p = skipName(b, p, end);
                if (p < 0 || p + 4 > end) {
                    return PROBE_NOT_DNS;
                }
                p += 4;
            }
        }
        long minSize = 2L * (qd + an + ns + ar);
        return minSize > msgLen ? PROBE_NOT_DNS : PROBE_DNS;
    }

    /** Skips a (possibly compressed) name; -1 when it runs past end. */
    static int skipName(byte[] b, int p, int end) {
        int labels = 0;
        while (p < end) {
            int l = b[p] & 0xFF;
            if (l == 0) {
                return p + 1;
            }
            if ((l & 0xC0) == 0xC0) {
                return p + 2 <= end ? p + 2 : -1;
            }
            if ((l & 0xC0) != 0 || ++labels > 255) {
                return -1;
            }
            p += 1 + l;
        }
        return -1;
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
    }
}

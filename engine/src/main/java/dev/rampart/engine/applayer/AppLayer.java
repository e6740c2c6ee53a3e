package dev.rampart.engine.applayer;

import dev.rampart.engine.applayer.dcerpc.DcerpcSession;
import dev.rampart.engine.applayer.dns.DnsSession;
import dev.rampart.engine.applayer.http.HttpConfig;
import dev.rampart.engine.applayer.http.HttpSession;
import dev.rampart.engine.applayer.sip.SipMessage;
import dev.rampart.engine.applayer.sip.SipParser;
import dev.rampart.engine.applayer.sip.SipSession;
import dev.rampart.engine.applayer.ftp.FtpCounters;
import dev.rampart.engine.applayer.ftp.FtpDataSession;
import dev.rampart.engine.applayer.ftp.FtpExpectations;
import dev.rampart.engine.applayer.ftp.FtpSession;
import dev.rampart.engine.applayer.smtp.SmtpCounters;
import dev.rampart.engine.applayer.smtp.SmtpSession;
import dev.rampart.engine.applayer.smb.SmbSession;
import dev.rampart.engine.applayer.ssh.SshSession;
import dev.rampart.engine.applayer.tls.TlsSession;
import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.flow.Flow;
import dev.rampart.engine.pipeline.StatsTree;
import dev.rampart.engine.stream.StreamConsumer;
import dev.rampart.engine.stream.TcpSession;
import dev.rampart.engine.stream.TcpTracker;

/**
 * The app layer of one worker: consumes in-order TCP bytes (it is the reassembler's "app"
 * consumer) and UDP datagrams, detects each flow's protocol from the first bytes of either
 * direction ({@link AppProtoDetector}), then feeds the protocol's session. Undecided bytes are
 * kept (bounded) so the parser sees the stream from its start once the protocol is known.
 * A parser error (input the session rejected) is remembered for the packet that carried it
 * ({@link #packetHadError()}), for the packet path to apply {@code app-layer.error-policy}.
 */
public final class AppLayer implements StreamConsumer {
    private final HttpConfig httpConfig;
    private final boolean tlsInspectEncrypted;
    /** {@code stream.midstream}: detection also tries the other direction's patterns and ports. */
    private final boolean midstream;
    private byte[] datagram = new byte[2048];
    /** Scratch for SIP probing: the probe is a full parse, as Suricata's. */
    private final SipMessage sipProbe = new SipMessage();
    /** {@code app-layer.protocols.sip.enabled}: SIP is detected on its ports; and parsed (not detection-only). */
    private boolean sipEnabled = true;
    private boolean sipParsed = true;
    /**
     * Detection heads ({@link AppFlow#DETECT_LIMIT} bytes) that decided flows gave back, for the
     * next flows: a head is needed only until the direction's protocol is known.
     */
    private final byte[][] freeHeads = new byte[MAX_FREE_HEADS][];
    private int freeHeadCount;
    static final int MAX_FREE_HEADS = 64;
    /** A session rejected input of the packet being handled. */
    private boolean packetError;

    // counters
    private long detectedHttp;
    private long detectedTls;
    private long detectedDnsTcp;
    private long detectedDnsUdp;
    private long detectedSip;
    private final long[] parserErrors = new long[AppProto.values().length];
    private long detectedHttp2;
    private long detectedSmb;
    private long detectedDcerpc;
    private long detectedTftp;
    private long detectedMqtt;
    private long detectedRfb;
    private long detectedSnmp;
    private final dev.rampart.engine.applayer.snmp.SnmpCounters snmpCounters = new dev.rampart.engine.applayer.snmp.SnmpCounters();
    private final dev.rampart.engine.applayer.rfb.RfbCounters rfbCounters = new dev.rampart.engine.applayer.rfb.RfbCounters();
    private final dev.rampart.engine.applayer.mqtt.MqttCounters mqttCounters = new dev.rampart.engine.applayer.mqtt.MqttCounters();
    private long detectedIke;
    private long detectedWebSocket;
    private final dev.rampart.engine.applayer.websocket.WebSocketCounters webSocketCounters =
            new dev.rampart.engine.applayer.websocket.WebSocketCounters();
    private final dev.rampart.engine.applayer.ike.IkeCounters ikeCounters = new dev.rampart.engine.applayer.ike.IkeCounters();
    private long detectedModbus;
    private final dev.rampart.engine.applayer.modbus.ModbusCounters modbusCounters =
            new dev.rampart.engine.applayer.modbus.ModbusCounters();
    /**
     * {@code app-layer.protocols.modbus.enabled}: Modbus is detected on its port (Suricata's default: no);
     * and parsed (not detection-only).
     */
    private boolean modbusEnabled;
    private boolean modbusParsed;
    private long detectedKrb5Tcp;
    private long detectedNfsTcp;
    private long detectedNfsUdp;
    private final dev.rampart.engine.applayer.nfs.NfsCounters nfsCounters = new dev.rampart.engine.applayer.nfs.NfsCounters();
    private long detectedKrb5Udp;
    private final dev.rampart.engine.applayer.krb5.Krb5Counters krb5Counters = new dev.rampart.engine.applayer.krb5.Krb5Counters();
    private long detectedSmtp;
    /** What this worker's SMTP sessions could not keep (each counts into it as it goes). */
    private final SmtpCounters smtpCounters = new SmtpCounters();
    private final dev.rampart.engine.applayer.smb.SmbCounters smbCounters = new dev.rampart.engine.applayer.smb.SmbCounters();
    private final FtpCounters ftpCounters = new FtpCounters();
    /** Data connections this worker's FTP sessions announced. */
    private final FtpExpectations ftpExpectations = new FtpExpectations();
    private long detectedFtp;
    private long detectedFtpData;
    private long detectedSsh;
    /** Midstream flows protocol detection turned around (Suricata's FlowSwap). */
    private long reversedFlows;
    private long failedTcp;
    private long failedUdp;

    public AppLayer() {
        this(new HttpConfig());
    }

    public AppLayer(HttpConfig httpConfig) {
        this(httpConfig, false);
    }

    public AppLayer(HttpConfig httpConfig, boolean midstream) {
        this(httpConfig, midstream, false);
    }

    /** @param tlsInspectEncrypted {@code app-layer.protocols.tls.encryption-handling: full} */
    public AppLayer(HttpConfig httpConfig, boolean midstream, boolean tlsInspectEncrypted) {
        this.httpConfig = httpConfig;
        this.midstream = midstream;
        this.tlsInspectEncrypted = tlsInspectEncrypted;
    }

    public static AppFlow of(Flow f) {
        return f == null || !(f.appState instanceof AppFlow a) ? null : a;
    }

    private static AppFlow state(Flow f) {
        if (!(f.appState instanceof AppFlow)) {
            f.appState = new AppFlow();
        }
        return (AppFlow) f.appState;
    }

    @Override
    public int onData(Flow flow, boolean toServer, byte[] data, int offset, int length, long streamOffset) {
        AppFlow a = state(flow);
        if (a.disabled) {
            return length;
        }
        if (a.change == AppFlow.CHANGE_AWAIT_DATA) {
            switchProtocol(a);
        }
        if (a.session != null) {
            if (a.dirProto[toServer ? 0 : 1] == AppProto.UNKNOWN && !(a.proto == AppProto.MODBUS && !modbusParsed)) {
                // (a detection-only protocol has no parser to hand the other direction to: it stays
                // undecided, measured with modbus detection-only: app-layer-protocol does not match it)
                // the second direction's first data: Suricata runs detection on it too; what finds nothing
                // is "failed" for that direction (APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION), though the
                // parser gets its bytes (an FTP client's AUTH TLS after a vsftpd banner, measured)
                int sp = toServer ? flow.srcPort : flow.dstPort;
                int dp = toServer ? flow.dstPort : flow.srcPort;
                AppProto own = a.proto == AppProto.FTP_DATA ? a.proto
                        : AppProtoDetector.protoOf(AppProtoDetector.detectTcp(toServer, data, offset, length, sp, dp,
                                modbusEnabled ? AppProtoDetector.MODBUS_ENABLED : 0));
                // another protocol found there stays that direction's (Suricata's mismatch: the flow keeps the
                // protocol whose parser already has data, app-layer-protocol reads the direction's own;
                // measured: an SSH banner answering an HTTP request is ssh to the client)
                a.dirProto[toServer ? 0 : 1] = own == AppProto.UNKNOWN ? AppProto.FAILED : own;
                decided(a, toServer);
            }
            if (a.redetect[toServer ? 0 : 1]) {
                a.redetect[toServer ? 0 : 1] = false;
                decided(a, toServer);
            }
            a.session.onData(toServer, data, offset, length);
            checkErrors(a, true);
            checkProtocolChange(a);
            return length;
        }
        if (a.proto.decided()) {
            return length; // detection failed, or a protocol we have no parser for (http2)
        }
        int d = toServer ? 0 : 1;
        if (a.firstData < 0) {
            a.firstData = d;
        }
        int sp = toServer ? flow.srcPort : flow.dstPort;
        int dp = toServer ? flow.dstPort : flow.srcPort;
        if (a.detectPort > 0) {
            // inside a CONNECT tunnel the target's port is the server's
            if (toServer) {
                dp = a.detectPort;
            } else {
                sp = a.detectPort;
            }
        }
        // keep the head of the direction; detect on all of it
        byte[] h = a.head[d];
        int have = a.headLen[d];
        int take = Math.min(length, AppFlow.DETECT_LIMIT - have);
        if (h == null) {
            h = a.head[d] = freeHeadCount > 0 ? freeHeads[--freeHeadCount] : new byte[AppFlow.DETECT_LIMIT];
        }
        System.arraycopy(data, offset, h, have, take);
        a.headLen[d] = have + take;
        TcpSession ssn = TcpTracker.session(flow);
        // Suricata reverses only sessions picked up from a plain ACK, not from a SYN/ACK
        boolean ackPickup = ssn != null && ssn.midstream && !ssn.midstreamSynAck;
        int flags = (midstream ? AppProtoDetector.MIDSTREAM_CONFIG : 0)
                | (ssn != null && ssn.midstream ? AppProtoDetector.MIDSTREAM_SESSION : 0);
        int r;
        AppProto p;
        FtpExpectations.Expectation transfer = ftpExpectations.isEmpty() ? null : ftpExpectations.take(flow, toServer);
        if (transfer != null) {
            // a data connection an FTP session announced: decided before any pattern (Suricata's
            // AppLayerExpectationHandle comes first in protocol detection)
            r = 0;
            p = AppProto.FTP_DATA;
        } else {
            r = AppProtoDetector.detectTcp(toServer, h, 0, a.headLen[d], sp, dp,
                    flags | (a.krb5ProbeFailed[d] ? AppProtoDetector.KRB5_PROBE_FAILED : 0)
                            | (modbusEnabled ? AppProtoDetector.MODBUS_ENABLED : 0));
            if ((r & AppProtoDetector.KRB5_PROBE_SAID_NO) != 0) {
                a.krb5ProbeFailed[d] = true;
            }
            p = AppProtoDetector.protoOf(r);
            if (p == AppProto.FAILED || p == AppProto.UNKNOWN) {
                AppProto sip = sipOverTcp(toServer, h, a.headLen[d], sp, dp);
                if (sip != null) {
                    r = 0;
                    p = sip;
                }
            }
        }
        if (p == AppProto.UNKNOWN && a.headLen[d] >= AppFlow.DETECT_LIMIT) {
            p = AppProto.FAILED;
        }
        a.dirProto[d] = p;
        if (p == AppProto.UNKNOWN) {
            return length;
        }
        if (p == AppProto.FAILED) {
            // the other direction may still decide, except that a session picked up midstream
            // must find its protocol toward the server (Suricata gives up on the flow then)
            if (a.dirProto[1 - d] == AppProto.FAILED || (ackPickup && toServer)) {
                fail(a, false);
                // Suricata's DisableAppLayer: each direction not flagged yet carries it now
                decided(a, toServer);
                if (a.failFlagDeferred[1 - d] || a.dirProto[1 - d] == AppProto.UNKNOWN) {
                    a.failFlagDeferred[1 - d] = false;
                    decided(a, !toServer);
                }
            } else if (a.dirProto[1 - d] == AppProto.UNKNOWN) {
                // Suricata keeps a direction that found nothing undecided while the other one is: it
                // fails (and is flagged) when the other decides, or with it
                a.failFlagDeferred[d] = true;
            } else {
                decided(a, toServer);
            }
            return length;
        }
        start(a, p, false, flow, transfer);
        if (p == AppProto.SMB && ssn != null) {
            // Suricata's SMB stream-depth defaults to unlimited and a detected protocol's depth
            // of 0 lifts the session's (TcpSessionSetReassemblyDepth)
            ssn.client.setDepth(0);
            ssn.server.setDepth(0);
        }
        if (AppProtoDetector.reversed(r) && ackPickup && a.dirProto[1 - d] == AppProto.UNKNOWN) {
            // the bytes go the other way: the flow, its streams and every stage's direction
            // state turn around before the parser sees them (TCPProtoDetect's FlowSwap)
            flow.reverse();
            reversedFlows++;
            toServer = !toServer;
            d = 1 - d;
        }
        decided(a, toServer);
        // replay what was kept: both directions' heads (and the rest of this call), the direction whose
        // data came first first (TCPProtoDetectTriggerOpposingSide)
        if (a.failFlagDeferred[1 - d]) {
            // the other direction found nothing before: it fails now (APPLAYER_DETECT_PROTOCOL_ONLY_ONE_DIRECTION)
            a.failFlagDeferred[1 - d] = false;
            decided(a, !toServer);
        }
        boolean other = a.headLen[1 - d] > 0;
        if (other) {
            // a direction whose own detection already failed keeps saying so (Suricata's
            // app_proto_tc "failed" after an SMTP banner, which app-layer-protocol reads), though
            // the parser gets its bytes
            if (a.dirProto[1 - d] != AppProto.FAILED && transfer == null) {
                // (an expected FTP-DATA connection's other direction stays undecided: measured, the
                // reference's app-layer-protocol:ftp-data did not match that direction's packets)
                a.dirProto[1 - d] = p;
                decided(a, !toServer);
            }
            if (a.firstData == 1 - d) {
                a.session.onData(!toServer, a.head[1 - d], 0, a.headLen[1 - d]);
                other = false;
            }
        }
        a.session.onData(toServer, h, 0, a.headLen[d]);
        if (take < length) {
            a.session.onData(toServer, data, offset + take, length - take);
        }
        if (other) {
            a.session.onData(!toServer, a.head[1 - d], 0, a.headLen[1 - d]);
        }
        releaseHeads(a);
        checkErrors(a, true);
        checkProtocolChange(a);
        return length;
    }




    /** Suricata's AppLayerRequestProtocolChange, when the parser asks for it (once per flow). */
    private static void checkProtocolChange(AppFlow a) {
        if (a.change == AppFlow.CHANGE_NONE && a.protoOrig == null && a.session != null) {
            AppProto to = a.session.protocolChangeRequest();
            if (to != null) {
                a.detectPort = a.session.protocolChangePort();
                a.protoOrig = a.proto;
                a.protoExpected = to;
                a.change = AppFlow.CHANGE_REQUESTED;
            }
        }
    }

    /**
     * True once after the flow's parser asked for a protocol change during this packet's TCP
     * stage: detection then inspects Suricata's detect/log flush pseudo packets with the old
     * protocol before the packet itself.
     */
    public boolean takeProtocolChange(Flow flow) {
        AppFlow a = of(flow);
        if (a == null || a.change != AppFlow.CHANGE_REQUESTED) {
            return false;
        }
        a.change = AppFlow.CHANGE_FLUSHED;
        return true;
    }

    /**
     * A packet of the flow arrives (before its TCP stage). A change flushed on an earlier packet
     * completes now: Suricata re-runs protocol detection on the next data and takes the expected
     * protocol; we have no HTTP/2 parser, so the flow just becomes http2 without a session (its
     * later bytes are not parsed) and keeps http as app_proto_orig. SMTP's accepted STARTTLS (Suricata's
     * AppLayerRequestProtocolTLSUpgrade) becomes tls with a TLS session, smtp as app_proto_orig.
     */
    public void onPacket(Flow flow, boolean toServer) {
        AppFlow a = of(flow);
        if (a == null) {
            return;
        }
        int d = toServer ? 0 : 1;
        if (a.detectDonePending[d]) {
            // the first packet of a direction after another direction's packet decided its protocol
            // carries the decision (Suricata's FLOW_PROTO_DETECT_*_DONE becoming PKT_PROTO_DETECT_*_DONE)
            a.detectDonePending[d] = false;
            a.decidedAtPacket[d] = flow.pktsToServer + flow.pktsToClient;
        }
        if (a.change != AppFlow.CHANGE_FLUSHED) {
            return;
        }
        if (a.protoExpected == AppProto.HTTP2 || a.protoExpected == AppProto.WEBSOCKET
                || a.protoExpected == AppProto.UNKNOWN) {
            // Suricata changes the protocol when detection runs again on the next data it gets
            a.change = AppFlow.CHANGE_AWAIT_DATA;
            return;
        }
        switchProtocol(a);
    }

    /** The protocol change completes: the flow takes the expected protocol (see {@link #onPacket}). */
    private void switchProtocol(AppFlow a) {
        a.change = AppFlow.CHANGE_NONE;
        a.proto = a.protoExpected;
        a.dirProto[0] = a.dirProto[1] = a.protoExpected;
        a.protoExpected = null;
        AppSession before = a.session;
        a.session = null;
        if (a.proto == AppProto.UNKNOWN) {
            // a CONNECT tunnel: the next bytes of each direction are detected as a flow's first ones
            // (dirProto is unknown again above)
            a.headLen[0] = a.headLen[1] = 0;
            a.firstData = -1;
            a.failFlagDeferred[0] = a.failFlagDeferred[1] = false;
        } else if (a.proto == AppProto.HTTP2) {
            start(a, AppProto.HTTP2, false, null, null);
            ((dev.rampart.engine.applayer.http.Http2Session) a.session).upgradedFrom(before);
        } else if (a.proto == AppProto.WEBSOCKET) {
            a.redetect[0] = a.redetect[1] = true;
            start(a, AppProto.WEBSOCKET, false, null, null);
        } else if (a.proto == AppProto.TLS) {
            // each direction is detected again on its next data (Suricata reruns TCPProtoDetect after
            // the change): app-layer-protocol:tls matches from the packet after each one's first record
            a.dirProto[0] = a.dirProto[1] = AppProto.UNKNOWN;
            start(a, AppProto.TLS, false, null, null); // SMTP's STARTTLS: the TLS parser takes the bytes from here
        }
    }

    @Override
    public void onDeliveryEnd(Flow flow, boolean toServer) {
        AppFlow a = of(flow);
        if (a != null && a.session != null && !a.disabled) {
            a.session.onChunkEnd(toServer);
            checkErrors(a, true);
        }
    }

    @Override
    public void onGap(Flow flow, boolean toServer, long streamOffset, long length) {
        AppFlow a = state(flow);
        if (a.session != null) {
            a.session.onGap(toServer, length);
        } else if (a.proto == AppProto.UNKNOWN) {
            // Suricata cannot detect over a gap at the start
            fail(a, false);
            decided(a, toServer);
        }
    }

    /** A UDP packet of a flow: detect on the datagram, then parse it. */
    public void onUdp(Flow flow, Packet p) {
        int n = p.payloadLength;
        if (n <= 0 && of(flow) != null) {
            return; // (an empty datagram is detected on as the first of its flow, as Suricata's: it fails)
        }
        AppFlow a = state(flow);
        int d = p.toServer ? 0 : 1;
        if (a.proto == AppProto.FAILED || a.disabled) {
            if (a.proto == AppProto.FAILED && !a.disabled && a.dirProto[d] == AppProto.UNKNOWN) {
                // the other direction's first datagram: Suricata runs (and fails) detection on it too
                a.dirProto[d] = AppProto.FAILED;
                decidedUdp(a, flow, p.toServer);
            }
            return;
        }
        if (n > datagram.length) {
            datagram = new byte[Math.max(n, datagram.length * 2)];
        }
        p.buffer.get(p.payloadOffset, datagram, 0, n);
        boolean toServer = p.toServer;
        if (a.session == null) {
            AppProto proto = AppProtoDetector.detect(17, toServer, datagram, 0, n, p.srcPort, p.dstPort);
            if (proto == AppProto.FAILED && sipEnabled && (isSipPort(p.srcPort) || isSipPort(p.dstPort))) {
                proto = probeSip(toServer, datagram, n);
            }
            if (proto == AppProto.FAILED || proto == AppProto.UNKNOWN) {
                fail(a, true);
                a.dirProto[d] = AppProto.FAILED;
                decidedUdp(a, flow, toServer);
                return;
            }
            start(a, proto, true, null, null);
        }
        if (a.dirProto[d] == AppProto.UNKNOWN) {
            a.dirProto[d] = a.proto;
            decidedUdp(a, flow, toServer);
        }
        if (a.proto == AppProto.SIP && !sipParsed) {
            return; // detection-only: the flow is SIP, its datagrams are not parsed
        }
        a.session.onDatagram(toServer, datagram, 0, n);
        checkErrors(a, false);
    }

    /**
     * {@code app-layer.protocols.sip.enabled}: {@code no} turns SIP detection off (flows stay
     * "failed"); {@code detection-only} detects SIP but parses nothing (no transactions, no errors).
     */
    public void setSip(boolean detected, boolean parsed) {
        sipEnabled = detected;
        sipParsed = detected && parsed;
    }

    /**
     * {@code app-layer.protocols.modbus.enabled}: {@code yes} detects Modbus on port 502 and parses it,
     * {@code detection-only} detects it only (no transactions), anything else leaves it off.
     */
    public void setModbus(boolean detected, boolean parsed) {
        modbusEnabled = detected;
        modbusParsed = detected && parsed;
    }

    /**
     * SIP over TCP (Suricata 8) on a SIP port: SIP once the first line is a request line (to the
     * server) or a status line (to the client), UNKNOWN while it is not complete, null otherwise.
     */
    private AppProto sipOverTcp(boolean toServer, byte[] b, int n, int sp, int dp) {
        if (!sipEnabled || !(isSipPort(sp) || isSipPort(dp))) {
            return null;
        }
        int r = toServer ? SipParser.parseRequest(b, 0, n, sipProbe, true) : SipParser.parseResponse(b, 0, n, sipProbe);
        if (r == SipParser.OK) {
            return AppProto.SIP;
        }
        if (r == SipParser.INCOMPLETE) {
            for (int i = 0; i + 1 < n; i++) {
                if (b[i] == '\r' && b[i + 1] == '\n') {
                    return AppProto.SIP; // the first line parsed; the headers are still coming
                }
            }
            return n < AppFlow.DETECT_LIMIT ? AppProto.UNKNOWN : null;
        }
        return null;
    }

    /** Suricata's SIP detection ports (app-layer.protocols.sip.detection-ports default). */
    static boolean isSipPort(int port) {
        return port == 5060 || port == 5061;
    }

    /** Suricata 7's SIP probing parsers: the datagram must parse as a request (to server) or response. */
    private AppProto probeSip(boolean toServer, byte[] b, int n) {
        int r = toServer ? SipParser.parseRequest(b, 0, n, sipProbe) : SipParser.parseResponse(b, 0, n, sipProbe);
        return r == SipParser.OK ? AppProto.SIP : AppProto.FAILED;
    }

    /**
     * Takes the session's new parser errors: counted, and the packet's error for the error policy. On
     * TCP an error also ends app-layer processing of the flow (Suricata's StreamTcpDisableAppLayer):
     * no more parsing, and a direction not detected yet stays so (app-layer-protocol does not match it).
     */
    private void checkErrors(AppFlow a, boolean tcp) {
        long e = a.session.parseErrors();
        if (e != a.parseErrorsSeen) {
            parserErrors[a.proto.ordinal()] += e - a.parseErrorsSeen;
            a.parseErrorsSeen = e;
            packetError = true;
            if (tcp) {
                a.disabled = true;
            }
        }
    }

    /** Called before each packet is handled: forgets the previous packet's parser error. */
    public void beginPacket() {
        packetError = false;
    }

    /** Whether a parser rejected input this packet carried (Suricata's AppLayerParserParse error). */
    public boolean packetHadError() {
        return packetError;
    }

    /**
     * An exception policy dropped the flow: parse nothing more of it (Suricata disables the app
     * layer of a dropped flow).
     */
    public static void disable(Flow flow) {
        AppFlow a = of(flow);
        if (a != null) {
            a.disabled = true;
        }
    }

    /**
     * A TCP direction ended before flow end (the session closed with all its bytes delivered):
     * the parser finishes what the close completes, e.g. an HTTP response delimited by the close.
     */
    @Override
    public void onEnd(Flow flow, boolean toServer) {
        AppFlow a = of(flow);
        if (a != null) {
            end(a, toServer);
        }
    }

    /** Flow end: both directions end (the streams were flushed just before). */
    public void onFlowEnd(Flow flow) {
        AppFlow a = of(flow);
        if (a == null) {
            return;
        }
        releaseHeads(a);
        if (a.session != null) {
            a.session.onFlowEnd(true);
            end(a, true);
            a.session.onFlowEnd(false);
            end(a, false);
        }
    }

    /**
     * After detection's last look at the ended flow (its state is dropped next): the session gives
     * back what it holds from the thread's pools ({@link AppSession#onFlowDropped}).
     */
    public void onFlowDropped(Flow flow) {
        AppFlow a = of(flow);
        if (a != null && a.session != null) {
            a.session.onFlowDropped();
        }
    }

    /** The flow's detection heads go back to {@link #freeHeads} (as many as it holds). */
    private void releaseHeads(AppFlow a) {
        for (int d = 0; d < 2; d++) {
            byte[] h = a.head[d];
            if (h != null && freeHeadCount < freeHeads.length) {
                freeHeads[freeHeadCount++] = h;
            }
            a.head[d] = null;
            a.headLen[d] = 0;
        }
    }

    /** Detection heads kept for reuse (tests). */
    int freeHeads() {
        return freeHeadCount;
    }

    private static void end(AppFlow a, boolean toServer) {
        int d = toServer ? 0 : 1;
        // a direction still undecided has no parser to finish; flow end ends it again if a
        // protocol was decided after all
        if (a.session != null && !a.ended[d]) {
            a.ended[d] = true;
            a.session.onEnd(toServer);
        }
    }

    /**
     * The protocol of the {@code toServer} direction's TCP data is decided now. The packet carrying
     * the decision (which protocol-detection-only rules match on) is the next packet that goes that
     * way, never this one: Suricata's FlagPacketFlow in IDS mode sets the flow's flag only, which the
     * next packet of that direction takes when its flow is looked up.
     */
    private static void decided(AppFlow a, boolean toServer) {
        a.detectDonePending[toServer ? 0 : 1] = true;
    }

    /**
     * A UDP datagram's direction was decided (or failed): it carries the decision, and so do the next
     * packets of each direction (Suricata flags both directions on every datagram it runs detection
     * on, the packet's own one at once and on the flow).
     */
    private static void decidedUdp(AppFlow a, Flow flow, boolean toServer) {
        int d = toServer ? 0 : 1;
        a.decidedAtPacket[d] = flow.pktsToServer + flow.pktsToClient;
        a.detectDonePending[0] = true;
        a.detectDonePending[1] = true;
    }

    /** {@code flow} and {@code transfer}: for FTP sessions (which announce data connections) and FTP-DATA. */
    private void start(AppFlow a, AppProto p, boolean udp, Flow flow, FtpExpectations.Expectation transfer) {
        a.proto = p;
        a.session = switch (p) {
            case HTTP -> {
                detectedHttp++;
                yield new HttpSession(httpConfig);
            }
            case HTTP2 -> {
                detectedHttp2++;
                yield new dev.rampart.engine.applayer.http.Http2Session(httpConfig);
            }
            case TLS -> {
                detectedTls++;
                yield new TlsSession(tlsInspectEncrypted);
            }
            case SMB -> {
                detectedSmb++;
                yield new SmbSession(smbCounters);
            }
            case DCERPC -> {
                detectedDcerpc++;
                yield new DcerpcSession();
            }
            case SNMP -> {
                detectedSnmp++;
                yield new dev.rampart.engine.applayer.snmp.SnmpSession(snmpCounters);
            }
            case RFB -> {
                detectedRfb++;
                yield new dev.rampart.engine.applayer.rfb.RfbSession(rfbCounters);
            }
            case MQTT -> {
                detectedMqtt++;
                yield new dev.rampart.engine.applayer.mqtt.MqttSession(mqttCounters);
            }
            case TFTP -> {
                detectedTftp++;
                yield new dev.rampart.engine.applayer.tftp.TftpSession();
            }
            case WEBSOCKET -> {
                detectedWebSocket++;
                yield new dev.rampart.engine.applayer.websocket.WebSocketSession(webSocketCounters);
            }
            case IKE -> {
                detectedIke++;
                yield new dev.rampart.engine.applayer.ike.IkeSession(ikeCounters);
            }
            case NFS -> {
                if (udp) {
                    detectedNfsUdp++;
                } else {
                    detectedNfsTcp++;
                }
                yield new dev.rampart.engine.applayer.nfs.NfsSession(nfsCounters);
            }
            case MODBUS -> {
                detectedModbus++;
                yield new dev.rampart.engine.applayer.modbus.ModbusSession(modbusCounters, modbusParsed);
            }
            case KRB5 -> {
                if (udp) {
                    detectedKrb5Udp++;
                } else {
                    detectedKrb5Tcp++;
                }
                yield new dev.rampart.engine.applayer.krb5.Krb5Session(krb5Counters);
            }
            case DNS -> {
                if (udp) {
                    detectedDnsUdp++;
                } else {
                    detectedDnsTcp++;
                }
                yield new DnsSession();
            }
            case SIP -> {
                detectedSip++;
                yield new SipSession();
            }
            case SMTP -> {
                detectedSmtp++;
                yield new SmtpSession(smtpCounters);
            }
            case FTP -> {
                detectedFtp++;
                yield new FtpSession(ftpCounters,
                        (port, toData, command, name) -> ftpExpectations.add(flow, port, toData, command, name));
            }
            case FTP_DATA -> {
                detectedFtpData++;
                yield new FtpDataSession(transfer);
            }
            case SSH -> {
                detectedSsh++;
                yield new SshSession();
            }
            default -> throw new IllegalStateException("no session for " + p);
        };
    }

    private void fail(AppFlow a, boolean udp) {
        a.proto = AppProto.FAILED;
        releaseHeads(a);
        if (udp) {
            failedUdp++;
        } else {
            failedTcp++;
        }
    }

    /** Suricata's {@code app_layer.flow.*} counters. */
    public void writeStats(java.util.Map<String, Object> root) {
        StatsTree.put(root, "app_layer.flow.http", detectedHttp);
        StatsTree.put(root, "app_layer.flow.tls", detectedTls);
        StatsTree.put(root, "app_layer.flow.dns_tcp", detectedDnsTcp);
        StatsTree.put(root, "app_layer.flow.dns_udp", detectedDnsUdp);
        StatsTree.put(root, "app_layer.flow.sip", detectedSip);
        if (detectedHttp2 > 0) { // only after an h2c upgrade (no HTTP/2 detection of its own)
            StatsTree.put(root, "app_layer.flow.http2", detectedHttp2);
        }
        StatsTree.put(root, "app_layer.flow.smb", detectedSmb);
        StatsTree.put(root, "app_layer.flow." + AppProto.DCERPC.statsName(), detectedDcerpc);
        StatsTree.put(root, "app_layer.flow.tftp", detectedTftp);
        StatsTree.put(root, "app_layer.flow.mqtt", detectedMqtt);
        mqttCounters.writeStats(root);
        StatsTree.put(root, "app_layer.flow.ike", detectedIke);
        StatsTree.put(root, "app_layer.flow.websocket", detectedWebSocket);
        webSocketCounters.writeStats(root);
        ikeCounters.writeStats(root);
        if (modbusEnabled) { // (Suricata registers no modbus counters while it is off)
            StatsTree.put(root, "app_layer.flow.modbus", detectedModbus);
            modbusCounters.writeStats(root);
        }
        StatsTree.put(root, "app_layer.flow.krb5_tcp", detectedKrb5Tcp);
        StatsTree.put(root, "app_layer.flow.krb5_udp", detectedKrb5Udp);
        krb5Counters.writeStats(root);
        StatsTree.put(root, "app_layer.flow.rfb", detectedRfb);
        rfbCounters.writeStats(root);
        StatsTree.put(root, "app_layer.flow.snmp", detectedSnmp);
        snmpCounters.writeStats(root);
        StatsTree.put(root, "app_layer.flow.nfs_tcp", detectedNfsTcp);
        StatsTree.put(root, "app_layer.flow.nfs_udp", detectedNfsUdp);
        // what NFS parsing could not read or keep (Rampart's own counters)
        StatsTree.put(root, "app_layer.rampart.nfs.malformed", nfsCounters.malformed());
        StatsTree.put(root, "app_layer.rampart.nfs.records_too_long", nfsCounters.recordsTooLong());
        StatsTree.put(root, "app_layer.rampart.nfs.calls_forgotten", nfsCounters.callsForgotten());
        StatsTree.put(root, "app_layer.rampart.nfs.tx_evicted", nfsCounters.txEvicted());
        StatsTree.put(root, "app_layer.rampart.nfs.bytes_skipped_after_gap", nfsCounters.bytesSkippedAfterGap());
        StatsTree.put(root, "app_layer.rampart.nfs.procedures_dropped", nfsCounters.proceduresDropped());
        StatsTree.put(root, "app_layer.rampart.nfs.names_dropped", nfsCounters.namesDropped());
        StatsTree.put(root, "app_layer.flow.smtp", detectedSmtp);
        // what SMTP parsing could not keep (Rampart's own counters)
        StatsTree.put(root, "app_layer.rampart.smtp.files_dropped", smtpCounters.filesDropped());
        StatsTree.put(root, "app_layer.rampart.smtp.file_bytes_dropped", smtpCounters.fileBytesDropped());
        StatsTree.put(root, "app_layer.rampart.smtp.tx_dropped", smtpCounters.txsDropped());
        StatsTree.put(root, "app_layer.rampart.smtp.truncated_lines", smtpCounters.truncatedLines());
        // what SMB parsing could not read or keep (Suricata counts these as SMB events)
        StatsTree.put(root, "app_layer.rampart.smb.malformed", smbCounters.malformed());
        StatsTree.put(root, "app_layer.rampart.smb.encrypted", smbCounters.encrypted());
        StatsTree.put(root, "app_layer.rampart.smb.skipped_large", smbCounters.skippedLarge());
        StatsTree.put(root, "app_layer.rampart.smb.bytes_not_kept", smbCounters.bytesNotKept());
        StatsTree.put(root, "app_layer.rampart.smb.lost_after_gap", smbCounters.lostAfterGap());
        StatsTree.put(root, "app_layer.rampart.ftp.tx_dropped", ftpCounters.txDropped());
        StatsTree.put(root, "app_layer.rampart.ftp.truncated_lines", ftpCounters.truncatedLines());
        ftpExpectations.writeStats(root);
        StatsTree.put(root, "app_layer.flow.ftp", detectedFtp);
        StatsTree.put(root, "app_layer.flow.ftp-data", detectedFtpData);
        StatsTree.put(root, "app_layer.flow.ssh", detectedSsh);
        StatsTree.put(root, "app_layer.rampart.midstream_reversed", reversedFlows);
        StatsTree.put(root, "app_layer.flow.failed_tcp", failedTcp);
        StatsTree.put(root, "app_layer.flow.failed_udp", failedUdp);
        for (AppProto p : AppProto.values()) {
            if (parserErrors[p.ordinal()] > 0) {
                StatsTree.put(root, "app_layer.error." + p.statsName() + ".parser", parserErrors[p.ordinal()]);
            }
        }
    }
}

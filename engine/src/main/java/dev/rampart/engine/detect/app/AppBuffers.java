package dev.rampart.engine.detect.app;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.AppSession;
import dev.rampart.engine.applayer.Slice;
import dev.rampart.engine.applayer.dcerpc.DcerpcTx;
import dev.rampart.engine.applayer.dns.DnsTransaction;
import dev.rampart.engine.applayer.http.HttpTx;
import dev.rampart.engine.applayer.ike.IkeTx;
import dev.rampart.engine.applayer.mqtt.MqttTx;
import dev.rampart.engine.applayer.krb5.Krb5Tx;
import dev.rampart.engine.applayer.sip.SipMessage;
import dev.rampart.engine.applayer.smb.SmbSession;
import dev.rampart.engine.applayer.smb.SmbTx;
import dev.rampart.engine.applayer.sip.SipTransaction;
import dev.rampart.engine.applayer.smtp.SmtpSession;
import dev.rampart.engine.applayer.smtp.SmtpTx;
import dev.rampart.engine.applayer.ssh.SshSession;
import dev.rampart.engine.applayer.tls.TlsParser;
import dev.rampart.engine.applayer.tls.TlsSession;
import dev.rampart.engine.applayer.tls.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every app-layer sticky buffer detection can inspect: one line per buffer naming its protocol,
 * directions and getter (Suricata's DetectAppLayerInspectEngineRegister / DetectAppLayerMpmRegister
 * calls). Buffers not listed make a rule "not supported yet".
 */
public final class AppBuffers {
    private static final List<AppBuffer> ALL = new ArrayList<>();
    /** file.data of a rule without an app-layer protocol: the files of every protocol that has them. */
    public static final AppBuffer ANY_FILE_DATA;
    private static final Map<String, AppBuffer> BY_NAME = new HashMap<>();
    /** Buffers of a name another protocol registered first, by "name/protocol" (file.data of SMTP). */
    private static final Map<String, AppBuffer> BY_NAME_AND_PROTO = new HashMap<>();

    private static final byte[] CONNECTION = "connection".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int TS = AppBuffer.TO_SERVER;
    private static final int TC = AppBuffer.TO_CLIENT;
    private static final int BOTH = AppBuffer.BOTH;

    // (before the static block, which registers with them)
    /** An HTTP/1 transaction, or an HTTP/2 stream far enough for its HTTP buffers ({@code Http2Stream.httpBuffersReady}). */
    private static final HttpGate READY = (t, ts) -> t.http2() == null || t.http2().httpBuffersReady(ts);
    /** HTTP/1 only (suricata 7.0.10 has no HTTP/2 engine for the buffer). */
    private static final HttpGate HTTP1 = (t, ts) -> t.http2() == null;

    static {
        // ---- HTTP (request side, response side, and those that exist in both). http1(...) buffers
        // are absent on HTTP/2 streams (suricata 7.0.10: http.stat_msg, http.start); the others read
        // what Http2Messages builds from the stream's headers
        http("http.method", TS, HttpTx::method);
        http("http.uri", TS, HttpTx::uri);
        http("http.uri.raw", TS, HttpTx::uriRaw);
        http("http.request_line", TS, HttpTx::requestLine);
        http("http.user_agent", TS, HttpTx::userAgent);
        http("http.host", TS, HttpTx::host);
        http("http.host.raw", TS, HttpTx::hostRaw);
        http("http.accept", TS, HttpTx::accept);
        http("http.accept_enc", TS, HttpTx::acceptEncoding);
        http("http.accept_lang", TS, HttpTx::acceptLanguage);
        http("http.referer", TS, HttpTx::referer);
        http("http.request_body", TS, t -> t.inspectableBody(true));
        http("http.response_line", TC, HttpTx::responseLine);
        http("http.stat_code", TC, HttpTx::statusCode);
        http1("http.stat_msg", TC, HttpTx::statusMessage);
        http("http.location", TC, HttpTx::location);
        http("http.server", TC, HttpTx::server);
        http("http.response_body", TC, t -> t.inspectableBody(false));
        // requests: the Cookie header; responses: Set-Cookie (Suricata registers http.cookie both ways)
        httpBoth("http.cookie", HttpTx::cookie, HttpTx::setCookie);
        httpBoth("http.protocol", HttpTx::requestProtocol, HttpTx::responseProtocol);
        httpBoth("http.header", HttpTx::requestHeader, HttpTx::responseHeader);
        httpBoth("http.header.raw", HttpTx::requestHeaderRaw, HttpTx::responseHeaderRaw);
        httpBoth("http.header_names", HttpTx::requestHeaderNames, HttpTx::responseHeaderNames);
        httpBoth1("http.start", HttpTx::requestStart, HttpTx::responseStart);
        httpBoth("http.content_type", HttpTx::requestContentType, HttpTx::responseContentType);
        httpBoth("http.content_len", HttpTx::requestContentLength, HttpTx::responseContentLength);
        add("http.connection", AppProto.HTTP, BOTH, false,
                (s, tx, ts, i, out) -> READY.open((HttpTx) tx, ts) && ((HttpTx) tx).header(ts, CONNECTION, out).array != null);
        add("http.request_header", AppProto.HTTP, TS, true,
                (s, tx, ts, i, out) -> ((HttpTx) tx).request.headerLine(i, out));
        add("http.response_header", AppProto.HTTP, TC, true,
                (s, tx, ts, i, out) -> ((HttpTx) tx).response.headerLine(i, out));
        httpBoth("file.data", t -> t.inspectableBody(true), t -> t.inspectableBody(false));

        // ---- HTTP/2: each header field name of the direction, in arrival order
        add("http2.header_name", AppProto.HTTP2, BOTH, true, (s, tx, ts, i, out) -> {
            dev.rampart.engine.applayer.http.Http2Stream h2 = ((HttpTx) tx).http2();
            if (h2 == null || i >= h2.side(ts).fieldCount()) {
                return false;
            }
            h2.side(ts).name(i, out);
            return true;
        });

        // ---- SMTP (a transaction is one mail): each attachment is a file.data instance, to the server
        addFor("file.data", AppProto.SMTP, TS, true,
                (s, tx, ts, i, out) -> ((SmtpSession) s).fileData((SmtpTx) tx, i, out));
        // Suricata 8's envelope and header buffers
        add("smtp.helo", AppProto.SMTP, TS, false, (s, tx, ts, i, out) -> ((SmtpSession) s).helo(out));
        add("smtp.mail_from", AppProto.SMTP, TS, false,
                (s, tx, ts, i, out) -> ((SmtpSession) s).mailFrom((SmtpTx) tx, out));
        add("smtp.rcpt_to", AppProto.SMTP, TS, true, (s, tx, ts, i, out) -> ((SmtpSession) s).rcptTo((SmtpTx) tx, i, out));
        email("email.from", SmtpSession.EMAIL_FROM);
        email("email.to", SmtpSession.EMAIL_TO);
        email("email.cc", SmtpSession.EMAIL_CC);
        email("email.subject", SmtpSession.EMAIL_SUBJECT);
        email("email.date", SmtpSession.EMAIL_DATE);
        email("email.x_mailer", SmtpSession.EMAIL_X_MAILER);
        email("email.received", SmtpSession.EMAIL_RECEIVED);

        // ---- DCERPC over TCP (a transaction is a request and its response, or a bind and its ack)
        // (dcerpc rules inspect SMB flows too: DCERPC over named pipes)
        add("dcerpc.stub_data", AppProto.DCERPC, BOTH, false, (s, tx, ts, i, out) -> tx instanceof DcerpcTx d
                ? d.stub(ts, out) : tx instanceof SmbTx m && m.stub(ts, out));

        // ---- SMB (a transaction per request, per DCERPC call on a pipe, per file and direction)
        // (to the server only: a tree connect answered as a pipe is seen there once the client acknowledges the answer)
        add("smb.share", AppProto.SMB, TS, false, (s, tx, ts, i, out) -> ((SmbTx) tx).share(out));
        add("smb.named_pipe", AppProto.SMB, TS, false, (s, tx, ts, i, out) -> ((SmbTx) tx).namedPipe(out));
        add("smb.ntlmssp_user", AppProto.SMB, TS, false, (s, tx, ts, i, out) -> ((SmbTx) tx).ntlmsspUser(out));
        add("smb.ntlmssp_domain", AppProto.SMB, TS, false, (s, tx, ts, i, out) -> ((SmbTx) tx).ntlmsspDomain(out));
        addFor("file.data", AppProto.SMB, BOTH, false,
                (s, tx, ts, i, out) -> ((SmbTx) tx).fileData(ts, ((SmbSession) s).ended(ts), out));

        // file.data of a rule for no app-layer protocol (alert tcp / ip): Suricata registers its
        // file_data engines for every protocol that carries files, so the rule reads each protocol's
        // file.data above (placed with HTTP; the plan adds it to SMB and SMTP); a multi-buffer, as
        // SMTP's is, single ones giving instance 0 only
        AppBuffer httpFiles = BY_NAME.get("file.data");
        AppBuffer smbFiles = BY_NAME_AND_PROTO.get("file.data/" + AppProto.SMB.name());
        AppBuffer smtpFiles = BY_NAME_AND_PROTO.get("file.data/" + AppProto.SMTP.name());
        ANY_FILE_DATA = new AppBuffer(ALL.size(), "file.data", AppProto.HTTP, BOTH, (s, tx, ts, i, out) -> {
            AppBuffer own = tx instanceof HttpTx ? httpFiles : tx instanceof SmbTx ? smbFiles
                    : tx instanceof SmtpTx ? smtpFiles : null;
            return own != null && own.in(ts) && (own.multi() || i == 0) && own.getter().get(s, tx, ts, i, out);
        }, true);
        ALL.add(ANY_FILE_DATA);

        // ---- MQTT (a packet and its answers; see MqttTx): the first packet of the type with the field,
        // once the transaction is complete in the packet's direction
        mqtt("mqtt.connect.clientid", TS, MqttTx.CLIENT_ID);
        mqtt("mqtt.connect.username", TS, MqttTx.USERNAME);
        mqtt("mqtt.connect.password", TS, MqttTx.PASSWORD);
        mqtt("mqtt.connect.willtopic", TS, MqttTx.WILL_TOPIC);
        mqtt("mqtt.connect.willmessage", TS, MqttTx.WILL_MESSAGE);
        mqtt("mqtt.connect.protocol_string", TS, MqttTx.PROTOCOL_STRING);
        mqtt("mqtt.publish.topic", BOTH, MqttTx.PUBLISH_TOPIC);
        mqtt("mqtt.publish.message", BOTH, MqttTx.PUBLISH_MESSAGE);
        add("mqtt.subscribe.topic", AppProto.MQTT, TS, true, (s, tx, ts, i, out) -> ((MqttTx) tx).ready(ts)
                && ((MqttTx) tx).topic(dev.rampart.engine.applayer.mqtt.MqttMessage.SUBSCRIBE, i, out));
        add("mqtt.unsubscribe.topic", AppProto.MQTT, TS, true, (s, tx, ts, i, out) -> ((MqttTx) tx).ready(ts)
                && ((MqttTx) tx).topic(dev.rampart.engine.applayer.mqtt.MqttMessage.UNSUBSCRIBE, i, out));

        // ---- WebSocket (a transaction per frame, its own direction): the unmasked payload, the whole
        // (inflated) message on its last frame
        add("websocket.payload", AppProto.WEBSOCKET, BOTH, false,
                (s, tx, ts, i, out) -> ((dev.rampart.engine.applayer.websocket.WebSocketTx) tx).payload(out));

        // ---- IKE (a transaction per message, its own direction): the SPIs as hex, the initiator's to the
        // server and the responder's to the client; IKEv1 key exchange and nonce both ways, vendor IDs
        // (hex) to the server, as Suricata 7 registers them
        add("ike.init_spi", AppProto.IKE, TS, false, (s, tx, ts, i, out) -> ((IkeTx) tx).initSpi(out));
        add("ike.resp_spi", AppProto.IKE, TC, false, (s, tx, ts, i, out) -> ((IkeTx) tx).respSpi(out));
        add("ike.key_exchange_payload", AppProto.IKE, BOTH, false, (s, tx, ts, i, out) -> ((IkeTx) tx).keyExchange(out));
        add("ike.nonce_payload", AppProto.IKE, BOTH, false, (s, tx, ts, i, out) -> ((IkeTx) tx).nonce(out));
        add("ike.vendor", AppProto.IKE, TS, true, (s, tx, ts, i, out) -> ((IkeTx) tx).vendor(i, out));
        // ---- SNMP (one transaction per message, in its own direction): community (v1 / v2c), USM user name (v3)
        add("snmp.community", AppProto.SNMP, BOTH, false,
                (s, tx, ts, i, out) -> ((dev.rampart.engine.applayer.snmp.SnmpTx) tx).community(out));
        add("snmp.usm", AppProto.SNMP, BOTH, false,
                (s, tx, ts, i, out) -> ((dev.rampart.engine.applayer.snmp.SnmpTx) tx).usm(out));

        // ---- RFB (one transaction per flow: the handshake): the desktop name, once the handshake is complete
        add("rfb.name", AppProto.RFB, TC, false, (s, tx, ts, i, out) -> ((dev.rampart.engine.applayer.rfb.RfbTx) tx).complete()
                && ((dev.rampart.engine.applayer.rfb.RfbTx) tx).name(out));

        // ---- SSH (one transaction per flow: each side's identification line)
        add("ssh.proto", AppProto.SSH, BOTH, false, (s, tx, ts, i, out) -> ((SshSession) tx).proto(ts, out) != null);
        add("ssh.software", AppProto.SSH, BOTH, false, (s, tx, ts, i, out) -> ((SshSession) tx).software(ts, out) != null);
        // HASSH of the client's KEXINIT (to the server) and of the server's (to the client)
        add("ssh.hassh", AppProto.SSH, TS, false, (s, tx, ts, i, out) -> ((SshSession) tx).hassh(true, out) != null);
        add("ssh.hassh.string", AppProto.SSH, TS, false,
                (s, tx, ts, i, out) -> ((SshSession) tx).hasshString(true, out) != null);
        add("ssh.hassh.server", AppProto.SSH, TC, false, (s, tx, ts, i, out) -> ((SshSession) tx).hassh(false, out) != null);
        add("ssh.hassh.server.string", AppProto.SSH, TC, false,
                (s, tx, ts, i, out) -> ((SshSession) tx).hasshString(false, out) != null);

        // ---- TLS (one transaction per flow: the parser)
        tls("tls.sni", TS, (p, out) -> p.sni() == null ? null : out.set(p.sni().array, p.sni().offset, p.sni().length));
        tlsText("tls.cert_subject", TC, p -> cert(p) == null ? null : cert(p).subject);
        tlsText("tls.cert_issuer", TC, p -> cert(p) == null ? null : cert(p).issuer);
        tlsText("tls.cert_serial", TC, p -> cert(p) == null ? null : cert(p).serial);
        tlsText("tls.cert_fingerprint", TC, TlsParser::certificateFingerprint);
        tlsText("ja3.hash", TS, TlsParser::ja3Hash);
        tlsText("ja3.string", TS, TlsParser::ja3);
        tlsText("ja3s.hash", TC, TlsParser::ja3sHash);
        tlsText("ja3s.string", TC, TlsParser::ja3s);
        tlsText("ja4.hash", TS, TlsParser::ja4);
        add("tls.certs", AppProto.TLS, TC, true, (s, tx, ts, i, out) -> {
            TlsParser p = (TlsParser) tx;
            return i < p.certificateCount() && p.certificate(i, out) != null && out.array != null;
        });
        // hello random of the packet's side: all 32 bytes, the 4 time bytes, the 28 others
        tlsRandom("tls.random", 0, 32);
        tlsRandom("tls.random_time", 0, 4);
        tlsRandom("tls.random_bytes", 4, 28);
        add("tls.alpn", AppProto.TLS, BOTH, true, (s, tx, ts, i, out) -> {
            TlsParser p = (TlsParser) tx;
            return alpn(ts ? p.clientHello().alpn : p.serverHello().alpn, i, out);
        });
        add("tls.subjectaltname", AppProto.TLS, TC, true, (s, tx, ts, i, out) -> {
            X509Certificate c = cert((TlsParser) tx);
            return c != null && i < c.subjectAltNames.size() && text(s, c.subjectAltNames.get(i), out);
        });

        // ---- SIP (a transaction is one message: a request toward the server, a response toward the client)
        sip("sip.method", TS, SipMessage::method);
        sip("sip.uri", TS, SipMessage::uri);
        sip("sip.request_line", TS, SipMessage::line);
        sip("sip.protocol", BOTH, SipMessage::protocol);
        sip("sip.stat_code", TC, SipMessage::statusCode);
        sip("sip.stat_msg", TC, SipMessage::reason);
        sip("sip.response_line", TC, SipMessage::line);
        // Suricata 8's header buffers, both directions (compact forms of RFC 3261 7.3.3)
        sipHeader("sip.from", "From", 'f');
        sipHeader("sip.to", "To", 't');
        sipHeader("sip.via", "Via", 'v');
        sipHeader("sip.user_agent", "User-Agent", 0);
        sipHeader("sip.content_type", "Content-Type", 'c');
        sipHeader("sip.content_length", "Content-Length", 'l');

        // ---- Kerberos (a transaction is one message): a principal's components, one instance each;
        // to the client only, as Suricata registers them (a request's names are not inspected)
        add("krb5.cname", AppProto.KRB5, TC, true, (s, tx, ts, i, out) -> ((Krb5Tx) tx).cname(i, out));
        add("krb5.sname", AppProto.KRB5, TC, true, (s, tx, ts, i, out) -> ((Krb5Tx) tx).sname(i, out));

        // ---- DNS (a transaction is one message)
        add("dns.query", AppProto.DNS, TS, true, AppBuffers::dnsQuery);
        add("dns.queries.rrname", AppProto.DNS, BOTH, true, AppBuffers::dnsQuery);
        add("dns.answer.name", AppProto.DNS, TC, true, (s, tx, ts, i, out) -> dnsRecord((DnsTransaction) tx, i,
                DnsTransaction.SECTION_ANSWER, out));
        add("dns.authorities.rrname", AppProto.DNS, TC, true, (s, tx, ts, i, out) -> dnsRecord((DnsTransaction) tx, i,
                DnsTransaction.SECTION_AUTHORITY, out));

        // Suricata 8's "buffer: to_client;" / "buffer: to_server;": a two-sided buffer pinned to one side
        for (AppBuffer b : List.copyOf(ALL)) {
            if (b.directions() == BOTH && BY_NAME.get(b.name()) == b) {
                pinned(b, TS, true);
                pinned(b, TC, false);
            }
        }
    }

    private static void pinned(AppBuffer b, int dir, boolean toServer) {
        AppBuffer.Getter g = b.getter();
        add(b.name() + "@" + (toServer ? "to_server" : "to_client"), b.proto(), dir, b.multi(),
                (s, tx, ts, i, out) -> g.get(s, tx, toServer, i, out));
    }

    private AppBuffers() {
    }

    public static AppBuffer byName(String name) {
        return BY_NAME.get(name);
    }

    /** The buffer of that name for a rule of {@code proto} (null: any): its own where it has one. */
    public static AppBuffer byName(String name, AppProto proto) {
        if (proto == null && name.equals(ANY_FILE_DATA.name())) {
            return ANY_FILE_DATA;
        }
        AppBuffer own = proto == null ? null : BY_NAME_AND_PROTO.get(name + "/" + proto.name());
        return own != null ? own : BY_NAME.get(name);
    }

    public static List<AppBuffer> all() {
        return List.copyOf(ALL);
    }

    private static void add(String name, AppProto proto, int dirs, boolean multi, AppBuffer.Getter g) {
        register(BY_NAME, name, new AppBuffer(ALL.size(), name, proto, dirs, g, multi));
    }

    /** A buffer whose name another protocol has: found by {@link #byName(String, AppProto)}. */
    private static void addFor(String name, AppProto proto, int dirs, boolean multi, AppBuffer.Getter g) {
        register(BY_NAME_AND_PROTO, name + "/" + proto.name(), new AppBuffer(ALL.size(), name, proto, dirs, g, multi));
    }

    private static void register(Map<String, AppBuffer> index, String key, AppBuffer b) {
        ALL.add(b);
        if (index.put(key, b) != null) {
            throw new IllegalStateException("buffer registered twice: " + key);
        }
    }

    private static void mqtt(String name, int dirs, int field) {
        add(name, AppProto.MQTT, dirs, false, (s, tx, ts, i, out) -> ((MqttTx) tx).ready(ts) && ((MqttTx) tx).field(field, out));
    }

    /** A field of the SIP message; a transaction has only its own direction, so ts needs no check. */
    private static void sip(String name, int dirs, java.util.function.BiPredicate<SipMessage, Slice> f) {
        add(name, AppProto.SIP, dirs, false, (s, tx, ts, i, out) -> f.test(((SipTransaction) tx).message(), out));
    }

    private static void sipHeader(String keyword, String header, int compact) {
        byte[] name = header.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        sip(keyword, BOTH, (m, out) -> m.header(name, (byte) compact, out));
    }

    /** Whether an HTTP buffer is there on this transaction in that direction (yet). */
    private interface HttpGate {
        boolean open(HttpTx t, boolean toServer);
    }

    private static void http(String name, int dirs, Function<HttpTx, Slice> f) {
        http(name, dirs, READY, f, f);
    }

    private static void httpBoth(String name, Function<HttpTx, Slice> request, Function<HttpTx, Slice> response) {
        http(name, BOTH, READY, request, response);
    }

    private static void http1(String name, int dirs, Function<HttpTx, Slice> f) {
        http(name, dirs, HTTP1, f, f);
    }

    private static void httpBoth1(String name, Function<HttpTx, Slice> request, Function<HttpTx, Slice> response) {
        http(name, BOTH, HTTP1, request, response);
    }

    private static void http(String name, int dirs, HttpGate gate, Function<HttpTx, Slice> request,
                             Function<HttpTx, Slice> response) {
        add(name, AppProto.HTTP, dirs, false, (s, tx, ts, i, out) -> gate.open((HttpTx) tx, ts)
                && copy((ts ? request : response).apply((HttpTx) tx), out));
    }

    private interface TlsSliceGetter {
        Slice get(TlsParser p, Slice out);
    }

    private static void tls(String name, int dirs, TlsSliceGetter g) {
        add(name, AppProto.TLS, dirs, false, (s, tx, ts, i, out) -> {
            Slice r = g.get((TlsParser) tx, out);
            return r != null && r.array != null;
        });
    }

    private static final byte[] ZERO_RANDOM = new byte[32];

    private static void tlsRandom(String name, int from, int len) {
        add(name, AppProto.TLS, BOTH, false, (s, tx, ts, i, out) -> {
            TlsParser p = (TlsParser) tx;
            Slice r = ts ? p.clientHello().random : p.serverHello().random;
            if (r.array == null || r.length < from + len) {
                // Suricata keeps the randoms in fixed arrays: before the hello they read as zeros
                out.set(ZERO_RANDOM, from, len);
                return true;
            }
            out.set(r.array, r.offset + from, len);
            return true;
        });
    }

    private static void tlsText(String name, int dirs, Function<TlsParser, String> f) {
        add(name, AppProto.TLS, dirs, false, (s, tx, ts, i, out) -> text(s, f.apply((TlsParser) tx), out));
    }

    private static void email(String name, int which) {
        add(name, AppProto.SMTP, TS, which == SmtpSession.EMAIL_RECEIVED,
                (s, tx, ts, i, out) -> ((SmtpSession) s).emailHeader((SmtpTx) tx, which, i, out));
    }

    private static X509Certificate cert(TlsParser p) {
        return p.serverCertificate();
    }

    /** Text fields are kept as strings by the TLS parser; the session caches their bytes. */
    private static boolean text(AppSession s, String v, Slice out) {
        if (v == null || v.isEmpty()) {
            return false;
        }
        byte[] b = ((TlsSession) s).bytesOf(v);
        out.set(b, 0, b.length);
        return true;
    }

    /**
     * Protocol {@code i} of an ALPN extension's list (u8 length, name; repeated): the client's
     * offers to the server, the server's choice to the client.
     */
    private static boolean alpn(Slice list, int i, Slice out) {
        if (list.array == null) {
            return false;
        }
        int p = list.offset;
        int end = list.offset + list.length;
        for (int k = 0; p < end; k++) {
            int n = list.array[p] & 0xFF;
            if (p + 1 + n > end) {
                return false;
            }
            if (k == i) {
                out.set(list.array, p + 1, n);
                return true;
            }
            p += 1 + n;
        }
        return false;
    }

    private static boolean copy(Slice from, Slice out) {
        if (from == null || from.array == null) {
            return false;
        }
        out.set(from.array, from.offset, from.length);
        return true;
    }

    private static boolean dnsQuery(AppSession s, Object tx, boolean ts, int i, Slice out) {
        DnsTransaction t = (DnsTransaction) tx;
        if (i >= t.queries) {
            return false;
        }
        t.queryName(i, out);
        return out.array != null;
    }

    /** Instance {@code i} of the records of one section. */
    private static boolean dnsRecord(DnsTransaction t, int i, int section, Slice out) {
        int seen = 0;
        for (int r = 0; r < t.records; r++) {
            if (t.rrSection[r] == section && seen++ == i) {
                t.recordName(r, out);
                return out.array != null;
            }
        }
        return false;
    }
}

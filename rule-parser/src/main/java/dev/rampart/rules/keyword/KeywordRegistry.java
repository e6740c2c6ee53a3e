package dev.rampart.rules.keyword;

import static dev.rampart.rules.keyword.buffer.StickyBuffer.modifier;
import static dev.rampart.rules.keyword.buffer.StickyBuffer.sticky;

import dev.rampart.rules.keyword.app.AppLayerEventOption;
import dev.rampart.rules.keyword.app.AppLayerProtocolOption;
import dev.rampart.rules.keyword.app.ConfigOption;
import dev.rampart.rules.keyword.app.DceIfaceOption;
import dev.rampart.rules.keyword.app.DceOpnumOption;
import dev.rampart.rules.keyword.app.Http2Option;
import dev.rampart.rules.keyword.app.DecodeEventOption;
import dev.rampart.rules.keyword.app.FileHashOption;
import dev.rampart.rules.keyword.app.FileStringOption;
import dev.rampart.rules.keyword.app.FilesizeOption;
import dev.rampart.rules.keyword.app.FilestoreOption;
import dev.rampart.rules.keyword.app.LuaOption;
import dev.rampart.rules.keyword.app.Prefilter;
import dev.rampart.rules.keyword.app.RequiresOption;
import dev.rampart.rules.keyword.app.SslStateOption;
import dev.rampart.rules.keyword.app.SslVersionOption;
import dev.rampart.rules.keyword.app.TlsCertValidityOption;
import dev.rampart.rules.keyword.app.TlsDnOption;
import dev.rampart.rules.keyword.app.TlsFingerprintOption;
import dev.rampart.rules.keyword.app.TlsVersionOption;
import dev.rampart.rules.keyword.buffer.FrameBuffer;
import dev.rampart.rules.keyword.buffer.StickyBuffer;
import dev.rampart.rules.keyword.flow.DetectionFilterOption;
import dev.rampart.rules.keyword.flow.FlowCounterOption;
import dev.rampart.rules.keyword.flow.FlowOption;
import dev.rampart.rules.keyword.flow.FlowbitsOption;
import dev.rampart.rules.keyword.flow.FlowintOption;
import dev.rampart.rules.keyword.flow.HostbitsOption;
import dev.rampart.rules.keyword.flow.StreamSizeOption;
import dev.rampart.rules.keyword.flow.TagOption;
import dev.rampart.rules.keyword.flow.ThresholdOption;
import dev.rampart.rules.keyword.flow.XbitsOption;
import dev.rampart.rules.keyword.header.AckOption;
import dev.rampart.rules.keyword.header.ChecksumOption;
import dev.rampart.rules.keyword.header.FragbitsOption;
import dev.rampart.rules.keyword.header.FragoffsetOption;
import dev.rampart.rules.keyword.header.IcmpIdOption;
import dev.rampart.rules.keyword.header.IcmpSeqOption;
import dev.rampart.rules.keyword.header.IdOption;
import dev.rampart.rules.keyword.header.GeoipOption;
import dev.rampart.rules.keyword.header.IpProtoOption;
import dev.rampart.rules.keyword.header.IpoptsOption;
import dev.rampart.rules.keyword.header.SeqOption;
import dev.rampart.rules.keyword.header.TcpFlagsOption;
import dev.rampart.rules.keyword.header.TosOption;
import dev.rampart.rules.keyword.header.VlanIdOption;
import dev.rampart.rules.keyword.header.WindowOption;
import dev.rampart.rules.keyword.meta.ClasstypeOption;
import dev.rampart.rules.keyword.meta.GidOption;
import dev.rampart.rules.keyword.meta.MetadataOption;
import dev.rampart.rules.keyword.meta.MsgOption;
import dev.rampart.rules.keyword.meta.PriorityOption;
import dev.rampart.rules.keyword.meta.ReferenceOption;
import dev.rampart.rules.keyword.meta.RevOption;
import dev.rampart.rules.keyword.meta.SidOption;
import dev.rampart.rules.keyword.meta.TargetOption;
import dev.rampart.rules.keyword.payload.Asn1Option;
import dev.rampart.rules.keyword.payload.Base64Data;
import dev.rampart.rules.keyword.payload.Base64DecodeOption;
import dev.rampart.rules.keyword.payload.BsizeOption;
import dev.rampart.rules.keyword.payload.ByteExtractOption;
import dev.rampart.rules.keyword.payload.ByteJumpOption;
import dev.rampart.rules.keyword.payload.ByteMathOption;
import dev.rampart.rules.keyword.payload.ByteTestOption;
import dev.rampart.rules.keyword.payload.Content;
import dev.rampart.rules.keyword.payload.DatasetOption;
import dev.rampart.rules.keyword.payload.AbsentOption;
import dev.rampart.rules.keyword.payload.Depth;
import dev.rampart.rules.keyword.payload.Distance;
import dev.rampart.rules.keyword.payload.EndsWith;
import dev.rampart.rules.keyword.payload.DsizeOption;
import dev.rampart.rules.keyword.payload.FastPatternKeyword;
import dev.rampart.rules.keyword.payload.IsdataatOption;
import dev.rampart.rules.keyword.payload.Nocase;
import dev.rampart.rules.keyword.payload.Offset;
import dev.rampart.rules.keyword.payload.PcreOption;
import dev.rampart.rules.keyword.payload.Rawbytes;
import dev.rampart.rules.keyword.payload.StartsWith;
import dev.rampart.rules.keyword.payload.UrilenOption;
import dev.rampart.rules.keyword.payload.Within;
import dev.rampart.rules.keyword.transform.CompressWhitespace;
import dev.rampart.rules.keyword.transform.Dotprefix;
import dev.rampart.rules.keyword.transform.FromBase64;
import dev.rampart.rules.keyword.transform.HeaderLowercase;
import dev.rampart.rules.keyword.transform.Pcrexform;
import dev.rampart.rules.keyword.transform.StripPseudoHeaders;
import dev.rampart.rules.keyword.transform.StripWhitespace;
import dev.rampart.rules.keyword.transform.ToLowercase;
import dev.rampart.rules.keyword.transform.ToMd5;
import dev.rampart.rules.keyword.transform.ToSha1;
import dev.rampart.rules.keyword.transform.ToSha256;
import dev.rampart.rules.keyword.transform.ToUppercase;
import dev.rampart.rules.keyword.transform.UrlDecode;
import dev.rampart.rules.keyword.transform.Xor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The keyword table: one line per keyword (Suricata's {@code sigmatch_table}). Adding a keyword is
 * one new class with a {@code DEF} and one line here.
 */
public final class KeywordRegistry {
    private static final KeywordDef[] TABLE = {
            // ---- meta
            MsgOption.DEF,
            SidOption.DEF,
            RevOption.DEF,
            GidOption.DEF,
            ClasstypeOption.DEF,
            ReferenceOption.DEF,
            MetadataOption.DEF,
            PriorityOption.DEF,
            TargetOption.DEF,

            // ---- payload: content and its modifiers
            Content.DEF,
            Content.URICONTENT,
            Nocase.DEF,
            Depth.DEF,
            Offset.DEF,
            Distance.DEF,
            Within.DEF,
            StartsWith.DEF,
            EndsWith.DEF,
            Rawbytes.DEF,
            FastPatternKeyword.DEF,

            // ---- payload: other keywords (pcre, byte_*, isdataat, bsize, dsize, base64, ...)
            PcreOption.DEF,
            ByteTestOption.DEF,
            ByteJumpOption.DEF,
            ByteExtractOption.DEF,
            ByteMathOption.DEF,
            IsdataatOption.DEF,
            DsizeOption.DEF,
            BsizeOption.DEF,
            UrilenOption.DEF,
            Base64DecodeOption.DEF,
            Base64Data.DEF,
            Asn1Option.DEF,
            DatasetOption.DEF,
            AbsentOption.DEF,

            // ---- sticky buffers (sticky name and its sticky aliases), then the legacy content modifiers
            //      that Suricata 7 still has for the older buffers (http_uri ... http_stat_msg); the newer
            //      underscore names (http_referer, http_start, ...) are sticky aliases there, checked with
            //      suricata-oracle -T
            StickyBuffer.PKT_DATA,
            sticky("http.uri", "http-keywords"),
            modifier("http_uri", "http.uri", "http-keywords"),
            sticky("http.uri.raw", "http-keywords"),
            modifier("http_raw_uri", "http.uri.raw", "http-keywords"),
            sticky("http.method", "http-keywords"),
            modifier("http_method", "http.method", "http-keywords"),
            sticky("http.request_line", "http-keywords", "http_request_line"),
            sticky("http.protocol", "http-keywords", "http_protocol"),
            sticky("http.header", "http-keywords"),
            modifier("http_header", "http.header", "http-keywords"),
            sticky("http.header.raw", "http-keywords"),
            modifier("http_raw_header", "http.header.raw", "http-keywords"),
            sticky("http.header_names", "http-keywords", "http_header_names"),
            sticky("http.cookie", "http-keywords"),
            modifier("http_cookie", "http.cookie", "http-keywords"),
            sticky("http.user_agent", "http-keywords"),
            modifier("http_user_agent", "http.user_agent", "http-keywords"),
            sticky("http.host", "http-keywords"),
            modifier("http_host", "http.host", "http-keywords"),
            sticky("http.host.raw", "http-keywords"),
            modifier("http_raw_host", "http.host.raw", "http-keywords"),
            sticky("http.accept", "http-keywords", "http_accept"),
            sticky("http.accept_enc", "http-keywords", "http_accept_enc"),
            sticky("http.accept_lang", "http-keywords", "http_accept_lang"),
            sticky("http.referer", "http-keywords", "http_referer"),
            sticky("http.connection", "http-keywords", "http_connection"),
            sticky("http.content_type", "http-keywords", "http_content_type"),
            sticky("http.content_len", "http-keywords", "http_content_len"),
            sticky("http.start", "http-keywords", "http_start"),
            sticky("http.request_body", "http-keywords"),
            modifier("http_client_body", "http.request_body", "http-keywords"),
            sticky("http.response_body", "http-keywords"),
            modifier("http_server_body", "http.response_body", "http-keywords"),
            sticky("http.stat_code", "http-keywords"),
            modifier("http_stat_code", "http.stat_code", "http-keywords"),
            sticky("http.stat_msg", "http-keywords"),
            modifier("http_stat_msg", "http.stat_msg", "http-keywords"),
            sticky("http.response_line", "http-keywords", "http_response_line"),
            sticky("http.location", "http-keywords"),
            sticky("http.server", "http-keywords"),
            sticky("http.request_header", "http-keywords"),
            sticky("http.response_header", "http-keywords"),
            sticky("file.data", "file-keywords", "file_data"),
            sticky("file.name", "file-keywords"),
            sticky("dns.query", "dns-keywords", "dns_query"),
            sticky("dns.answer.name", "dns-keywords"),
            sticky("dns.queries.rrname", "dns-keywords"),
            sticky("dns.additionals.rrname", "dns-keywords"),
            sticky("dns.authorities.rrname", "dns-keywords"),
            sticky("dns.response.rrname", "dns-keywords"),
            sticky("tls.sni", "tls-keywords", "tls_sni"),
            sticky("tls.cert_subject", "tls-keywords", "tls_cert_subject"),
            sticky("tls.cert_issuer", "tls-keywords", "tls_cert_issuer"),
            sticky("tls.cert_serial", "tls-keywords", "tls_cert_serial"),
            sticky("tls.cert_fingerprint", "tls-keywords", "tls_cert_fingerprint"),
            sticky("tls.certs", "tls-keywords"),
            sticky("tls.subjectaltname", "tls-keywords"),
            sticky("tls.alpn", "tls-keywords"),
            sticky("tls.random", "tls-keywords"),
            sticky("tls.random_time", "tls-keywords"),
            sticky("tls.random_bytes", "tls-keywords"),
            sticky("ja3.hash", "ja3-keywords", "ja3_hash"),
            sticky("ja3.string", "ja3-keywords", "ja3_string"),
            sticky("ja3s.hash", "ja3-keywords", "ja3s_hash"),
            sticky("ja3s.string", "ja3-keywords", "ja3s_string"),
            sticky("ja4.hash", "ja4-keywords"),
            sticky("ssh.software", "ssh-keywords", "ssh_software"),
            sticky("ssh.proto", "ssh-keywords", "ssh_proto"),
            sticky("ssh.hassh", "ssh-keywords"),
            sticky("ssh.hassh.string", "ssh-keywords"),
            sticky("ssh.hassh.server", "ssh-keywords"),
            sticky("ssh.hassh.server.string", "ssh-keywords"),
            sticky("smb.named_pipe", "smb-keywords", "smb_named_pipe"),
            sticky("smb.share", "smb-keywords", "smb_share"),
            sticky("smb.ntlmssp_user", "smb-keywords"),
            sticky("smb.ntlmssp_domain", "smb-keywords"),
            dev.rampart.rules.keyword.app.SmbVersionOption.DEF,
            sticky("krb5.cname", "kerberos-keywords", "krb5_cname"),
            sticky("krb5.sname", "kerberos-keywords", "krb5_sname"),
            dev.rampart.rules.keyword.app.NfsOption.PROCEDURE,
            dev.rampart.rules.keyword.app.NfsOption.VERSION,
            dev.rampart.rules.keyword.app.Krb5NumberOption.MSG_TYPE,
            dev.rampart.rules.keyword.app.Krb5NumberOption.ERR_CODE,
            sticky("smtp.helo", "smtp-keywords"),
            sticky("smtp.mail_from", "smtp-keywords"),
            sticky("smtp.rcpt_to", "smtp-keywords"),
            sticky("email.from", "email-keywords"),
            sticky("email.to", "email-keywords"),
            sticky("email.cc", "email-keywords"),
            sticky("email.subject", "email-keywords"),
            sticky("email.date", "email-keywords"),
            sticky("email.x_mailer", "email-keywords"),
            sticky("email.received", "email-keywords"),
            sticky("sip.method", "sip-keywords"),
            sticky("sip.uri", "sip-keywords"),
            sticky("sip.protocol", "sip-keywords"),
            sticky("sip.request_line", "sip-keywords"),
            sticky("sip.stat_code", "sip-keywords"),
            sticky("sip.stat_msg", "sip-keywords"),
            sticky("sip.response_line", "sip-keywords"),
            sticky("sip.from", "sip-keywords"),
            sticky("sip.to", "sip-keywords"),
            sticky("sip.via", "sip-keywords"),
            sticky("sip.user_agent", "sip-keywords"),
            sticky("sip.content_type", "sip-keywords"),
            sticky("sip.content_length", "sip-keywords"),
            sticky("tcp.hdr", "header-keywords"),
            sticky("udp.hdr", "header-keywords"),
            sticky("ipv4.hdr", "header-keywords"),
            sticky("ipv6.hdr", "header-keywords"),
            sticky("icmpv4.hdr", "header-keywords"),
            sticky("icmpv6.hdr", "header-keywords"),
            sticky("quic.sni", "quic-keywords"),
            sticky("quic.ua", "quic-keywords"),
            sticky("quic.version", "quic-keywords"),

            // ---- transforms
            ToLowercase.DEF,
            ToUppercase.DEF,
            Dotprefix.DEF,
            UrlDecode.DEF,
            StripWhitespace.DEF,
            CompressWhitespace.DEF,
            ToMd5.DEF,
            ToSha1.DEF,
            ToSha256.DEF,
            Pcrexform.DEF,
            Xor.DEF,
            HeaderLowercase.DEF,
            StripPseudoHeaders.DEF,
            FromBase64.DEF,

            // ---- flow, state and thresholding
            FlowOption.DEF,
            FlowbitsOption.DEF,
            FlowintOption.DEF,
            XbitsOption.DEF,
            HostbitsOption.DEF,
            FlagOption.def("noalert", "flow-keywords", "noalert"),
            // Suricata 7: a pass rule with "alert" logs its match
            FlagOption.def("alert", "rules", "alert"),
            ThresholdOption.DEF,
            DetectionFilterOption.DEF,
            TagOption.DEF,
            StreamSizeOption.DEF,
            UintOption.def("flow.age", Uint.U32, "flow-keywords", "flow-age"),
            FlowCounterOption.PKTS,
            FlowCounterOption.BYTES,
            UintOption.def("flow.pkts_toserver", Uint.U32, "flow-keywords", "flow-pkts"),
            UintOption.def("flow.pkts_toclient", Uint.U32, "flow-keywords", "flow-pkts"),
            UintOption.def("flow.bytes_toserver", Uint.U64, "flow-keywords", "flow-bytes"),
            UintOption.def("flow.bytes_toclient", Uint.U64, "flow-keywords", "flow-bytes"),

            // ---- ip/tcp/udp/icmp header keywords
            UintOption.def("ttl", Uint.U8, "header-keywords", "ttl"),
            IdOption.DEF,
            TosOption.DEF,
            IpoptsOption.DEF,
            FragbitsOption.DEF,
            FragoffsetOption.DEF,
            IpProtoOption.DEF,
            GeoipOption.DEF,
            FlagOption.def("sameip", "header-keywords", "sameip"),
            TcpFlagsOption.DEF,
            SeqOption.DEF,
            AckOption.DEF,
            WindowOption.DEF,
            UintOption.def("tcp.mss", Uint.U16, "header-keywords", "tcp-mss"),
            UintOption.def("itype", Uint.U8, "header-keywords", "itype"),
            UintOption.def("icode", Uint.U8, "header-keywords", "icode"),
            IcmpIdOption.DEF,
            IcmpSeqOption.DEF,
            ChecksumOption.IPV4,
            ChecksumOption.TCPV4,
            ChecksumOption.TCPV6,
            ChecksumOption.UDPV4,
            ChecksumOption.UDPV6,
            ChecksumOption.ICMPV4,
            ChecksumOption.ICMPV6,
            VlanIdOption.DEF,
            UintOption.def("vlan.layers", Uint.U8, "vlan-keywords", "vlan-layers"),

            // ---- app-layer and other keywords
            AppLayerEventOption.DEF,
            AppLayerProtocolOption.DEF,
            DecodeEventOption.DECODE,
            DecodeEventOption.STREAM,
            SslStateOption.DEF,
            SslVersionOption.DEF,
            TlsVersionOption.DEF,
            TlsFingerprintOption.DEF,
            TlsDnOption.SUBJECT,
            TlsDnOption.ISSUER,
            FlagOption.def("tls.store", "tls-keywords", "tls-store", "tls_store"),
            TlsCertValidityOption.NOT_BEFORE,
            TlsCertValidityOption.NOT_AFTER,
            FlagOption.def("tls_cert_expired", "tls-keywords", "tls-cert-expired"),
            FlagOption.def("tls_cert_valid", "tls-keywords", "tls-cert-valid"),
            FlagOption.def("ftpbounce", "ftp-keywords", "ftpbounce"),
            DceIfaceOption.DEF,
            DceOpnumOption.DEF,
            sticky("dcerpc.stub_data", "dcerpc-keywords", "dce_stub_data"),
            FrameBuffer.DEF,
            Prefilter.DEF,
            RequiresOption.DEF,
            LuaOption.DEF,
            FilestoreOption.DEF,
            FileStringOption.FILEMAGIC,
            FileStringOption.FILENAME,
            FileStringOption.FILEEXT,
            FileHashOption.MD5,
            FileHashOption.SHA1,
            FileHashOption.SHA256,
            FilesizeOption.DEF,
            FlagOption.def("bypass", "bypass-keyword", "bypass"),
            UintOption.def("dns.opcode", Uint.U8, "dns-keywords", "dns-opcode"),
            Http2Option.FRAMETYPE,
            Http2Option.ERRORCODE,
            Http2Option.PRIORITY,
            Http2Option.WINDOW,
            Http2Option.SIZE_UPDATE,
            Http2Option.SETTINGS_DEF,
            sticky("http2.header_name", "http2-keywords"),
            dev.rampart.rules.keyword.app.MqttOption.TYPE,
            dev.rampart.rules.keyword.app.MqttOption.QOS,
            dev.rampart.rules.keyword.app.MqttOption.REASON_CODE,
            dev.rampart.rules.keyword.app.MqttOption.PROTOCOL_VERSION,
            dev.rampart.rules.keyword.app.MqttOption.SESSION_PRESENT,
            dev.rampart.rules.keyword.app.MqttOption.FLAGS,
            dev.rampart.rules.keyword.app.MqttOption.CONNECT_FLAGS,
            sticky("websocket.payload", "websocket-keywords"),
            dev.rampart.rules.keyword.app.WebSocketOption.OPCODE,
            dev.rampart.rules.keyword.app.WebSocketOption.FLAGS,
            dev.rampart.rules.keyword.app.WebSocketOption.MASK,
            sticky("ike.init_spi", "ike-keywords"),
            sticky("ike.resp_spi", "ike-keywords"),
            sticky("ike.vendor", "ike-keywords"),
            sticky("ike.key_exchange_payload", "ike-keywords"),
            sticky("ike.nonce_payload", "ike-keywords"),
            dev.rampart.rules.keyword.app.IkeOption.EXCHTYPE,
            dev.rampart.rules.keyword.app.IkeOption.KEY_EXCHANGE_LENGTH,
            dev.rampart.rules.keyword.app.IkeOption.NONCE_LENGTH,
            dev.rampart.rules.keyword.app.IkeOption.CHOSEN_SA,
            sticky("snmp.community", "snmp-keywords"),
            sticky("snmp.usm", "snmp-keywords"),
            dev.rampart.rules.keyword.app.SnmpOption.VERSION,
            dev.rampart.rules.keyword.app.SnmpOption.PDU_TYPE,
            sticky("rfb.name", "rfb-keywords"),
            dev.rampart.rules.keyword.app.RfbOption.SECTYPE,
            dev.rampart.rules.keyword.app.RfbOption.SECRESULT,
            sticky("mqtt.connect.clientid", "mqtt-keywords"),
            sticky("mqtt.connect.username", "mqtt-keywords"),
            sticky("mqtt.connect.password", "mqtt-keywords"),
            sticky("mqtt.connect.willtopic", "mqtt-keywords"),
            sticky("mqtt.connect.willmessage", "mqtt-keywords"),
            sticky("mqtt.connect.protocol_string", "mqtt-keywords"),
            sticky("mqtt.publish.topic", "mqtt-keywords"),
            sticky("mqtt.publish.message", "mqtt-keywords"),
            sticky("mqtt.subscribe.topic", "mqtt-keywords"),
            sticky("mqtt.unsubscribe.topic", "mqtt-keywords"),
            ConfigOption.DEF,
            dev.rampart.rules.keyword.app.ModbusOption.DEF,
    };

    private static final Map<String, KeywordDef> BY_NAME;
    /**
     * Every name and alias as registered (exact case), by String hash with open addressing, for
     * {@link #registeredName}: read-only once built.
     */
    private static final String[] NAMES;

    static {
        Map<String, KeywordDef> m = new LinkedHashMap<>();
        List<String> names = new java.util.ArrayList<>();
        for (KeywordDef d : TABLE) {
            put(m, d.name(), d);
            names.add(d.name());
            for (String a : d.aliases()) {
                put(m, a, d);
                names.add(a);
            }
        }
        BY_NAME = Collections.unmodifiableMap(m);
        String[] t = new String[Integer.highestOneBit(names.size() * 4)];
        for (String n : names) {
            int k = slot(n.hashCode()) & (t.length - 1);
            while (t[k] != null && !t[k].equals(n)) {
                k = (k + 1) & (t.length - 1);
            }
            t[k] = n;
        }
        NAMES = t;
    }

    private static int slot(int hash) {
        return hash ^ (hash >>> 16);
    }

    /**
     * The registry's own string for the keyword name or alias spelled {@code s[from, to)} (the exact
     * case it was registered in), or null: a lexer hands that string out instead of making one per
     * option (~270k option names per ET Open load).
     */
    public static String registeredName(String s, int from, int to) {
        int len = to - from;
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        int mask = NAMES.length - 1;
        for (int k = slot(h) & mask; NAMES[k] != null; k = (k + 1) & mask) {
            String known = NAMES[k];
            if (known.length() == len && s.regionMatches(from, known, 0, len)) {
                return known;
            }
        }
        return null;
    }

    private static void put(Map<String, KeywordDef> m, String name, KeywordDef d) {
        if (m.put(name.toLowerCase(Locale.ROOT), d) != null) {
            throw new IllegalStateException("keyword registered twice: " + name);
        }
    }

    private KeywordRegistry() {
    }

    /** Case-insensitive lookup by name or alias; null when unknown. */
    public static KeywordDef get(String name) {
        KeywordDef d = BY_NAME.get(name);
        return d != null ? d : BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    public static List<KeywordDef> all() {
        return List.of(TABLE);
    }
}

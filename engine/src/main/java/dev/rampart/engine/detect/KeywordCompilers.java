package dev.rampart.engine.detect;

import dev.rampart.engine.detect.keyword.Asn1Keyword;
import dev.rampart.engine.detect.keyword.ChecksumMatcher;
import dev.rampart.engine.detect.keyword.GeoipMatcher;
import dev.rampart.engine.detect.keyword.DecodeEventMatcher;
import dev.rampart.engine.detect.keyword.DnsOpcodeKeyword;
import dev.rampart.engine.detect.keyword.DsizeMatcher;
import dev.rampart.engine.detect.keyword.FlowAgeMatcher;
import dev.rampart.engine.detect.keyword.FlowCounterMatcher;
import dev.rampart.engine.detect.keyword.FlowMatcher;
import dev.rampart.engine.detect.keyword.FlowbitsKeyword;
import dev.rampart.engine.detect.keyword.FragbitsMatcher;
import dev.rampart.engine.detect.keyword.FragoffsetMatcher;
import dev.rampart.engine.detect.keyword.IcmpIdMatcher;
import dev.rampart.engine.detect.keyword.IcmpSeqMatcher;
import dev.rampart.engine.detect.keyword.FlowintKeyword;
import dev.rampart.engine.detect.keyword.IcodeMatcher;
import dev.rampart.engine.detect.keyword.IpIdMatcher;
import dev.rampart.engine.detect.keyword.IpProtoMatcher;
import dev.rampart.engine.detect.keyword.IpoptsMatcher;
import dev.rampart.engine.detect.keyword.ItypeMatcher;
import dev.rampart.engine.detect.keyword.NoalertKeyword;
import dev.rampart.engine.detect.keyword.RequiresKeyword;
import dev.rampart.engine.detect.keyword.SameipMatcher;
import dev.rampart.engine.detect.keyword.StreamSizeMatcher;
import dev.rampart.engine.detect.keyword.TcpAckMatcher;
import dev.rampart.engine.detect.keyword.TcpFlagsMatcher;
import dev.rampart.engine.detect.keyword.TcpMssMatcher;
import dev.rampart.engine.detect.keyword.TcpSeqMatcher;
import dev.rampart.engine.detect.keyword.TcpWindowMatcher;
import dev.rampart.engine.detect.keyword.TosMatcher;
import dev.rampart.engine.detect.keyword.TagKeyword;
import dev.rampart.engine.detect.keyword.TlsKeywords;
import dev.rampart.engine.detect.keyword.TtlMatcher;
import dev.rampart.engine.detect.keyword.VlanIdMatcher;
import dev.rampart.engine.detect.keyword.VlanLayersMatcher;
import dev.rampart.engine.detect.keyword.ThresholdKeyword;
import dev.rampart.engine.detect.keyword.XbitsKeyword;
import dev.rampart.rules.RuleOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The match side of every non-payload keyword: one registry line per keyword, naming the class
 * that compiles the parsed option into matchers (Suricata's sigmatch_table Match/AppLayerTxMatch
 * entries; the parse side is rule-parser's KeywordRegistry). A keyword missing here makes a rule
 * unsupported, with the keyword named as the reason — never silently ignored.
 */
public final class KeywordCompilers {

    /** Compiles one parsed option into the rule being built. */
    @FunctionalInterface
    public interface Compiler {
        void compile(RuleOption option, RuleBuilder rule);
    }

    /** Keywords that describe a rule but take no part in matching (or are folded into others). */
    static final Set<String> DESCRIPTIVE = Set.of(
            "msg", "sid", "rev", "gid", "classtype", "reference", "metadata", "priority", "target",
            "fast_pattern", "prefilter", "rawbytes");

    private static final Map<String, Compiler> COMPILERS = new HashMap<>();

    static {
        reg("flow", FlowMatcher::compile);
        reg("dsize", DsizeMatcher::compile);
        reg("asn1", Asn1Keyword::compile);
        reg("ttl", TtlMatcher::compile);
        reg("itype", ItypeMatcher::compile);
        reg("icode", IcodeMatcher::compile);
        reg("flowbits", FlowbitsKeyword::compile);
        reg("noalert", NoalertKeyword::compile);
        reg("icmp_id", IcmpIdMatcher::compile);
        reg("icmp_seq", IcmpSeqMatcher::compile);
        reg("id", IpIdMatcher::compile);
        reg("tos", TosMatcher::compile);
        reg("ipopts", IpoptsMatcher::compile);
        reg("fragbits", FragbitsMatcher::compile);
        reg("fragoffset", FragoffsetMatcher::compile);
        reg("ip_proto", IpProtoMatcher::compile);
        reg("geoip", GeoipMatcher::compile);
        reg("sameip", SameipMatcher::compile);
        reg("tcp.flags", TcpFlagsMatcher::compile);
        reg("seq", TcpSeqMatcher::compile);
        reg("ack", TcpAckMatcher::compile);
        reg("window", TcpWindowMatcher::compile);
        reg("tcp.mss", TcpMssMatcher::compile);
        reg("flow.pkts", FlowCounterMatcher::compile);
        reg("flow.bytes", FlowCounterMatcher::compile);
        reg("flow.pkts_toserver", FlowCounterMatcher::compile);
        reg("flow.pkts_toclient", FlowCounterMatcher::compile);
        reg("flow.bytes_toserver", FlowCounterMatcher::compile);
        reg("flow.bytes_toclient", FlowCounterMatcher::compile);
        reg("flow.age", FlowAgeMatcher::compile);
        reg("stream_size", StreamSizeMatcher::compile);
        reg("ipv4-csum", ChecksumMatcher::compile);
        reg("tcpv4-csum", ChecksumMatcher::compile);
        reg("tcpv6-csum", ChecksumMatcher::compile);
        reg("udpv4-csum", ChecksumMatcher::compile);
        reg("udpv6-csum", ChecksumMatcher::compile);
        reg("icmpv4-csum", ChecksumMatcher::compile);
        reg("icmpv6-csum", ChecksumMatcher::compile);
        reg("decode-event", DecodeEventMatcher::compile);
        reg("stream-event", DecodeEventMatcher::compile);
        reg("vlan.id", VlanIdMatcher::compile);
        reg("vlan.layers", VlanLayersMatcher::compile);
        reg("requires", RequiresKeyword::compile);
        reg("alert", (o, r) -> r.alertOnPass());
        reg("flowint", FlowintKeyword::compile);
        reg("tag", TagKeyword::compile);
        reg("xbits", XbitsKeyword::compileXbits);
        reg("hostbits", XbitsKeyword::compileHostbits);
        reg("threshold", ThresholdKeyword::compileThreshold);
        reg("detection_filter", ThresholdKeyword::compileDetectionFilter);
        reg("dns.opcode", DnsOpcodeKeyword::compile);
        for (String k : new String[] {"http2.frametype", "http2.errorcode", "http2.priority", "http2.window",
            "http2.size_update", "http2.settings"}) {
            reg(k, dev.rampart.engine.detect.keyword.Http2Keywords::compile);
        }
        reg("ftpbounce", dev.rampart.engine.detect.keyword.FtpbounceKeyword::compile);
        reg("dcerpc.iface", dev.rampart.engine.detect.keyword.DceIfaceKeyword::compile);
        reg("dcerpc.opnum", dev.rampart.engine.detect.keyword.DceOpnumKeyword::compile);
        reg("smb.version", dev.rampart.engine.detect.keyword.SmbVersionKeyword::compile);
        reg("snmp.version", dev.rampart.engine.detect.keyword.SnmpKeywords::compile);
        reg("snmp.pdu_type", dev.rampart.engine.detect.keyword.SnmpKeywords::compile);
        reg("rfb.sectype", dev.rampart.engine.detect.keyword.RfbKeywords::compile);
        reg("rfb.secresult", dev.rampart.engine.detect.keyword.RfbKeywords::compile);
        for (String k : dev.rampart.engine.detect.keyword.MqttKeywords.NAMES) {
            reg(k, dev.rampart.engine.detect.keyword.MqttKeywords::compile);
        }
        for (String k : dev.rampart.engine.detect.keyword.WebSocketKeywords.NAMES) {
            reg(k, dev.rampart.engine.detect.keyword.WebSocketKeywords::compile);
        }
        for (String k : dev.rampart.engine.detect.keyword.IkeKeywords.NAMES) {
            reg(k, dev.rampart.engine.detect.keyword.IkeKeywords::compile);
        }
        reg("nfs_procedure", dev.rampart.engine.detect.keyword.NfsKeywords::procedure);
        reg("nfs_version", dev.rampart.engine.detect.keyword.NfsKeywords::version);
        reg("modbus", dev.rampart.engine.detect.keyword.ModbusKeyword::compile);
        reg("krb5_msg_type", dev.rampart.engine.detect.keyword.Krb5Keywords::msgType);
        reg("krb5_err_code", dev.rampart.engine.detect.keyword.Krb5Keywords::errCode);
        reg("ssl_state", TlsKeywords::sslState);
        reg("ssl_version", TlsKeywords::sslVersion);
        reg("tls.version", TlsKeywords::tlsVersion);
        reg("tls.subject", TlsKeywords::dn);
        reg("tls.issuerdn", TlsKeywords::dn);
        reg("tls.fingerprint", TlsKeywords::fingerprint);
        reg("tls_cert_notbefore", TlsKeywords::validity);
        reg("tls_cert_notafter", TlsKeywords::validity);
        reg("tls_cert_expired", TlsKeywords::expired);
        reg("tls_cert_valid", TlsKeywords::valid);
        reg("tls.store", TlsKeywords::store);
        reg("urilen", dev.rampart.engine.detect.keyword.UrilenKeyword::compile);
        reg("bypass", dev.rampart.engine.detect.keyword.BypassKeyword::compile);
        reg("app-layer-event", dev.rampart.engine.detect.keyword.AppLayerEventKeyword::compile);
        reg("filemd5", dev.rampart.engine.detect.keyword.FileKeywords::hash);
        reg("filesha1", dev.rampart.engine.detect.keyword.FileKeywords::hash);
        reg("filesha256", dev.rampart.engine.detect.keyword.FileKeywords::hash);
        reg("filename", dev.rampart.engine.detect.keyword.FileKeywords::string);
        reg("fileext", dev.rampart.engine.detect.keyword.FileKeywords::string);
        reg("filemagic", dev.rampart.engine.detect.keyword.FileKeywords::string);
        reg("filesize", dev.rampart.engine.detect.keyword.FileKeywords::size);
        reg("app-layer-protocol", dev.rampart.engine.detect.keyword.AppLayerProtocolKeyword::compile);
        reg("filestore", dev.rampart.engine.detect.keyword.FileKeywords::store);
    }

    private KeywordCompilers() {
    }

    private static void reg(String keyword, Compiler c) {
        if (COMPILERS.put(keyword, c) != null) {
            throw new IllegalStateException("keyword registered twice: " + keyword);
        }
    }

    /** The compiler for a keyword, or null when it has none. */
    static Compiler of(String keyword) {
        return COMPILERS.get(keyword);
    }

    /** Keywords with a match implementation (for reports and tests). */
    public static Set<String> supported() {
        return Set.copyOf(COMPILERS.keySet());
    }
}

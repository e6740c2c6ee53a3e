package dev.rampart.alerts;

/**
 * Renders an alert's EVE line from its journaled EVE fields (schema version 6), byte for byte as
 * the engine's EVE alert writer ({@code dev.rampart.engine.output.eve.EveAlertWriter}) wrote it
 * to eve.json: the journal keeps what it cannot rebuild (numbers, addresses, the app-layer
 * members, the rule's static bytes once per cycle file) and readers put the text back together.
 * The two must stay in step: cli's JournalEveLineTest renders varied events with both and
 * compares, and ScanAlertsTest compares a scan's journal export with its eve.json.
 *
 * <p>Times are UTC, as scan and the sensor write eve.json. Key order and the rules for optional
 * members are the writer's (see its class comment).
 */
final class EveLine {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Suricata 7's protocol names (util-proto-name.c, 0..143); the number past the table. */
    private static final String[] PROTO_NAMES = new String[256];

    static {
        String table = "HOPOPT ICMP IGMP GGP IP-in-IP ST TCP CBT EGP IGP BBN-RCC-MON NVP-II PUP ARGUS EMCON"
                + " XNET CHAOS UDP MUX DCN-MEAS HMP PRM XNS-IDP TRUNK-1 TRUNK-2 LEAF-1 LEAF-2 RDP IRTP"
                + " ISO-TP4 NETBLT MFE-NSP MERIT-INP DCCP 3PC IDPR XTP DDP IDPR-CMTP TP++ IL IPv6 SDRP"
                + " IPv6-Route IPv6-Frag IDRP RSVP GRE DSR BNA ESP AH I-NLSP SwIPe NARP MOBILE TLSP SKIP"
                + " IPv6-ICMP IPv6-NoNxt IPv6-Opts Any CFTP Any SAT-EXPAK KRYPTOLAN RVD IPPC Any SAT-MON"
                + " VISA IPCU CPNX CPHB WSN PVP BR-SAT-MON SUN-ND WB-MON WB-EXPAK ISO-IP VMTP SECURE-VMTP"
                + " VINES TTP NSFNET-IGP DGP TCF EIGRP OSPF Sprite-RPC LARP MTP AX.25 OS MICP SCC-SP"
                + " ETHERIP ENCAP Any GMTP IFMP PNNI PIM ARIS SCPS QNX A/N IPComp SNP Compaq-Peer IPX-in-IP"
                + " VRRP PGM Any L2TP DDX IATP STP SRP UTI SMP SM PTP IS-IS FIRE CRTP CRUDP SSCOPMCE IPLT"
                + " SPS PIPE SCTP FC RSVP-E2E-IGNORE Mobility UDPLite MPLS-in-IP manet HIP Shim6 WESP ROHC"
                + " Ethernet";
        String[] names = table.split(" ");
        for (int i = 0; i < 256; i++) {
            PROTO_NAMES[i] = i < names.length ? names[i] : Integer.toString(i);
        }
    }

    private final AlertRecord a;
    private byte[] buf;
    private int len;
    private int spanStart;
    private int spanEnd;

    private EveLine(AlertRecord a) {
        this.a = a;
        this.buf = a.eveBuffer(1024);
    }

    /** Renders {@code a}'s line from its EVE fields into its EVE buffer, its rule span marked. */
    static void render(AlertRecord a) {
        EveLine w = new EveLine(a);
        w.line();
        a.eveLength(w.len);
        a.eveRuleSpan(w.spanStart, w.spanEnd - w.spanStart);
    }

    private void line() {
        raw('{').key("timestamp").raw('"');
        time(a.timestampNanos);
        raw('"');
        if (!a.ipPacket) {
            raw(',');
            alertObject(false);
            raw('}');
            return;
        }
        boolean hasFlow = a.direction != AlertRecord.DIR_UNKNOWN;
        if (hasFlow) {
            raw(',').key("flow_id").unsigned(a.flowId);
            if (a.parentId != 0) {
                raw(',').key("parent_id").unsigned(a.parentId);
            }
        }
        if (a.pcapCnt != 0) {
            raw(',').key("pcap_cnt").unsigned(a.pcapCnt);
        }
        raw(',').key("event_type").ascii("\"alert\"");
        if (a.vlanCount > 0) {
            raw(',').key("vlan").raw('[');
            int n = Math.min(a.vlanCount, AlertRecord.MAX_VLANS);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    raw(',');
                }
                number(a.vlanIds[i]);
            }
            raw(']');
        }
        boolean ports = hasPorts(a.proto);
        raw(',').key("src_ip");
        ip(true);
        if (ports) {
            raw(',').key("src_port").number(a.srcPort);
        }
        raw(',').key("dest_ip");
        ip(false);
        if (ports) {
            raw(',').key("dest_port").number(a.dstPort);
        }
        raw(',').key("proto").raw('"').ascii(PROTO_NAMES[a.proto & 0xff]).raw('"');
        if ((a.proto == 1 || a.proto == 58) && a.icmpType >= 0) {
            raw(',').key("icmp_type").number(a.icmpType);
            raw(',').key("icmp_code").number(a.icmpCode);
        }
        int src = a.pktSrc & 0xff;
        raw(',').key("pkt_src").raw('"')
                .ascii(src < AlertRecord.PKT_SRC_NAMES.length ? AlertRecord.PKT_SRC_NAMES[src] : "unknown").raw('"');
        if (a.txId >= 0) {
            raw(',').key("tx_id").unsigned(a.txId);
            if (a.txGuessed) {
                raw(',').key("tx_guessed").ascii("true");
            }
        }
        raw(',');
        alertObject(true);
        if (hasFlow) {
            if (a.appLayerLength() > 0) {
                raw(',').raw(a.appLayerBytes(), 0, a.appLayerLength());
            }
            appProto("app_proto", a.appProto);
            appProto("app_proto_ts", a.appProtoTs);
            appProto("app_proto_tc", a.appProtoTc);
            appProto("app_proto_orig", a.appProtoOrig);
            appProto("app_proto_expected", a.appProtoExpected);
            raw(',').key("direction").ascii(toServer() ? "\"to_server\"" : "\"to_client\"");
            flowObject(ports);
        }
        raw('}');
    }

    private boolean toServer() {
        return a.direction == AlertRecord.DIR_TO_SERVER;
    }

    private static boolean hasPorts(int proto) {
        return proto == 6 || proto == 17 || proto == 132;
    }

    private void appProto(String key, StringBuilder value) {
        if (value.length() > 0) {
            raw(',').key(key).string(value);
        }
    }

    private void alertObject(boolean withTuple) {
        key("alert").raw('{');
        key("action").ascii(a.action == AlertRecord.ACTION_BLOCKED ? "\"blocked\"" : "\"allowed\"").raw(',');
        spanStart = len;
        raw(a.ruleIdentity(), 0, a.ruleIdentity().length);
        spanEnd = len;
        boolean split = withTuple && a.ruleTarget() != AlertRecord.TARGET_NONE;
        if (split) {
            sourceTarget(a.ruleTarget() == AlertRecord.TARGET_DEST);
        }
        byte[] metadata = a.ruleMetadata();
        if (metadata.length > 0) {
            raw(metadata, 0, metadata.length);
            if (!split) {
                spanEnd = len;
            }
        }
        raw('}');
    }

    private void sourceTarget(boolean destIsTarget) {
        boolean ports = hasPorts(a.proto);
        raw(',').key("source").raw('{');
        endpoint(destIsTarget, ports);
        raw('}').raw(',').key("target").raw('{');
        endpoint(!destIsTarget, ports);
        raw('}');
    }

    private void endpoint(boolean packetSrc, boolean ports) {
        key("ip");
        ip(packetSrc);
        if (ports) {
            raw(',').key("port").number(packetSrc ? a.srcPort : a.dstPort);
        }
    }

    private void flowObject(boolean ports) {
        raw(',').key("flow").raw('{');
        key("pkts_toserver").unsigned(a.pktsToServer).raw(',');
        key("pkts_toclient").unsigned(a.pktsToClient).raw(',');
        key("bytes_toserver").unsigned(a.bytesToServer).raw(',');
        key("bytes_toclient").unsigned(a.bytesToClient).raw(',');
        key("start").raw('"');
        time(a.flowStartNanos);
        raw('"');
        boolean c2s = toServer();
        raw(',').key("src_ip");
        ip(c2s);
        raw(',').key("dest_ip");
        ip(!c2s);
        if (ports && a.srcPort > 0) {
            raw(',').key("src_port").number(c2s ? a.srcPort : a.dstPort);
            raw(',').key("dest_port").number(c2s ? a.dstPort : a.srcPort);
        }
        raw('}');
    }

    /** The packet's source ({@code true}) or destination address, quoted. */
    private void ip(boolean source) {
        long hi = source ? a.srcHi : a.dstHi;
        long lo = source ? a.srcLo : a.dstLo;
        raw('"');
        if (a.ipVersion == 4) {
            int v = (int) lo;
            number((v >>> 24) & 0xff).raw('.').number((v >>> 16) & 0xff).raw('.').number((v >>> 8) & 0xff).raw('.')
                    .number(v & 0xff);
        } else {
            groups(hi);
            raw(':');
            groups(lo);
        }
        raw('"');
    }

    private void groups(long v) {
        for (int g = 3; g >= 0; g--) {
            int group = (int) (v >>> (g * 16)) & 0xffff;
            raw(HEX[(group >>> 12) & 0xf]).raw(HEX[(group >>> 8) & 0xf]).raw(HEX[(group >>> 4) & 0xf]).raw(HEX[group & 0xf]);
            if (g > 0) {
                raw(':');
            }
        }
    }

    /** Suricata's CreateIsoTimeString in UTC: {@code 2016-07-13T22:42:07.573103+0000}. */
    private void time(long epochNanos) {
        long epochSec = Math.floorDiv(epochNanos, 1_000_000_000L);
        long micros = Math.floorMod(epochNanos, 1_000_000_000L) / 1000;
        long days = Math.floorDiv(epochSec, 86_400L);
        long secOfDay = Math.floorMod(epochSec, 86_400L);
        // civil date from days since 1970-01-01 (Howard Hinnant's algorithm)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        padded(y, 4).raw('-').padded(m, 2).raw('-').padded(d, 2).raw('T');
        padded(secOfDay / 3600, 2).raw(':').padded((secOfDay / 60) % 60, 2).raw(':').padded(secOfDay % 60, 2);
        raw('.').padded(micros, 6).ascii("+0000");
    }

    // --- JSON primitives, as the engine's JsonBuffer writes them ---

    private void ensure(int extra) {
        int need = len + extra;
        if (need > buf.length) {
            buf = a.eveBuffer(need); // keeps what is written
        }
    }

    private EveLine raw(char c) {
        return raw((byte) c);
    }

    private EveLine raw(byte c) {
        ensure(1);
        buf[len++] = c;
        return this;
    }

    private EveLine raw(byte[] bytes, int off, int n) {
        ensure(n);
        System.arraycopy(bytes, off, buf, len, n);
        len += n;
        return this;
    }

    private EveLine ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    private EveLine key(String k) {
        return raw('"').ascii(k).raw('"').raw(':');
    }

    private EveLine number(long v) {
        if (v == Long.MIN_VALUE) {
            return ascii("-9223372036854775808");
        }
        ensure(20);
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = len + digits;
        for (int i = end - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        len = end;
        return this;
    }

    private EveLine unsigned(long v) {
        if (v >= 0) {
            return number(v);
        }
        long q = (v >>> 1) / 5;
        int r = (int) (v - q * 10);
        number(q);
        return raw((byte) ('0' + r));
    }

    private EveLine padded(long v, int width) {
        ensure(width);
        for (int i = len + width - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        len += width;
        return this;
    }

    /** A quoted JSON string, escaped as Suricata's JsonBuilder does, UTF-8 (a lone surrogate as U+FFFD). */
    private EveLine string(CharSequence s) {
        raw('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                raw((byte) c);
            } else if (c < 0x80) {
                raw('\\');
                switch (c) {
                    case '"' -> raw('"');
                    case '\\' -> raw('\\');
                    case '\n' -> raw('n');
                    case '\r' -> raw('r');
                    case '\t' -> raw('t');
                    case '\b' -> raw('b');
                    case '\f' -> raw('f');
                    default -> raw('u').raw('0').raw('0').raw(HEX[(c >> 4) & 0xf]).raw(HEX[c & 0xf]);
                }
            } else if (c < 0x800) {
                raw((byte) (0xc0 | (c >> 6))).raw((byte) (0x80 | (c & 0x3f)));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                raw((byte) (0xf0 | (cp >> 18))).raw((byte) (0x80 | ((cp >> 12) & 0x3f)))
                        .raw((byte) (0x80 | ((cp >> 6) & 0x3f))).raw((byte) (0x80 | (cp & 0x3f)));
            } else if (Character.isSurrogate(c)) {
                raw((byte) 0xef).raw((byte) 0xbf).raw((byte) 0xbd);
            } else {
                raw((byte) (0xe0 | (c >> 12))).raw((byte) (0x80 | ((c >> 6) & 0x3f))).raw((byte) (0x80 | (c & 0x3f)));
            }
        }
        return raw('"');
    }
}

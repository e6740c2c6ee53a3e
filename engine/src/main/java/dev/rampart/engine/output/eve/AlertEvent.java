package dev.rampart.engine.output.eve;

import dev.rampart.eve.EveAlertFields;

/**
 * One alert to log: a mutable flyweight the engine refills for every alert (one per worker, no
 * allocation per alert). Addresses and ports are in <em>packet</em> orientation (the packet's own
 * source and destination), as Suricata logs the top-level {@code src_ip}/{@code dest_ip} of an
 * alert; the writer derives the flow (client/server) orientation of the {@code flow} object from
 * {@link #toServer}. Call {@link #clear()} before filling.
 */
public final class AlertEvent {
    /** Suricata 7's packet sources ({@code pkt_src}); their names are {@link EveAlertFields#PKT_SRC_NAMES}, in this order. */
    public enum PktSrc {
        WIRE_PCAP,
        GRE_TUNNEL,
        IPV4_TUNNEL,
        IPV6_TUNNEL,
        TEREDO_TUNNEL,
        VXLAN,
        GENEVE,
        DEFRAG,
        STREAM_DETECT_LOG_FLUSH,
        FLOW_TIMEOUT,
        CAPTURE_TIMEOUT,
        SHUTDOWN_FLUSH;

        public String text() {
            return EveAlertFields.PKT_SRC_NAMES[ordinal()];
        }
    }

    public static final int MAX_VLANS = EveAlertFields.MAX_VLANS;

    /** Packet time. */
    public long timestampNanos;
    /** False for a decoder-event alert on a packet that is not IPv4/IPv6: only timestamp and alert are logged. */
    public boolean ipPacket = true;
    /** 0 means "not from a capture file": pcap_cnt is then omitted, as Suricata does. */
    public long pcapCnt;
    public PktSrc pktSrc = PktSrc.WIRE_PCAP;

    public int vlanCount;
    public final int[] vlanIds = new int[MAX_VLANS];

    public int ipVersion = 4;
    public long srcHi;
    public long srcLo;
    public long dstHi;
    public long dstLo;
    public int srcPort;
    public int dstPort;
    public int proto;
    /** ICMP/ICMPv6 type and code; logged when {@code icmpType >= 0} and the proto is ICMP or IPv6-ICMP. */
    public int icmpType = -1;
    public int icmpCode;

    /** Alert is on a transaction: tx_id logged when {@code >= 0}. */
    public long txId = -1;
    /** Suricata 7 adds {@code "tx_guessed":true} when the tx was inferred for a packet/stream match. */
    public boolean txGuessed;
    /** {@code "action":"blocked"} (reject, or drop in IPS mode) instead of {@code "allowed"}. */
    public boolean blocked;
    public EveRuleInfo rule;

    /**
     * Optional pre-rendered app-layer members ({@code "http":{...}} or {@code "dns":{...},"files":[...]}),
     * without surrounding commas; bytes {@code [0, appLayerLength)} are copied verbatim after the alert
     * object. Null or length 0 for none.
     */
    public byte[] appLayerJson;
    public int appLayerLength;

    // Flow: everything below is only logged when hasFlow.
    public boolean hasFlow = true;
    public long flowId;
    /** 0 means none (Suricata logs parent_id only for flows created from an expectation). */
    public long parentId;
    /** Packet direction relative to the flow: to_server or to_client. */
    public boolean toServer = true;
    /** The flow's detected app-layer protocol name ("http", "dns", "failed"), or null while unknown. */
    public String appProto;
    /** Per-direction protocols when they differ from {@link #appProto}; null otherwise. */
    public String appProtoTs;
    public String appProtoTc;
    public String appProtoOrig;
    public String appProtoExpected;
    public long pktsToServer;
    public long pktsToClient;
    public long bytesToServer;
    public long bytesToClient;
    public long flowStartNanos;
    /** The most bytes of the alerting packet's payload kept for the alert journal (EVE does not print them). */
    public static final int PAYLOAD_EXCERPT = 256;
    /** The first {@link #payloadExcerptLength} bytes of the packet's payload. */
    public final byte[] payloadExcerpt = new byte[PAYLOAD_EXCERPT];
    public int payloadExcerptLength;

    public void clear() {
        timestampNanos = 0;
        ipPacket = true;
        pcapCnt = 0;
        pktSrc = PktSrc.WIRE_PCAP;
        vlanCount = 0;
        ipVersion = 4;
        srcHi = srcLo = dstHi = dstLo = 0;
        srcPort = dstPort = 0;
        proto = 0;
        icmpType = -1;
        icmpCode = 0;
        txId = -1;
        txGuessed = false;
        blocked = false;
        rule = null;
        appLayerJson = null;
        appLayerLength = 0;
        hasFlow = true;
        flowId = 0;
        parentId = 0;
        toServer = true;
        appProto = appProtoTs = appProtoTc = appProtoOrig = appProtoExpected = null;
        pktsToServer = pktsToClient = bytesToServer = bytesToClient = 0;
        flowStartNanos = 0;
        payloadExcerptLength = 0;
    }

    /** Sets IPv4 addresses (as unsigned 32-bit values in the low bits). */
    public AlertEvent ipv4(int src, int dst) {
        ipVersion = 4;
        srcHi = dstHi = 0;
        srcLo = src & 0xffffffffL;
        dstLo = dst & 0xffffffffL;
        return this;
    }

    public AlertEvent ipv6(long srcHi, long srcLo, long dstHi, long dstLo) {
        ipVersion = 6;
        this.srcHi = srcHi;
        this.srcLo = srcLo;
        this.dstHi = dstHi;
        this.dstLo = dstLo;
        return this;
    }
}

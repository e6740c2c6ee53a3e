package dev.rampart.eve;

/**
 * What {@link EveAlertLine} reads of one alert: the engine's alert event and the alert journal's
 * record each have an adapter over their own fields. Addresses and ports are in packet
 * orientation (the packet's own source and destination). A getter may be called more than once
 * for one line (ports and addresses for the top level, the alert's source/target and the flow),
 * so implementations stay cheap and free of side effects: fields, or a comparison of them.
 */
public interface EveAlertSource {
    /** {@link #ruleTarget()}: the rule has no {@code target:} keyword. */
    int TARGET_NONE = 0;
    /** {@link #ruleTarget()}: the rule's target is the packet's source. */
    int TARGET_SRC = 1;
    /** {@link #ruleTarget()}: the rule's target is the packet's destination. */
    int TARGET_DEST = 2;

    /** Packet time, epoch nanoseconds. */
    long timestampNanos();

    /** False for a decoder-event alert on a packet that is not IPv4/IPv6: only timestamp and alert are logged. */
    boolean ipPacket();

    /** Whether the alert has a flow: flow_id, app_proto*, direction and flow are logged only then. */
    boolean hasFlow();

    long flowId();

    /** 0 means none. */
    long parentId();

    /** 0 means "not from a capture file" (pcap_cnt omitted). */
    long pcapCnt();

    /** VLAN ids to log; at most {@link EveAlertFields#MAX_VLANS} are. */
    int vlanCount();

    int vlanId(int i);

    /** 4 or 6; addresses are 128-bit hi/lo pairs, IPv4 in the low 32 bits of lo. */
    int ipVersion();

    long srcHi();

    long srcLo();

    long dstHi();

    long dstLo();

    int srcPort();

    int dstPort();

    /** IP protocol number. */
    int proto();

    /** ICMP/ICMPv6 type, logged when {@code >= 0} and the proto is ICMP or IPv6-ICMP. */
    int icmpType();

    int icmpCode();

    /** Index into {@link EveAlertFields#PKT_SRC_NAMES}; logged as "unknown" past it. */
    int pktSrc();

    /** The alert's transaction, logged when {@code >= 0}. */
    long txId();

    boolean txGuessed();

    /** {@code "action":"blocked"} instead of {@code "allowed"}. */
    boolean blocked();

    /**
     * The rule's alert identity members ({@code "gid":..,"signature_id":..,...,"severity":N}),
     * copied verbatim.
     */
    byte[] ruleIdentity();

    /** The rule's {@code ,"metadata":{...}} member, copied verbatim; null or empty for none. */
    byte[] ruleMetadata();

    /** {@link #TARGET_NONE}, {@link #TARGET_SRC} or {@link #TARGET_DEST}. */
    int ruleTarget();

    /**
     * Pre-rendered app-layer members ({@code "http":{...}}, no surrounding commas), bytes
     * {@code [0, appLayerLength())}; null or length 0 for none.
     */
    byte[] appLayerBytes();

    int appLayerLength();

    /** The flow's app-layer protocol name, or null when not logged; likewise the four below. */
    CharSequence appProto();

    CharSequence appProtoTs();

    CharSequence appProtoTc();

    CharSequence appProtoOrig();

    CharSequence appProtoExpected();

    /** Packet direction relative to the flow. */
    boolean toServer();

    long pktsToServer();

    long pktsToClient();

    long bytesToServer();

    long bytesToClient();

    long flowStartNanos();
}

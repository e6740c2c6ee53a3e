package dev.rampart.engine.detect;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.engine.applayer.Slice;
import dev.rampart.engine.detect.payload.ContentSearch;
import dev.rampart.engine.detect.payload.PayloadProgram;
import dev.rampart.engine.detect.transform.TransformChain;
import dev.rampart.engine.detect.threshold.SuppressSpec;
import dev.rampart.engine.detect.threshold.ThresholdSpec;
import dev.rampart.engine.output.eve.EveRuleInfo;
import dev.rampart.rules.Action;
import dev.rampart.rules.Rule;
import dev.rampart.rules.header.PortSet;

/**
 * One loaded rule, ready to evaluate: its header as flat match data, its packet matchers, its
 * payload program, post-match actions and output info. Immutable, shared by workers.
 * {@link #order} is its position in the plan's evaluation order (Suricata's internal id): alerts
 * of one packet are logged in that order.
 */
public final class CompiledRule {
    // one empty array of each kind for every rule without such parts (19k of each were made)
    static final TxProgram[] NO_TX_PROGRAMS = {};
    static final TxMatcher[] NO_TX_MATCHERS = {};
    static final PacketMatcher[] NO_MATCHERS = {};
    static final AfterPayloadMatcher[] NO_AFTER_PAYLOAD = {};
    static final PostMatchAction[] NO_POST_MATCH = {};

    /**
     * IP protocols the header admits: bit per protocol number; {@link #anyProto} for ip/pkthdr.
     * Never changed once the rule is compiled: rules with the same set share one array.
     */
    long[] protos = new long[4];
    boolean anyProto;
    /** pkthdr: matches packets that are not IP as well (decoder events). */
    boolean pkthdr;
    /** 4 or 6 when the header is ipv4/ipv6-only, else 0. */
    int ipVersion;
    AddressMatch src;
    AddressMatch dst;
    /** null: any port. */
    PortSet srcPorts;
    PortSet dstPorts;
    boolean bidirectional;
    /** Flow direction its {@code flow:} keyword demands (0 to server, 1 to client), -1 either: for grouping. */
    int flowDirection = -1;
    /** Header direction {@code =>}: buffers of both sides of one transaction (not prefiltered). */
    boolean transactional;

    /**
     * The rule's identity and texts: what is read of the rule after the load (alerts, journal,
     * profiler). The parse tree itself is not kept: ET Open's 19k trees (header, options, their
     * strings) were ~40% of the live objects of the loaded plan, copied by each young collection
     * of the load.
     */
    final EveRuleInfo eve;
    final Action action;
    int order;
    PacketMatcher[] matchers;
    /** Packet keywords run after the payload keywords matched ({@link AfterPayloadMatcher}); usually none. */
    AfterPayloadMatcher[] afterPayload = NO_AFTER_PAYLOAD;
    PostMatchAction[] postMatch;
    /** Packet/stream payload program, or null when the rule has no payload keywords. */
    PayloadProgram payload;
    /** Transforms of pkt_data, or null. */
    TransformChain payloadTransforms;
    boolean requirePacket;
    boolean requireStream;
    boolean streamOnly;
    boolean noalert;
    /** Pass rule that logs its alert ({@code alert} keyword). */
    boolean alertOnPass;
    /** Has {@code tag} (tagged packets are not logged yet). */
    boolean tagged;
    /** Rate control from the rule or threshold.config, or null. */
    ThresholdSpec threshold;
    /** threshold.config suppress entries with addresses, or null. */
    SuppressSpec[] suppress;
    /** Effective action order rank (config {@code action-order}), set by the plan. */
    int actionRank;
    /**
     * pass/drop/reject act on the whole flow (Suricata 7's IP-only and "like IP-only" rules: no
     * payload or match keywords, ports allowed); otherwise only on the packet.
     */
    boolean actionOnFlow;
    /** IP-only rule: evaluated on the first packet of each flow direction only. */
    boolean ipOnly;
    RuleBuilder.FlowbitUse flowbitUse;
    /** App-layer protocol the rule needs (header protocol or its buffers), or null. */
    AppProto appProto;
    /** The header said {@code http1}: HTTP/1 flows only (an {@code http} rule also matches HTTP/2 flows). */
    boolean http1Only;

    /**
     * Whether the rule's protocol admits a flow of protocol {@code flow} (Suricata's AppProtoEquals:
     * {@code http} rules match HTTP/2 flows, {@code dcerpc} rules SMB flows; {@code http1} ones not HTTP/2).
     */
    boolean matchesAppProto(AppProto flow) {
        return DetectStage.appProtoEquals(appProto, flow) && !(http1Only && flow == AppProto.HTTP2)
                || (anyFileProto && (flow == AppProto.SMB || flow == AppProto.SMTP));
    }
    /**
     * A rule for no app-layer protocol whose only app-layer buffer is file.data: it inspects the
     * files of SMB and SMTP flows besides HTTP's ({@link dev.rampart.engine.detect.app.AppBuffers#ANY_FILE_DATA}).
     */
    boolean anyFileProto;
    /** Sticky app-layer buffers with their programs: the rule is inspected per transaction. */
    TxProgram[] txPrograms = NO_TX_PROGRAMS;
    /** Transaction keywords that are not buffers (urilen, app-layer-event, file keywords). */
    TxMatcher[] txMatchers = NO_TX_MATCHERS;
    /** The rule's frame buffer ({@code frame:http1.request}) when it inspects frames, else null. */
    dev.rampart.engine.detect.keyword.FrameKeyword frame;
    /** Directions ({@link AppBuffer#TO_SERVER}/{@link AppBuffer#TO_CLIENT} bits) a transaction rule is inspected in. */
    int txDirections;
    /** Buffer of the fast pattern when it is an app-layer buffer (transaction prefilter), else null. */
    AppBuffer fastPatternBuffer;
    /** The fast pattern's buffer with its transforms (the prefilter key of a transaction rule), or null. */
    dev.rampart.rules.Buffer fastPatternSpec;
    RuleBuilder.FlowbitUse flowintUse = RuleBuilder.FlowbitUse.NONE;
    RuleBuilder.FlowbitUse hostbitUse = RuleBuilder.FlowbitUse.NONE;
    RuleBuilder.FlowbitUse ippairbitUse = RuleBuilder.FlowbitUse.NONE;
    /** A flowbit the rule requires set ({@code flowbits:isset,x}), -1 none: Suricata's flowbits prefilter. */
    int gateFlowbit = -1;
    /** Fast pattern (prefilter) bytes, or null when the rule is on the non-prefiltered list. */
    byte[] fastPattern;
    boolean fastPatternNocase;
    /** Negated fast pattern of a payload rule: where it occurs the prefilter drops the rule (Suricata). */
    ContentSearch negatedFastPattern;
    /**
     * A transaction rule whose fast pattern is a payload content (before its first sticky buffer):
     * the transaction prefilter cannot use it, and its payload part can only match where this
     * content occurs in the packet's payload or stream chunk, so {@link TxGroup#payloadGates}
     * prefilters it there (it was evaluated on every transaction change: buffers and pcre; Suricata
     * finds the pattern with the stream prefilter and never evaluates the rule without it).
     * Null when the rule has none; with {@link #txPayloadGateNocase}.
     */
    byte[] txPayloadGate;
    boolean txPayloadGateNocase;
    int priority;
    /** Compares file hashes (filemd5/filesha1/filesha256): the HTTP parser must hash bodies. */
    boolean fileHashes;
    /** Its {@code flowbits} options' values as written ({@code "isset,a"}), for the rule profile; null for none. */
    String[] flowbitsTexts;

    CompiledRule(Rule rule, EveRuleInfo eve) {
        this.eve = eve;
        this.action = rule.header().action();
    }

    private CompiledRule(EveRuleInfo eve, Action action, int priority) {
        this.eve = eve;
        this.action = action;
        this.priority = priority;
        this.order = -1;
    }

    /**
     * A rule of another language (a SecLang rule of {@link dev.rampart.engine.detect.seclang}) as
     * the alert path knows rules: its identity only; it is evaluated elsewhere, never by the plan.
     */
    static CompiledRule external(EveRuleInfo eve, int priority) {
        return new CompiledRule(eve, Action.ALERT, priority);
    }

    public long sid() {
        return eve.sid();
    }

    public long gid() {
        return eve.gid();
    }

    public long rev() {
        return eve.rev();
    }

    /** The rule's msg, "" when it has none. */
    public String msg() {
        return eve.msg();
    }

    public EveRuleInfo eve() {
        return eve;
    }

    public Action action() {
        return action;
    }

    public int order() {
        return order;
    }

    /** Priority 1 (high) .. 4: the rule's priority, else its classtype's, else 3 (EVE's alert.severity). */
    public int priority() {
        return priority;
    }

    public boolean noalert() {
        return noalert;
    }

    /** One app-layer buffer of a transaction rule and the program its options compiled into. */
    record TxProgram(AppBuffer buffer, PayloadProgram program, TransformChain transforms, int absent) {
        /** {@link #absent}: no absent keyword; plain {@code absent}; {@code absent: or_else}. */
        static final int PRESENT = 0, ABSENT = 1, ABSENT_OR_ELSE = 2;

        TxProgram(AppBuffer buffer, PayloadProgram program, TransformChain transforms) {
            this(buffer, program, transforms, PRESENT);
        }

        /** Inspects one instance of the buffer, transformed first when the rule says so. */
        boolean match(Slice in, DetectContext ctx) {
            if (absent == ABSENT) {
                return false; // the buffer exists
            }
            if (program == null) {
                return true;
            }
            Slice b = transforms == null ? in : transforms.apply(in.array, in.offset, in.length, ctx.transforms, ctx.transformed);
            return program.match(b.array, b.offset, b.length, ctx.inspect);
        }
    }

    boolean isTxRule() {
        return txPrograms.length > 0 || txMatchers.length > 0;
    }

    public ThresholdSpec threshold() {
        return threshold;
    }

    boolean admitsProto(int proto) {
        return anyProto || (protos[proto >>> 6] & (1L << proto)) != 0;
    }

    /** Whether a protocol besides TCP, UDP, ICMP and ICMPv6 is admitted (the "other IP" class). */
    boolean admitsOtherProto() {
        if (anyProto) {
            return true;
        }
        long low = protos[0] & ~(1L << 6 | 1L << 17 | 1L << 1 | 1L << 58);
        return low != 0 || protos[1] != 0 || protos[2] != 0 || protos[3] != 0;
    }

    /** Protocol, IP version, ports and addresses (either orientation for {@code <>}). */
    boolean headerMatches(Packet p) {
        if (p.ipVersion == 0) {
            // not an IP packet: only pkthdr rules apply (they test decoder events)
            return pkthdr;
        }
        if (ipVersion != 0 && p.ipVersion != ipVersion) {
            return false;
        }
        if (!admitsProto(p.ipProto)) {
            return false;
        }
        if (oriented(p, false)) {
            return true;
        }
        return bidirectional && oriented(p, true);
    }

    /**
     * A {@code <>} rule whose header matches the packet both ways: Suricata makes such a rule two
     * signatures (one per orientation) with the same sid, so it alerts twice (measured with suricata
     * 7.0.10: {@code alert ip any any <> 127.0.0.0/8 any} on loopback traffic).
     */
    boolean matchesBothWays(Packet p) {
        return bidirectional && !transactional && oriented(p, false) && oriented(p, true);
    }

    private boolean oriented(Packet p, boolean swap) {
        int sp = swap ? p.dstPort : p.srcPort;
        int dp = swap ? p.srcPort : p.dstPort;
        if (srcPorts != null || dstPorts != null) {
            int proto = p.ipProto;
            boolean ported = (proto == 6 || proto == 17 || proto == 132) && p.l4Offset > 0;
            if (!ported || p.fragment) {
                return false;
            }
            if (dstPorts != null && !dstPorts.contains(dp)) {
                return false;
            }
            if (srcPorts != null && !srcPorts.contains(sp)) {
                return false;
            }
        }
        if (swap) {
            return dst.matches(p.ipVersion, p.srcHi, p.srcLo) && src.matches(p.ipVersion, p.dstHi, p.dstLo);
        }
        return dst.matches(p.ipVersion, p.dstHi, p.dstLo) && src.matches(p.ipVersion, p.srcHi, p.srcLo);
    }

    /**
     * The keywords run after the payload keywords matched, given where the payload inspection's last
     * match ended (0 when the rule has no payload keywords).
     */
    boolean afterPayloadMatches(DetectContext ctx) {
        int offset = payload == null ? 0 : ctx.inspect.lastMatchEnd();
        for (AfterPayloadMatcher m : afterPayload) {
            if (!m.matches(ctx, offset)) {
                return false;
            }
        }
        return true;
    }

    /** Non-payload keywords, in rule order. */
    boolean matchersMatch(DetectContext ctx) {
        for (PacketMatcher m : matchers) {
            if (!m.matches(ctx)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Suricata's payload decision: a stream rule inspects the raw stream chunk first; failing
     * that, the packet payload, unless the packet's data went into the stream (it will be seen
     * there) or the rule is stream-only. Returns 0 no match, 1 packet match, 2 stream match.
     */
    int payloadMatches(DetectContext ctx) {
        if (payload == null) {
            return 1;
        }
        if (requireStream || !requirePacket) {
            if (ctx.hasStreamData && streamMatches(ctx)) {
                return 2;
            }
            if (!requirePacket && ctx.packet.streamAdd) {
                return 0;
            }
            if (streamOnly) {
                return 0;
            }
        }
        if (ctx.pseudo || ctx.payloadLength == 0) {
            // nothing to inspect: Suricata's signature mask keeps rules with payload keywords off a
            // packet without payload (or whose payload is not inspected) unless stream data is there,
            // and an empty packet payload matches nothing, negated contents included
            return 0;
        }
        return inspect(ctx.payload, 0, ctx.payloadLength, ctx) ? 1 : 0;
    }

    private boolean inspect(byte[] data, int off, int len, DetectContext ctx) {
        if (negatedFastPattern != null && negatedFastPattern.indexOf(data, off, off + len) >= 0) {
            return false;
        }
        if (payloadTransforms == null) {
            return payload.match(data, off, len, ctx.inspect);
        }
        Slice t = payloadTransforms.apply(data, off, len, ctx.transforms, ctx.transformed);
        return payload.match(t.array, t.offset, t.length, ctx.inspect);
    }

    /** Each contiguous block of the stream chunk is inspected on its own (Suricata's raw callback per block). */
    private boolean streamMatches(DetectContext ctx) {
        for (int i = 0; i < ctx.streamBlockCount; i++) {
            int from = ctx.streamBlockStarts[i];
            if (inspect(ctx.streamData, from, ctx.streamBlockEnd(i) - from, ctx)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "CompiledRule[" + gid() + ":" + sid() + " order=" + order + "]";
    }
}

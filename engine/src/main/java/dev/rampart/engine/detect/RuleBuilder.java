package dev.rampart.engine.detect;

import dev.rampart.engine.detect.app.AppBuffer;

import dev.rampart.engine.detect.threshold.ThresholdSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What keyword compilers add to a rule while it is compiled (like the parser's ParseContext):
 * packet matchers, post-match actions and the flags that decide packet vs stream inspection.
 * Shared name tables (flowbits, flowints) come from the plan being built.
 */
public final class RuleBuilder {
    final List<PacketMatcher> matchers = new ArrayList<>();
    final List<PostMatchAction> postMatch = new ArrayList<>();
    final List<AfterPayloadMatcher> afterPayload = new ArrayList<>();
    boolean requirePacket;
    boolean requireStream;
    boolean streamOnly;
    boolean noalert;
    /**
     * TCP flag classes the rule's {@code flags} name, Suricata's signature mask bits
     * ({@link dev.rampart.engine.detect.keyword.TcpFlagsMatcher#CLASS_INIT_DEINIT}, ...): a rule
     * without a fast pattern is only evaluated on packets having a flag of each class.
     */
    int tcpFlagClasses;
    /** {@code alert} keyword: a pass rule logs its alert too (Suricata 7). */
    boolean alertOnPass;
    /** The rule has {@code tag}: its alerts would start tagging packets. */
    boolean tagged;
    /** threshold / detection_filter of the rule, or null. */
    ThresholdSpec threshold;
    /** Set when some keyword cannot be evaluated: the rule is not loaded, and this says why. */
    String unsupported;
    /** Rule reads or writes flowbits: its kind for Suricata's rule ordering (see {@link FlowbitUse}). */
    FlowbitUse flowbitUse = FlowbitUse.NONE;
    /** The same kinds for flowints, host bits and IP-pair bits (Suricata orders by each in turn). */
    FlowbitUse flowintUse = FlowbitUse.NONE;
    FlowbitUse hostbitUse = FlowbitUse.NONE;
    FlowbitUse ippairbitUse = FlowbitUse.NONE;
    final RuleCompileEnv env;
    /** Transaction matchers, the protocol they need (null: none yet) and the directions they allow. */
    final List<TxMatcher> txMatchers = new ArrayList<>();
    dev.rampart.engine.applayer.AppProto txProto;
    int txDirections = dev.rampart.engine.detect.app.AppBuffer.BOTH;

    /** The file the rule was read from (list files of file keywords are relative to it), or null. */
    String ruleFile;

    RuleBuilder(RuleCompileEnv env) {
        this.env = env;
    }

    public String ruleFile() {
        return ruleFile;
    }

    /** The configured geoip database, or null ({@link #geoipProblem()} says why). */
    public dev.rampart.engine.detect.geoip.MmdbReader geoip() {
        return env.geoip();
    }

    public String geoipProblem() {
        return env.geoipProblem();
    }

    /** Whether the configuration turned the feature off ({@code requires: feature X}). */
    public boolean featureOff(String name) {
        return env.featureOff(name);
    }

    public void addMatcher(PacketMatcher m) {
        matchers.add(m);
    }

    /** Adds a packet keyword evaluated once the payload keywords matched (Suricata's order for {@code asn1}). */
    public void addAfterPayloadMatcher(AfterPayloadMatcher m) {
        afterPayload.add(m);
    }

    /**
     * Adds a transaction matcher: the rule becomes a transaction rule of {@code proto}, inspected in
     * {@code directions} ({@link dev.rampart.engine.detect.app.AppBuffer#TO_SERVER} ... bits).
     */
    /** Transaction matchers added by file keywords (filename, fileext, filemagic), which read any protocol's files. */
    int fileMatchers;

    /** A file keyword's matcher: it reads HTTP files and the files of SMB transactions alike. */
    public void addFileTxMatcher(TxMatcher m) {
        addTxMatcher(dev.rampart.engine.applayer.AppProto.HTTP, AppBuffer.BOTH, m);
        fileMatchers++;
    }

    public void addTxMatcher(dev.rampart.engine.applayer.AppProto proto, int directions, TxMatcher m) {
        if (txProto == dev.rampart.engine.applayer.AppProto.SMB && proto == dev.rampart.engine.applayer.AppProto.DCERPC) {
            proto = txProto; // DCERPC keywords on SMB (named pipes) keep the rule's SMB
        }
        if (txProto != null && txProto != proto) {
            unsupported("transaction keywords of " + txProto.suricataName() + " and " + proto.suricataName());
        }
        txProto = proto;
        txDirections &= directions;
        txMatchers.add(m);
    }

    public void addPostMatch(PostMatchAction a) {
        postMatch.add(a);
    }

    /**
     * Payload must be inspected per packet: Suricata's SIG_FLAG_REQUIRE_PACKET, set by dsize, flags,
     * ttl, id, tos, window, seq, ack, fragbits, fragoffset, ipopts, tcp.mss, sameip, ip_proto, icmp
     * header keywords, geoip, packet header buffers, flow:no_stream and tcp-pkt.
     */
    public void requirePacket() {
        requirePacket = true;
    }

    /**
     * A keyword that Suricata keeps on an app-layer list but that adds no condition here (filestore):
     * like a transaction keyword, it cannot be combined with packet keywords.
     */
    boolean appLayerKeyword;

    public void noteAppLayerKeyword() {
        appLayerKeyword = true;
    }

    /** flow:only_stream (not tcp-stream): a condition on the rule's own stream match as well. */
    boolean flowOnlyStream;

    public void requireFlowOnlyStream() {
        flowOnlyStream = true;
        requireStreamOnly();
    }

    /** flow:only_stream, tcp-stream: stream only. */
    public void requireStreamOnly() {
        requireStream = true;
        streamOnly = true;
    }

    public void requireTcpFlagClasses(int classes) {
        tcpFlagClasses |= classes;
    }

    /** The flowbit an {@code isset} requires: such a rule without a fast pattern is only a candidate when it is set. */
    int gateFlowbit = -1;

    public void gateOnFlowbit(int bit) {
        if (gateFlowbit < 0) {
            gateFlowbit = bit;
        }
    }

    public void noalert() {
        noalert = true;
    }

    /** A pass rule with the {@code alert} keyword logs an alert when it matches. */
    public void alertOnPass() {
        alertOnPass = true;
    }

    public void tagged() {
        tagged = true;
    }

    public void threshold(ThresholdSpec t) {
        threshold = t;
    }

    public void unsupported(String why) {
        if (unsupported == null) {
            unsupported = why;
        }
    }

    /** Suricata orders rules that set flowbits before those that only read them. */
    public void flowbitUse(boolean sets, boolean reads) {
        FlowbitUse u = sets && reads ? FlowbitUse.SET_READ : sets ? FlowbitUse.SET : reads ? FlowbitUse.READ : FlowbitUse.NONE;
        flowbitUse = FlowbitUse.merge(flowbitUse, u);
    }

    public void flowintUse(boolean sets, boolean reads) {
        flowintUse = FlowbitUse.merge(flowintUse, FlowbitUse.of(sets, reads));
    }

    public void hostbitUse(boolean sets, boolean reads) {
        hostbitUse = FlowbitUse.merge(hostbitUse, FlowbitUse.of(sets, reads));
    }

    public void ippairbitUse(boolean sets, boolean reads) {
        ippairbitUse = FlowbitUse.merge(ippairbitUse, FlowbitUse.of(sets, reads));
    }

    public int hostbit(String name) {
        return env.hostbit(name);
    }

    public int ippairbit(String name) {
        return env.ippairbit(name);
    }

    public int flowbit(String name) {
        return env.flowbit(name);
    }

    public int flowint(String name) {
        return env.flowint(name);
    }

    /** Flowbit use of a rule, in Suricata's ordering (SET first, then SET_READ, READ, NONE). */
    public enum FlowbitUse {
        SET, SET_READ, READ, NONE;

        static FlowbitUse of(boolean sets, boolean reads) {
            return sets && reads ? SET_READ : sets ? SET : reads ? READ : NONE;
        }

        static FlowbitUse merge(FlowbitUse a, FlowbitUse b) {
            if (a == NONE) {
                return b;
            }
            if (b == NONE || a == b) {
                return a;
            }
            return SET_READ;
        }
    }
}

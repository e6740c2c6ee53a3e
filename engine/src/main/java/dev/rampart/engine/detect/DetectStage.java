package dev.rampart.engine.detect;

import dev.rampart.engine.applayer.AppSession;
import dev.rampart.engine.applayer.Slice;
import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.applayer.StreamFrames;
import dev.rampart.engine.applayer.http.HttpTx;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.engine.detect.keyword.FrameKeyword;
import dev.rampart.engine.detect.transform.TransformChain;
import dev.rampart.engine.detect.mpm.MatchSink;
import dev.rampart.engine.detect.mpm.MpmScratch;
import dev.rampart.engine.detect.mpm.MultiPatternMatcher;
import dev.rampart.engine.detect.seclang.SecLangHttp;
import dev.rampart.engine.detect.seclang.SecLangMatch;
import dev.rampart.engine.detect.threshold.ThresholdTable;
import dev.rampart.engine.detect.xbits.XbitTable;
import dev.rampart.engine.flow.Flow;
import dev.rampart.engine.flow.Spares;
import dev.rampart.engine.output.eve.AlertEvent;
import dev.rampart.engine.pipeline.StatsTree;
import dev.rampart.engine.stream.StreamConsumer;
import dev.rampart.engine.stream.TcpSession;
import dev.rampart.engine.stream.TcpStream;
import dev.rampart.engine.stream.TcpTracker;
import dev.rampart.rules.Action;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Detection for one worker (Suricata's DetectRun for one thread): for each packet, after the flow
 * and TCP stages, it runs the IP-only rules (first packet of each flow direction), the packet's
 * rule group — prefilter over the packet payload and the pending raw stream chunk, then exact
 * evaluation of the candidates and the unfiltered rules in plan order — and finalises the alerts
 * (pass, noalert) into the {@link AlertSink}. Raw stream bytes arrive through {@link #rawConsumer()};
 * at flow end a pseudo packet per direction inspects what is left. Not thread-safe; allocates
 * nothing per packet once its buffers have grown.
 */
public final class DetectStage {
    private DetectionPlan plan;
    private final AlertSink sink;
    /** Where reloads publish the next plan; null: this stage keeps its plan. */
    private PlanSwitch planSwitch;
    private volatile long planSwitches;
    private final DetectContext ctx = new DetectContext();
    /** Per group ({@link RuleGroup#index}); null for groups without a prefilter. */
    private MpmScratch[] scratch;
    /** Per group, for its {@link RuleGroup#packetPayload} prefilter; null where it has none. */
    private MpmScratch[] packetScratch;
    private MpmScratch[][][] txScratch;
    private long[] candidateBits;
    private int[] candidates = new int[256];
    /** IP-only candidates of the packet (see {@link IpOnlyIndex}), as long as the plan's IP-only list. */
    private int[] ipOnlyCandidates;
    private int candidateCount;
    private int[] alertOrders = new int[64];
    /** The alert's transaction was guessed for a packet/stream match (EVE tx_guessed). */
    private boolean[] alertGuessed = new boolean[64];
    /** Transaction of each queued alert (null for packet alerts) and its id. */
    private Object[] alertTx = new Object[64];
    private long[] alertTxId = new long[64];
    /** The EVE frame member of each queued frame alert, else null. */
    private byte[][] alertFrame = new byte[64][];
    /** Set around {@link #queueAlert} by a frame rule's match: the member its alert carries. */
    private byte[] matchedFrame;
    private final Slice buffer = new Slice();
    private final StringBuilder appJson = new StringBuilder(512);
    private int alertCount;
    private final AlertEvent event = new AlertEvent();
    private final Packet pseudoPacket = new Packet();
    private final RawCollector raw = new RawCollector();
    private final MatchSink onPattern = this::onPattern;
    /** Thresholds and host/IP-pair bits, shared with the other workers' stages (see {@link HostState}). */
    private final HostState hosts;
    /** {@link #hosts}' threshold table for the current plan; used under the {@code hosts} monitor. */
    private ThresholdTable thresholds;
    private RuleGroup currentGroup;
    /** States of ended flows, reset, for new flows: no allocation per flow in steady state. */
    private final FlowDetectState[] freeStates = new FlowDetectState[4096];
    private int freeStateCount;
    private boolean simulateIps;
    /** Suricata's stream inline mode ({@code stream.inline: auto} under IPS): raw chunks around each packet. */
    private boolean streamInline;
    /** {@code stream.reassembly.toserver-chunk-size} / {@code toclient-chunk-size}. */
    private int toServerChunkSize = 2560;
    private int toClientChunkSize = 2560;
    private byte[] inlineChunk = new byte[4096];
    private final long[] run = new long[2];

    // counters
    private long packets;
    private long alerts;
    private long rulesEvaluated;
    /** Rules of the packet's group passed to exact evaluation (prefilter hits and unfiltered rules). */
    private long candidatesTotal;
    /** Pattern ids the prefilter reported (the group's own and other groups' of the class). */
    private long prefilterHits;
    private long prefilterBytes;
    /** Transaction passes run, and skipped because the session changed nothing since the last one. */
    private long txPasses;
    private long txPassesSkipped;
    /** Transactions looked at by the passes run (live ones of the flow, whether inspected or not). */
    private long txVisits;
    private long passedPackets;
    private long droppedFlowPackets;
    /** Packets not inspected because an exception policy applied to them (app-layer error ...). */
    private long exceptionPackets;
    private long thresholdSuppressed;
    private long tagNotLogged;

    /** Rule profiling of this worker, or null (off: one null check per rule and per scan). */
    private final RuleProfiler profiler;

    public DetectStage(DetectionPlan plan, AlertSink sink) {
        this(plan, sink, null);
    }

    /** @param profiler this worker's rule profile (see {@link RuleProfiler}), or null for none */
    public DetectStage(DetectionPlan plan, AlertSink sink, RuleProfiler profiler) {
        this(plan, sink, profiler, new HostState(plan));
    }

    /**
     * @param profiler this worker's rule profile (see {@link RuleProfiler}), or null for none
     * @param hosts the host and IP-pair state every worker's stage of one engine shares, made for {@code plan}
     */
    public DetectStage(DetectionPlan plan, AlertSink sink, RuleProfiler profiler, HostState hosts) {
        this.plan = plan;
        this.sink = sink;
        this.profiler = profiler;
        this.hosts = hosts;
        hosts.adopt(plan);
        bindHostState();
        bindScratch();
    }

    private void bindHostState() {
        thresholds = hosts.thresholds();
        ctx.hostbits = hosts.hostbits();
        ctx.ippairbits = hosts.ippairbits();
    }

    /** Per-plan scratch: candidate marks and one MPM scratch per matcher of the plan. */
    private void bindScratch() {
        this.candidateBits = new long[(plan.ruleCount() + 63) >>> 6];
        this.ipOnlyCandidates = new int[plan.ipOnly.length];
        this.scratch = new MpmScratch[plan.allGroups.length];
        this.packetScratch = new MpmScratch[plan.allGroups.length];
        // groups share their class's matcher: one scratch per matcher
        Map<MultiPatternMatcher, MpmScratch> byMatcher = new IdentityHashMap<>();
        for (RuleGroup g : plan.allGroups) {
            scratch[g.index] = g.mpm == null ? null : byMatcher.computeIfAbsent(g.mpm, MultiPatternMatcher::newScratch);
            packetScratch[g.index] = g.packetPayload == null ? null
                    : byMatcher.computeIfAbsent(g.packetPayload.mpm, MultiPatternMatcher::newScratch);
        }
        // transaction prefilters: one scratch per matcher too, looked up by [protocol][direction][buffer]
        this.txScratch = new MpmScratch[plan.txGroups.length][2][];
        for (int p = 0; p < plan.txGroups.length; p++) {
            for (int d = 0; d < 2; d++) {
                TxGroup g = plan.txGroups[p][d];
                if (g == null) {
                    continue;
                }
                // the last slot: the payload-gate prefilter's
                txScratch[p][d] = new MpmScratch[g.prefilters.length + 1];
                for (int b = 0; b < g.prefilters.length; b++) {
                    MultiPatternMatcher m = g.prefilters[b].mpm;
                    txScratch[p][d][b] = m == null ? null : byMatcher.computeIfAbsent(m, MultiPatternMatcher::newScratch);
                }
                MultiPatternMatcher gm = g.payloadGates == null ? null : g.payloadGates.mpm;
                txScratch[p][d][g.prefilters.length] = gm == null ? null
                        : byMatcher.computeIfAbsent(gm, MultiPatternMatcher::newScratch);
            }
        }
    }

    /**
     * Follow the plans a reload publishes: from the next packet after a publication this stage
     * runs the new plan (see {@link #switchPlan}).
     */
    public void follow(PlanSwitch planSwitch) {
        // a profile's counters are indexed by the rule numbers of one plan
        if (profiler != null) {
            throw new IllegalStateException("a profiled detection stage runs one plan: no reload");
        }
        this.planSwitch = planSwitch;
    }

    /** Plans this stage moved to since it was made (readable from any thread). */
    public long planSwitches() {
        return planSwitches;
    }

    /**
     * Moves to {@code next} between two packets: new scratch; flows keep their state and remap it
     * lazily by name on their next packet ({@link FlowDetectState#remap}); thresholds start over
     * (their rule-track entries are keyed by evaluation order); host and IP-pair bits stay when
     * the new plan names the same bits, else start over; pooled states of ended flows are dropped.
     */
    private void switchPlan(DetectionPlan next) {
        DetectionPlan old = plan;
        plan = next;
        bindScratch();
        hosts.adopt(next);
        bindHostState();
        Arrays.fill(freeStates, 0, freeStateCount, null);
        freeStateCount = 0;
        planSwitches++;
    }

    private void followSwitch() {
        if (planSwitch != null) {
            DetectionPlan next = planSwitch.plan();
            if (next != plan) {
                switchPlan(next);
            }
        }
    }

    /** Drop/reject alerts log {@code "action":"blocked"} (Suricata's --simulate-ips). */
    public void setSimulateIps(boolean on) {
        simulateIps = on;
        // stream.inline defaults to auto: IPS mode inspects the stream inline
        streamInline = on;
    }

    /** Overrides the stream inline mode ({@code stream.inline: yes/no}). */
    public void setStreamInline(boolean on) {
        streamInline = on;
    }

    /** {@code stream.reassembly.toserver-chunk-size} and {@code toclient-chunk-size}. */
    public void setChunkSizes(int toServer, int toClient) {
        toServerChunkSize = Math.max(1, toServer);
        toClientChunkSize = Math.max(1, toClient);
    }

    private long nextStreamEvents;
    /** Exception policy that applies to the next inspected packet, or null. */
    private dev.rampart.engine.flow.ExceptionPolicy nextException;

    /**
     * The next packet hit an exception whose policy skips it (and, for flow policies, the rest of
     * its flow): it is counted and not inspected, as Suricata's ExceptionPolicyApply marks it.
     */
    public void exceptionOnPacket(dev.rampart.engine.flow.ExceptionPolicy policy) {
        nextException = policy;
    }

    public DetectionPlan plan() {
        return plan;
    }

    /** This worker's rule profile, or null when profiling is off. */
    public RuleProfiler profiler() {
        return profiler;
    }

    /** The consumer to hand the TCP reassembler for raw stream data. */
    public StreamConsumer rawConsumer() {
        return raw;
    }

    /**
     * Inspects one packet with the stream events the TCP tracker raised while handling it (bits of
     * {@code StreamEvent} ordinals; the {@code stream-event} keyword reads them).
     */
    public void inspect(Packet p, long streamEvents) {
        nextStreamEvents = streamEvents;
        inspect(p);
    }

    /** Inspects one packet that went through decode, flow and TCP stages. */
    public void inspect(Packet p) {
        followSwitch();
        packets++;
        // the parser turned payload inspection off (TLS application data, SSH after NEWKEYS) while an
        // earlier packet went through: as Suricata flags the flow's later packets (PKT_NOPAYLOAD_INSPECTION,
        // what a tunnel's outer layer gets too), this one carries no payload for detection, and its
        // streams are not inspected
        boolean payloadOff = p.flowRef instanceof Flow f && f.detectState instanceof FlowDetectState s && s.payloadOff;
        if (payloadOff) {
            p.noPayloadInspection = true;
        }
        ctx.load(p);
        ctx.streamEvents = nextStreamEvents;
        nextStreamEvents = 0;
        dev.rampart.engine.flow.ExceptionPolicy exception = nextException;
        nextException = null;
        attachFlowState();
        if (exception != null && exception.skipsPacket()) {
            exceptionPackets++;
            if (exception.skipsFlow() && ctx.flowState != null) {
                // FLOW_ACTION_DROP / FLOW_ACTION_PASS: the flow's later packets are not inspected
                if (exception.dropsFlow()) {
                    ctx.flowState.dropped = true;
                } else {
                    ctx.flowState.passed = true;
                }
            }
            return;
        }
        if (ctx.flowState != null && ctx.flowState.passed) {
            passedPackets++;
            return;
        }
        if (ctx.flowState != null && ctx.flowState.dropped) {
            // Suricata's FLOW_ACTION_DROP: the flow's later packets are not inspected
            droppedFlowPackets++;
            return;
        }
        if (ctx.flow != null && p.isTcp() && !payloadOff) {
            if (streamInline) {
                loadInlineChunk(p);
            } else if ((p.tcpFlags & Packet.TCP_SYN) != 0 && p.streamAdd && ctx.payloadLength > 0
                    && !p.tcpHasTfo) {
                // data on a SYN without a Fast Open option is inspected on the SYN itself, as Suricata
                // inspects it (as packet payload), and not again when the reassembler later delivers it
                // (detect-bytejump-01); with the option the bytes are stream data like any other and are
                // inspected with what follows them (tcp-fastopen-08: a match spanning SYN and later data)
                ctx.setStreamChunk(ctx.payload, 0, ctx.payloadLength);
                ctx.flowState.stream(ctx.toServer).skipUntil(ctx.payloadLength);
            } else {
                StreamWindow w = ctx.flowState.stream(ctx.toServer);
                if (w.length > 0 && rawInspectionDue(w)) {
                    ctx.setStreamChunk(w);
                }
            }
        }
        run(p);
        if (ctx.hasStreamData && !streamInline && ctx.streamData != ctx.payload) {
            ctx.flowState.stream(ctx.toServer).consumed(windowBuffers);
        }
        AppSession session = ctx.app == null ? null : ctx.app.session();
        if (!payloadOff && ctx.flowState != null && session != null && session.payloadInspectionOff()) {
            // as Suricata: the packet during which the parser asked is still inspected as it is; from
            // the next one the flow's payload is not (stored raw bytes of both directions included)
            ctx.flowState.payloadOff = true;
            if (!session.inspectsStoredStreamAtEnd()) {
                ctx.flowState.stream(true).consumed(windowBuffers);
                ctx.flowState.stream(false).consumed(windowBuffers);
            }
        }
    }

    /**
     * Suricata's StreamTcpReassembleRawCheckLimit (IDS mode): acknowledged stream bytes wait for
     * inspection until a chunk's worth has built up, the parser asked for it (an HTTP request or
     * response, a TLS record ended), the reassembly depth was reached, or the session is closing;
     * the flow-end pseudo packets inspect whatever is left. Flows without a parser (protocol
     * unknown or failed) and SMB flows wait the same way, as no parser asks for them (checked with
     * the oracle on synthetic flows and smb2-07). Parsers whose triggers are not modelled (DNS over
     * TCP) are inspected on each acknowledgement.
     */
    private boolean rawInspectionDue(StreamWindow w) {
        dev.rampart.engine.applayer.AppSession s =
                ctx.flow.appState instanceof dev.rampart.engine.applayer.AppFlow af ? af.session() : null;
        if (s != null && !s.triggersRawInspection()) {
            return true;
        }
        // an inspection for any reason takes the parser's request with it (Suricata clears the
        // stream's trigger flag when raw inspection progresses): a request met by a chunk-size
        // inspection does not make the next small piece of data due (smtp: the QUIT after a mail)
        long triggers = s == null ? 0 : s.rawInspectTriggers(ctx.toServer);
        boolean triggered = triggers != w.triggersSeen;
        w.triggersSeen = triggers;
        TcpSession ssn = TcpTracker.session(ctx.flow);
        if (ssn == null || ssn.state > dev.rampart.engine.stream.TcpState.TIME_WAIT) {
            return true;
        }
        if (w.length >= (ctx.toServer ? toServerChunkSize : toClientChunkSize) || triggered) {
            return true;
        }
        return ssn.sender(ctx.toServer).depthReached();
    }

    /**
     * The flow is about to be recycled (its streams already flushed): inspects each direction's
     * uninspected stream bytes with a pseudo packet, as Suricata's flow-timeout pseudo packets do.
     */
    public void onFlowEnd(Flow f) {
        if (!(f.detectState instanceof FlowDetectState fs)) {
            return;
        }
        followSwitch(); // flows flushed after a reload see the new rules, even on an idle worker
        if (fs.plan != plan) {
            fs.remap(plan);
        }
        if (!fs.passed && !fs.dropped) {
            inspectLeftovers(f, fs);
        }
        f.detectState = null;
        if (freeStateCount < freeStates.length) {
            fs.reset();
            freeStates[freeStateCount++] = fs;
        }
    }

    /**
     * A rule's protocol against the flow's (Suricata's AppProtoEquals): {@code http} rules also
     * match flows upgraded to HTTP/2, {@code dcerpc} rules SMB flows (DCERPC over named pipes).
     */
    static boolean appProtoEquals(dev.rampart.engine.applayer.AppProto rule, dev.rampart.engine.applayer.AppProto flow) {
        return rule == flow || (rule == dev.rampart.engine.applayer.AppProto.HTTP
                && flow == dev.rampart.engine.applayer.AppProto.HTTP2)
                || (rule == dev.rampart.engine.applayer.AppProto.DCERPC && flow == dev.rampart.engine.applayer.AppProto.SMB);
    }

    /**
     * The flow's app-layer protocol is changing (an HTTP/1 parser saw an upgrade to HTTP/2):
     * Suricata's StreamTcpDetectLogFlush. Before {@code p} itself is inspected, one pseudo packet
     * per direction (in IDS mode the other direction's first, the one {@code p} acknowledges) is
     * inspected and logged with the old protocol: pending raw stream bytes, transactions, and
     * packet rules without payload keywords. No pcap_cnt (pkt_src "stream (detect/log)").
     */
    public void inspectProtocolChange(Flow f, Packet p) {
        if (!(f.detectState instanceof FlowDetectState fs)) {
            return;
        }
        followSwitch();
        if (fs.plan != plan) {
            fs.remap(plan);
        }
        boolean first = streamInline ? p.toServer : !p.toServer;
        for (int i = 0; i < 2 && !fs.passed && !fs.dropped; i++) {
            boolean toServer = i == 0 ? first : !first;
            StreamWindow w = fs.stream(toServer);
            Packet pp = pseudoPacket(f, toServer);
            pp.timestampNanos = p.timestampNanos;
            ctx.load(pp);
            ctx.pseudo = true;
            ctx.detectLogFlush = true;
            ctx.flowState = fs;
            ctx.established = true;
            if (w.length > 0 && !streamInline) {
                ctx.setStreamChunk(w);
            }
            run(pp);
            if (w.length > 0 && !streamInline) {
                w.consumed(windowBuffers);
            }
        }
    }

    private void inspectLeftovers(Flow f, FlowDetectState fs) {
        boolean app = f.appState instanceof dev.rampart.engine.applayer.AppFlow af && af.session() != null;
        for (int d = 0; d < 2; d++) {
            boolean toServer = d == 0;
            StreamWindow w = fs.stream(toServer);
            if (w.length == 0 && !app) {
                continue;
            }
            Packet p = pseudoPacket(f, toServer);
            ctx.load(p);
            ctx.pseudo = true;
            ctx.flowState = fs;
            ctx.established = true;
            // inline mode inspects the stream only around packets that added data; pseudo packets carry none
            if (w.length > 0 && !streamInline) {
                ctx.setStreamChunk(w);
            }
            run(p);
            w.consumed(windowBuffers);
        }
    }

    /**
     * Inline mode (Suricata's StreamReassembleRawInline): a packet that added data to its stream
     * inspects the contiguous stored data around its payload, cut to the chunk size with the
     * packet inside; when its data is not all stored (insert failed, depth), the payload itself.
     */
    private void loadInlineChunk(Packet p) {
        int plen = p.payloadLength;
        if (plen <= 0 || !p.streamAdd) {
            return;
        }
        TcpSession ssn = TcpTracker.session(ctx.flow);
        if (ssn == null) {
            return;
        }
        TcpStream st = ssn.sender(ctx.toServer);
        int chunk = ctx.toServer ? toServerChunkSize : toClientChunkSize;
        // a packet near or over the chunk size gets a third of a chunk of context
        if (chunk <= plen || (chunk / 3) * 2 < plen) {
            chunk = plen + chunk / 3;
        }
        int seq = (int) p.tcpSeq + ((p.tcpFlags & Packet.TCP_SYN) != 0 ? 1 : 0);
        long left = st.offsetOf(seq);
        long right = left + plen;
        if (!st.contiguousRun(left, right, run)) {
            ctx.setStreamChunk(ctx.payload, 0, plen);
            return;
        }
        long from = run[0];
        long to = run[1];
        if (to - from > chunk) {
            if (to == right) {
                from = to - chunk;
            } else if (from == left) {
                to = from + chunk;
            } else {
                long before = left - from;
                long after = to - right;
                long half = (chunk - plen) / 2;
                if (after >= half) {
                    if (before >= half) {
                        before = after = half;
                    } else {
                        after = (chunk - plen) - before;
                    }
                } else if (before >= half) {
                    before = (chunk - plen) - after;
                }
                from = left - before;
                to = right + after;
            }
        }
        int n = (int) (to - from);
        if (n > inlineChunk.length) {
            inlineChunk = new byte[Math.max(n, inlineChunk.length * 2)];
        }
        st.copyStored(from, inlineChunk, 0, n);
        ctx.setStreamChunk(inlineChunk, 0, n);
    }

    private Packet pseudoPacket(Flow f, boolean toServer) {
        Packet p = pseudoPacket;
        p.reset();
        p.ipVersion = f.ipVersion;
        p.ipProto = f.ipProto;
        p.l4Offset = 1;
        if (toServer) {
            p.srcHi = f.srcHi;
            p.srcLo = f.srcLo;
            p.dstHi = f.dstHi;
            p.dstLo = f.dstLo;
            p.srcPort = f.srcPort;
            p.dstPort = f.dstPort;
        } else {
            p.srcHi = f.dstHi;
            p.srcLo = f.dstLo;
            p.dstHi = f.srcHi;
            p.dstLo = f.srcLo;
            p.srcPort = f.dstPort;
            p.dstPort = f.srcPort;
        }
        p.timestampNanos = f.lastSeenNanos;
        p.index = 0;
        p.flowRef = f;
        p.toServer = toServer;
        return p;
    }

    /** Buffers of inspected stream windows, for the next window that gets bytes (this stage's thread). */
    private final StreamWindow.Buffers windowBuffers = new StreamWindow.Buffers(StreamWindow.Buffers.MAX_KEPT);

    /** A state from the pool of ended flows' states, or a new one. */
    private FlowDetectState newFlowState() {
        return freeStateCount > 0 ? freeStates[--freeStateCount] : plan.newFlowState();
    }

    private void attachFlowState() {
        Flow f = ctx.flow;
        if (f == null) {
            ctx.flowState = null;
            return;
        }
        if (!(f.detectState instanceof FlowDetectState)) {
            f.detectState = newFlowState();
        }
        FlowDetectState fs = (FlowDetectState) f.detectState;
        if (fs.plan != plan) {
            fs.remap(plan);
        }
        ctx.flowState = fs;
    }

    private void run(Packet p) {
        alertCount = 0;
        if (plan.ipOnly.length > 0 && p.ipVersion != 0 && !ctx.pseudo && ipOnlyDue()) {
            IpOnlyIndex index = plan.ipOnlyIndex;
            if (index != null && p.ipVersion == 4) {
                // only the rules whose indexed address side holds the packet's address can match
                int n = index.candidates(p.srcLo, p.dstLo, ipOnlyCandidates);
                for (int i = 0; i < n; i++) {
                    evaluate(plan.rules[ipOnlyCandidates[i]]);
                }
            } else {
                for (int order : plan.ipOnly) {
                    evaluate(plan.rules[order]);
                }
            }
        }
        RuleGroup group = plan.groupFor(p, ctx.flow != null, ctx.toServer);
        collectCandidates(group);
        candidatesTotal += candidateCount;
        flowbitsSet = false;
        for (int i = 0; i < candidateCount; i++) {
            evaluate(plan.rules[candidates[i]]);
        }
        if (flowbitsSet) {
            runNewlyGated(group);
        }
        if (ctx.app != null && ctx.app.session() != null && ctx.flowState != null) {
            // frames first: the transaction pass may release the transactions frame alerts name
            if (ctx.app.session().frames() != null) {
                inspectFrames(ctx.app.session(), ctx.app.session().frames());
            }
            inspectTransactions(ctx.app.session());
        }
        if (alertCount > 0) {
            finish(p);
        }
        if (secLangPending.size() > 0) {
            emitSecLang(p);
        }
    }

    /**
     * Suricata's DetectRunTx: every live transaction not yet done in the packet's direction is
     * inspected with the transaction rules of its protocol and direction (prefilter per buffer,
     * then exact evaluation); a rule alerts once per transaction; a transaction complete in this
     * direction is not inspected again in it.
     */
    private void inspectTransactions(AppSession s) {
        int dir = ctx.toServer ? 0 : 1;
        TxGroup g = plan.txGroups[s.proto().ordinal()][dir];
        TxDetectState ts = ctx.flowState.tx;
        if (ts.owner != s) {
            if (ts.owner != null) {
                ts.reset(); // a new session after a protocol change: its transaction ids start over
            }
            ts.owner = s;
        }
        long change = s.changeCount();
        if (change >= 0 && !ctx.pseudo && ts.passedSession == s && ts.passedAtChange[dir] == change) {
            txPassesSkipped++;
            return; // nothing changed since the last pass in this direction: it would inspect nothing
        }
        long opened = s.txOpened();
        if (opened >= 0 && opened <= ts.inspectFrom[dir] && ts.passedSession == s) {
            // every transaction is done in this direction (a download's acknowledgements): the pass
            // would skip them all, and the release it ends with ran with the same bounds last time
            ts.passedAtChange[dir] = change;
            txPassesSkipped++;
            return;
        }
        txPasses++;
        gateHitCount = -1;
        int n = s.txCount();
        txVisits += n;
        SecLangPlan secLang = plan.secLang();
        int od = 1 - dir;
        for (int i = 0; i < n; i++) {
            Object tx = s.tx(i);
            long id = s.txId(tx);
            if (id == ts.inspectFrom[od] && !s.txInDirection(tx, !ctx.toServer)) {
                // one-sided in this direction (a DNS, SIP message): the other direction's next pass
                // would only step over it, so step over it now and it is released with this pass.
                // Before, a DNS flow's answer waited for a query that never came: every ended DNS
                // flow held one until it timed out and the next flow made a new one (JFR on the
                // 500 MB generator capture: ~19 MB of DNS transactions allocated; after: one object
                // per thread)
                ts.inspectFrom[od] = id + 1;
            }
            if (id < ts.inspectFrom[dir]) {
                continue;
            }
            if (!s.txInDirection(tx, ctx.toServer)) {
                // a one-sided transaction (a DNS message) is done for the other direction
                if (id == ts.inspectFrom[dir]) {
                    ts.inspectFrom[dir] = id + 1;
                }
                continue;
            }
            if (secLang != null && tx instanceof HttpTx ht) {
                inspectSecLang(secLang, ht, id);
            }
            long version = s.txVersion(tx, ctx.toServer);
            // unchanged since the last inspection in this direction (and not the flow-end pass): nothing new to see
            boolean unchanged = version != -1 && !ctx.pseudo && ts.inspectedVersion(id, dir) == version;
            if (g != null && !unchanged) {
                ts.inspected(id, dir, version);
                collectTxCandidates(g, txScratch[s.proto().ordinal()][dir], s, tx, ts, id);
                for (int c = 0; c < candidateCount; c++) {
                    int order = candidates[c];
                    // a rule alerts once per transaction and direction (Suricata keeps detect state per direction)
                    if (!ts.matched(id, txAlertKey(plan.rules[order], dir))) {
                        evaluateTx(plan.rules[order], s, tx, id, ts);
                    }
                }
            }
            if (!unchanged) {
                s.txInspected(tx, ctx.toServer);
            }
            if (s.txComplete(tx, ctx.toServer) && id == ts.inspectFrom[dir]) {
                ts.inspectFrom[dir] = id + 1;
            }
        }
        long done = Math.min(ts.inspectFrom[0], ts.inspectFrom[1]);
        ts.pruneBelow(done, txScanSpares);
        s.release(done);
        ts.passedSession = s;
        ts.passedAtChange[dir] = change;
    }

    /**
     * Suricata's DetectRunFrames: the frames of the packet's direction whose type some rule
     * inspects, each when its bytes are due (see {@link FrameKeyword}); every frame rule of the
     * type is evaluated (no prefilter: frame rules are few) over the frame's new bytes, one
     * contiguous run at a time; an alert carries the frame's transaction.
     */
    private void inspectFrames(AppSession s, StreamFrames frames) {
        boolean ts = ctx.toServer;
        if (ctx.pseudo && frames.isClosed(ts)) {
            // Suricata makes flow-end pseudo packets only for streams not finished at the close
            return;
        }
        long usable = frames.end(ts);
        // where the stream buffer starts for this packet: inspections during it do not move it
        long base = frames.leftEdge(ts);
        boolean eof = ctx.pseudo || streamClosed();
        int n = frames.count(ts);
        for (int i = 0; i < n; i++) {
            int type = frames.type(ts, i);
            int[] rules = type < plan.frameRules.length ? plan.frameRules[type] : null;
            long off = frames.offset(ts, i);
            if (rules == null || usable <= off) {
                continue;
            }
            long len = frames.length(ts, i);
            long progress = frames.progress(ts, i);
            long from = off + progress;
            long to = len >= 0 ? Math.min(off + len, usable) : usable;
            if (from >= to || (len < 0 && !eof && !stepDue(usable, base, progress))) {
                continue; // nothing new, or an open frame still short of a step
            }
            // one pass sees one contiguous run (Suricata's StreamReassembleForFrame stops at a gap)
            long at = frames.chunk(ts, from, to, buffer);
            long runEnd = at < 0 ? to : at + buffer.length;
            if (at >= 0) {
                long txId = frames.txId(ts, i);
                Object tx = txId >= 0 ? txById(s, txId) : null;
                boolean atStart = at == off;
                for (int order : rules) {
                    CompiledRule r = plan.rules[order];
                    if (profiler == null) {
                        verifyFrame(r, atStart, tx, txId, frames, i, eof);
                    } else {
                        long t0 = System.nanoTime();
                        int queued = alertCount;
                        verifyFrame(r, atStart, tx, txId, frames, i, eof);
                        profiler.rule(r.order, alertCount > queued, System.nanoTime() - t0);
                    }
                }
            }
            // a finished frame gets one pass and is pruned after it (Suricata's FrameIsDone)
            frames.progress(ts, i, len >= 0 ? len : runEnd - off);
        }
        frames.prune(ts);
    }

    /**
     * An open frame is read again once enough bytes arrived, as Suricata's SetupStreamCallbackData
     * decides it: the stream's usable end (an absolute offset) must reach the frame's progress
     * (relative to the frame) plus a step, and the stream buffer must hold a step's worth from
     * its start (the oldest byte a frame still needs). For a frame at offset 0 both say "a step
     * of new bytes"; a later frame is read sooner (suricata-oracle on
     * filestore-filecontainer-http: a response frame with 1848 bytes is inspected).
     */
    private static boolean stepDue(long usable, long base, long progress) {
        return usable >= progress + FrameKeyword.STEP && usable - base >= FrameKeyword.STEP;
    }

    /** One frame rule over the run of frame bytes in {@link #buffer}. */
    private void verifyFrame(CompiledRule r, boolean atFrameStart, Object tx, long txId, StreamFrames frames, int frame,
            boolean eof) {
        rulesEvaluated++;
        if (!r.headerMatches(ctx.packet) || !r.matchersMatch(ctx) || (r.appProto != null && r.appProto != ctx.appProto)) {
            return;
        }
        if (r.frame.match(buffer, atFrameStart, ctx)) {
            for (PostMatchAction a : r.postMatch) {
                a.apply(ctx);
            }
            // rendered now: the frame and its bytes are pruned before the alerts are written
            matchedFrame = r.noalert ? null
                    : dev.rampart.engine.output.eve.EveFrameJson.render(frames, ctx.toServer, frame, eof);
            queueAlert(r.order, tx, txId, false);
            matchedFrame = null;
        }
    }

    /** A live transaction of the session by id, or null when it is gone. */
    private static Object txById(AppSession s, long id) {
        for (int i = 0, n = s.txCount(); i < n; i++) {
            Object tx = s.tx(i);
            if (s.txId(tx) == id) {
                return tx;
            }
        }
        return null;
    }

    /** Suricata's frame "eof": the TCP session is closed (or the packet is a flow-end pseudo packet). */
    private boolean streamClosed() {
        TcpSession ssn = TcpTracker.session(ctx.flow);
        return ssn != null && ssn.state == dev.rampart.engine.stream.TcpState.CLOSED;
    }

    /** Alert-once key of a rule on a transaction: per direction, except for => rules (once per transaction). */
    private static int txAlertKey(CompiledRule r, int dir) {
        return r.order << 1 | (r.transactional ? 0 : dir);
    }

    /**
     * The prefilter of a body that only grows: the bytes scanned at an earlier inspection of this
     * transaction are not scanned again (only the last {@code overlap - 1} of them, where a pattern
     * can straddle into the new bytes); the pattern ids found then are replayed. The candidates
     * are exactly those of a scan of the whole body, so verification is unchanged.
     */
    private void scanGrowingBody(TxGroup g, int b, MpmScratch scratch, AppSession s, Object tx, TxDetectState ts,
            long id) {
        RuleGroup pf = g.prefilters[b];
        if (!g.buffers[b].getter().get(s, tx, ctx.toServer, 0, buffer) || buffer.length <= 0) {
            return;
        }
        TxDetectState.BodyScan memo =
                ts.bodyScan(id, ctx.toServer ? 0 : 1, g, b, pf.patternRules.length, txScanSpares);
        if (buffer.length < memo.scanned) {
            memo.clear(g, pf.patternRules.length); // not the body scanned before: start over
        }
        for (int i = 0; i < memo.patternCount; i++) {
            for (int order : pf.patternRules[memo.patterns[i]]) {
                addCandidate(order);
            }
        }
        int from = memo.scanned == 0 ? 0 : Math.max(0, memo.scanned - (g.growingOverlap[b] - 1));
        if (buffer.length > from && buffer.length > memo.scanned) {
            bodyScan = memo;
            scan(pf.mpm, buffer.array, buffer.offset + from, buffer.length - from, scratch,
                    txSlot(s, b));
            bodyScan = null;
            memo.scanned = buffer.length;
        }
    }

    /** The profiler slot of buffer {@code b} of the session's transaction prefilter in this direction (0 when not profiling). */
    private int txSlot(AppSession s, int b) {
        return profiler == null ? 0 : profiler.txSlot(s.proto().ordinal(), ctx.toServer ? 0 : 1, b);
    }

    /** Records the pattern ids of the growing-body scan in progress, or null. */
    private TxDetectState.BodyScan bodyScan;
    /** Prefilter records of this worker's pruned transactions (see {@link TxDetectState#SPARES}). */
    private final Spares<TxDetectState.TxScans> txScanSpares = new Spares<>(TxDetectState.SPARES);

    private void collectTxCandidates(TxGroup g, MpmScratch[] scratches, AppSession s, Object tx, TxDetectState ts,
            long id) {
        candidateCount = 0;
        if (g.payloadGates != null && g.payloadGates.mpm != null) {
            payloadGateCandidates(g.payloadGates, scratches[g.prefilters.length]);
        }
        TxDetectState.TxScans scans = null;
        for (int b = 0; b < g.buffers.length; b++) {
            AppBuffer ab = g.buffers[b];
            RuleGroup pf = g.prefilters[b];
            if (pf.mpm == null || !ab.in(ctx.toServer)) {
                continue;
            }
            currentGroup = pf;
            if (g.growingOverlap[b] > 0) {
                scanGrowingBody(g, b, scratches[b], s, tx, ts, id);
                continue;
            }
            TxDetectState.BodyScan memo = null;
            long bit = 1L << b;
            if (b < 64 && !ab.body() && s.txHeadersDone(tx, ctx.toServer)) {
                // final since the headers (AppBuffer.body): scanned once per transaction, the
                // pattern ids found replayed at its later inspections (a download's body chunks)
                if (scans == null) {
                    scans = ts.scans(id, ctx.toServer ? 0 : 1, txScanSpares);
                    if (scans.group != g) {
                        scans.group = g;
                        scans.complete = scans.found = 0;
                    }
                }
                if ((scans.complete & bit) != 0) {
                    if ((scans.found & bit) != 0) {
                        memo = ts.bodyScan(scans, g, b, pf.patternRules.length);
                        for (int i = 0; i < memo.patternCount; i++) {
                            for (int order : pf.patternRules[memo.patterns[i]]) {
                                addCandidate(order);
                            }
                        }
                    }
                    continue;
                }
                memo = ts.bodyScan(scans, g, b, pf.patternRules.length);
                bodyScan = memo;
            }
            TransformChain chain = g.transforms[b];
            for (int k = 0; ab.getter().get(s, tx, ctx.toServer, k, buffer); k++) {
                Slice in = chain == null ? buffer : chain.apply(buffer.array, buffer.offset, buffer.length, ctx.transforms,
                        ctx.transformed);
                if (in.length > 0) {
                    scan(pf.mpm, in.array, in.offset, in.length, scratches[b],
                            txSlot(s, b));
                }
                if (!ab.multi()) {
                    break;
                }
            }
            if (memo != null) {
                bodyScan = null;
                scans.complete |= bit;
                if (memo.patternCount > 0) {
                    scans.found |= bit;
                }
            }
        }
        for (int order : g.unfiltered) {
            addCandidate(order);
        }
        sortCandidates();
    }

    /** Rules the payload gates found on this packet, kept for the pass's other transactions; -1: not scanned yet. */
    private int[] gateHits = new int[16];
    private int gateHitCount = -1;

    /**
     * The payload gates' candidates: the packet's payload and stream chunk are the same for every
     * transaction of one pass, so they are scanned for the first transaction (while the candidate
     * list is still empty) and the rules found are added again for the others.
     */
    private void payloadGateCandidates(RuleGroup gates, MpmScratch s) {
        if (gateHitCount < 0) {
            scanPayloadGates(gates, s);
            if (gateHits.length < candidateCount) {
                gateHits = new int[candidateCount];
            }
            System.arraycopy(candidates, 0, gateHits, 0, candidateCount);
            gateHitCount = candidateCount;
            return;
        }
        for (int i = 0; i < gateHitCount; i++) {
            addCandidate(gateHits[i]);
        }
    }

    /**
     * Rules with a payload fast pattern become candidates where it occurs in the data their payload
     * part inspects: the stream chunk's blocks, and the packet payload (not on flow-end pseudo packets).
     */
    private void scanPayloadGates(RuleGroup gates, MpmScratch s) {
        currentGroup = gates;
        if (ctx.hasStreamData) {
            for (int i = 0; i < ctx.streamBlockCount; i++) {
                int from = ctx.streamBlockStarts[i];
                int len = ctx.streamBlockEnd(i) - from;
                if (len > 0) {
                    gates.mpm.scan(ctx.streamData, from, len, onPattern, s);
                }
            }
        }
        if (!ctx.pseudo && ctx.payloadLength > 0) {
            gates.mpm.scan(ctx.payload, 0, ctx.payloadLength, onPattern, s);
        }
    }

    private void evaluateTx(CompiledRule r, AppSession s, Object tx, long id, TxDetectState ts) {
        if (profiler == null) {
            verifyTx(r, s, tx, id, ts);
            return;
        }
        long t0 = System.nanoTime();
        int queued = alertCount;
        verifyTx(r, s, tx, id, ts);
        profiler.rule(r.order, alertCount > queued, System.nanoTime() - t0);
    }

    private void verifyTx(CompiledRule r, AppSession s, Object tx, long id, TxDetectState ts) {
        rulesEvaluated++;
        if (!r.headerMatches(ctx.packet) || !r.matchersMatch(ctx)) {
            return;
        }
        for (CompiledRule.TxProgram tp : r.txPrograms) {
            AppBuffer ab = tp.buffer();
            boolean side = ctx.toServer;
            if (!ab.in(side)) {
                if (!r.transactional) {
                    return;
                }
                side = !side; // => rule: the other side's buffer of the same transaction
            }
            boolean any = false;
            boolean present = false;
            for (int k = 0; ab.getter().get(s, tx, side, k, buffer); k++) {
                present = true;
                if (tp.match(buffer, ctx)) {
                    any = true;
                    break;
                }
                if (!ab.multi()) {
                    break;
                }
            }
            if (!present && tp.absent() != CompiledRule.TxProgram.PRESENT) {
                // absent matches a buffer still missing once that side of the transaction is done
                any = ab.body() ? s.txComplete(tx, side) : s.txHeadersDone(tx, side);
            }
            if (!any) {
                return;
            }
        }
        for (TxMatcher m : r.txMatchers) {
            if (!m.matches(ctx, s, tx)) {
                return;
            }
        }
        if (r.payload != null && r.payloadMatches(ctx) == 0) {
            return;
        }
        if (r.afterPayload.length > 0 && !r.afterPayloadMatches(ctx)) {
            return;
        }
        ts.add(id, txAlertKey(r, ctx.toServer ? 0 : 1));
        for (PostMatchAction a : r.postMatch) {
            a.apply(ctx);
        }
        queueAlert(r.order, tx, id, false);
    }

    /** IP-only rules run once per flow direction; packets without a flow always run them. */
    private boolean ipOnlyDue() {
        FlowDetectState fs = ctx.flowState;
        if (fs == null) {
            return true;
        }
        if (ctx.toServer) {
            if (fs.ipOnlyToServerDone) {
                return false;
            }
            fs.ipOnlyToServerDone = true;
        } else {
            if (fs.ipOnlyToClientDone) {
                return false;
            }
            fs.ipOnlyToClientDone = true;
        }
        return true;
    }

    private void collectCandidates(RuleGroup g) {
        candidateCount = 0;
        currentGroup = g;
        if (g.mpm != null) {
            MpmScratch s = scratch[g.index];
            if (ctx.payloadLength > 0 && !ctx.packet.streamAdd) {
                prefilterBytes += ctx.payloadLength;
                scan(g.mpm, ctx.payload, 0, ctx.payloadLength, s, RuleProfiler.packetSlot(g, false));
            } else if (ctx.payloadLength > 0 && g.packetPayload != null) {
                // the bytes went into the stream: only rules that require the packet can match
                // them here, the others find them in the stream chunk (CompiledRule.payloadMatches)
                prefilterBytes += ctx.payloadLength;
                currentGroup = g.packetPayload;
                scan(g.packetPayload.mpm, ctx.payload, 0, ctx.payloadLength, packetScratch[g.index],
                        RuleProfiler.packetSlot(g, false));
                currentGroup = g;
            }
            for (int i = 0; i < ctx.streamBlockCount; i++) {
                int from = ctx.streamBlockStarts[i];
                prefilterBytes += ctx.streamBlockEnd(i) - from;
                scan(g.mpm, ctx.streamData, from, ctx.streamBlockEnd(i) - from, s, RuleProfiler.packetSlot(g, true));
            }
        }
        for (int order : g.unfiltered) {
            addCandidate(order);
        }
        addGated(g);
        if (g.bySource != null) {
            Packet p = ctx.packet;
            int[] byAddr = p.ipVersion != 4 ? g.bySource.all
                    : ctx.flowState != null ? ctx.flowState.sourceRules(g.bySource, p.srcLo, ctx.toServer)
                    : g.bySource.lookupV4(p.srcLo);
            long[] members = g.bySourceMembers;
            if (members == null) {
                for (int order : byAddr) {
                    addCandidate(order);
                }
            } else {
                for (int order : byAddr) {
                    if ((members[order >>> 6] & 1L << order) != 0) {
                        addCandidate(order);
                    }
                }
            }
        }
        sortCandidates();
    }

    /** Clears the de-duplication marks and puts the candidates in plan order. */
    private void sortCandidates() {
        for (int i = 0; i < candidateCount; i++) {
            candidateBits[candidates[i] >>> 6] = 0;
        }
        if (candidateCount > 1) {
            Arrays.sort(candidates, 0, candidateCount);
        }
    }

    /** Flowbit-gated rules whose bit the flow has (Suricata's flowbits prefilter). */
    private void addGated(RuleGroup g) {
        FlowDetectState fs = ctx.flowState;
        if (fs == null || g.gateBits.length == 0) {
            return;
        }
        for (int i = 0; i < g.gateBits.length; i++) {
            if (fs.isSet(g.gateBits[i])) {
                for (int order : g.gateRules[i]) {
                    addCandidate(order);
                }
            }
        }
    }

    /**
     * A rule on this packet set flowbits: gated rules whose bit is now set and that were not
     * candidates are evaluated too (Suricata's post-rule-match prefilter), in plan order.
     */
    private void runNewlyGated(RuleGroup g) {
        FlowDetectState fs = ctx.flowState;
        if (fs == null || g.gateBits.length == 0) {
            return;
        }
        for (int i = 0; i < g.gateBits.length; i++) {
            if (!fs.isSet(g.gateBits[i])) {
                continue;
            }
            for (int order : g.gateRules[i]) {
                if (Arrays.binarySearch(candidates, 0, candidateCount, order) < 0) {
                    evaluate(plan.rules[order]);
                }
            }
        }
    }

    /** One prefilter scan; {@code slot} is its {@link RuleProfiler} slot (read only when profiling). */
    private void scan(MultiPatternMatcher mpm, byte[] data, int off, int len, MpmScratch s, int slot) {
        if (profiler == null) {
            mpm.scan(data, off, len, onPattern, s);
            return;
        }
        long t0 = System.nanoTime();
        int before = candidateCount;
        mpm.scan(data, off, len, onPattern, s);
        profiler.prefilter(slot, len, candidateCount - before, System.nanoTime() - t0);
    }

    private void onPattern(int patternId) {
        prefilterHits++;
        if (bodyScan != null) {
            bodyScan.found(patternId);
        }
        for (int order : currentGroup.patternRules[patternId]) {
            addCandidate(order);
        }
    }

    private void addCandidate(int order) {
        long bit = 1L << order;
        int w = order >>> 6;
        if ((candidateBits[w] & bit) != 0) {
            return;
        }
        candidateBits[w] |= bit;
        if (candidateCount == candidates.length) {
            candidates = Arrays.copyOf(candidates, candidateCount * 2);
        }
        candidates[candidateCount++] = order;
    }

    /** A rule evaluated on this packet ran post-match actions (which may set flowbits). */
    private boolean flowbitsSet;

    private void evaluate(CompiledRule r) {
        if (ctx.pseudo && !ctx.detectLogFlush && r.payload == null) {
            return; // Suricata skips packet-only rules on flow-end pseudo packets
        }
        if (profiler == null) {
            verify(r);
            return;
        }
        // a check is one verification; it matched when it queued an alert
        long t0 = System.nanoTime();
        int queued = alertCount;
        verify(r);
        profiler.rule(r.order, alertCount > queued, System.nanoTime() - t0);
    }

    private void verify(CompiledRule r) {
        rulesEvaluated++;
        Packet p = ctx.packet;
        // a flow-end pseudo packet only carries stream data: rules without payload inspection do
        // not see it (checked with Suricata 7.0.10: a port-only rule does not alert on it)
        if (ctx.pseudo && !ctx.detectLogFlush && r.payload == null) {
            return;
        }
        if (!r.headerMatches(p)) {
            return;
        }
        if (!r.matchersMatch(ctx)) {
            return;
        }
        if (r.appProto != null && !r.matchesAppProto(ctx.appProto)) {
            return;
        }
        int m = r.payloadMatches(ctx);
        if (m == 0) {
            return;
        }
        if (r.afterPayload.length > 0 && !r.afterPayloadMatches(ctx)) {
            return;
        }
        for (PostMatchAction a : r.postMatch) {
            a.apply(ctx);
        }
        if (r.postMatch.length > 0) {
            flowbitsSet = true;
        }
        AppSession s = (guessTx || (r.appProto != null && p.ipProto == 17)) && ctx.app != null ? ctx.app.session() : null;
        int copies = r.matchesBothWays(p) ? 2 : 1; // a <> rule is two signatures (CompiledRule.matchesBothWays)
        for (int i = 0; i < copies; i++) {
            if (s != null) {
                packetAlertTx(r, s, p.ipProto == 17);
            } else {
                queueAlert(r.order, null, -1, false);
            }
        }
    }

    /**
     * Suricata's transaction for a packet or stream alert (DetectRulePacketRules): the flow's
     * inspect id of the packet's direction (the first transaction not yet fully inspected there).
     * An app-layer rule on UDP always takes it; with {@code detect.guess-applayer-tx} any rule takes
     * it when it is the only live transaction of that direction (logged {@code tx_guessed} on
     * TCP). Each transaction is logged so at most {@code detect.stream-tx-log-limit} times.
     */
    private void packetAlertTx(CompiledRule r, AppSession s, boolean udp) {
        int dir = ctx.toServer ? 0 : 1;
        TxDetectState ts = ctx.flowState.tx;
        long inspectId = ts.inspectFrom[dir];
        int n = s.txCount();
        Object tx = null;
        Object next = null;
        for (int i = 0; i < n; i++) {
            Object t = s.tx(i);
            long id = s.txId(t);
            if (id == inspectId && tx == null && !s.txInDirection(t, ctx.toServer)) {
                // one-sided for the other direction (a DNS query seen from the response): Suricata's
                // inspect id of this direction is already past it (checked with the oracle)
                inspectId++;
                continue;
            }
            if (id == inspectId) {
                tx = t;
            } else if (id == inspectId + 1) {
                next = t;
            }
        }
        long total = n == 0 ? 0 : s.txId(s.tx(n - 1)) + 1; // AppLayerParserGetTxCnt: ids handed out so far
        boolean appUdp = r.appProto != null && udp;
        // the only live one, or one more after it that has nothing in this direction
        boolean only = total == inspectId + 1
                || (total == inspectId + 2 && next != null && !s.txInDirection(next, ctx.toServer));
        // the log limit is the guessed case's: 7.0.10 gives a UDP app-layer rule's alert the inspect id
        // every time (measured on nfs3-01: an unfinished NFS WRITE transaction carries 99 alerts)
        if (tx != null && (appUdp || only && ts.logGuessed(inspectId, txLogLimit))) {
            queueAlert(r.order, tx, inspectId, !udp);
            return;
        }
        if (tx == null && appUdp && s.txOpened() > 0 && inspectId >= s.txOpened()) {
            // the inspect id is past every transaction (the datagram made none, an NFSv2 READ call):
            // 7.0.10 still logs it as the alert's tx_id (measured on issue-3277-nfsv2-filestore)
            queueAlert(r.order, null, inspectId, false);
            return;
        }
        queueAlert(r.order, null, -1, false);
    }

    /** detect.guess-applayer-tx (Suricata 8 default: no). */
    private boolean guessTx;
    /** detect.stream-tx-log-limit (Suricata's default 4). */
    private int txLogLimit = 4;

    /** Suricata's detect.guess-applayer-tx and detect.stream-tx-log-limit. */
    public void setTxGuess(boolean guess, int logLimit) {
        this.guessTx = guess;
        this.txLogLimit = Math.max(0, logLimit);
    }

    /** Suricata's default {@code packet-alert-max}. */
    public static final int DEFAULT_PACKET_ALERT_MAX = 15;

    /** At most this many alerts per packet (Suricata's packet-alert-max): the rest, in plan order, are dropped. */
    private int packetAlertMax = DEFAULT_PACKET_ALERT_MAX;
    /** Alerts beyond {@link #packetAlertMax} (Suricata's detect.alert_queue_overflow). */
    private long alertQueueOverflow;

    public void setPacketAlertMax(int max) {
        this.packetAlertMax = Math.max(1, max);
    }

    /** Queues rule {@code order}'s alert with its transaction ({@code guessed}: logged {@code tx_guessed}). */
    private void queueAlert(int order, Object tx, long txId, boolean guessed) {
        if (alertCount == alertOrders.length) {
            alertOrders = Arrays.copyOf(alertOrders, alertCount * 2);
            alertGuessed = Arrays.copyOf(alertGuessed, alertCount * 2);
            alertTx = Arrays.copyOf(alertTx, alertCount * 2);
            alertTxId = Arrays.copyOf(alertTxId, alertCount * 2);
            alertFrame = Arrays.copyOf(alertFrame, alertCount * 2);
        }
        alertFrame[alertCount] = matchedFrame;
        alertOrders[alertCount] = order;
        alertGuessed[alertCount] = guessed;
        alertTx[alertCount] = tx;
        alertTxId[alertCount] = txId;
        alertCount++;
    }

    /**
     * Suricata's PacketAlertFinalize: plan order, and for one rule the newest transaction first (its
     * sort's tie-break: with more alerts than packet-alert-max, the last transactions' are kept; measured
     * with a Modbus flow of 121 requests in one segment); a pass rule ends the list and passes the flow.
     */
    private void finish(Packet p) {
        // IP-only alerts were queued first: restore plan order (insertion sort, lists are short); an
        // alert without a transaction (-1) sorts as Suricata's PACKET_ALERT_NOTX, the highest id
        for (int i = 1; i < alertCount; i++) {
            int o = alertOrders[i];
            boolean gu = alertGuessed[i];
            Object t = alertTx[i];
            long tid = alertTxId[i];
            byte[] fr = alertFrame[i];
            int j = i - 1;
            while (j >= 0 && (alertOrders[j] > o || (alertOrders[j] == o && Long.compareUnsigned(alertTxId[j], tid) < 0))) {
                alertOrders[j + 1] = alertOrders[j];
                alertGuessed[j + 1] = alertGuessed[j];
                alertTx[j + 1] = alertTx[j];
                alertTxId[j + 1] = alertTxId[j];
                alertFrame[j + 1] = alertFrame[j];
                j--;
            }
            alertOrders[j + 1] = o;
            alertGuessed[j + 1] = gu;
            alertTx[j + 1] = t;
            alertTxId[j + 1] = tid;
            alertFrame[j + 1] = fr;
        }
        int logged = 0;
        for (int i = 0; i < alertCount; i++) {
            CompiledRule r = plan.rules[alertOrders[i]];
            // thresholds and suppressions decide after the match and the post-match work
            int res;
            Action rate;
            if (r.suppress == null && r.threshold == null) {
                res = ThresholdTable.ALERT; // what decide says without specs, with no lock to take
                rate = null;
            } else {
                synchronized (hosts) {
                    res = thresholds.decide(r.suppress, r.threshold, r.gid(), r.sid(), r.order,
                            p.ipVersion, p.srcHi, p.srcLo, p.dstHi, p.dstLo, p.timestampNanos, ctx.flow != null,
                            ctx.flow == null ? 0 : ctx.flow.flowId);
                    rate = thresholds.rateAction();
                }
            }
            // a rate_filter's new action applies to this packet's alert only, never to the flow
            boolean rateChanged = rate != null;
            Action action = rateChanged ? rate : r.action;
            if (res != ThresholdTable.ALERT) {
                thresholdSuppressed++;
            }
            if (res == ThresholdTable.NONE) {
                continue;
            }
            if (action == Action.PASS) {
                // an IP-only-like pass rule passes the flow; others pass only this packet
                if (ctx.flowState != null && !rateChanged && r.actionOnFlow) {
                    ctx.flowState.passed = true;
                }
                if (res == ThresholdTable.ALERT && r.alertOnPass && !r.noalert) {
                    emitCapped(p, r, action, false, i, logged);
                }
                return;
            }
            if (action != Action.ALERT && ctx.flowState != null && !rateChanged && r.actionOnFlow) {
                // drop/reject of an IP-only-like rule: Suricata drops the rest of the flow, in IDS
                // mode too (no more alerts for it); other rules drop only the packet
                ctx.flowState.dropped = true;
            }
            if (res == ThresholdTable.ALERT && !r.noalert) {
                logged = emitCapped(p, r, action, rateChanged, i, logged);
            }
            if (r.tagged && res == ThresholdTable.ALERT) {
                tagNotLogged++;
            }
        }
    }

    /**
     * Queued alert {@code i}, unless the packet already logged packet-alert-max: Suricata keeps the
     * first of a packet's alerts in plan order (their flow actions apply all the same) and counts
     * the others. Returns the packet's logged count after it.
     */
    private int emitCapped(Packet p, CompiledRule r, Action action, boolean forceBlocked, int i, int logged) {
        if (logged >= packetAlertMax) {
            alertQueueOverflow++;
            return logged;
        }
        emit(p, r, action, forceBlocked, alertTx[i], alertTxId[i], alertGuessed[i], alertFrame[i]);
        return logged + 1;
    }

    /**
     * @param forceBlocked a rate_filter turned the alert into drop/reject: logged as blocked in IDS mode too
     * @param tx           the transaction the alert is on, or null for a packet alert
     */
    private void emit(Packet p, CompiledRule r, Action action, boolean forceBlocked, Object tx, long txId,
            boolean txGuessed, byte[] frameJson) {
        alerts++;
        AlertEvent e = event;
        e.clear();
        e.timestampNanos = p.timestampNanos;
        e.pcapCnt = p.index;
        if (p.reassembled) {
            e.pktSrc = AlertEvent.PktSrc.DEFRAG;
        } else if (ctx.detectLogFlush) {
            e.pktSrc = AlertEvent.PktSrc.STREAM_DETECT_LOG_FLUSH;
        } else if (ctx.pseudo) {
            e.pktSrc = AlertEvent.PktSrc.FLOW_TIMEOUT;
        }
        if (p.ipVersion == 0) {
            e.ipPacket = false;
        } else if (p.ipVersion == 4) {
            e.ipv4((int) p.srcLo, (int) p.dstLo);
        } else {
            e.ipv6(p.srcHi, p.srcLo, p.dstHi, p.dstLo);
        }
        int excerpt = Math.min(p.payloadLength, AlertEvent.PAYLOAD_EXCERPT);
        if (excerpt > 0 && p.buffer != null && p.payloadOffset >= 0 && p.payloadOffset + excerpt <= p.buffer.limit()) {
            p.buffer.get(p.payloadOffset, e.payloadExcerpt, 0, excerpt);
            e.payloadExcerptLength = excerpt;
        } else if (ctx.streamData != null && ctx.streamLength > 0) {
            // a stream match fires on a packet without payload (an ACK): the excerpt is the inspected stream data
            int n = Math.min(ctx.streamLength, AlertEvent.PAYLOAD_EXCERPT);
            System.arraycopy(ctx.streamData, ctx.streamOffset, e.payloadExcerpt, 0, n);
            e.payloadExcerptLength = n;
        }
        int vlans = Math.min(p.vlanCount, AlertEvent.MAX_VLANS);
        e.vlanCount = vlans;
        System.arraycopy(p.vlanIds, 0, e.vlanIds, 0, vlans);
        e.srcPort = p.srcPort;
        e.dstPort = p.dstPort;
        e.proto = p.ipProto;
        if (p.ipProto == 1 || p.ipProto == 58) {
            e.icmpType = p.icmpType;
            e.icmpCode = p.icmpCode;
        }
        e.rule = r.eve;
        // reject is logged as blocked in IDS mode too; drop only in IPS mode (or from a rate_filter)
        e.blocked = action != Action.ALERT && action != Action.PASS
                && (simulateIps || forceBlocked || action != Action.DROP);
        Flow f = ctx.flow;
        if (f == null) {
            e.hasFlow = false;
        } else {
            e.flowId = f.flowId;
            e.toServer = ctx.toServer;
            e.pktsToServer = f.pktsToServer;
            e.pktsToClient = f.pktsToClient;
            e.bytesToServer = f.bytesToServer;
            e.bytesToClient = f.bytesToClient;
            e.flowStartNanos = f.firstSeenNanos;
            if (ctx.app != null && ctx.appProto != dev.rampart.engine.applayer.AppProto.UNKNOWN) {
                e.appProto = ctx.appProto.suricataName();
                // after (or while) the protocol changed: what it was and what it is changing to,
                // each logged only where it differs from app_proto (Suricata's EveAddAppProto)
                if (ctx.app.protoOrig() != null && ctx.app.protoOrig() != ctx.appProto) {
                    e.appProtoOrig = ctx.app.protoOrig().suricataName();
                }
                if (ctx.app.protoExpected() != null && ctx.app.protoExpected() != ctx.appProto
                        && ctx.app.protoExpected() != dev.rampart.engine.applayer.AppProto.UNKNOWN) {
                    e.appProtoExpected = ctx.app.protoExpected().suricataName();
                }
                // a direction whose own detection failed or found another protocol (an SMTP
                // server's banner: "failed"); unknown is not logged
                dev.rampart.engine.applayer.AppProto ts = ctx.app.proto(true);
                dev.rampart.engine.applayer.AppProto tc = ctx.app.proto(false);
                if (ts != dev.rampart.engine.applayer.AppProto.UNKNOWN && ts != ctx.appProto) {
                    e.appProtoTs = ts.suricataName();
                }
                if (tc != dev.rampart.engine.applayer.AppProto.UNKNOWN && tc != ctx.appProto) {
                    e.appProtoTc = tc.suricataName();
                }
            }
            if (tx == null && txId >= 0 && ctx.app.session() != null) {
                e.txId = txId; // an inspect id no transaction has yet
            } else if (tx != null && ctx.app.session() != null) {
                e.txId = txId;
                e.txGuessed = txGuessed;
                if (xff != null && tx instanceof HttpTx ht) {
                    overwriteXff(e, ht);
                }
                appJson.setLength(0);
                if (ctx.app.session().appendEve(tx, appJson)) {
                    // alerts are rare: encoding allocates, the per-packet path does not
                    byte[] json = appJson.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    e.appLayerJson = json;
                    e.appLayerLength = json.length;
                }
            }
            if (frameJson != null) {
                // the frame member goes with the app-layer members (rendered when the frame matched)
                appendMember(e, frameJson);
            }
        }
        if (secLangJson != null) {
            appendMember(e, secLangJson);
        }
        sink.onAlert(e, r);
    }

    // ------------------------------------------------------------------ SecLang (OWASP CRS)

    /** A SecLang match of this packet with its transaction, emitted after the packet's Suricata alerts. */
    private record PendingMatch(SecLangMatch match, HttpTx tx, long txId) {
    }

    private final java.util.ArrayList<PendingMatch> secLangPending = new java.util.ArrayList<>();
    private long secLangTxs;
    private long secLangMatches;

    /**
     * Runs the SecLang phases now due on an HTTP transaction: 1 and 2 once its request is complete
     * (a passive sensor sees the body before it could act on the headers), 3 to 5 once its response
     * is; at the flow's end whatever is still due runs on what was seen.
     */
    private void inspectSecLang(SecLangPlan sp, HttpTx tx, long id) {
        SecLangHttp st;
        if (tx.detectState == SecLangHttp.FINISHED) {
            return;
        }
        if (tx.detectState instanceof SecLangHttp h) {
            st = h;
        } else {
            if (!ctx.pseudo && (!ctx.toServer || tx.requestProgress() < HttpTx.PROGRESS_COMPLETE)) {
                return;
            }
            st = new SecLangHttp(sp.rules(), profiler);
            tx.detectState = st;
            secLangTxs++;
            st.connection(ctx.packet, ctx.toServer);
        }
        if (st.advance(tx, ctx.toServer, ctx.pseudo, m -> secLangPending.add(new PendingMatch(m, tx, id)))) {
            tx.detectState = SecLangHttp.FINISHED;
        }
    }

    private void emitSecLang(Packet p) {
        for (PendingMatch pm : secLangPending) {
            SecLangMatch m = pm.match();
            // the plan's SecLang rules, or (after a reload that removed them) the match's own identity
            CompiledRule r = plan.secLang() != null ? plan.secLang().alertRule(m) : SecLangPlan.identity(m);
            secLangMatches++;
            secLangJson = SecLangHttp.eveJson(m);
            emit(p, r, Action.ALERT, false, pm.tx(), pm.txId(), false, null);
            secLangJson = null;
        }
        secLangPending.clear();
    }

    /** The {@code "seclang":{...}} member of the SecLang alert being emitted, else null. */
    private byte[] secLangJson;

    /** Adds a JSON member ({@code "name":{...}}) after the alert's app-layer members; alerts are rare, this allocates. */
    private static void appendMember(AlertEvent e, byte[] member) {
        int before = e.appLayerJson == null ? 0 : e.appLayerLength;
        byte[] all = new byte[before + (before > 0 ? 1 : 0) + member.length];
        if (before > 0) {
            System.arraycopy(e.appLayerJson, 0, all, 0, before);
            all[before] = ',';
        }
        System.arraycopy(member, 0, all, all.length - member.length, member.length);
        e.appLayerJson = all;
        e.appLayerLength = all.length;
    }

    private XffSettings xff;

    /** eve-log alert xff overwrite settings (null: off). */
    public void setXff(XffSettings xff) {
        this.xff = xff;
    }

    private void overwriteXff(AlertEvent e, HttpTx tx) {
        byte[] a = xff.address(tx);
        if (a == null || (a.length == 4) != (e.ipVersion == 4)) {
            return;
        }
        if (a.length == 4) {
            int v = ((a[0] & 0xFF) << 24) | ((a[1] & 0xFF) << 16) | ((a[2] & 0xFF) << 8) | (a[3] & 0xFF);
            if (ctx.toServer) {
                e.ipv4(v, (int) e.dstLo);
            } else {
                e.ipv4((int) e.srcLo, v);
            }
            return;
        }
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(a);
        long hi = bb.getLong();
        long lo = bb.getLong();
        if (ctx.toServer) {
            e.ipv6(hi, lo, e.dstHi, e.dstLo);
        } else {
            e.ipv6(e.srcHi, e.srcLo, hi, lo);
        }
    }

    /** Whether some loaded rule compares file hashes: the HTTP parser must then hash every body. */
    public boolean needsFileHashes() {
        return plan.needsFileHashes();
    }

    public long alerts() {
        return alerts;
    }

    public long packets() {
        return packets;
    }

    /** Suricata's {@code detect.*} counters (and ours). */
    public void writeStats(Map<String, Object> root) {
        StatsTree.put(root, "detect.alert", alerts);
        StatsTree.put(root, "detect.engines.rules_loaded", (long) plan.ruleCount());
        StatsTree.put(root, "detect.engines.rules_failed", (long) plan.skipped().size());
        StatsTree.put(root, "detect.rampart.rules_evaluated", rulesEvaluated);
        StatsTree.put(root, "detect.rampart.candidates", candidatesTotal);
        StatsTree.put(root, "detect.rampart.prefilter_hits", prefilterHits);
        StatsTree.put(root, "detect.rampart.prefilter_bytes", prefilterBytes);
        StatsTree.put(root, "detect.rampart.tx_passes", txPasses);
        StatsTree.put(root, "detect.rampart.tx_passes_skipped", txPassesSkipped);
        StatsTree.put(root, "detect.rampart.tx_visits", txVisits);
        StatsTree.put(root, "detect.rampart.passed_flow_packets", passedPackets);
        StatsTree.put(root, "detect.rampart.dropped_flow_packets", droppedFlowPackets);
        StatsTree.put(root, "detect.rampart.exception_policy_packets", exceptionPackets);
        StatsTree.put(root, "detect.rampart.threshold_suppressed", thresholdSuppressed);
        StatsTree.put(root, "detect.alert_queue_overflow", alertQueueOverflow);
        StatsTree.put(root, "detect.rampart.tag_not_logged", tagNotLogged);
        if (plan.secLang() != null) {
            StatsTree.put(root, "detect.rampart.seclang.rules_loaded", (long) plan.secLang().rules().ruleCount());
            StatsTree.put(root, "detect.rampart.seclang.rules_failed", (long) plan.secLang().rules().problems().size());
            StatsTree.put(root, "detect.rampart.seclang.transactions", secLangTxs);
            StatsTree.put(root, "detect.rampart.seclang.alerts", secLangMatches);
        }
        if (hosts.reportsStats(this)) {
            synchronized (hosts) {
                StatsTree.put(root, "detect.rampart.threshold_entries", thresholds.entries());
                StatsTree.put(root, "detect.rampart.threshold_evictions", thresholds.evictions());
            }
            StatsTree.put(root, "detect.rampart.hostbits_evictions", ctx.hostbits.evictions());
            StatsTree.put(root, "detect.rampart.ippairbits_evictions", ctx.ippairbits.evictions());
        }
        StatsTree.put(root, "detect.rampart.pcre_budget_exceeded", ctx.inspect.pcreBudgetExceeded());
        StatsTree.put(root, "detect.rampart.recursion_limit_reached", ctx.inspect.recursionLimitReached());
    }

    /** Raw stream bytes delivered by the reassembler go to the flow's window for their direction. */
    private final class RawCollector implements StreamConsumer {
        @Override
        public int onData(Flow flow, boolean toServer, byte[] data, int offset, int length, long streamOffset) {
            if (!(flow.detectState instanceof FlowDetectState)) {
                flow.detectState = newFlowState();
            }
            FlowDetectState fs = (FlowDetectState) flow.detectState;
            if (!fs.passed && !fs.dropped && !fs.payloadOff && !streamInline) {
                fs.stream(toServer).append(data, offset, length, streamOffset, windowBuffers);
            }
            return length;
        }

        @Override
        public void onGap(Flow flow, boolean toServer, long streamOffset, long length) {
            if (flow.detectState instanceof FlowDetectState fs) {
                fs.stream(toServer).gap();
            }
        }
    }
}

package dev.rampart.engine.detect;

import dev.rampart.engine.applayer.AppSession;
import dev.rampart.engine.applayer.Slice;
import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.engine.detect.mpm.MatchSink;
import dev.rampart.engine.detect.mpm.MpmScratch;
import dev.rampart.engine.flow.Flow;
import dev.rampart.engine.output.eve.AlertEvent;
import dev.rampart.engine.pipeline.StatsTree;
import dev.rampart.engine.stream.StreamConsumer;
import dev.rampart.rules.Action;
import java.util.Arrays;
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
    private final DetectionPlan plan;
    private final AlertSink sink;
    private final DetectContext ctx = new DetectContext();
    private final MpmScratch[] scratch = new MpmScratch[DetectionPlan.CLASSES];
    private final long[] candidateBits;
    private int[] candidates = new int[256];
    private int candidateCount;
    private int[] alertOrders = new int[64];
    private boolean[] alertStream = new boolean[64];
    /** Transaction of each queued alert (null for packet alerts) and its id. */
    private Object[] alertTx = new Object[64];
    private long[] alertTxId = new long[64];
    private final Slice buffer = new Slice();
    private final StringBuilder appJson = new StringBuilder(512);
    private Object currentTx;
    private long currentTxId;
    private int alertCount;
    private final AlertEvent event = new AlertEvent();
    private final Packet pseudoPacket = new Packet();
    private final RawCollector raw = new RawCollector();
    private final MatchSink onPattern = this::onPattern;
    private RuleGroup currentGroup;
    private boolean simulateIps;

    // counters
    private long packets;
    private long alerts;
    private long rulesEvaluated;
    private long passedPackets;

    public DetectStage(DetectionPlan plan, AlertSink sink) {
        this.plan = plan;
        this.sink = sink;
        this.candidateBits = new long[(plan.ruleCount() + 63) >>> 6];
        for (int c = 0; c < DetectionPlan.CLASSES; c++) {
            RuleGroup g = plan.groups[c];
            scratch[c] = g.mpm == null ? null : g.mpm.newScratch();
        }
    }

    /** Drop/reject alerts log {@code "action":"blocked"} (Suricata's --simulate-ips). */
    public void setSimulateIps(boolean on) {
        simulateIps = on;
    }

    public DetectionPlan plan() {
        return plan;
    }

    /** The consumer to hand the TCP reassembler for raw stream data. */
    public StreamConsumer rawConsumer() {
        return raw;
    }

    /** Inspects one packet that went through decode, flow and TCP stages. */
    public void inspect(Packet p) {
        packets++;
        ctx.load(p);
        attachFlowState();
        if (ctx.flowState != null && ctx.flowState.passed) {
            passedPackets++;
            return;
        }
        if (ctx.flow != null && p.isTcp()) {
            StreamWindow w = ctx.flowState.stream(ctx.toServer);
            if (w.length > 0) {
                ctx.streamData = w.buf;
                ctx.streamOffset = 0;
                ctx.streamLength = w.length;
                ctx.hasStreamData = true;
            }
        }
        run(p);
        if (ctx.hasStreamData) {
            ctx.flowState.stream(ctx.toServer).consumed();
        }
    }

    /**
     * The flow is about to be recycled (its streams already flushed): inspects each direction's
     * uninspected stream bytes with a pseudo packet, as Suricata's flow-timeout pseudo packets do.
     */
    public void onFlowEnd(Flow f) {
        if (!(f.detectState instanceof FlowDetectState fs) || fs.passed) {
            return;
        }
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
            ctx.streamData = w.buf;
            ctx.streamOffset = 0;
            ctx.streamLength = w.length;
            ctx.hasStreamData = w.length > 0;
            run(p);
            w.consumed();
        }
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

    private void attachFlowState() {
        Flow f = ctx.flow;
        if (f == null) {
            ctx.flowState = null;
            return;
        }
        if (!(f.detectState instanceof FlowDetectState)) {
            f.detectState = plan.newFlowState();
        }
        ctx.flowState = (FlowDetectState) f.detectState;
    }

    private void run(Packet p) {
        alertCount = 0;
        if (plan.ipOnly.length > 0 && p.ipVersion != 0 && !ctx.pseudo && ipOnlyDue()) {
            for (int order : plan.ipOnly) {
                evaluate(plan.rules[order]);
            }
        }
        RuleGroup g = plan.groups[DetectionPlan.classOf(p.ipVersion, p.ipProto)];
        collectCandidates(g, DetectionPlan.classOf(p.ipVersion, p.ipProto));
        for (int i = 0; i < candidateCount; i++) {
            evaluate(plan.rules[candidates[i]]);
        }
        if (ctx.app != null && ctx.app.session() != null && ctx.flowState != null) {
            inspectTransactions(ctx.app.session());
        }
        if (alertCount > 0) {
            finish(p);
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
        int n = s.txCount();
        for (int i = 0; i < n; i++) {
            Object tx = s.tx(i);
            long id = s.txId(tx);
            if (id < ts.inspectFrom[dir] || !s.txInDirection(tx, ctx.toServer)) {
                continue;
            }
            if (g != null) {
                currentTx = tx;
                currentTxId = id;
                collectTxCandidates(g, s, tx);
                for (int c = 0; c < candidateCount; c++) {
                    int order = candidates[c];
                    if (!ts.matched(id, order)) {
                        evaluateTx(plan.rules[order], s, tx, id, ts);
                    }
                }
                currentTx = null;
            }
            if (s.txComplete(tx, ctx.toServer) && id == ts.inspectFrom[dir]) {
                ts.inspectFrom[dir] = id + 1;
            }
        }
        long done = Math.min(ts.inspectFrom[0], ts.inspectFrom[1]);
        ts.pruneBelow(done);
        s.release(done);
    }

    private void collectTxCandidates(TxGroup g, AppSession s, Object tx) {
        candidateCount = 0;
        for (int b = 0; b < g.buffers.length; b++) {
            AppBuffer ab = g.buffers[b];
            RuleGroup pf = g.prefilters[b];
            if (pf.mpm == null || !ab.in(ctx.toServer)) {
                continue;
            }
            currentGroup = pf;
            for (int k = 0; ab.getter().get(s, tx, ctx.toServer, k, buffer); k++) {
                if (buffer.length > 0) {
                    pf.mpm.scan(buffer.array, buffer.offset, buffer.length, onPattern, txScratch(pf));
                }
                if (!ab.multi()) {
                    break;
                }
            }
        }
        for (int order : g.unfiltered) {
            addCandidate(order);
        }
        for (int i = 0; i < candidateCount; i++) {
            candidateBits[candidates[i] >>> 6] = 0;
        }
        if (candidateCount > 1) {
            Arrays.sort(candidates, 0, candidateCount);
        }
    }

    private final java.util.IdentityHashMap<RuleGroup, MpmScratch> txScratches = new java.util.IdentityHashMap<>();

    private MpmScratch txScratch(RuleGroup g) {
        MpmScratch sc = txScratches.get(g);
        if (sc == null) {
            sc = g.mpm.newScratch();
            txScratches.put(g, sc);
        }
        return sc;
    }

    private void evaluateTx(CompiledRule r, AppSession s, Object tx, long id, TxDetectState ts) {
        rulesEvaluated++;
        if (!r.headerMatches(ctx.packet) || !r.matchersMatch(ctx)) {
            return;
        }
        for (CompiledRule.TxProgram tp : r.txPrograms) {
            AppBuffer ab = tp.buffer();
            if (!ab.in(ctx.toServer)) {
                return;
            }
            boolean any = false;
            for (int k = 0; ab.getter().get(s, tx, ctx.toServer, k, buffer); k++) {
                if (tp.match(buffer, ctx)) {
                    any = true;
                    break;
                }
                if (!ab.multi()) {
                    break;
                }
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
        ts.add(id, r.order);
        for (PostMatchAction a : r.postMatch) {
            a.apply(ctx);
        }
        queueAlert(r.order, false, tx, id);
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

    private void collectCandidates(RuleGroup g, int cls) {
        candidateCount = 0;
        currentGroup = g;
        if (g.mpm != null) {
            MpmScratch s = scratch[cls];
            if (ctx.payloadLength > 0) {
                g.mpm.scan(ctx.payload, 0, ctx.payloadLength, onPattern, s);
            }
            if (ctx.hasStreamData) {
                g.mpm.scan(ctx.streamData, ctx.streamOffset, ctx.streamLength, onPattern, s);
            }
        }
        for (int order : g.unfiltered) {
            addCandidate(order);
        }
        // clear the marks and order the candidates
        for (int i = 0; i < candidateCount; i++) {
            int o = candidates[i];
            candidateBits[o >>> 6] = 0;
        }
        if (candidateCount > 1) {
            Arrays.sort(candidates, 0, candidateCount);
        }
    }

    private void onPattern(int patternId) {
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

    private void evaluate(CompiledRule r) {
        if (ctx.pseudo && r.payload == null) {
            return; // Suricata skips packet-only rules on flow-end pseudo packets
        }
        rulesEvaluated++;
        Packet p = ctx.packet;
        if (!r.headerMatches(p)) {
            return;
        }
        if (!r.matchersMatch(ctx)) {
            return;
        }
        if (r.appProto != null && r.appProto != ctx.appProto) {
            return;
        }
        int m = r.payloadMatches(ctx);
        if (m == 0) {
            return;
        }
        for (PostMatchAction a : r.postMatch) {
            a.apply(ctx);
        }
        queueAlert(r.order, m == 2, null, -1);
    }

    private void queueAlert(int order, boolean stream, Object tx, long txId) {
        if (alertCount == alertOrders.length) {
            alertOrders = Arrays.copyOf(alertOrders, alertCount * 2);
            alertStream = Arrays.copyOf(alertStream, alertCount * 2);
            alertTx = Arrays.copyOf(alertTx, alertCount * 2);
            alertTxId = Arrays.copyOf(alertTxId, alertCount * 2);
        }
        alertOrders[alertCount] = order;
        alertStream[alertCount] = stream;
        alertTx[alertCount] = tx;
        alertTxId[alertCount] = txId;
        alertCount++;
    }

    /** Suricata's PacketAlertFinalize: plan order; a pass rule ends the list and passes the flow. */
    private void finish(Packet p) {
        // IP-only alerts were queued first: restore plan order (insertion sort, lists are short)
        for (int i = 1; i < alertCount; i++) {
            int o = alertOrders[i];
            boolean s = alertStream[i];
            Object t = alertTx[i];
            long tid = alertTxId[i];
            int j = i - 1;
            while (j >= 0 && alertOrders[j] > o) {
                alertOrders[j + 1] = alertOrders[j];
                alertStream[j + 1] = alertStream[j];
                alertTx[j + 1] = alertTx[j];
                alertTxId[j + 1] = alertTxId[j];
                j--;
            }
            alertOrders[j + 1] = o;
            alertStream[j + 1] = s;
            alertTx[j + 1] = t;
            alertTxId[j + 1] = tid;
        }
        for (int i = 0; i < alertCount; i++) {
            CompiledRule r = plan.rules[alertOrders[i]];
            if (r.action == Action.PASS) {
                if (ctx.flowState != null) {
                    ctx.flowState.passed = true;
                }
                return;
            }
            if (r.noalert) {
                continue;
            }
            emit(p, r, alertTx[i], alertTxId[i]);
            alertTx[i] = null;
        }
    }

    private void emit(Packet p, CompiledRule r, Object tx, long txId) {
        alerts++;
        AlertEvent e = event;
        e.clear();
        e.timestampNanos = p.timestampNanos;
        e.pcapCnt = p.index;
        if (p.reassembled) {
            e.pktSrc = AlertEvent.PktSrc.DEFRAG;
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
        e.blocked = simulateIps && r.action != Action.ALERT && r.action != Action.PASS;
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
            }
            if (tx != null && ctx.app.session() != null) {
                e.txId = txId;
                if (xff != null && tx instanceof dev.rampart.engine.applayer.http.HttpTx ht) {
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
        }
        sink.onAlert(e, r);
    }

    private XffSettings xff;

    /** eve-log alert xff overwrite settings (null: off). */
    public void setXff(XffSettings xff) {
        this.xff = xff;
    }

    private void overwriteXff(AlertEvent e, dev.rampart.engine.applayer.http.HttpTx tx) {
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
        for (CompiledRule r : plan.rules) {
            for (dev.rampart.rules.RuleOption o : r.rule.options()) {
                String k = o.keyword();
                if (k.equals("filemd5") || k.equals("filesha1") || k.equals("filesha256")) {
                    return true;
                }
            }
        }
        return false;
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
        StatsTree.put(root, "detect.rampart.passed_flow_packets", passedPackets);
        StatsTree.put(root, "detect.rampart.pcre_budget_exceeded", ctx.inspect.pcreBudgetExceeded());
        StatsTree.put(root, "detect.rampart.recursion_limit_reached", ctx.inspect.recursionLimitReached());
    }

    /** Raw stream bytes delivered by the reassembler go to the flow's window for their direction. */
    private final class RawCollector implements StreamConsumer {
        @Override
        public int onData(Flow flow, boolean toServer, byte[] data, int offset, int length, long streamOffset) {
            if (!(flow.detectState instanceof FlowDetectState)) {
                flow.detectState = plan.newFlowState();
            }
            FlowDetectState fs = (FlowDetectState) flow.detectState;
            if (!fs.passed) {
                fs.stream(toServer).append(data, offset, length, streamOffset);
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

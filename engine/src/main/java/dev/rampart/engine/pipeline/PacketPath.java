package dev.rampart.engine.pipeline;

import dev.rampart.capture.CaptureStats;
import dev.rampart.capture.Frame;
import dev.rampart.engine.applayer.AppLayer;
import dev.rampart.engine.applayer.http.HttpConfig;
import dev.rampart.engine.decode.ChecksumMode;
import dev.rampart.engine.decode.DecodeCounters;
import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.decode.PacketDecoder;
import dev.rampart.engine.defrag.DefragConfig;
import dev.rampart.engine.defrag.DefragCounters;
import dev.rampart.engine.defrag.Defragmenter;
import dev.rampart.engine.detect.DetectStage;
import dev.rampart.engine.detect.DetectionPlan;
import dev.rampart.engine.flow.ExceptionPolicy;
import dev.rampart.engine.flow.Flow;
import dev.rampart.engine.flow.FlowConfig;
import dev.rampart.engine.flow.FlowTable;
import dev.rampart.engine.scope.SocketOwners;
import dev.rampart.engine.scope.TrafficScope;
import dev.rampart.engine.stream.StreamConfig;
import dev.rampart.engine.stream.StreamConsumer;
import dev.rampart.engine.stream.TcpTracker;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The packet path of one worker, single-threaded: decode (with defragmentation) → flow lookup →
 * TCP tracking and reassembly. One instance per worker; it owns all its state and allocates
 * nothing per packet. Flow timeouts run on packet time: a bounded sweep every
 * {@link #SWEEP_INTERVAL_NANOS} of capture time, and a final flush in {@link #finish()}.
 */
public final class PacketPath implements WorkerPath {
    /** Capture time between two incremental flow-timeout sweeps (Suricata's flow manager wakes about every second). */
    static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

    private final PacketDecoder decoder;
    private final Defragmenter defrag;
    private final FlowTable flows;
    private final TcpTracker tcp;
    /** Detection after the TCP stage, or null (packet path only). */
    private final DetectStage detect;
    /** App layer (with detection), or null. */
    private final AppLayer appLayer;
    private final Packet packet = new Packet();
    private final Packet reassembled = new Packet();
    private long lastNanos = Long.MIN_VALUE;
    private long nextSweepNanos = Long.MIN_VALUE;
    private final ExceptionPolicy appLayerErrorPolicy;
    /** Which traffic is analysed (a sensor's host settings); published by another thread, read per packet. */
    private volatile TrafficScope scope = TrafficScope.ALL;
    private volatile SocketOwners owners = SocketOwners.NONE;
    private long scopePacketsSkipped;
    private long scopeFlowsOut;
    private long scopeFlowsIn;

    /** Settings of the packet path, with Suricata's defaults. */
    public static final class Config {
        public ChecksumMode checksums = ChecksumMode.NONE;
        public FlowConfig flow = new FlowConfig();
        public StreamConfig stream = new StreamConfig();
        public DefragConfig defrag = new DefragConfig();
        /** HTTP parser limits (app-layer.protocols.http.libhtp.default-config). */
        public dev.rampart.engine.applayer.http.HttpConfig http = new dev.rampart.engine.applayer.http.HttpConfig();
        /**
         * What an app-layer parser error does to its packet and flow ({@code app-layer.error-policy},
         * resolved with {@link ExceptionPolicy#effective}); IDS default: nothing.
         */
        public ExceptionPolicy appLayerErrorPolicy = ExceptionPolicy.IGNORE;
        /** {@code app-layer.protocols.sip.enabled} (Suricata's default: on): SIP flows are detected. */
        public boolean sipEnabled = true;
        /** False for {@code detection-only}: SIP flows are detected but not parsed. */
        public boolean sipParsed = true;
        /** {@code app-layer.protocols.modbus.enabled} (Suricata's default: off): Modbus flows are detected. */
        public boolean modbusEnabled;
        /** False for {@code detection-only}: Modbus flows are detected but not parsed. */
        public boolean modbusParsed = true;
        /**
         * {@code app-layer.protocols.tls.encryption-handling: full}: a TLS flow's payload stays
         * inspected after the handshake (default and bypass: it is not).
         */
        public boolean tlsInspectEncrypted;
    }

    /**
     * @param app consumer of reassembled data for the app layer (null: none yet)
     * @param raw consumer of reassembled data for raw stream inspection (null: none yet)
     */
    public PacketPath(Config config, StreamConsumer app, StreamConsumer raw) {
        this(config, app, raw, null);
    }

    /**
     * A packet path that ends in detection: the built-in app layer (HTTP, TLS, DNS) gets the
     * reassembled app bytes, the stage gets the raw stream and every packet.
     */
    public static PacketPath withDetection(Config config, DetectStage detect) {
        enableHttpFor(config.http, detect.plan());
        return new PacketPath(config, null, detect.rawConsumer(), detect);
    }

    /**
     * Turns on what the HTTP parser must produce for {@code plan}'s rules (file hashes, frames);
     * never off, so that a plan published later (a reload) finds them on before it is seen.
     */
    public static void enableHttpFor(HttpConfig http, DetectionPlan plan) {
        http.fileHashes |= plan.needsFileHashes();
        http.frameTypes |= plan.frameTypes();
    }

    private PacketPath(Config config, StreamConsumer app, StreamConsumer raw, DetectStage detect) {
        this.detect = detect;
        this.appLayerErrorPolicy = config.appLayerErrorPolicy;
        // with detection the built-in app layer consumes the app bytes (withDetection is the only way in)
        this.appLayer = detect != null ? new AppLayer(config.http, config.stream.midstream, config.tlsInspectEncrypted) : null;
        if (appLayer != null) {
            app = appLayer;
            appLayer.setSip(config.sipEnabled, config.sipParsed);
            appLayer.setModbus(config.modbusEnabled, config.modbusParsed);
        }
        this.defrag = new Defragmenter(config.defrag, new DefragCounters());
        this.decoder = new PacketDecoder(new DecodeCounters(), config.checksums, defrag);
        this.tcp = new TcpTracker(config.stream, app != null ? app : StreamConsumer.DISCARD, raw != null ? raw : StreamConsumer.DISCARD);
        if (detect == null) {
            this.flows = new FlowTable(config.flow, tcp);
        } else {
            // streams are flushed first, then detection inspects what the flush delivered (its alerts
            // written), then the app layer's pooled state goes back to the thread's pools
            this.flows = new FlowTable(config.flow, (f, reason) -> {
                tcp.onFlowEnd(f, reason);
                appLayer.onFlowEnd(f);
                detect.onFlowEnd(f);
                appLayer.onFlowDropped(f);
            });
        }
        flows.setReuseCheck(tcp);
    }

    /**
     * One frame through the path. A frame whose processing throws (a bug met by some input) is
     * counted ({@code rampart.packet_errors}) and the next one goes on: one bad packet must not end
     * a scan or a sensor, in any runmode.
     */
    @Override
    public void onFrame(Frame frame) {
        try {
            boolean more = decoder.decode(frame, packet);
            process(packet);
            while (more) {
                decoder.decodeReassembled(reassembled);
                process(reassembled);
                more = decoder.hasReassembled();
            }
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private long packetErrors;
    private String firstError;

    private void failed(RuntimeException e) {
        if (packetErrors++ == 0) {
            StackTraceElement[] t = e.getStackTrace();
            firstError = e + (t.length > 0 ? " at " + t[0] : "");
        }
    }

    /**
     * Analyse only the traffic {@code s} selects from the next packet on (any thread may call):
     * a packet not analysed is decoded and its flow tracked (so the decision stays with the flow)
     * but goes no further: no reassembly, app layer or detection. Counted as
     * {@code rampart.scope.packets_not_analysed}.
     */
    public void setScope(TrafficScope s, SocketOwners o) {
        owners = o == null ? SocketOwners.NONE : o;
        scope = s == null ? TrafficScope.ALL : s;
    }

    /** Frames (and flow ends) whose processing threw, counted and passed over. */
    public long packetErrors() {
        return packetErrors;
    }

    /** The first of those errors with where it was thrown, or null. */
    public String firstError() {
        return firstError;
    }

    private void process(Packet p) {
        long now = p.timestampNanos;
        if (now > lastNanos) {
            lastNanos = now;
        }
        // Not gated on p.invalid: as Suricata's decoders set a packet up for its flow once its L4
        // header is decoded, a packet made invalid later (a bad TCP option length, a truncated
        // IP header inside ICMP) still has a flow and goes through the TCP tracker; the flow
        // table only takes packets whose L4 header was decoded.
        Flow f = flows.handle(p);
        TrafficScope sc = scope;
        if (sc != TrafficScope.ALL && !analysed(sc, f)) {
            scopePacketsSkipped++;
            sweep();
            return;
        }
        if (appLayer != null) {
            appLayer.beginPacket();
            if (f != null) {
                appLayer.onPacket(f, p.toServer);
            }
        }
        long streamEvents = 0;
        if (f != null && p.isTcp()) {
            tcp.handle(f, p);
            streamEvents = tcp.packetEvents();
        }
        if (appLayer != null && f != null && p.isUdp()) {
            appLayer.onUdp(f, p);
        }
        if (detect != null) {
            if (appLayer.packetHadError() && appLayerErrorPolicy.skipsPacket()) {
                // Suricata applies app-layer.error-policy to the packet whose data the parser rejected
                if (appLayerErrorPolicy.dropsFlow()) {
                    AppLayer.disable(f);
                }
                detect.exceptionOnPacket(appLayerErrorPolicy);
            }
            if (f != null && appLayer.takeProtocolChange(f)) {
                detect.inspectProtocolChange(f, p);
            }
            detect.inspect(p, streamEvents);
        }
        for (Packet o = p.outer; o != null; o = o.outer) {
            processOuter(o);
        }
        sweep();
    }

    /** Whether the packet of flow {@code f} (null: a flowless packet) is analysed under the scope. */
    private boolean analysed(TrafficScope sc, Flow f) {
        if (f == null) {
            return sc.active(); // no flow, no process: only analysis off stops it
        }
        byte before = f.scope;
        boolean in = sc.analyses(f, owners);
        if (before != f.scope) {
            if (f.scope == TrafficScope.OUT) {
                scopeFlowsOut++;
            } else if (f.scope == TrafficScope.IN) {
                scopeFlowsIn++;
            }
        }
        return in;
    }

    /** The periodic flow-timeout and defragmentation sweep, on packet time. */
    private void sweep() {
        if (lastNanos >= nextSweepNanos) {
            if (nextSweepNanos != Long.MIN_VALUE) {
                flows.timeout(lastNanos);
                defrag.expire(lastNanos);
            }
            nextSweepNanos = lastNanos + SWEEP_INTERVAL_NANOS;
        }
    }

    /**
     * One enclosing layer of a tunnelled packet (the decoder kept its headers in
     * {@link Packet#outer}), after the packet inside it: Suricata runs a tunnel's inner pseudo
     * packets through the flow worker before their parent, innermost first. The flow table gives
     * the layer a flow where Suricata does (UDP tunnels, IPv6-in-IPv4; not GRE or IP-in-IPv6),
     * whatever the inner decoding gave, and the app layer tries to detect its protocol; detection
     * checks its headers (IP-only rules on every packet of a flowless layer), not its payload.
     */
    private void processOuter(Packet o) {
        Flow f = flows.handle(o);
        if (appLayer != null && f != null) {
            appLayer.onPacket(f, o.toServer);
        }
        if (appLayer != null && f != null && o.isUdp()) {
            // Suricata runs protocol detection on the outer UDP flow too (it fails: app_proto "failed")
            appLayer.onUdp(f, o);
        }
        if (detect != null) {
            detect.inspect(o, 0);
        }
    }

    /** End of input: times out every remaining flow (flushing its streams). */
    @Override
    public void finish() {
        try {
            flows.flush(lastNanos == Long.MIN_VALUE ? 0 : lastNanos);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public long alertCount() {
        return detect == null ? 0 : detect.alerts();
    }

    public DecodeCounters decodeCounters() {
        return decoder.counters();
    }

    /**
     * Counters as Suricata's EVE {@code stats} object ({@code decoder}, {@code flow}, {@code tcp},
     * {@code defrag}; and {@code capture} when live capture counters are given, else null).
     */
    @Override
    public Map<String, Object> stats(CaptureStats capture) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (capture != null) { // live capture: Suricata's capture.* counters
            StatsTree.put(root, "capture.kernel_packets", capture.received);
            StatsTree.put(root, "capture.kernel_drops", capture.kernelDrops);
            StatsTree.put(root, "capture.kernel_ifdrops", capture.interfaceDrops);
        }
        decoder.counters().writeTo(root);
        StatsTree.put(root, "rampart.packet_errors", packetErrors);
        if (scope != TrafficScope.ALL || scopePacketsSkipped > 0) {
            StatsTree.put(root, "rampart.scope.packets_not_analysed", scopePacketsSkipped);
            StatsTree.put(root, "rampart.scope.flows_out", scopeFlowsOut);
            StatsTree.put(root, "rampart.scope.flows_in", scopeFlowsIn);
        }
        StatsTree.putAll(root, flows.counters().toMap());
        StatsTree.putAll(root, tcp.counters().toMap());
        defrag.counters().writeTo(root);
        if (appLayer != null) {
            appLayer.writeStats(root);
        }
        if (detect != null) {
            detect.writeStats(root);
        }
        return root;
    }
}

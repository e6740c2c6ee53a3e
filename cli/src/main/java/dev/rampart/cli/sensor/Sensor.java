package dev.rampart.cli.sensor;

import dev.rampart.alerts.JournalConfig;
import dev.rampart.alerts.score.MaskFile;
import dev.rampart.alerts.score.MaskSet;
import dev.rampart.capture.CaptureException;
import dev.rampart.capture.CaptureStats;
import dev.rampart.capture.live.LiveCaptureOptions;
import dev.rampart.capture.live.LiveCaptureSource;
import dev.rampart.cli.scan.EngineSettings;
import dev.rampart.cli.scan.JournalAlerts;
import dev.rampart.cli.scan.StreamSettings;
import dev.rampart.console.settings.HostSettings;
import dev.rampart.console.settings.SettingsStore;
import dev.rampart.engine.decode.ChecksumMode;
import dev.rampart.engine.detect.AlertSink;
import dev.rampart.engine.detect.DetectStage;
import dev.rampart.engine.detect.HostState;
import dev.rampart.engine.detect.PlanSwitch;
import dev.rampart.engine.output.eve.EveAlertWriter;
import dev.rampart.engine.output.eve.EveStatsWriter;
import dev.rampart.engine.pipeline.CpuPinning;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.engine.pipeline.StatsTree;
import dev.rampart.engine.pipeline.WorkersPipeline;
import dev.rampart.engine.scope.LinuxSocketOwners;
import dev.rampart.engine.scope.SocketOwners;
import dev.rampart.engine.scope.TrafficScope;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.config.SuricataConfig;
import dev.rampart.rules.manage.Profile;
import dev.rampart.rules.manage.Profiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The long-running sensor: live capture on one thread (the caller's) feeding the worker pipeline,
 * which never blocks capture (a full ring drops and counts); alerts to the journal and optionally
 * eve.json; rule reloads compiled on a background thread and published to every worker through a
 * {@link PlanSwitch}. {@link #stop()} (a signal) ends capture; {@link #run()} then drains the
 * ring, flushes every flow as at the end of a capture, closes the journal and writes stats.json.
 */
public final class Sensor {
    /** Outcome of the last reload, for the status endpoint and the log. */
    public record ReloadResult(boolean ok, long generation, int rulesLoaded, String message, long atMillis,
            double seconds) {
    }

    private final SensorConfig cfg;
    private final SuricataConfig suricata;
    private final RuleEnvironment env;
    private final PrintWriter err;
    private final PlanSwitch plans;
    private final WorkersPipeline pipeline;
    private final List<DetectStage> stages = new ArrayList<>();
    /** Each worker's HTTP settings: a reload that brings file-hash rules turns hashing on. */
    private final List<dev.rampart.engine.applayer.http.HttpConfig> httpConfigs = new ArrayList<>();
    private final List<LiveCaptureSource> sources = new ArrayList<>();
    private final Object alertLock = new Object();
    private final EveAlertWriter eve;
    private final OutputStream eveOut;
    private final JournalAlerts journal;
    private final AtomicLong alerts = new AtomicLong();
    /** The console's masks, applied by the journal's sink; replaced whole on every reload. */
    private final MaskSet masks = new MaskSet();
    /** Every worker's packet path: a reload publishes the traffic scope to each. */
    private final List<PacketPath> paths = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The console's "local" host settings in force: the traffic scope and the rule profile. */
    private volatile LocalSettings settings = LocalSettings.NONE;
    /** Owners of this host's sockets, opened the first time a scope needs them. */
    private SocketOwners owners = SocketOwners.NONE;
    private final ExecutorService reloader = Executors.newSingleThreadExecutor(r -> daemon(r, "rampart-reload"));
    private final AtomicReference<CompletableFuture<ReloadResult>> pendingReload = new AtomicReference<>();
    private final AtomicLong reloadsOk = new AtomicLong();
    private final AtomicLong reloadsFailed = new AtomicLong();
    private volatile ReloadResult lastReload;
    private volatile boolean stopping;
    /** The CPU {@link #run} pinned the capture thread to (with capture-cpu), -1 when refused. */
    private long capturePinnedCpu = -1;
    private final long startMillis = System.currentTimeMillis();

    /**
     * Loads the rules and opens everything except capture.
     *
     * @throws SensorRules.Failed when the initial rule set cannot be loaded
     */
    public Sensor(SensorConfig cfg, SuricataConfig suricata, RuleEnvironment env, PrintWriter err)
            throws SensorRules.Failed, IOException {
        this.cfg = cfg;
        this.suricata = suricata;
        this.env = env;
        this.err = err;
        List<MaskSet.Mask> startMasks = readMasks();
        masks.replaceAll(startMasks);
        settings = readSettings();
        if (cfg.settings != null) {
            log("traffic scope: " + settings.scope() + (settings.rulesProfile() == null ? ""
                    : "; rule profile: " + settings.rulesProfile().name()) + " (from " + cfg.settings + ")");
        }
        if (cfg.masks != null) {
            log("masks: " + startMasks.size() + " from " + cfg.masks);
        }
        SensorRules.Loaded first = SensorRules.load(cfg, suricata, env, settings.rulesProfile());
        logWarnings(first);
        plans = new PlanSwitch(first.plan());
        int rulesLoaded = first.plan().ruleCount();
        lastReload = new ReloadResult(true, 1, rulesLoaded, "initial rule set", System.currentTimeMillis(),
                first.seconds());
        log(String.format("rules: %d loaded (%d failed to parse, %d not supported) in %.2f s, generation 1",
                rulesLoaded, first.failed(), first.plan().skipped().size(), first.seconds()));

        if (cfg.eve != null) {
            Path parent = cfg.eve.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            eveOut = new BufferedOutputStream(Files.newOutputStream(cfg.eve), 1 << 16);
            eve = new EveAlertWriter(eveOut);
        } else {
            eveOut = null;
            eve = null;
        }
        if (cfg.journal != null) {
            JournalConfig jc = JournalConfig.at(cfg.journal);
            if (cfg.journalMaxAge != null) {
                jc.maxAge(cfg.journalMaxAge);
            }
            if (cfg.journalMaxBytes > 0) {
                jc.maxBytes(cfg.journalMaxBytes);
            }
            jc.pretouch(cfg.journalPretouch);
            journal = new JournalAlerts(jc, masks);
        } else {
            journal = null;
        }
        // the alert sink: one writer for all workers, serialised here
        AlertSink sink = (alert, rule) -> {
            synchronized (alertLock) {
                alerts.incrementAndGet();
                if (eve != null) {
                    eve.write(alert);
                }
                if (journal != null) {
                    journal.accept(alert, rule);
                }
            }
        };
        ChecksumMode checksums = ChecksumMode.parse(cfg.checksums);
        WorkersPipeline.Options po = new WorkersPipeline.Options();
        po.ringSize = cfg.ringSize;
        po.live = true; // live input never blocks capture: a full ring drops and counts
        // worker i on cpus[i] (validated: one CPU per worker at least); the capture thread: capture-cpu
        po.cpus = cfg.cpus.stream().mapToInt(Integer::intValue).toArray();
        // thresholds and host/IP-pair bits: one table for all workers, as Suricata has
        HostState hosts = new HostState(plans.plan());
        pipeline = new WorkersPipeline(cfg.workers, po, i -> {
            PacketPath.Config pc = EngineSettings.packetPath(suricata, checksums);
            String warn = StreamSettings.apply(suricata, pc.stream);
            // a sensor is passive (IDS mode): only an app-layer.error-policy set for itself applies
            warn += EngineSettings.exceptionPolicies(suricata, pc, false);
            if (i == 0 && !warn.isEmpty()) {
                log("warning: " + warn);
            }
            pc.flow.memcap = cfg.flowMemcap;
            pc.stream.memcap = cfg.streamMemcap;
            DetectStage d = new DetectStage(plans.plan(), sink, null, hosts);
            EngineSettings.detectStage(suricata, d, false);
            d.follow(plans);
            stages.add(d);
            httpConfigs.add(pc.http);
            PacketPath path = PacketPath.withDetection(pc, d);
            path.setScope(settings.scope(), owners());
            paths.add(path);
            return path;
        });
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void log(String line) {
        synchronized (err) {
            err.println("rampart: " + line);
            err.flush();
        }
    }

    private void logWarnings(SensorRules.Loaded l) {
        for (String w : l.warnings()) {
            log("warning: " + w);
        }
    }

    /** Opens every configured interface; a failure closes what was opened. */
    public void openCapture() throws CaptureException {
        boolean several = cfg.interfaces.size() > 1;
        for (String name : cfg.interfaces) {
            LiveCaptureOptions o = new LiveCaptureOptions(name);
            o.filter = cfg.bpf;
            o.snaplen = cfg.snaplen;
            o.promiscuous = cfg.promiscuous;
            o.bufferSize = (int) Math.min(Integer.MAX_VALUE, cfg.captureBuffer);
            o.immediate = cfg.immediate;
            // one thread polls every interface: none may wait while another has packets
            o.nonBlocking = several;
            try {
                sources.add(LiveCaptureSource.open(o));
            } catch (CaptureException e) {
                for (LiveCaptureSource s : sources) {
                    s.close();
                }
                sources.clear();
                throw e;
            }
        }
        log("capturing on " + String.join(", ", cfg.interfaces) + (cfg.bpf == null ? "" : " (bpf: " + cfg.bpf + ")")
                + " with " + cfg.workers + " worker(s)" + (cfg.cpus.isEmpty() ? "" : " on CPUs " + cfg.cpus)
                + (cfg.captureCpu < 0 ? "" : ", capture on CPU " + cfg.captureCpu));
    }

    /**
     * Captures until {@link #stop()}, then drains and closes everything; returns the final stats
     * (also written to the stats file). A capture error ends the run the same way.
     */
    public Map<String, Object> run() throws IOException {
        String error = null;
        boolean several = sources.size() > 1;
        java.util.BitSet callerCpus = null;
        if (cfg.captureCpu >= 0) { // this thread captures: pinned while it does, its CPUs back after
            callerCpus = CpuPinning.currentAffinity();
            capturePinnedCpu = CpuPinning.isOnly(CpuPinning.pinCurrentThread(cfg.captureCpu), cfg.captureCpu)
                    ? cfg.captureCpu : -1;
            if (capturePinnedCpu < 0) {
                log("warning: capture-cpu " + cfg.captureCpu + ": the system did not pin the capture thread");
            }
        }
        try {
            while (!stopping) {
                int total = 0;
                for (LiveCaptureSource s : sources) {
                    int n = s.poll(pipeline, 512);
                    pipeline.flush(); // live: no packet waits in a half-filled batch
                    if (n < 0) {
                        throw new CaptureException(s.name() + ": capture ended");
                    }
                    total += n;
                }
                if (several && total == 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
                }
            }
            // what the kernel already holds was captured before the stop: it is inspected too, and
            // capture no longer needs to be live, so the ring may block now instead of dropping
            pipeline.dropWhenFull(false);
            for (LiveCaptureSource s : sources) {
                // until the kernel buffer is empty: two empty polls in a row, each waiting up to the
                // read timeout, so a block the kernel retires on its timeout is not left behind
                for (int empty = 0; empty < 2; ) {
                    int n = s.poll(pipeline, 4096);
                    pipeline.flush();
                    empty = n > 0 ? 0 : empty + 1;
                    if (n < 0) {
                        break;
                    }
                    if (n == 0 && several) {
                        java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L); // non-blocking polls
                    }
                }
            }
        } catch (CaptureException e) {
            error = e.getMessage();
            log("capture error: " + error);
        } finally {
            if (callerCpus != null) {
                CpuPinning.setCurrentThread(callerCpus);
            }
        }
        return shutdown(error);
    }

    /** Ends capture; safe from a signal handler or any thread. */
    public void stop() {
        stopping = true;
    }

    private Map<String, Object> shutdown(String error) throws IOException {
        for (LiveCaptureSource s : sources) {
            s.close(); // final kernel counters
        }
        reloader.shutdownNow(); // no plan change while the flows are flushed
        // every captured frame is in the ring: the workers inspect all of it, then every flow ends
        pipeline.finish();
        synchronized (this) {
            if (owners instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    log("warning: closing the socket owner table: " + e.getMessage());
                }
            }
        }
        Map<String, Object> stats = finalStats();
        synchronized (alertLock) {
            if (journal != null) {
                journal.close();
            }
            if (eveOut != null) {
                eveOut.flush();
                new EveStatsWriter(eveOut, ZoneOffset.UTC).write(System.currentTimeMillis() * 1_000_000L, stats);
                eveOut.close();
            }
        }
        if (cfg.statsFile != null) {
            Path parent = cfg.statsFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(cfg.statsFile))) {
                new EveStatsWriter(o, ZoneOffset.UTC).write(System.currentTimeMillis() * 1_000_000L, stats);
            }
        }
        Snapshot s = snapshot();
        log(String.format("stopped%s: received %d, inspected %d, dropped %d (ring full), kernel drops %d, alerts %d",
                error == null ? "" : " after a capture error", s.received, s.inspected, s.ringDrops, s.kernelDrops,
                s.alerts));
        return stats;
    }

    /** Every interface's capture counters summed. */
    private CaptureStats captureTotals() {
        CaptureStats t = new CaptureStats();
        long r = 0;
        long b = 0;
        long kd = 0;
        long id = 0;
        for (LiveCaptureSource s : sources) {
            CaptureStats cs = s.stats();
            r += cs.received;
            b += cs.bytes;
            kd += cs.kernelDrops;
            id += cs.interfaceDrops;
        }
        t.received = r;
        t.bytes = b;
        t.kernelDrops = kd;
        t.interfaceDrops = id;
        return t;
    }

    /** Suricata-shaped stats with the sensor's accounting (after the pipeline finished). */
    private Map<String, Object> finalStats() {
        CaptureStats cs = captureTotals();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("uptime", (System.currentTimeMillis() - startMillis + 999) / 1000);
        stats.putAll(pipeline.stats(cs));
        long inspected = 0;
        for (long n : pipeline.packetsPerWorker()) {
            inspected += n;
        }
        StatsTree.put(stats, "capture.received", cs.received);
        StatsTree.put(stats, "capture.bytes", cs.bytes);
        StatsTree.put(stats, "capture.inspected", inspected);
        StatsTree.put(stats, "capture.dropped.ring_full", pipeline.droppedRingFull());
        if (cfg.captureCpu >= 0) {
            StatsTree.put(stats, "rampart.pipeline.capture.pinned_cpu", capturePinnedCpu);
        }
        StatsTree.put(stats, "rampart.rules.generation", plans.generation());
        StatsTree.put(stats, "rampart.rules.loaded", (long) rulesLoaded());
        StatsTree.put(stats, "rampart.rules.reloads", reloadsOk.get());
        StatsTree.put(stats, "rampart.rules.reload_failures", reloadsFailed.get());
        StatsTree.put(stats, "rampart.alerts", alerts.get());
        return stats;
    }

    /**
     * Starts a reload on the background thread unless one is already waiting to start (requests
     * coalesce); the future completes when the new plan is published, or with the failure.
     */
    public CompletableFuture<ReloadResult> reload() {
        while (true) {
            CompletableFuture<ReloadResult> pending = pendingReload.get();
            if (pending != null) {
                return pending;
            }
            CompletableFuture<ReloadResult> f = new CompletableFuture<>();
            if (pendingReload.compareAndSet(null, f)) {
                try {
                    reloader.execute(() -> {
                        pendingReload.compareAndSet(f, null); // a request from now on needs another load
                        f.complete(doReload());
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    pendingReload.compareAndSet(f, null);
                    f.complete(new ReloadResult(false, plans.generation(), rulesLoaded(), "sensor is stopping",
                            System.currentTimeMillis(), 0));
                }
                return f;
            }
        }
    }

    private ReloadResult doReload() {
        long t0 = System.nanoTime();
        ReloadResult r;
        try {
            // all read before any is switched: a bad masks or settings file fails the reload and keeps them all
            List<MaskSet.Mask> nextMasks = readMasks();
            LocalSettings nextSettings = readSettings();
            TrafficScope nextScope = nextSettings.scope();
            SensorRules.Loaded l = SensorRules.load(cfg, suricata, env, nextSettings.rulesProfile());
            logWarnings(l);
            masks.replaceAll(nextMasks);
            if (!nextScope.toString().equals(settings.scope().toString())) {
                log("traffic scope: " + nextScope);
            }
            settings = nextSettings;
            SocketOwners o = owners();
            for (PacketPath p : paths) {
                p.setScope(nextScope, o);
            }
            // written before the publication: a worker that sees the new plan sees this too
            for (dev.rampart.engine.applayer.http.HttpConfig h : httpConfigs) {
                PacketPath.enableHttpFor(h, l.plan());
            }
            long gen = plans.publish(l.plan());
            int rulesLoaded = l.plan().ruleCount();
            reloadsOk.incrementAndGet();
            r = new ReloadResult(true, gen, rulesLoaded, "reloaded", System.currentTimeMillis(), l.seconds());
            log(String.format("reload: generation %d, %d rules loaded in %.2f s, %d masks", gen, rulesLoaded,
                    l.seconds(), nextMasks.size()));
        } catch (SensorRules.Failed | RuntimeException e) {
            reloadsFailed.incrementAndGet();
            String why = e instanceof SensorRules.Failed ? e.getMessage() : e.toString();
            r = new ReloadResult(false, plans.generation(), rulesLoaded(), why, System.currentTimeMillis(),
                    (System.nanoTime() - t0) / 1e9);
            log("reload failed, keeping generation " + plans.generation() + ": " + why);
        }
        lastReload = r;
        return r;
    }

    /**
     * What the console's "local" host settings ask of this sensor: the traffic scope, and the
     * rule profile for inbound and outbound rules (null: rampart.yaml's {@code rules.profile}).
     */
    record LocalSettings(TrafficScope scope, Profile rulesProfile) {
        static final LocalSettings NONE = new LocalSettings(TrafficScope.ALL, null);
    }

    /**
     * The console's "local" host settings (none when not configured or absent; HTTPS inspection
     * is not applied by the sensor).
     */
    LocalSettings readSettings() throws SensorRules.Failed {
        return readSettings(cfg.settings);
    }

    static LocalSettings readSettings(Path file) throws SensorRules.Failed {
        if (file == null || !Files.exists(file)) {
            return LocalSettings.NONE;
        }
        try {
            HostSettings h = new SettingsStore(file).get(SettingsStore.LOCAL);
            TrafficScope.Mode mode = switch (h.mode()) {
                case HostSettings.ONLY_LISTED -> TrafficScope.Mode.ONLY_LISTED;
                case HostSettings.ALL_BUT_LISTED -> TrafficScope.Mode.ALL_BUT_LISTED;
                default -> TrafficScope.Mode.ALL;
            };
            Profile rules = Profiles.byDirection(Profiles.resolve(h.inboundProfile(), Map.of()),
                    Profiles.resolve(h.outboundProfile(), Map.of()));
            return new LocalSettings(TrafficScope.of(h.active(), mode, h.processes()), rules);
        } catch (IOException | RuntimeException e) {
            throw new SensorRules.Failed("settings " + file + ": " + e.getMessage());
        }
    }

    /** The socket owners the scope needs, opened on first need (a background refresh of /proc). */
    private synchronized SocketOwners owners() {
        if (owners == SocketOwners.NONE && settings.scope().needsOwners()) {
            owners = LinuxSocketOwners.forThisHost(java.time.Duration.ofSeconds(1));
            if (owners == SocketOwners.NONE) {
                log("warning: traffic scope by process needs /proc/net (Linux): every flow counts as owned by no process");
            }
        }
        return owners;
    }

    /** The traffic scope in force. */
    public TrafficScope scope() {
        return settings.scope();
    }

    /** The name of the rule profile in force: the console's settings', else rules.profile, else "full". */
    public String rulesProfileName() {
        Profile p = settings.rulesProfile();
        return p != null ? p.name() : cfg.profile != null ? cfg.profile : "full";
    }

    /** The masks file's masks (none when not configured or absent). */
    private List<MaskSet.Mask> readMasks() throws SensorRules.Failed {
        if (cfg.masks == null) {
            return List.of();
        }
        try {
            return MaskFile.read(cfg.masks);
        } catch (IOException | RuntimeException e) {
            throw new SensorRules.Failed("masks " + cfg.masks + ": " + e.getMessage());
        }
    }

    /** Masks in force now. */
    public int maskCount() {
        return masks.masks().size();
    }

    /** Counters read while running (any thread). */
    public record Snapshot(long nanos, long received, long bytes, long inspected, long ringDrops, long kernelDrops,
            long ifDrops, long alerts, long[] perWorker, long generation, int rulesLoaded, long reloadsOk,
            long reloadsFailed, double uptimeSeconds) {
    }

    public Snapshot snapshot() {
        CaptureStats c = captureTotals();
        long[] per = pipeline.packetsPerWorkerNow();
        long inspected = 0;
        for (long n : per) {
            inspected += n;
        }
        return new Snapshot(System.nanoTime(), c.received, c.bytes, inspected, pipeline.droppedRingFull(),
                c.kernelDrops, c.interfaceDrops,
                alerts.get(), per, plans.generation(), rulesLoaded(), reloadsOk.get(), reloadsFailed.get(),
                (System.currentTimeMillis() - startMillis) / 1000.0);
    }

    /** Rules in the running plan. */
    private int rulesLoaded() {
        return plans.plan().ruleCount();
    }

    public ReloadResult lastReload() {
        return lastReload;
    }

    public SensorConfig config() {
        return cfg;
    }

    /** Flushes buffered eve.json lines (the periodic stats tick calls it). */
    public void flushOutputs() {
        synchronized (alertLock) {
            if (eveOut != null && !stopping) {
                try {
                    eveOut.flush();
                } catch (IOException e) {
                    log("eve: " + e.getMessage());
                }
            }
        }
    }

    /** Plan switches per worker so far (each worker moves on its next packet after a reload). */
    public long[] planSwitchesPerWorker() {
        long[] r = new long[stages.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = stages.get(i).planSwitches();
        }
        return r;
    }
}

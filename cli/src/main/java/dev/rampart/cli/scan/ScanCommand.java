package dev.rampart.cli.scan;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.live.LiveCaptureOptions;
import dev.rampart.cli.ConfigOptions;
import dev.rampart.engine.pipeline.CpuPinning;
import dev.rampart.engine.pipeline.WorkersPipeline;
import dev.rampart.cli.Main;
import dev.rampart.cli.rules.RuleCheck;
import dev.rampart.engine.decode.ChecksumMode;
import dev.rampart.engine.detect.DetectSettings;
import dev.rampart.engine.detect.DetectStage;
import dev.rampart.engine.detect.DetectionPlan;
import dev.rampart.engine.detect.LoadPhases;
import dev.rampart.engine.detect.RuleProfiler;
import dev.rampart.engine.detect.mpm.MpmCache;
import dev.rampart.engine.detect.mpm.MultiPatternMatchers;
import dev.rampart.engine.output.eve.EveAlertWriter;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.engine.output.eve.EveStatsWriter;
import dev.rampart.engine.pipeline.StatsTree;
import dev.rampart.rules.Action;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleError;
import dev.rampart.engine.stream.StreamConfig;
import dev.rampart.rules.config.SuricataConfig;
import dev.rampart.rules.config.ThresholdConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code rampart scan}: offline analysis of a capture file with Suricata's command-line flags.
 * Runs the packet path (decode, defrag, flows, TCP reassembly) and writes {@code stats.json}
 * and {@code eve.json} into the log directory. Detection is not part of the packet path yet:
 * rules are loaded and checked, and no alert is produced (the summary says so).
 */
@Command(name = "scan",
        description = {"Analyse a capture file (pcap or pcapng) like `suricata -r`: decode, defragment, track flows and "
                + "reassemble TCP; write OUTDIR/stats.json (Suricata stats names) and OUTDIR/eve.json.",
                "Rules given with -S are loaded and checked; the detection engine is not wired in yet, so no alerts are "
                        + "raised."})
public final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "-r", paramLabel = "FILE", description = "Capture file to read (pcap or pcapng).")
    Path capture;

    @Option(names = "-i", paramLabel = "IFACE", description = "Capture live from this interface (libpcap) instead of -r; "
            + "ends after --duration seconds or --max-packets packets (the long-running sensor is a separate command).")
    String iface;

    @Option(names = "--bpf", paramLabel = "FILTER", description = "BPF capture filter for -i.")
    String bpf;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "10", description = "With -i: seconds to capture (default 10).")
    long duration;

    @Option(names = "--max-packets", paramLabel = "N", defaultValue = "9223372036854775807",
            description = "With -i: stop after N packets.")
    long maxPackets;

    @Option(names = "-S", paramLabel = "RULES", description = "Rule file (repeatable); replaces the configuration's rule-files.")
    List<Path> ruleFiles = new ArrayList<>();

    @Option(names = "-s", paramLabel = "RULES", description = "Rule file added to the configuration's rule-files (repeatable).")
    List<Path> extraRuleFiles = new ArrayList<>();

    @Option(names = "--seclang", paramLabel = "PATH", description = "SecLang (ModSecurity) configuration to run on "
            + "HTTP transactions beside the Suricata rules, e.g. OWASP CRS: a .conf file or a directory of *.conf "
            + "files, repeatable, loaded in the order given (a setup file before CRS's rules/).")
    List<Path> secLangPaths = new ArrayList<>();

    @Option(names = "-l", paramLabel = "OUTDIR", defaultValue = ".", description = "Log directory (default: .).")
    Path outDir;

    @Option(names = "-k", paramLabel = "all|none", defaultValue = "none",
            description = "Checksum validation: all or none (default none for capture files).")
    String checksums;

    @Option(names = "--runmode", paramLabel = "MODE", defaultValue = "single",
            description = "single (default: everything on one thread, for exact comparisons), workers (--threads "
                    + "threads in all: the capture thread is also the first detection worker and feeds the others, "
                    + "flow-affine) or autofp (a capture thread that only reads, feeding --threads detection workers).")
    String runmode;

    @Option(names = "--threads", paramLabel = "N", description = "Detection workers for --runmode workers/autofp "
            + "(default: the number of CPUs).")
    Integer threads;

    @Option(names = "--cpus", paramLabel = "LIST", description = "Pin the detection workers of --runmode workers to "
            + "these CPUs, round robin (e.g. 0,1 or 2-5); also --set rampart.cpu-list=LIST. Default: no pinning.")
    String cpus;

    @Option(names = "--init-errors-fatal", description = "Exit with status 1 when a rule fails to load.")
    boolean initErrorsFatal;

    /** An array so that the flag may be given more than once (suricata-verify adds it to args that have it). */
    @Option(names = "--simulate-ips", description = "Accepted for Suricata compatibility (drop actions are only logged).")
    boolean[] simulateIps = new boolean[0];

    @Option(names = "--journal", paramLabel = "DIR", description = "Also append the alerts, scored, to the alert "
            + "journal in DIR (Chronicle Queue; read it with `rampart alerts`); incidents are raised as configured.")
    Path journalDir;

    @Option(names = "--profile-rules", paramLabel = "FILE", description = "Profile the rules (as Suricata's rule "
            + "profiling): per rule checks, matches and CPU ticks (ns), per prefilter scans, bytes, candidates and "
            + "ticks; all workers merged into one JSON file, rules sorted by ticks. Read it with `rampart rules profile "
            + "FILE`. Also on with --set profiling.rules.enabled=yes (file: profiling.rules.filename in OUTDIR, "
            + "default rule_perf.json).")
    Path profileRules;

    @Option(names = "--masks", paramLabel = "FILE", description = "With --journal: masks as the console keeps them "
            + "(its STATE/masks file); matching alerts are journaled flagged masked and score nothing.")
    Path masksFile;

    @Option(names = "-q", description = "Only print errors and the summary.")
    boolean quiet;

    /** Diagnostic: CPU seconds per kind of thread (packet thread, JIT compilers, GC...) at the end. */
    @Option(names = "--thread-cpu-report", hidden = true)
    boolean threadCpuReport;

    @Unmatched
    List<String> unmatched = new ArrayList<>();

    /**
     * threshold-file (as Suricata: read when configured; a missing or unreadable file is a
     * warning) and action-order from the configuration.
     */
    public static DetectSettings detectSettings(SuricataConfig config, RuleEnvironment env, PrintWriter err) {
        ThresholdConfig thresholds = null;
        String tf = config.thresholdFile();
        if (tf != null && !tf.isEmpty()) {
            Path p = Path.of(tf);
            if (Files.isRegularFile(p)) {
                try {
                    thresholds = ThresholdConfig.load(p, env);
                    for (String e : thresholds.errors()) {
                        err.println("rampart: warning: threshold file: " + e);
                    }
                } catch (IOException e) {
                    err.println("rampart: warning: threshold file " + tf + ": " + e.getMessage());
                }
            } else {
                err.println("rampart: warning: threshold file " + tf + " not found");
            }
        }
        List<Action> order = null;
        if (config.get("action-order") instanceof List<?> l) {
            order = new ArrayList<>();
            for (Object o : l) {
                Action a = o instanceof String s ? Action.of(s.trim()) : null;
                if (a == null) {
                    err.println("rampart: warning: action-order: unknown action " + o + "; using the default order");
                    order = null;
                    break;
                }
                order.add(a);
            }
        }
        String geoip = config.getString("geoip-database");
        // the TLS parser's fingerprints, when the configuration says no: rules requiring them do not load
        java.util.Set<String> off = new java.util.HashSet<>();
        for (String f : new String[] {"ja3", "ja4"}) {
            String v = config.getString("app-layer.protocols.tls." + f + "-fingerprints");
            if (v != null && List.of("no", "false", "off", "0").contains(v.trim().toLowerCase(java.util.Locale.ROOT))) {
                off.add(f);
            }
        }
        return new DetectSettings(thresholds, order, geoip == null || geoip.isBlank() ? null : Path.of(geoip.trim()), off);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // like suricata, words after the options are a BPF filter expression (for -r here)
        dev.rampart.capture.filter.BpfFilter filter = null;
        if (!unmatched.isEmpty() && capture != null && unmatched.stream().noneMatch(u -> u.startsWith("-"))) {
            try {
                filter = dev.rampart.capture.filter.BpfFilter.compile(String.join(" ", unmatched));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        } else {
            for (String u : unmatched) {
                err.println("rampart: warning: ignoring unsupported argument " + u);
            }
        }
        if (!runmode.equals("single") && !runmode.equals("workers") && !runmode.equals("autofp")) {
            throw new ParameterException(spec.commandLine(), "--runmode: expected single, workers or autofp, got " + runmode);
        }
        int workerCount = runmode.equals("single") ? 1
                : threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
        if (workerCount < 1) {
            throw new ParameterException(spec.commandLine(), "--threads: expected at least 1, got " + threads);
        }
        if (cpus != null && runmode.equals("single")) {
            err.println("rampart: warning: --cpus pins the workers of --runmode workers; ignored with --runmode single");
        }
        ChecksumMode mode;
        try {
            mode = ChecksumMode.parse(checksums);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "-k: expected all or none, got " + checksums);
        }
        if ((capture == null) == (iface == null)) {
            throw new ParameterException(spec.commandLine(), "give exactly one of -r FILE or -i IFACE");
        }
        if (capture != null && !Files.isRegularFile(capture)) {
            throw new IllegalStateException("capture file not found: " + capture);
        }
        SuricataConfig config = configOptions.load(spec, err);
        LoadPhases loadPhases = new LoadPhases();
        // whether the old generation was collected just before the rule load (see settleHeap)
        boolean heapSettled = false;
        // JVM start, command line and configuration: what a rule load waits for
        double rulesStartSeconds = 0;
        double planDoneSeconds = 0;
        int rulesLoaded = 0;
        int rulesFailed = 0;
        List<Rule> loadedRules = List.of();
        RuleEnvironment env = null;
        DetectionPlan.Precompiler precompiled = null;
        List<Path> rules = new ArrayList<>(ruleFiles.isEmpty() ? config.ruleFilePaths() : ruleFiles);
        rules.addAll(extraRuleFiles);
        rules.removeIf(p -> !ruleFiles.contains(p) && !extraRuleFiles.contains(p) && !Files.exists(p));
        if (!rules.isEmpty()) {
            for (Path p : rules) {
                if (!Files.exists(p)) {
                    throw new IllegalStateException("rule file not found: " + p);
                }
            }
            env = ConfigOptions.environment(config, err);
            StartupWarmup.stop();
            // a capture large enough to promote that much flow state waits (up to a second) for the touch to
            // end on its own: where it stopped short, young collections of the packet phase paused 30-60 ms
            // each in the kernel, with every worker stopped (OldGenTouch)
            heapSettled = OldGenTouch.beforeRuleLoad(
                    capture != null && largeCapture(capture) ? OldGenTouch.FINISH_WAIT_NANOS : 0);
            rulesStartSeconds = uptimeSeconds();
            loadPhases.restart();
            // each rule is compiled right after its parse, while its tree is young (see Precompiler)
            precompiled = new DetectionPlan.Precompiler(env);
            RuleCheck.Result r = RuleCheck.load(env, false, rules, precompiled);
            loadPhases.mark("read+parse");
            loadedRules = r.loaded();
            for (RuleError e : r.failures()) {
                err.println("rampart: rule error: " + e);
            }
            for (RuleError e : r.replaced()) {
                err.println("rampart: warning: " + e);
            }
            rulesLoaded = r.parsed();
            rulesFailed = r.failed();
            r = null; // see loadedRules below: a frame's dead local still holds what it names
            if (rulesFailed > 0 && initErrorsFatal) {
                err.println("rampart: " + rulesFailed + " rules failed to load (--init-errors-fatal)");
                err.flush();
                return Main.FINDINGS;
            }
        }

        Files.createDirectories(outDir);
        Path profileOut = profileOutput(config);
        DetectionPlan plan = null;
        double planSeconds = 0;
        String mpmCacheDir = null;
        dev.rampart.engine.detect.SecLangPlan secLang = null;
        if (!secLangPaths.isEmpty()) {
            dev.rampart.engine.detect.seclang.SecLangRules sr;
            try {
                MpmCache cache = mpmCache(config);
                sr = dev.rampart.engine.detect.seclang.SecLangLoader.load(secLangPaths,
                        cache == null ? null : cache.directory());
            } catch (dev.rampart.rules.seclang.SecLangException e) {
                throw new ParameterException(spec.commandLine(), "--seclang: " + e.getMessage());
            }
            for (String problem : sr.problems()) {
                if (!quiet) {
                    err.println("rampart: seclang: " + problem);
                }
            }
            if (!quiet) {
                err.println("rampart: seclang: " + sr.ruleCount() + " rules loaded, " + sr.problems().size()
                        + " not loaded or not applied");
            }
            secLang = new dev.rampart.engine.detect.SecLangPlan(sr);
        }
        if (!loadedRules.isEmpty() || secLang != null) {
            long t0 = System.nanoTime();
            MpmCache mpmCache = mpmCache(config);
            plan = DetectionPlan.build(loadedRules, env, detectSettings(config, env, err),
                    MultiPatternMatchers.preferredKind(), mpmCache, precompiled);
            precompiled = null;
            if (secLang != null) {
                plan.withSecLang(secLang);
            }
            // the plan keeps no parse tree: with the list gone, the next collection frees ET Open's
            // 19k trees instead of keeping them for the whole scan
            loadedRules = null;
            planSeconds = (System.nanoTime() - t0) / 1e9;
            planDoneSeconds = uptimeSeconds();
            loadPhases.addAll(plan.phases());
            mpmCacheDir = mpmCache == null ? "off" : mpmCache.directory().toString();
            for (String problem : plan.settingProblems()) {
                err.println("rampart: warning: " + problem);
            }
            for (DetectionPlan.Skipped sk : plan.skipped()) {
                if (!quiet) {
                    err.println("rampart: rule not loaded: sid " + sk.rule().sid() + ": " + sk.reason());
                }
            }
        }
        ScanRun.Result run;
        String source;
        long alerts = 0;
        // one stats record, written (with the same shutdown time) to stats.json and after the alerts in eve.json
        long statsNanos;
        double readySeconds = 0;
        double scanCpuSeconds = 0;
        long scanAllocatedBytes = 0;
        // each record type goes to the eve-log output that lists it (output-multi-eve); eve.json by default
        Path alertFile = outDir.resolve(EngineSettings.eveFile(config, "alert"));
        Path statsFile = outDir.resolve(EngineSettings.eveFile(config, "stats"));
        try (OutputStream eve = new BufferedOutputStream(Files.newOutputStream(alertFile), 1 << 16);
             OutputStream statsEve = statsFile.equals(alertFile) ? null
                     : new BufferedOutputStream(Files.newOutputStream(statsFile), 1 << 16)) {
            DetectStage detect = null;
            JournalAlerts journal = null;
            java.util.List<DetectStage> stages = new java.util.ArrayList<>();
            java.util.function.IntFunction<DetectStage> detects = null;
            if (plan != null) {
                EveAlertWriter writer = new EveAlertWriter(eve);
                if (masksFile != null && journalDir == null) {
                    throw new ParameterException(spec.commandLine(), "--masks needs --journal DIR");
                }
                dev.rampart.alerts.score.MaskSet masks = new dev.rampart.alerts.score.MaskSet();
                if (masksFile != null) {
                    try {
                        dev.rampart.alerts.score.MaskFile.load(masksFile, masks);
                    } catch (IllegalArgumentException e) {
                        throw new ParameterException(spec.commandLine(), "--masks: " + e.getMessage());
                    }
                }
                journal = journalDir == null ? null : new JournalAlerts(journalDir, masks);
                JournalAlerts j = journal;
                // one writer for all workers: alerts are serialised here (the alert sink)
                dev.rampart.engine.detect.AlertSink sink = (alert, rule) -> {
                    synchronized (writer) {
                        writer.write(alert);
                        if (j != null) {
                            j.accept(alert, rule);
                        }
                    }
                };
                DetectionPlan p = plan;
                // thresholds and host/IP-pair bits: one table for all workers, as Suricata has
                dev.rampart.engine.detect.HostState hosts = new dev.rampart.engine.detect.HostState(p);
                detects = i -> {
                    DetectStage d = new DetectStage(p, sink, profileOut == null ? null : new RuleProfiler(p), hosts);
                    d.setSimulateIps(simulateIps.length > 0);
                    EngineSettings.detectStage(config, d, simulateIps.length > 0);
                    stages.add(d);
                    return d;
                };
                // live capture (-i) runs on one thread here; the long-running sensor is where the pipeline serves live input
                detect = capture != null && !runmode.equals("single") ? null : detects.apply(0);
                if (capture != null && !heapSettled) {
                    settleHeap();
                }
                // JVM start, class loading, rule load and plan: the wall a packet waits for
                readySeconds = uptimeSeconds();
            }
            PacketPath.Config pathConfig = EngineSettings.packetPath(config, mode);
            String warn = StreamSettings.apply(config, pathConfig.stream);
            StreamSettings.applyPolicies(config, pathConfig.stream, simulateIps.length > 0);
            warn += EngineSettings.exceptionPolicies(config, pathConfig, simulateIps.length > 0);
            String inlineSetting = config.getString("stream.inline");
            pathConfig.stream.inline = inlineSetting != null && !inlineSetting.equalsIgnoreCase("auto")
                    ? config.getBool("stream.inline", false) : simulateIps.length > 0;
            EngineSettings.inlineBodyInspection(config, pathConfig);
            if (!warn.isEmpty() && !quiet) {
                err.println("rampart: warning: " + warn);
            }
            if (capture != null && !runmode.equals("single") && filter != null) {
                throw new ParameterException(spec.commandLine(), "a BPF filter needs --runmode single");
            }
            // the workers' options, checked before anything is opened
            WorkersPipeline.Options po = null;
            if (capture != null && !runmode.equals("single")) {
                po = new WorkersPipeline.Options();
                po.ringSize = ScanRun.ringSlotsPerWorker(workerCount);
                String ring = config.getString("rampart.ring-size");
                if (ring != null && !ring.isBlank()) {
                    try {
                        po.ringSize = Integer.parseInt(ring.trim());
                    } catch (NumberFormatException e) {
                        po.ringSize = 0;
                    }
                    if (po.ringSize < 2 || po.ringSize > (1 << 20)) {
                        throw new ParameterException(spec.commandLine(),
                                "rampart.ring-size: expected slots per worker from 2 to 1048576, got " + ring);
                    }
                }
                po.captureIsWorker0 = runmode.equals("workers");
                String weights = config.getString("rampart.worker-weights");
                if (weights != null && !weights.isBlank()) {
                    po.weights = parseWeights(weights, workerCount);
                    if (po.weights == null) {
                        throw new ParameterException(spec.commandLine(), "rampart.worker-weights: expected " + workerCount
                                + " comma-separated numbers >= 0 (one a worker, some positive), got " + weights);
                    }
                }
                String cpuList = cpus != null ? cpus : config.getString("rampart.cpu-list");
                try {
                    po.cpus = CpuPinning.parse(cpuList);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "--cpus: " + e.getMessage());
                }
            }
            // rampart.file-fanout (default yes): each worker thread walks the file itself and keeps its own
            // frames (WorkersPipeline, "File fanout"); no: the capture thread hands the other workers their
            // frames through rings. The readers share the file's windows (FileFanout). The default because
            // on the 16-core machine its 2 and 8 workers were faster than the rings, and on the 2-core one
            // it was no slower (2 workers, median processing wall of six interleaved series, fanout first:
            // 1.54/1.56, 1.78/1.91, 1.31/1.31, 1.50/1.68, 1.66/1.56 s; 2 GB 7.11/7.12 s; docs/engine.md).
            // Opened here, before the packet warm-up, so that another thread allocates its window buffers
            // and reads its first windows meanwhile (FileFanout.prepare), not the packet phase.
            boolean packetWarmup = plan != null && capture != null
                    && warmUp(config.getString("rampart.packet-warmup"), capture);
            dev.rampart.capture.file.FileFanout fanout = null;
            Thread fanoutPrepare = null;
            if (po != null && po.captureIsWorker0 && workerCount > 1 && config.getBool("rampart.file-fanout", true)) {
                try {
                    fanout = dev.rampart.capture.file.FileFanout.of(capture, workerCount);
                } catch (CaptureException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
                // rampart.file-fanout-read-ahead: auto (default): from FileFanout.READ_AHEAD_READERS
                // workers on, the readers read windows in ahead of the record index's walks, whose one
                // chain then only parses (FileFanout.readsAhead); yes / no
                Boolean readAhead = yesNoOrAuto(config.getString("rampart.file-fanout-read-ahead"));
                if (readAhead != null) {
                    fanout.readsAhead(readAhead);
                }
                dev.rampart.capture.file.FileFanout prepared = fanout;
                // with the packet warm-up, a throwaway balanced fanout over the file's first 20,000 records
                // compiles the readers' path meanwhile too (FileFanout.warmUp)
                boolean warmReaders = packetWarmup && po.weights == null
                        && config.getBool("rampart.file-fanout-balance", true);
                fanoutPrepare = new Thread(() -> {
                    prepared.prepare();
                    if (warmReaders) {
                        dev.rampart.capture.file.FileFanout.warmUp(capture, workerCount,
                                dev.rampart.engine.pipeline.FlowAffinity::pairKey, 20_000);
                    }
                }, "rampart-fanout-prepare");
                fanoutPrepare.setDaemon(true);
                fanoutPrepare.start();
            }
            // rampart.packet-warmup: traffic of our own through a throwaway path with this plan before the
            // capture's first packet, so that C1 has compiled the packet path (PacketWarmup). auto (default):
            // for a capture file of WARMUP_MIN_BYTES or more, whose processing outlasts the ~0.3-0.4 s it costs;
            // yes / no. PacketWarmup itself skips a plan whose rules write a dataset
            if (packetWarmup) {
                long w0 = System.nanoTime();
                long n = dev.rampart.engine.pipeline.PacketWarmup.run(plan, pathConfig);
                if (!quiet && Boolean.getBoolean("rampart.warmup.trace")) {
                    err.printf("rampart: packet warm-up: %d packets in %.0f ms, ends at uptime %d ms; JIT %d ms so far%n",
                            n, (System.nanoTime() - w0) / 1e6,
                            java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime(),
                            dev.rampart.engine.pipeline.PacketWarmup.jitMillis());
                }
            }
            long scanCpu = LoadPhases.threadCpuNanos();
            long scanAlloc = allocatedBytes();
            if (capture != null && !runmode.equals("single")) {
                if (fanout != null) {
                    joinQuietly(fanoutPrepare);
                    dev.rampart.capture.file.FileFanout group = fanout;
                    // rampart.file-fanout-index: yes: the file's records are walked once for all the workers,
                    // each reads only its own (FileFanout.indexBy). Off by default: on 2 cores it was no faster
                    // and its walk a window ahead maps one more window (peak RSS +6-22 MB); meant for many
                    // workers, where every worker's walk of the whole file is the cost (docs/engine.md)
                    boolean index = config.getBool("rampart.file-fanout-index", false);
                    // rampart.file-fanout-balance: yes (default): the walk gives each address pair to the worker
                    // with the least work waiting when it meets the pair (FileFanout.balanceBy; implies the index);
                    // no: the fixed split by pair hash. Ignored with rampart.worker-weights (a fixed split asked for)
                    boolean balance = config.getBool("rampart.file-fanout-balance", true);
                    po.fanout = new WorkersPipeline.FileReaders() {
                        @Override
                        public dev.rampart.capture.FrameSource open(int worker) throws CaptureException {
                            return group.open(worker);
                        }

                        @Override
                        public void ownedBy(dev.rampart.capture.FrameOwner owner) {
                            if (index) {
                                group.indexBy(owner);
                            }
                        }

                        @Override
                        public boolean balanceBy(dev.rampart.capture.FrameKey key) {
                            return balance && group.balanceBy(key);
                        }
                    };
                }
                try {
                    run = ScanRun.runWorkers(capture, pathConfig, workerCount, po, detects, quiet ? null : err);
                    if (fanout != null) { // a reader parked because it was too far ahead of the slowest
                        StatsTree.put(run.stats(), "rampart.pipeline.fanout_lead_wait_ms", fanout.maxLeadWaitMillis());
                        // and all readers together, waiting for a window another was walking or reading
                        StatsTree.put(run.stats(), "rampart.pipeline.fanout_handoff_wait_ms", fanout.handoffWaitMillis());
                        StatsTree.put(run.stats(), "rampart.pipeline.fanout_walk_ms", fanout.walkMillis());
                        StatsTree.put(run.stats(), "rampart.pipeline.fanout_read_ahead", fanout.readsAhead() ? 1L : 0L);
                        StatsTree.put(run.stats(), "rampart.pipeline.fanout_index", fanout.indexed() ? 1L : 0L);
                        StatsTree.put(run.stats(), "rampart.pipeline.fanout_buffers", (long) fanout.buffersAllocated());
                        if (fanout.balanced()) {
                            StatsTree.put(run.stats(), "rampart.pipeline.fanout_keys", (long) fanout.balancedKeys());
                        }
                    }
                } finally {
                    if (fanout != null) {
                        fanout.close(); // every reader is closed by now
                    }
                }
                source = capture.toString();
            } else if (capture != null) {
                run = ScanRun.run(capture, pathConfig, detect, filter, quiet ? null : err);
                source = capture.toString();
            } else {
                LiveCaptureOptions lo = new LiveCaptureOptions(iface);
                lo.filter = bpf;
                run = ScanRun.runLive(lo, mode, detect, duration, maxPackets, quiet ? null : err);
                source = iface;
            }
            if (!quiet && Boolean.getBoolean("rampart.warmup.trace")) {
                err.printf("rampart: JIT %d ms after the packets%n", dev.rampart.engine.pipeline.PacketWarmup.jitMillis());
            }
            scanCpu = LoadPhases.threadCpuNanos() - scanCpu;
            scanCpuSeconds = scanCpu / 1e9;
            scanAllocatedBytes = allocatedBytes() - scanAlloc;
            for (DetectStage d : stages) {
                alerts += d.alerts();
            }
            if (profileOut != null && !stages.isEmpty()) {
                writeProfile(profileOut, stages, quiet ? null : err);
            }
            if (journal != null) {
                journal.close();
                if (!quiet) {
                    err.printf("rampart: journal %s: %d alerts appended, %d incidents raised%n", journalDir,
                            journal.alerts(), journal.incidents());
                }
            }
            // the stats record as Suricata writes it at shutdown (wall-clock time), after the alerts
            statsNanos = System.currentTimeMillis() * 1_000_000L;
            new EveStatsWriter(statsEve != null ? statsEve : eve, ZoneOffset.UTC).write(statsNanos, run.stats());
        }
        Map<String, Object> stats = run.stats();
        String captureError = run.captureError();
        long frames = run.packets();
        long bytes = run.bytes();
        double seconds = run.seconds();
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(outDir.resolve("stats.json")))) {
            new EveStatsWriter(o, ZoneOffset.UTC).write(statsNanos, stats);
        }

        Object flowsTotal = StatsTree.get(stats, "flow.total");
        Object sessions = StatsTree.get(stats, "tcp.sessions");
        if (captureError != null) {
            err.println("rampart: " + captureError);
        }
        out.printf("rampart scan: %s: %,d packets, %,d bytes, %s flows, %s TCP sessions in %.2f s (%,.0f pkt/s, %.1f Mbit/s)%n",
                source, frames, bytes, flowsTotal, sessions, seconds, frames / Math.max(seconds, 1e-9),
                bytes * 8 / 1e6 / Math.max(seconds, 1e-9));
        if (!rules.isEmpty()) {
            int skipped = plan == null ? 0 : plan.skipped().size();
            out.printf("rules: %d loaded, %d failed to parse, %d not supported by the engine yet; %,d alerts%n",
                    rulesLoaded - skipped, rulesFailed, skipped, alerts);
            if (plan != null && !quiet) {
                out.printf("detect: %d rule groups, %d prefilters compiled, %d read from the MPM cache (%s); "
                        + "plan built in %.2f s%n", plan.groupCount(), plan.matchersBuilt(), plan.matchersFromCache(),
                        mpmCacheDir, planSeconds);
                out.printf("load: %s; ready %.2f s after JVM start (%.2f s before reading rules, %.2f s after the plan)%n",
                        loadPhases.summary(), readySeconds, rulesStartSeconds, readySeconds - planDoneSeconds);
                // the packet path runs on this thread in single runmode: its CPU time is the
                // processing cost without start-up, JIT and GC threads
                out.printf("cpu: scan thread %.2f s, process %.2f s%n", scanCpuSeconds, LoadPhases.processCpuNanos() / 1e9);
            }
        }
        if (!quiet && StatsTree.get(stats, "rampart.pipeline.workers") instanceof Long n && n > 1) {
            StringBuilder per = new StringBuilder();
            for (long i = 0; i < n; i++) {
                per.append(i == 0 ? "" : " / ").append(StatsTree.get(stats, "rampart.pipeline.worker." + i + ".packets"));
            }
            out.printf("pipeline: %d workers (%s), packets per worker %s; alert latency p50 %s µs, p99 %s µs%n", n,
                    runmode, per, StatsTree.get(stats, "rampart.latency.alert.p50_us"),
                    StatsTree.get(stats, "rampart.latency.alert.p99_us"));
        }
        if (threadCpuReport) {
            ThreadCpuReport.print(out);
            // heap the scan thread allocated for the packets (single runmode: all of the packet path)
            out.printf("thread-alloc: scan thread %.1f MB%n", scanAllocatedBytes / 1e6);
        }
        out.println("wrote " + outDir.resolve("stats.json") + " and " + alertFile);
        out.flush();
        err.flush();
        return captureError != null ? Main.FINDINGS : Main.OK;
    }

    /**
     * Where the rule profile goes, or null: {@code --profile-rules FILE}, or {@code --set
     * profiling.rules.enabled=yes} (then {@code profiling.rules.filename} under the log directory).
     * The configuration file's own {@code enabled: yes} is not enough: Suricata's default
     * suricata.yaml ships it on, and Suricata honours it only in builds with profiling compiled in;
     * an explicit {@code --set} is our equivalent of that build choice.
     */
    private Path profileOutput(SuricataConfig config) {
        if (profileRules != null) {
            return profileRules;
        }
        if (!configOptions.setOnCommandLine("profiling.rules.enabled") || !config.getBool("profiling.rules.enabled", false)) {
            return null;
        }
        String name = config.getString("profiling.rules.filename");
        return outDir.resolve(name == null || name.isBlank() ? "rule_perf.json" : name);
    }

    /** Heap bytes this thread allocated so far (HotSpot's per-thread counter), or 0 where unsupported. */
    private static long allocatedBytes() {
        java.lang.management.ThreadMXBean b = java.lang.management.ManagementFactory.getThreadMXBean();
        return b instanceof com.sun.management.ThreadMXBean h && h.isThreadAllocatedMemorySupported()
                ? h.getCurrentThreadAllocatedBytes() : 0;
    }

    /** Captures smaller than this are scanned without the packet warm-up by default (about its cost in processing). */
    static final long WARMUP_MIN_BYTES = 64L << 20;

    /** The packet warm-up's setting for {@code capture}: yes / no, or auto (null, empty): by the file's size. */
    static boolean warmUp(String setting, Path capture) {
        Boolean on = yesNoOrAuto(setting);
        return on != null ? on : largeCapture(capture);
    }

    /** A yes / no / auto setting: its yes or no, null for auto (also unset or empty). */
    static Boolean yesNoOrAuto(String setting) {
        return setting == null || setting.isBlank() || setting.equalsIgnoreCase("auto") ? null
                : SuricataConfig.isTrue(setting);
    }

    /** Whether {@code capture} has {@link #WARMUP_MIN_BYTES} or more: its processing outlasts start-up work done for it. */
    static boolean largeCapture(Path capture) {
        try {
            return Files.size(capture) >= WARMUP_MIN_BYTES;
        } catch (IOException e) {
            return false; // the scan reports the file itself
        }
    }

    /** Waits for {@code t} to end; an interrupt ends the wait (and is kept for the caller to see). */
    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One full collection between rule load and the first packet. Loading promotes its garbage
     * (parse trees, builders) into the old generation with the launcher's small young
     * generation; the packet phase then promotes the flows' state on top of it and pays a full
     * collection of the whole live heap (~200 MB, 0.3-0.6 CPU-s) once the old generation fills.
     * Collected here, the old generation holds only the plan (~100 MB live, a cheaper collection)
     * and has room for the flows' state. {@code -Drampart.settleHeap=false} skips it. Not needed
     * when the old generation was collected just before the load ({@link OldGenTouch#beforeRuleLoad}):
     * the load's garbage left there is then ~20 MB (measured with one packet thread, ET Open and a
     * 500 MB scan: no full collection in its packet phase either way, peak RSS 291 -> 310 MB, ready
     * 0.06 s sooner).
     */
    private static void settleHeap() {
        if (!"false".equals(System.getProperty("rampart.settleHeap"))) {
            System.gc();
        }
    }

    /** Merges the workers' rule profiles and writes the JSON report. */
    private static void writeProfile(Path file, List<DetectStage> stages, PrintWriter progress) throws IOException {
        List<RuleProfiler> profiles = new ArrayList<>();
        for (DetectStage d : stages) {
            profiles.add(d.profiler());
        }
        RuleProfiler merged = RuleProfiler.merge(profiles);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (java.io.Writer w = Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8)) {
            merged.writeJson(w, profiles.size());
        }
        if (progress != null) {
            progress.printf("rampart: rule profile %s: %.1f ms in rule checks, %.1f ms in prefilters (%d workers)%n",
                    file, merged.totalRuleTicks() / 1e6, merged.totalPrefilterTicks() / 1e6, profiles.size());
        }
    }

    private static double uptimeSeconds() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
    }

    /**
     * Compiled prefilters are cached on disk (as Suricata 8's {@code detect.sgh-mpm-caching} does) in
     * {@code rampart.mpm-cache-dir}, default ~/.cache/rampart/mpm; "none" turns the cache off. Our
     * own key: Suricata's {@code sgh-mpm-caching-path} in a shared suricata.yaml points at a system
     * directory, and our files are not Suricata's.
     */
    public static MpmCache mpmCache(SuricataConfig config) {
        String dir = config.getString("rampart.mpm-cache-dir");
        if (dir == null || dir.isBlank()) {
            return new MpmCache(Path.of(System.getProperty("user.home"), ".cache", "rampart", "mpm"));
        }
        return dir.equals("none") ? null : new MpmCache(Path.of(dir));
    }

    /** {@code rampart.worker-weights}: one number ≥ 0 a worker, some positive; null when it is not that. */
    static double[] parseWeights(String text, int workers) {
        String[] parts = text.split(",");
        if (parts.length != workers) {
            return null;
        }
        double[] w = new double[workers];
        double sum = 0;
        for (int i = 0; i < workers; i++) {
            try {
                w[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                return null;
            }
            if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                return null;
            }
            sum += w[i];
        }
        return sum > 0 ? w : null;
    }
}

package dev.rampart.cli.scan;

import dev.rampart.capture.live.LiveCaptureOptions;
import dev.rampart.cli.ConfigOptions;
import dev.rampart.cli.Main;
import dev.rampart.cli.rules.RuleCheck;
import dev.rampart.engine.decode.ChecksumMode;
import dev.rampart.engine.detect.DetectStage;
import dev.rampart.engine.detect.DetectionPlan;
import dev.rampart.engine.output.eve.EveAlertWriter;
import dev.rampart.engine.output.eve.EveStatsWriter;
import dev.rampart.engine.pipeline.StatsTree;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleError;
import dev.rampart.rules.config.SuricataConfig;
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

    @Option(names = "-l", paramLabel = "OUTDIR", defaultValue = ".", description = "Log directory (default: .).")
    Path outDir;

    @Option(names = "-k", paramLabel = "all|none", defaultValue = "none",
            description = "Checksum validation: all or none (default none for capture files).")
    String checksums;

    @Option(names = "--runmode", paramLabel = "MODE", defaultValue = "single",
            description = "single (default); workers/autofp run single-threaded until the pipeline exists.")
    String runmode;

    @Option(names = "--threads", paramLabel = "N", description = "Detection workers (pipeline runmodes; see --runmode).")
    Integer threads;

    @Option(names = "--init-errors-fatal", description = "Exit with status 1 when a rule fails to load.")
    boolean initErrorsFatal;

    @Option(names = "--simulate-ips", description = "Accepted for Suricata compatibility (drop actions are only logged).")
    boolean simulateIps;

    @Option(names = "-q", description = "Only print errors and the summary.")
    boolean quiet;

    @Unmatched
    List<String> unmatched = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (String u : unmatched) {
            err.println("rampart: warning: ignoring unsupported argument " + u);
        }
        if (!runmode.equals("single")) {
            err.println("rampart: warning: runmode " + runmode + " is not implemented yet; running single-threaded");
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
        int rulesLoaded = 0;
        int rulesFailed = 0;
        List<Rule> loadedRules = List.of();
        RuleEnvironment env = null;
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
            RuleCheck.Result r = RuleCheck.load(env, false, rules);
            loadedRules = r.loaded();
            for (RuleError e : r.failures()) {
                err.println("rampart: rule error: " + e);
            }
            rulesLoaded = r.parsed();
            rulesFailed = r.failed();
            if (rulesFailed > 0 && initErrorsFatal) {
                err.println("rampart: " + rulesFailed + " rules failed to load (--init-errors-fatal)");
                err.flush();
                return Main.FINDINGS;
            }
        }

        Files.createDirectories(outDir);
        DetectionPlan plan = null;
        if (!loadedRules.isEmpty()) {
            plan = DetectionPlan.build(loadedRules, env);
            for (DetectionPlan.Skipped sk : plan.skipped()) {
                if (!quiet) {
                    err.println("rampart: rule not loaded: sid " + sk.rule().sid() + ": " + sk.reason());
                }
            }
        }
        ScanRun.Result run;
        String source;
        long alerts = 0;
        try (OutputStream eve = new BufferedOutputStream(Files.newOutputStream(outDir.resolve("eve.json")), 1 << 16)) {
            DetectStage detect = null;
            if (plan != null) {
                EveAlertWriter writer = new EveAlertWriter(eve);
                detect = new DetectStage(plan, (alert, rule) -> writer.write(alert));
                detect.setSimulateIps(simulateIps);
                EngineSettings.output(config, detect);
            }
            if (capture != null) {
                run = ScanRun.run(capture, EngineSettings.packetPath(config, mode), detect, quiet ? null : err);
                source = capture.toString();
            } else {
                LiveCaptureOptions lo = new LiveCaptureOptions(iface);
                lo.filter = bpf;
                run = ScanRun.runLive(lo, mode, detect, duration, maxPackets, quiet ? null : err);
                source = iface;
            }
            if (detect != null) {
                alerts = detect.alerts();
            }
            // the stats record as Suricata writes it at shutdown (wall-clock time), after the alerts
            new EveStatsWriter(eve, ZoneOffset.UTC).write(System.currentTimeMillis() * 1_000_000L, run.stats());
        }
        Map<String, Object> stats = run.stats();
        String captureError = run.captureError();
        long frames = run.packets();
        long bytes = run.bytes();
        double seconds = run.seconds();
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(outDir.resolve("stats.json")))) {
            new EveStatsWriter(o, ZoneOffset.UTC).write(System.currentTimeMillis() * 1_000_000L, stats);
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
        }
        out.println("wrote " + outDir.resolve("stats.json") + " and " + outDir.resolve("eve.json"));
        out.flush();
        err.flush();
        return captureError != null ? Main.FINDINGS : Main.OK;
    }
}

package dev.rampart.cli.sensor;

import dev.rampart.capture.CaptureException;
import dev.rampart.cli.ConfigOptions;
import dev.rampart.cli.Main;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.config.SuricataConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code rampart sensor}: the long-running live sensor. Runs until SIGTERM or SIGINT, then drains
 * and flushes (nothing captured is lost); SIGHUP reloads the rules. Configuration errors exit 2.
 */
@Command(name = "sensor",
        description = {"Capture live (libpcap) and inspect continuously: alerts to the journal (and eve.json), "
                + "periodic stats on stderr, Prometheus metrics and a control API on 127.0.0.1.",
                "SIGTERM/SIGINT stop after draining every captured packet; SIGHUP or POST /control/reload reloads "
                        + "the rules without a restart. See docs/rampart.yaml for the configuration."})
public final class SensorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "rampart.yaml (see docs/rampart.yaml).")
    Path config;

    @Option(names = "-i", paramLabel = "IFACE", description = "Interface to capture on (repeatable; replaces "
            + "the configuration's interfaces).")
    List<String> interfaces = new ArrayList<>();

    @Option(names = "-S", paramLabel = "RULES", description = "Rule file or directory (repeatable; replaces "
            + "rules.sources).")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--disable-conf", paramLabel = "FILE", description = "Rule management's disable.conf, read on "
            + "start and every reload (replaces rules.disable-conf; the console writes it).")
    Path disableConf;

    @Option(names = "--masks", paramLabel = "FILE", description = "The console's masks file (STATE/masks), read on "
            + "start and every reload (replaces masks).")
    Path masks;

    @Option(names = "--settings", paramLabel = "FILE", description = "The console's host settings (STATE/settings.json): "
            + "the local host's analysis switch and process selection, read on start and every reload (replaces settings).")
    Path settings;

    @Option(names = "--bpf", paramLabel = "FILTER", description = "BPF capture filter (replaces bpf).")
    String bpf;

    @Option(names = "--workers", paramLabel = "N", description = "Detection workers (replaces workers).")
    Integer workers;

    @Option(names = "--journal", paramLabel = "DIR", description = "Alert journal directory (replaces journal.path).")
    Path journal;

    @Option(names = "--eve", paramLabel = "FILE", description = "Also write alerts to this eve.json (replaces eve.path).")
    Path eve;

    @Option(names = "--stats-file", paramLabel = "FILE", description = "stats.json written at exit (replaces stats.file).")
    Path statsFile;

    @Option(names = "--control-port", paramLabel = "PORT", description = "Control API port on 127.0.0.1 (default "
            + SensorConfig.DEFAULT_CONTROL_PORT + ", the console's default), 0 for any free port, -1 off (replaces "
            + "control.port).")
    Integer controlPort;

    @Option(names = "--prometheus-port", paramLabel = "PORT", description = "Metrics port on 127.0.0.1, 0 for any "
            + "free port; the control port when equal (replaces prometheus.port).")
    Integer prometheusPort;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        SensorConfig cfg;
        SuricataConfig suricata;
        RuleEnvironment env;
        try {
            cfg = config == null ? new SensorConfig() : SensorConfig.load(config);
            applyOverrides(cfg);
            cfg.validate(config == null ? "sensor" : config.toString());
            suricata = suricataConfig(cfg);
            env = ConfigOptions.environment(suricata, err);
        } catch (SensorConfig.Invalid | SuricataConfig.ConfigException e) {
            err.println("rampart: error: " + e.getMessage());
            err.println("Usage: rampart sensor [-c rampart.yaml] [-i IFACE]... [-S RULES]... (rampart sensor --help; "
                    + "every key: docs/rampart.yaml)");
            err.flush();
            return Main.USAGE;
        }
        Sensor sensor;
        try {
            sensor = new Sensor(cfg, suricata, env, err);
            sensor.openCapture();
        } catch (SensorRules.Failed | CaptureException e) {
            err.println("rampart: error: " + e.getMessage());
            err.flush();
            return Main.FINDINGS;
        }
        // a signal the process was started with ignored (SIGHUP under nohup) gets no handler: the JVM
        // leaves it ignored and says so only by returning SIG_IGN as the old handler
        boolean termIgnored = Signal.handle(new Signal("TERM"), s -> sensor.stop()) == SignalHandler.SIG_IGN;
        // SIGINT is ignored in any background job of a non-interactive shell: SIGTERM is the one that counts
        boolean intIgnored = Signal.handle(new Signal("INT"), s -> sensor.stop()) == SignalHandler.SIG_IGN;
        if (termIgnored) {
            err.println("rampart: warning: SIGTERM is ignored in this process: it will not stop the sensor; "
                    + (intIgnored ? "nor will SIGINT (SIGKILL would lose what is in flight)" : "SIGINT does"));
        }
        if (Signal.handle(new Signal("HUP"), s -> sensor.reload()) == SignalHandler.SIG_IGN) {
            err.println("rampart: warning: SIGHUP is ignored in this process (started under nohup?): it will not reload "
                    + "the rules; POST /control/reload does");
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rampart-stats");
            t.setDaemon(true);
            return t;
        });
        SensorHttp started;
        try {
            started = new SensorHttp(sensor).start(cfg.controlPort, cfg.prometheusPort);
        } catch (java.net.BindException e) {
            err.println("rampart: error: " + e.getMessage());
            err.flush();
            sensor.stop();
            sensor.run(); // closes capture, pipeline and journal
            ticker.shutdownNow();
            return Main.FINDINGS;
        }
        try (SensorHttp http = started) {
            if (http.controlPort() >= 0) {
                err.println("rampart: control http://127.0.0.1:" + http.controlPort() + "/control/status");
            }
            if (http.metricsPort() >= 0) {
                err.println("rampart: metrics http://127.0.0.1:" + http.metricsPort() + "/metrics");
            }
            err.println("rampart: sensor running (pid " + ProcessHandle.current().pid() + ")");
            err.flush();
            long every = cfg.statsInterval.toMillis();
            if (every > 0) {
                StatsLine line = new StatsLine(sensor.snapshot());
                ticker.scheduleAtFixedRate(() -> {
                    sensor.flushOutputs();
                    String l = line.next(sensor.snapshot());
                    synchronized (err) {
                        err.println("rampart: " + l);
                        err.flush();
                    }
                }, every, every, TimeUnit.MILLISECONDS);
            }
            Map<String, Object> stats = sensor.run();
            ticker.shutdownNow();
            if (cfg.statsFile != null) {
                err.println("rampart: wrote " + cfg.statsFile);
            }
            err.flush();
            return stats.isEmpty() ? Main.FINDINGS : Main.OK;
        } finally {
            ticker.shutdownNow();
        }
    }

    private void applyOverrides(SensorConfig cfg) {
        if (!interfaces.isEmpty()) {
            cfg.interfaces = new ArrayList<>(interfaces);
        }
        if (!rules.isEmpty()) {
            cfg.ruleSources = new ArrayList<>(rules);
        }
        if (disableConf != null) {
            cfg.disableConf = disableConf;
        }
        if (settings != null) {
            cfg.settings = settings;
        }
        if (masks != null) {
            cfg.masks = masks;
        }
        if (bpf != null) {
            cfg.bpf = bpf;
        }
        if (workers != null) {
            if (workers < 1) {
                throw new SensorConfig.Invalid("--workers: expected at least 1, got " + workers);
            }
            cfg.workers = workers;
        }
        if (journal != null) {
            cfg.journal = journal;
        }
        if (eve != null) {
            cfg.eve = eve;
        }
        if (statsFile != null) {
            cfg.statsFile = statsFile;
        }
        if (controlPort != null) {
            if (controlPort < -1 || controlPort > 65535) {
                throw new SensorConfig.Invalid("--control-port: expected -1 (off) or 0 to 65535, got " + controlPort);
            }
            cfg.controlPort = controlPort;
        }
        if (prometheusPort != null) {
            cfg.prometheusPort = prometheusPort;
        }
    }

    /** The engine settings: suricata-config (or Suricata's defaults) with the sensor's vars and memcaps. */
    static SuricataConfig suricataConfig(SensorConfig cfg) {
        SuricataConfig c;
        if (cfg.suricataConfig != null) {
            if (!Files.isRegularFile(cfg.suricataConfig)) {
                throw new SensorConfig.Invalid("suricata-config: " + cfg.suricataConfig + ": no such file");
            }
            c = SuricataConfig.load(cfg.suricataConfig);
        } else {
            c = SuricataConfig.defaults();
        }
        for (Map.Entry<String, String> e : cfg.addressGroups.entrySet()) {
            c.set("vars.address-groups." + e.getKey() + "=" + e.getValue());
        }
        for (Map.Entry<String, String> e : cfg.portGroups.entrySet()) {
            c.set("vars.port-groups." + e.getKey() + "=" + e.getValue());
        }
        if (cfg.mpmCacheDir != null) {
            c.set("rampart.mpm-cache-dir=" + cfg.mpmCacheDir);
        }
        return c;
    }
}

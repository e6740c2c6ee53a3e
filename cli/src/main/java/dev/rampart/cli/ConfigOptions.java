package dev.rampart.cli;

import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.config.SuricataConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code -c suricata.yaml} and {@code --set key=value}, as Suricata takes them. */
public final class ConfigOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Suricata-style YAML configuration (vars, classification/reference files, rule files). "
                    + "Default: the variables of Suricata 8's default suricata.yaml.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a configuration value, e.g. --set vars.address-groups.HOME_NET=[10.0.0.0/8] "
                    + "(repeatable; dotted keys as in Suricata).")
    List<String> sets = new ArrayList<>();

    /**
     * Loads the configuration (or the defaults), applies the overrides and prints its warnings to
     * {@code err}. A malformed {@code --set} is a usage error.
     */
    public SuricataConfig load(CommandSpec spec, PrintWriter err) {
        if (config != null && !Files.isRegularFile(config)) {
            throw new IllegalStateException("configuration file not found: " + config);
        }
        SuricataConfig c = config == null ? SuricataConfig.defaults() : SuricataConfig.load(config);
        for (String kv : sets) {
            try {
                c.set(kv);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return c;
    }

    /** Whether {@code --set KEY=...} was given for this key (not only the configuration file's value). */
    public boolean setOnCommandLine(String key) {
        for (String kv : sets) {
            int eq = kv.indexOf('=');
            if (eq > 0 && kv.substring(0, eq).trim().equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** The rule environment of a loaded configuration; warnings go to {@code err}. */
    public static RuleEnvironment environment(SuricataConfig c, PrintWriter err) {
        RuleEnvironment env = c.toEnvironment();
        for (String w : c.warnings()) {
            err.println("rampart: warning: " + w);
        }
        err.flush();
        return env;
    }
}

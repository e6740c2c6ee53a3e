package dev.rampart.console;

import dev.rampart.alerts.JournalConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the console reads and keeps things: the journal (read, and appended to for the audit
 * trail), the state directory (password hash, masks, settings, block policies), the rule files
 * (rule texts: Suricata *.rules and SecLang *.conf files), rule management's disable.conf, the address to serve on and the local sensor's
 * control port.
 */
public record ConsoleConfig(Path journal, JournalConfig.RollPeriod roll, Path stateDir, List<Path> rulesDirs, Path disableConf,
                            String bind, int port, int controlPort) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8780;
    public static final int DEFAULT_CONTROL_PORT = 9411;

    public static ConsoleConfig of(Path journal, Path stateDir) {
        return new ConsoleConfig(journal, JournalConfig.RollPeriod.DAILY, stateDir, List.of(), stateDir.resolve("disable.conf"),
                DEFAULT_BIND, DEFAULT_PORT, DEFAULT_CONTROL_PORT);
    }

    public ConsoleConfig withPort(int p) {
        return new ConsoleConfig(journal, roll, stateDir, rulesDirs, disableConf, bind, p, controlPort);
    }

    public ConsoleConfig(Path journal, JournalConfig.RollPeriod roll, Path stateDir, List<Path> rulesDirs, Path disableConf,
            String bind, int port, int controlPort) {
        this.journal = journal;
        this.roll = roll;
        this.stateDir = stateDir;
        this.rulesDirs = rulesDirs == null ? List.of() : List.copyOf(rulesDirs);
        this.disableConf = disableConf;
        this.bind = bind;
        this.port = port;
        this.controlPort = controlPort;
    }

    public ConsoleConfig withRulesDir(Path d) {
        return withRulesDirs(d == null ? List.of() : List.of(d));
    }

    public ConsoleConfig withRulesDirs(List<Path> d) {
        return new ConsoleConfig(journal, roll, stateDir, d, disableConf, bind, port, controlPort);
    }

    public ConsoleConfig withControlPort(int p) {
        return new ConsoleConfig(journal, roll, stateDir, rulesDirs, disableConf, bind, port, p);
    }

    public ConsoleConfig withDisableConf(Path f) {
        return new ConsoleConfig(journal, roll, stateDir, rulesDirs, f, bind, port, controlPort);
    }

    public ConsoleConfig withBind(String b) {
        return new ConsoleConfig(journal, roll, stateDir, rulesDirs, disableConf, b, port, controlPort);
    }

    public ConsoleConfig withRoll(JournalConfig.RollPeriod r) {
        return new ConsoleConfig(journal, r, stateDir, rulesDirs, disableConf, bind, port, controlPort);
    }
}

package dev.rampart.cli.console;

import dev.rampart.alerts.JournalConfig;
import dev.rampart.cli.Main;
import dev.rampart.console.Console;
import dev.rampart.console.ConsoleConfig;
import dev.rampart.console.ConsoleServer;
import dev.rampart.console.security.PasswordStore;
import dev.rampart.policy.NftablesApplier;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rampart console}: the operator console (web UI and REST API) over a sensor's journal. */
@Command(name = "console",
        description = {"Serve the operator console (web UI and REST/JSON API) on a sensor's alert journal: incidents, "
                + "alerts, masks, rules on/off, block policies, host settings. Login required; the password is set at "
                + "first start (in the browser, or with --init-password-file)."})
public final class ConsoleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-J", "--journal"}, paramLabel = "DIR", required = true, description = "The sensor's alert journal.")
    Path journal;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + ConsoleConfig.DEFAULT_PORT,
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = ConsoleConfig.DEFAULT_BIND,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String bind;

    @Option(names = "--state", paramLabel = "DIR",
            description = "Console state: password hash, masks, settings, block policies (default: JOURNAL-console next to the journal).")
    Path state;

    @Option(names = "--rules-dir", paramLabel = "DIR",
            description = "Rule files to show rule texts from: Suricata *.rules, SecLang (OWASP CRS) *.conf; repeatable.")
    java.util.List<Path> rulesDirs = new java.util.ArrayList<>();

    @Option(names = "--disable-conf", paramLabel = "FILE",
            description = "Rule management's disable.conf that turning a rule off edits (default: STATE/disable.conf).")
    Path disableConf;

    @Option(names = "--control-port", paramLabel = "N", defaultValue = "" + ConsoleConfig.DEFAULT_CONTROL_PORT,
            description = "The local sensor's control API port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int controlPort;

    @Option(names = "--init-password-file", paramLabel = "FILE",
            description = "Set the first password from this file's first line (user admin) instead of the first-start page.")
    Path initPassword;

    @Option(names = "--roll", paramLabel = "hourly|daily", defaultValue = "daily",
            description = "The journal's roll period, as the sensor writes it (default: ${DEFAULT-VALUE}).")
    String roll;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port: 0 to 65535");
        }
        JournalConfig.RollPeriod period;
        try {
            period = JournalConfig.RollPeriod.valueOf(roll.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--roll: hourly or daily, not " + roll);
        }
        if (!Files.isDirectory(journal)) {
            throw new ParameterException(spec.commandLine(), "no journal at " + journal + " (the sensor's --journal directory; "
                    + "`rampart demo` makes one)");
        }
        Path stateDir = state != null ? state : journal.toAbsolutePath().resolveSibling(journal.getFileName() + "-console");
        ConsoleConfig cfg = new ConsoleConfig(journal, period, stateDir, rulesDirs,
                disableConf != null ? disableConf : stateDir.resolve("disable.conf"), bind, port, controlPort);
        Console console = new Console(cfg, NftablesApplier.local());
        if (initPassword != null) {
            if (console.passwords.isSet()) {
                err.println("rampart: console: a password is already set in " + stateDir + "; --init-password-file ignored");
            } else {
                String pw = Files.readAllLines(initPassword, StandardCharsets.UTF_8).stream().findFirst().orElse("");
                String weak = PasswordStore.weakness("admin", pw);
                if (weak != null) {
                    console.close();
                    err.println("rampart: console: " + initPassword + ": " + weak);
                    return Main.USAGE;
                }
                console.passwords.setInitial("admin", pw);
                console.audit.record("admin", "password-set", "console", "from --init-password-file");
            }
        }
        ConsoleServer server = new ConsoleServer(console);
        int actual;
        try {
            actual = server.start();
        } catch (RuntimeException e) {
            console.close();
            err.println("rampart: console: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            return Main.FINDINGS;
        }
        if (!InetAddress.getByName(bind).isLoopbackAddress()) {
            err.println("rampart: warning: the console listens on " + bind + ", reachable from other machines, over plain HTTP");
        }
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        out.println("Rampart console: http://" + host + ":" + actual + "/  (journal " + journal + ", state " + stateDir + ")");
        out.println(console.passwords.isSet() ? "Log in as " + console.passwords.user() + "." : "First start: open the address above to set the password.");
        out.println("Ctrl-C stops it.");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            console.close();
            stopped.countDown();
        }, "console-shutdown"));
        stopped.await();
        return Main.OK;
    }
}

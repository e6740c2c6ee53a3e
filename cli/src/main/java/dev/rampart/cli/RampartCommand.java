package dev.rampart.cli;

import dev.rampart.cli.alerts.AlertsCommand;
import dev.rampart.cli.console.ConsoleCommand;
import dev.rampart.cli.demo.DemoCommand;
import dev.rampart.cli.rules.RulesCommand;
import dev.rampart.cli.scan.ScanCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code rampart}: the top-level command; without a subcommand it prints its usage (exit 2). */
@Command(name = "rampart",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = "Rampart: a Suricata-compatible network intrusion detection sensor.",
        subcommands = {ScanCommand.class, dev.rampart.cli.sensor.SensorCommand.class, RulesCommand.class, AlertsCommand.class, ConsoleCommand.class, DemoCommand.class, HelpCommand.class},
        footer = {"", "Exit status: 0 ok, 1 findings or failure, 2 usage error."})
public final class RampartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("rampart: missing command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.USAGE;
    }

    /**
     * The same root with {@code scan} as its only subcommand, for a command line that starts with
     * {@code scan}: picocli builds the model of every subcommand up front (reflection over all their
     * options and types, ~0.15 s of a scan's start-up on an idle machine), and a scan needs one.
     * Keep the attributes equal to the full root's (a test compares scan's usage under both).
     */
    @Command(name = "rampart",
            mixinStandardHelpOptions = true,
            scope = ScopeType.INHERIT,
            versionProvider = VersionProvider.class,
            description = "Rampart: a Suricata-compatible network intrusion detection sensor.",
            subcommands = {ScanCommand.class},
            footer = {"", "Exit status: 0 ok, 1 findings or failure, 2 usage error."})
    static final class ScanOnly implements Callable<Integer> {
        @Override
        public Integer call() {
            return Main.USAGE;
        }
    }
}

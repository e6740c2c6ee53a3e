package dev.rampart.cli.alerts;

import dev.rampart.cli.Main;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rampart alerts}: read the alert journal (while the sensor writes it, too). */
@Command(name = "alerts", description = "Read the alert journal: tail, query, export (safe while the sensor writes).",
        subcommands = {AlertsTailCommand.class, AlertsQueryCommand.class, AlertsExportCommand.class})
public final class AlertsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("rampart alerts: missing subcommand");
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.USAGE;
    }
}

package dev.rampart.cli.alerts;

import dev.rampart.alerts.AlertJournal;
import dev.rampart.alerts.JournalConfig;
import dev.rampart.alerts.JournalReader;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code -J/--journal DIR}, shared by the alerts commands. */
public final class JournalOption {
    @Option(names = {"-J", "--journal"}, paramLabel = "DIR", required = true,
            description = "The journal directory (the sensor's alert journal).")
    Path dir;

    @Option(names = "--roll", paramLabel = "hourly|daily", defaultValue = "daily",
            description = "The journal's roll period, as the sensor writes it (default: ${DEFAULT-VALUE}).")
    String roll;

    JournalReader open(CommandSpec spec) {
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "no journal at " + dir);
        }
        JournalConfig.RollPeriod period;
        try {
            period = JournalConfig.RollPeriod.valueOf(roll.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--roll: hourly or daily, not " + roll);
        }
        return AlertJournal.openReader(JournalConfig.at(dir).roll(period));
    }
}

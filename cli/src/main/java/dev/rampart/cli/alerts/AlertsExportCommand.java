package dev.rampart.cli.alerts;

import dev.rampart.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rampart alerts export --format eve}: alerts as Suricata EVE JSON lines for SIEM tooling. */
@Command(name = "export", description = "Write the journaled alerts (filters as for query) as Suricata EVE JSON lines.")
public final class AlertsExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JournalOption journal;

    @Mixin
    AlertFilter filter;

    @Option(names = "--format", paramLabel = "eve", required = true, description = "Only eve for now.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
        if (!"eve".equals(format)) {
            throw new ParameterException(spec.commandLine(), "--format: only eve is supported, not " + format);
        }
        long n;
        if (output == null) {
            n = AlertsQueryCommand.print(spec, journal, filter, true, spec.commandLine().getOut());
        } else {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
                n = AlertsQueryCommand.print(spec, journal, filter, true, w);
            }
        }
        spec.commandLine().getErr().println(n + " alert(s) exported");
        return Main.OK;
    }
}

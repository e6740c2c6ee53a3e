package dev.rampart.cli.alerts;

import dev.rampart.alerts.EveText;
import dev.rampart.alerts.JournalReader;
import dev.rampart.alerts.JournalSchema;
import dev.rampart.cli.Main;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rampart alerts query}: the alerts a filter selects, as text or EVE. */
@Command(name = "query", description = "Print the journaled alerts that match every given filter; the count goes to stderr.")
public final class AlertsQueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JournalOption journal;

    @Mixin
    AlertFilter filter;

    @Option(names = "--format", paramLabel = "text|eve", defaultValue = "text",
            description = "text: one fast.log-like line an alert; eve: Suricata EVE JSON lines (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        boolean eve = switch (format) {
            case "text" -> false;
            case "eve" -> true;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format: text or eve, not " + format);
        };
        long n = print(spec, journal, filter, eve, spec.commandLine().getOut());
        spec.commandLine().getErr().println(n + " alert(s)");
        return Main.OK;
    }

    /** Prints the selected alerts; returns how many. Shared with export. */
    static long print(CommandSpec spec, JournalOption journal, AlertFilter filter, boolean eve, PrintWriter out) {
        filter.prepare(spec);
        long n = 0;
        StringBuilder line = new StringBuilder(512);
        try (JournalReader r = journal.open(spec)) {
            filter.collectIncident(r);
            if (filter.fromNanos != Long.MIN_VALUE) {
                r.fromTime(filter.fromNanos);
            }
            int tag;
            while ((tag = r.next()) != JournalReader.NONE) {
                if (tag != JournalSchema.TAG_ALERT || !filter.matches(r.alert())) {
                    continue;
                }
                if (eve) {
                    line.setLength(0);
                    EveText.appendAlert(line, r.alert());
                    out.println(line);
                } else {
                    out.println(AlertText.alert(r.alert()));
                }
                n++;
            }
        }
        out.flush();
        return n;
    }
}

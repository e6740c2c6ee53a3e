package dev.rampart.cli.alerts;

import dev.rampart.alerts.JournalReader;
import dev.rampart.alerts.JournalSchema;
import dev.rampart.cli.Main;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rampart alerts tail}: the last entries, and with --follow the new ones as they come. */
@Command(name = "tail", description = "Print the last alerts, incidents and operator actions; --follow waits for more.")
public final class AlertsTailCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JournalOption journal;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "10",
            description = "How many of the last entries to print first (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = {"-f", "--follow"}, description = "Keep printing entries as the sensor appends them (Ctrl-C ends).")
    boolean follow;

    @Option(names = {"-m", "--max-count"}, paramLabel = "N", defaultValue = "-1",
            description = "Stop after printing N entries in all (with --follow too).")
    long maxCount;

    @Option(names = "--poll-ms", paramLabel = "MS", defaultValue = "100", hidden = true)
    long pollMillis;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        long printed = 0;
        try (JournalReader r = journal.open(spec)) {
            // the last N: one pass keeping a ring of lines (the journal is read, never searched backwards)
            ArrayDeque<String> last = new ArrayDeque<>(Math.max(lines, 1));
            int tag;
            while ((tag = r.next()) != JournalReader.NONE) {
                if (lines <= 0) {
                    continue;
                }
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line(r, tag));
            }
            for (String l : last) {
                if (maxCount >= 0 && printed >= maxCount) {
                    break;
                }
                out.println(l);
                printed++;
            }
            out.flush();
            while (follow && (maxCount < 0 || printed < maxCount)) {
                tag = r.next();
                if (tag == JournalReader.NONE) {
                    Thread.sleep(pollMillis);
                    continue;
                }
                out.println(line(r, tag));
                out.flush();
                printed++;
            }
        }
        return Main.OK;
    }

    static String line(JournalReader r, int tag) {
        return switch (tag) {
            case JournalSchema.TAG_ALERT -> AlertText.alert(r.alert());
            case JournalSchema.TAG_INCIDENT -> AlertText.incident(r.incident());
            default -> AlertText.action(r.action());
        };
    }
}

package dev.rampart.alerts;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The child JVM of {@link JournalDurabilityTest}: appends alerts (with EVE fields, as scan and the
 * sensor journal them) without end and prints, after
 * every 50th append has returned, how many it has appended ("acknowledged").
 */
public final class JournalWriterProcess {
    private JournalWriterProcess() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false);
        try (AlertJournal journal = AlertJournal.open(JournalConfig.at(Path.of(args[0])))) {
            AlertRecord a = new AlertRecord();
            out.println("ready");
            out.flush();
            for (long id = 1; ; id++) {
                journal.append(Alerts.withEveFields(Alerts.sample(a, id, 2_000_000 + id % 100, id * 1_000)));
                if (id % 50 == 0) {
                    out.println(id);
                    out.flush();
                }
            }
        }
    }
}

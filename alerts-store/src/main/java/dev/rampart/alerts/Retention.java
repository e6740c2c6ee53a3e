package dev.rampart.alerts;

import java.io.File;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Deletes whole cycle files past the journal's age or size limit, oldest first, never the cycle
 * being written nor a newer one. Runs on the writer's thread when a cycle starts (rare: hourly or
 * daily), so listing the directory there is fine.
 */
final class Retention {
    private static final String SUFFIX = ".cq4";

    private final JournalConfig config;
    private final SingleChronicleQueue queue;
    private int filesDeleted;

    Retention(JournalConfig config, SingleChronicleQueue queue) {
        this.config = config;
        this.queue = queue;
    }

    /** A cycle file and the cycle its name says. */
    private record CycleFile(File file, long startMillis, long length) {
    }

    int enforce(int currentCycle) {
        if (config.maxAge() == null && config.maxBytes() == 0) {
            return 0;
        }
        RollCycle roll = config.rollCycle();
        long cycleMillis = roll.lengthInMillis();
        long currentStart = (long) currentCycle * cycleMillis;
        List<CycleFile> older = new ArrayList<>();
        long total = 0;
        File[] files = config.dir().toFile().listFiles((d, name) -> name.endsWith(SUFFIX));
        if (files == null) {
            return 0;
        }
        SimpleDateFormat format = new SimpleDateFormat(roll.format());
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        for (File f : files) {
            String name = f.getName();
            long start;
            try {
                start = format.parse(name.substring(0, name.length() - SUFFIX.length())).getTime();
            } catch (ParseException e) {
                continue; // not a cycle file of this roll cycle
            }
            long length = f.length();
            total += length;
            if (start < currentStart) {
                older.add(new CycleFile(f, start, length));
            }
        }
        older.sort((a, b) -> Long.compare(a.startMillis, b.startMillis));
        long now = config.clock().currentTimeMillis();
        long oldestKept = config.maxAge() == null ? Long.MIN_VALUE : now - config.maxAge().toMillis();
        int deleted = 0;
        for (CycleFile c : older) {
            boolean tooOld = c.startMillis + cycleMillis <= oldestKept;
            boolean tooBig = config.maxBytes() > 0 && total > config.maxBytes();
            if (!tooOld && !tooBig) {
                break; // files are in age order: the rest are younger and within size
            }
            if (c.file.delete()) {
                total -= c.length;
                deleted++;
            }
        }
        if (deleted > 0) {
            filesDeleted += deleted;
            queue.refreshDirectoryListing();
        }
        return deleted;
    }

    int filesDeleted() {
        return filesDeleted;
    }
}

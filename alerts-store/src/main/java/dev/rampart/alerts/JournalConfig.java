package dev.rampart.alerts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

/**
 * Where the journal lives, how often it starts a new file (cycle), and how long and how much it
 * keeps. Retention deletes whole cycles, oldest first, never the one being written: by age (a cycle
 * whose end is older than {@link #maxAge()}) and by size (while all cycles together exceed
 * {@link #maxBytes()}). Sizes are the files' lengths: Chronicle grows a cycle file in blocks of
 * {@link #blockSize()} bytes, so a cycle counts at least one block.
 */
public final class JournalConfig {
    /** How often the journal starts a new cycle file. */
    public enum RollPeriod {
        HOURLY(RollCycles.FAST_HOURLY),
        DAILY(RollCycles.FAST_DAILY);

        final RollCycle cycle;

        RollPeriod(RollCycle cycle) {
            this.cycle = cycle;
        }
    }

    private final Path dir;
    private RollCycle rollCycle = RollPeriod.DAILY.cycle;
    private Duration maxAge;
    private long maxBytes;
    private long blockSize = 16L << 20;
    private TimeProvider clock = SystemTimeProvider.INSTANCE;
    private boolean pretouch = true;

    private JournalConfig(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    public static JournalConfig at(Path dir) {
        return new JournalConfig(dir);
    }

    public JournalConfig roll(RollPeriod period) {
        this.rollCycle = period.cycle;
        return this;
    }

    /** Any Chronicle roll cycle (tests use second-long ones). */
    public JournalConfig rollCycle(RollCycle cycle) {
        this.rollCycle = Objects.requireNonNull(cycle);
        return this;
    }

    /** Keep cycles younger than this; null keeps all. */
    public JournalConfig maxAge(Duration age) {
        if (age != null && (age.isNegative() || age.isZero())) {
            throw new IllegalArgumentException("max age must be positive: " + age);
        }
        this.maxAge = age;
        return this;
    }

    /** Keep at most this many bytes of cycle files; 0 keeps all. */
    public JournalConfig maxBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("max bytes must be >= 0: " + bytes);
        }
        this.maxBytes = bytes;
        return this;
    }

    /** Chronicle's mapping block (the step a cycle file grows by). */
    public JournalConfig blockSize(long bytes) {
        if (bytes < 1 << 16) {
            throw new IllegalArgumentException("block size below 64 KiB: " + bytes);
        }
        this.blockSize = bytes;
        return this;
    }

    /** The clock that decides cycles and retention (wall clock unless a test sets one). */
    public JournalConfig clock(TimeProvider clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    /**
     * Whether a background thread faults in the cycle file's pages ahead of the writer (on by
     * default: it takes most of an append's kernel time off the writer's thread).
     */
    public JournalConfig pretouch(boolean on) {
        this.pretouch = on;
        return this;
    }

    public boolean pretouch() {
        return pretouch;
    }

    public Path dir() {
        return dir;
    }

    public RollCycle rollCycle() {
        return rollCycle;
    }

    public Duration maxAge() {
        return maxAge;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public long blockSize() {
        return blockSize;
    }

    public TimeProvider clock() {
        return clock;
    }
}

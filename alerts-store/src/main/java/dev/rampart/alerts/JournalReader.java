package dev.rampart.alerts;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads journal entries in order into flyweights: {@link #next()} returns the type of the entry it
 * read (a {@link JournalSchema} tag) or {@link #NONE} at the current end. Following a live journal
 * is calling {@code next()} again later: entries appended since then appear.
 */
public final class JournalReader implements AutoCloseable {
    public static final int NONE = 0;

    private final SingleChronicleQueue queue;
    private final boolean ownsQueue;
    private final ExcerptTailer tailer;
    private final AlertRecord alert = new AlertRecord();
    private final IncidentRecord incident = new IncidentRecord();
    private final OperatorAction action = new OperatorAction();
    private long minTimestampNanos = Long.MIN_VALUE;
    private long index = -1;
    private final JournalSchema schema = new JournalSchema();
    /** Reads the entries that carry rule texts the main tailer has not passed (created when first needed). */
    private ExcerptTailer ruleTailer;
    private final AlertRecord ruleScratch = new AlertRecord();

    JournalReader(SingleChronicleQueue queue, boolean ownsQueue) {
        this.queue = queue;
        this.ownsQueue = ownsQueue;
        this.tailer = queue.createTailer();
        schema.ruleEntryLoader(this::loadRuleEntry);
    }

    /**
     * Reads the alert at {@code journalIndex} for its rule texts: a reader that started past it
     * ({@link #fromTime}, {@link #moveToIndex}, {@link #toEnd}) meets only the references.
     */
    private boolean loadRuleEntry(long journalIndex) {
        if (ruleTailer == null) {
            ruleTailer = queue.createTailer();
        }
        if (!ruleTailer.moveToIndex(journalIndex)) {
            return false;
        }
        try (DocumentContext dc = ruleTailer.readingDocument()) {
            if (!dc.isPresent() || dc.index() != journalIndex) {
                return false;
            }
            Bytes<?> in = dc.wire().bytes();
            if (JournalSchema.readHeader(in, journalIndex) != JournalSchema.TAG_ALERT) {
                return false;
            }
            schema.readAlert(in, journalIndex, ruleScratch);
            return true;
        }
    }

    public JournalReader toStart() {
        tailer.toStart();
        minTimestampNanos = Long.MIN_VALUE;
        return this;
    }

    /** After the last entry written so far: a follower sees only what comes next. */
    public JournalReader toEnd() {
        tailer.toEnd();
        return this;
    }

    /**
     * Entries stamped at or after {@code nanos} (alerts and actions by their time, incidents by
     * their last alert). Seeks to the cycle written at that time, which is exact for a live
     * sensor (an alert is written after its packet arrived); entries before are skipped as read.
     */
    public JournalReader fromTime(long nanos) {
        tailer.toStart();
        minTimestampNanos = nanos;
        RollCycle roll = queue.rollCycle();
        long millis = Math.floorDiv(nanos, 1_000_000L);
        long target = Math.floorDiv(millis, roll.lengthInMillis());
        int first = queue.firstCycle();
        int last = queue.lastCycle();
        if (first == Integer.MAX_VALUE || target <= first) {
            return this;
        }
        for (long c = target; c <= last; c++) {
            if (tailer.moveToCycle((int) c)) {
                return this;
            }
        }
        tailer.toEnd();
        return this;
    }

    /**
     * Positions at the entry with this journal index (from {@link #index()}), so that the next
     * {@link #next()} reads it again; false when the journal no longer holds it (retention).
     */
    public boolean moveToIndex(long journalIndex) {
        minTimestampNanos = Long.MIN_VALUE;
        return tailer.moveToIndex(journalIndex);
    }

    /** Reads the next entry; returns its tag or {@link #NONE} when there is none yet. */
    public int next() {
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return NONE;
                }
                index = dc.index();
                Bytes<?> in = dc.wire().bytes();
                byte tag = JournalSchema.readHeader(in, index);
                long stamp;
                switch (tag) {
                    case JournalSchema.TAG_ALERT -> {
                        schema.readAlert(in, index, alert);
                        stamp = alert.timestampNanos;
                    }
                    case JournalSchema.TAG_INCIDENT -> {
                        schema.readIncident(in, incident);
                        stamp = incident.lastSeenNanos;
                    }
                    default -> {
                        schema.readAction(in, action);
                        stamp = action.timestampNanos;
                    }
                }
                if (stamp >= minTimestampNanos) {
                    return tag;
                }
            }
        }
    }

    /**
     * Lets the calling thread use this reader from now on. A reader is for one thread at a time
     * (Chronicle checks); a caller that serialises access itself (a lock) hands it over first.
     */
    public void handOver() {
        tailer.singleThreadedCheckReset();
        if (ruleTailer != null) {
            ruleTailer.singleThreadedCheckReset();
        }
    }

    /** The journal index of the entry last read. */
    public long index() {
        return index;
    }

    public AlertRecord alert() {
        return alert;
    }

    public IncidentRecord incident() {
        return incident;
    }

    public OperatorAction action() {
        return action;
    }

    @Override
    public void close() {
        tailer.close();
        if (ruleTailer != null) {
            ruleTailer.close();
        }
        if (ownsQueue) {
            queue.close();
        }
    }
}

package dev.rampart.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The alert journal's single writer: appends alerts, incidents and operator actions to a Chronicle
 * Queue in {@link JournalSchema}'s layout. One instance per journal directory and one thread
 * calling it (Chronicle serialises writers with a lock file; a second writer would only contend).
 *
 * <p>An append is acknowledged when it returns: the entry is then complete in the memory-mapped
 * cycle file, so it survives the death of this process (kill -9) though not of the machine.
 * Readers in this or other processes see it at once ({@link JournalReader}).
 *
 * <p>Retention runs when a new cycle starts (and on {@link #enforceRetention()}).
 *
 * <p>Unless {@link JournalConfig#pretouch(boolean)} turned it off, a {@link JournalPretoucher}
 * thread faults in the cycle file's pages ahead of the writer.
 */
public final class AlertJournal implements AutoCloseable {
    static {
        ChronicleSetup.ensure();
    }

    private final JournalConfig config;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final Retention retention;
    private int lastCycle = Integer.MIN_VALUE;
    private final JournalSchema schema = new JournalSchema();
    /** Which entry of the current cycle carries each rule's texts (schema version 3). */
    private final RuleTextCache ruleTexts = new RuleTextCache();
    /** Null when pretouching is off. */
    private final JournalPretoucher pretoucher;

    private AlertJournal(JournalConfig config) {
        this.config = config;
        try {
            Files.createDirectories(config.dir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create journal directory " + config.dir(), e);
        }
        this.queue = builder(config).build();
        this.appender = queue.createAppender();
        this.retention = new Retention(config, queue);
        this.pretoucher = config.pretouch() ? new JournalPretoucher("rampart-journal-pretouch") : null;
        if (pretoucher != null) {
            pretoucher.start();
        }
    }

    public static AlertJournal open(JournalConfig config) {
        return new AlertJournal(config);
    }

    static SingleChronicleQueueBuilder builder(JournalConfig config) {
        return SingleChronicleQueueBuilder.single(config.dir().toFile())
                .rollCycle(config.rollCycle())
                .blockSize(config.blockSize())
                .timeProvider(config.clock());
    }

    /**
     * Lets the calling thread append from now on: the journal has one writer thread at a time
     * (Chronicle checks); a caller that serialises appends itself (a lock) hands it over first.
     */
    public void handOver() {
        appender.singleThreadedCheckReset();
    }

    /**
     * Appends an alert; returns its journal index. The first alert of a rule in a cycle file
     * carries the rule's texts, later ones there refer to it. The cycle is read inside the
     * document: Chronicle has rolled to the entry's cycle file by then, so a reference never
     * crosses files even when this append starts a new one.
     */
    public long append(AlertRecord alert) {
        long ruleEntry;
        int cycle;
        try (DocumentContext dc = appender.writingDocument()) {
            cycle = appender.cycle();
            ruleEntry = ruleTexts.find(alert, cycle);
            Bytes<?> out = dc.wire().bytes();
            schema.writeAlert(out, alert, ruleEntry);
            wrote(out);
        }
        long index = afterAppend();
        if (ruleEntry == JournalSchema.NO_RULE_ENTRY) {
            ruleTexts.remember(alert, cycle, index);
        }
        return index;
    }

    public long append(IncidentRecord incident) {
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> out = dc.wire().bytes();
            schema.writeIncident(out, incident);
            wrote(out);
        }
        return afterAppend();
    }

    public long append(OperatorAction action) {
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> out = dc.wire().bytes();
            schema.writeAction(out, action);
            wrote(out);
        }
        return afterAppend();
    }

    /** Writes raw bytes as one entry, unchecked: for tests of readers facing foreign or newer entries. */
    long appendRaw(byte[] entry) {
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> bytes = dc.wire().bytes();
            bytes.write(entry);
        }
        return afterAppend();
    }

    /** Tells the pretoucher where the writer is. */
    private void wrote(Bytes<?> out) {
        if (pretoucher != null && out instanceof MappedBytes mapped) {
            pretoucher.wrote(mapped.mappedFile(), out.writePosition());
        }
    }

    /** Pages the pretoucher faulted in before the writer reached them (0 when it is off). */
    public long pagesPretouched() {
        return pretoucher == null ? 0 : pretoucher.pagesTouched();
    }

    private long afterAppend() {
        long index = appender.lastIndexAppended();
        int cycle = appender.cycle();
        if (cycle != lastCycle) {
            // a new cycle file: the previous one is complete, a good time to drop old ones
            lastCycle = cycle;
            retention.enforce(cycle);
        }
        return index;
    }

    /** The id of the last alert in the journal, 0 when it holds none (read backwards from the end). */
    public long lastAlertId() {
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return 0;
                    }
                    Bytes<?> in = dc.wire().bytes();
                    if (JournalSchema.readHeader(in, dc.index()) == JournalSchema.TAG_ALERT) {
                        return JournalSchema.readAlertId(in);
                    }
                }
            }
        }
    }

    /** Deletes cycles past the age or size limit now; returns how many files went. */
    public int enforceRetention() {
        return retention.enforce(lastCycle == Integer.MIN_VALUE ? queue.cycle() : lastCycle);
    }

    /** A reader on this journal, positioned at the start. */
    public JournalReader reader() {
        return new JournalReader(queue, false);
    }

    /** Opens a reader on a journal another process (or nobody) is writing. */
    public static JournalReader openReader(JournalConfig config) {
        ChronicleSetup.ensure();
        if (!Files.isDirectory(config.dir())) {
            throw new IllegalArgumentException("no journal at " + config.dir());
        }
        return new JournalReader(builder(config).readOnly(true).build(), true);
    }

    public int filesDeleted() {
        return retention.filesDeleted();
    }

    public JournalConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (pretoucher != null) {
            pretoucher.stop(); // first: it must hold no chunk of the queue when that closes
        }
        queue.close();
    }
}

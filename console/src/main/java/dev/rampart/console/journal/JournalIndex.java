package dev.rampart.console.journal;

import dev.rampart.alerts.AlertRecord;
import dev.rampart.alerts.IncidentRecord;
import dev.rampart.alerts.IpText;
import dev.rampart.alerts.JournalReader;
import dev.rampart.alerts.JournalSchema;
import dev.rampart.alerts.JournalSchemaException;
import dev.rampart.alerts.OperatorAction;
import dev.rampart.alerts.score.MaskSet;
import dev.rampart.console.journal.Views.ActionRow;
import dev.rampart.console.journal.Views.AlertDetail;
import dev.rampart.console.journal.Views.AlertRow;
import dev.rampart.console.journal.Views.Bucket;
import dev.rampart.console.journal.Views.Count;
import dev.rampart.console.journal.Views.IncidentRow;
import dev.rampart.console.journal.Views.Page;
import dev.rampart.console.journal.Views.Stats;
import dev.rampart.eve.ProtoNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal as the console queries it: alerts in columns (primitive arrays, about 120 bytes an
 * alert), incidents and operator actions, filled by tailing the journal from where the last
 * {@link #refresh()} stopped, so a journal a sensor is still writing is read incrementally. Lists
 * are filtered, sorted and paged here and the charts aggregated here: the browser only ever gets
 * a page and a few dozen numbers. An alert's full record (EVE, payload) is read back from the
 * journal by its index when its detail is asked for.
 */
public final class JournalIndex implements AutoCloseable {
    public static final int MAX_PAGE = 200;
    private static final int MAX_ACTIONS = 10_000;

    private final JournalReader tail;
    private final JournalReader detail;
    private final MaskSet masks;
    private final AlertRecord scratch = new AlertRecord();

    private int size;
    private long[] alertId = new long[1024];
    private long[] time = new long[1024];
    private long[] sid = new long[1024];
    private long[] srcHi = new long[1024];
    private long[] srcLo = new long[1024];
    private long[] dstHi = new long[1024];
    private long[] dstLo = new long[1024];
    private long[] flow = new long[1024];
    private long[] incident = new long[1024];
    private long[] journalIndex = new long[1024];
    private int[] ports = new int[1024];
    private int[] score = new int[1024];
    private byte[] ipVersion = new byte[1024];
    private byte[] severity = new byte[1024];
    private byte[] proto = new byte[1024];
    private boolean[] maskedInJournal = new boolean[1024];
    private boolean sortedById = true;

    private final Map<Long, String> msgBySid = new HashMap<>();
    private final List<Incident> incidents = new ArrayList<>();
    private final Map<Long, Incident> incidentById = new HashMap<>();
    private final ArrayList<ActionRow> actions = new ArrayList<>();
    private long unreadable;
    private String lastError;

    /** An incident as read, plus what the index derives from its alerts. */
    static final class Incident {
        final long id;
        final byte keyKind;
        final long flowId;
        final int ipVersion;
        final long aHi;
        final long aLo;
        final long bHi;
        final long bLo;
        final long first;
        final long last;
        final int score;
        final int alertCount;
        final long[] sids;
        final long[] alertIds;
        int severity = 9;

        Incident(IncidentRecord r) {
            id = r.incidentId;
            keyKind = r.keyKind;
            flowId = r.flowId;
            ipVersion = r.ipVersion;
            aHi = r.hostAHi;
            aLo = r.hostALo;
            bHi = r.hostBHi;
            bLo = r.hostBLo;
            first = r.firstSeenNanos;
            last = r.lastSeenNanos;
            score = r.score;
            alertCount = r.alertCount;
            sids = Arrays.copyOf(r.sids, r.sidCount);
            alertIds = Arrays.copyOf(r.alertIds, r.alertIdCount);
        }

        boolean hasHost(int v, long hi, long lo) {
            return v == ipVersion && ((hi == aHi && lo == aLo) || (hi == bHi && lo == bLo));
        }

        boolean hasSid(long s) {
            for (long x : sids) {
                if (x == s) {
                    return true;
                }
            }
            return false;
        }

        /** A copy as the mask set's input. */
        IncidentRecord record() {
            IncidentRecord r = new IncidentRecord();
            r.incidentId = id;
            r.keyKind = keyKind;
            r.flowId = flowId;
            r.ipVersion = (byte) ipVersion;
            r.hostAHi = aHi;
            r.hostALo = aLo;
            r.hostBHi = bHi;
            r.hostBLo = bLo;
            return r;
        }
    }

    /**
     * @param tail   a reader at the journal's start (this index owns and closes it)
     * @param detail a second reader for reading single alerts back (owned too)
     * @param masks  the console's current masks: alerts they match show as masked
     */
    public JournalIndex(JournalReader tail, JournalReader detail, MaskSet masks) {
        this.tail = tail;
        this.detail = detail;
        this.masks = masks;
    }

    /** Reads what was appended since the last call; returns how many entries it read. */
    public synchronized int refresh() {
        tail.handOver();
        int read = 0;
        int errors = 0;
        while (true) {
            int tag;
            try {
                tag = tail.next();
            } catch (JournalSchemaException e) {
                // the entry is skipped (the tailer moved past it) and counted; a run of them stops this refresh
                unreadable++;
                lastError = e.getMessage();
                if (++errors > 100) {
                    return read;
                }
                continue;
            }
            if (tag == JournalReader.NONE) {
                return read;
            }
            read++;
            switch (tag) {
                case JournalSchema.TAG_ALERT -> addAlert(tail.alert(), tail.index());
                case JournalSchema.TAG_INCIDENT -> addIncident(tail.incident());
                default -> addAction(tail.action());
            }
        }
    }

    private void addAlert(AlertRecord a, long index) {
        if (size == alertId.length) {
            grow(size * 2);
        }
        int i = size++;
        if (i > 0 && a.alertId <= alertId[i - 1]) {
            sortedById = false;
        }
        alertId[i] = a.alertId;
        time[i] = a.timestampNanos;
        sid[i] = a.sid;
        srcHi[i] = a.srcHi;
        srcLo[i] = a.srcLo;
        dstHi[i] = a.dstHi;
        dstLo[i] = a.dstLo;
        flow[i] = a.flowId;
        incident[i] = a.incidentId;
        journalIndex[i] = index;
        ports[i] = (a.srcPort << 16) | (a.dstPort & 0xFFFF);
        score[i] = a.score;
        ipVersion[i] = a.ipVersion;
        severity[i] = (byte) a.severity;
        proto[i] = (byte) a.proto;
        maskedInJournal[i] = a.masked;
        Long key = a.sid;
        if (!msgBySid.containsKey(key)) {
            msgBySid.put(key, a.msg.toString());
        }
        if (a.incidentId != 0) {
            Incident inc = incidentById.get(a.incidentId);
            if (inc != null && a.severity < inc.severity) {
                inc.severity = a.severity;
            }
        }
    }

    private void addIncident(IncidentRecord r) {
        Incident inc = new Incident(r);
        for (long id : inc.alertIds) {
            int row = rowOf(id);
            if (row >= 0 && severity[row] < inc.severity) {
                inc.severity = severity[row];
            }
        }
        incidents.add(inc);
        incidentById.put(inc.id, inc);
    }

    private void addAction(OperatorAction a) {
        if (actions.size() == MAX_ACTIONS) {
            actions.remove(0);
        }
        actions.add(new ActionRow(a.timestampNanos, TimeText.format(a.timestampNanos), a.actor.toString(),
                a.action.toString(), a.target.toString(), a.detail.toString()));
    }

    private void grow(int n) {
        alertId = Arrays.copyOf(alertId, n);
        time = Arrays.copyOf(time, n);
        sid = Arrays.copyOf(sid, n);
        srcHi = Arrays.copyOf(srcHi, n);
        srcLo = Arrays.copyOf(srcLo, n);
        dstHi = Arrays.copyOf(dstHi, n);
        dstLo = Arrays.copyOf(dstLo, n);
        flow = Arrays.copyOf(flow, n);
        incident = Arrays.copyOf(incident, n);
        journalIndex = Arrays.copyOf(journalIndex, n);
        ports = Arrays.copyOf(ports, n);
        score = Arrays.copyOf(score, n);
        ipVersion = Arrays.copyOf(ipVersion, n);
        severity = Arrays.copyOf(severity, n);
        proto = Arrays.copyOf(proto, n);
        maskedInJournal = Arrays.copyOf(maskedInJournal, n);
    }

    /** The row of an alert id, -1 when unknown (ids increase in a journal; a binary search finds them). */
    private int rowOf(long id) {
        if (sortedById) {
            int r = Arrays.binarySearch(alertId, 0, size, id);
            return r >= 0 ? r : -1;
        }
        for (int i = 0; i < size; i++) {
            if (alertId[i] == id) {
                return i;
            }
        }
        return -1;
    }

    /** Masked now: flagged in the journal when written, or matching one of the current masks. */
    private boolean masked(int i) {
        if (maskedInJournal[i]) {
            return true;
        }
        AlertRecord a = scratch;
        a.sid = sid[i];
        a.flowId = flow[i];
        a.ipVersion = ipVersion[i];
        a.srcHi = srcHi[i];
        a.srcLo = srcLo[i];
        a.dstHi = dstHi[i];
        a.dstLo = dstLo[i];
        return masks.matches(a);
    }

    private boolean keep(int i, AlertFilter f, long onlyIncident) {
        if (onlyIncident != 0 && incident[i] != onlyIncident) {
            return false;
        }
        if (time[i] < f.fromNanos() || time[i] > f.toNanos()) {
            return false;
        }
        if (f.sid() != 0 && sid[i] != f.sid()) {
            return false;
        }
        if (f.maxSeverity() != 0 && severity[i] > f.maxSeverity()) {
            return false;
        }
        if (f.hasHost()) {
            if (ipVersion[i] != f.hostVersion()) {
                return false;
            }
            boolean src = srcHi[i] == f.hostHi() && srcLo[i] == f.hostLo();
            boolean dst = dstHi[i] == f.hostHi() && dstLo[i] == f.hostLo();
            if (!src && !dst) {
                return false;
            }
        }
        return !f.hideMasked() || !masked(i);
    }

    /**
     * One page of the alerts that pass {@code f} (of one incident when {@code incidentId} is not
     * 0), sorted by {@code sort}: {@code time} (default), {@code sid}, {@code severity},
     * {@code score}; {@code desc} reverses.
     */
    public synchronized Page<AlertRow> alerts(AlertFilter f, long incidentId, String sort, boolean desc, int offset, int limit) {
        int lim = clampLimit(limit);
        int off = Math.max(0, offset);
        int[] rows = new int[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (keep(i, f, incidentId)) {
                rows[n++] = i;
            }
        }
        Integer[] order = sortRows(rows, n, sort, desc);
        List<AlertRow> items = new ArrayList<>(Math.min(lim, Math.max(0, n - off)));
        for (int k = off; k < n && items.size() < lim; k++) {
            items.add(row(order == null ? rows[desc ? n - 1 - k : k] : order[k]));
        }
        return new Page<>(n, off, lim, items);
    }

    /** Null when the rows are wanted in journal order (time); else a sorted copy. */
    private Integer[] sortRows(int[] rows, int n, String sort, boolean desc) {
        Comparator<Integer> c = switch (sort == null ? "time" : sort) {
            case "sid" -> Comparator.comparingLong(i -> sid[i]);
            case "severity" -> Comparator.comparingInt(i -> severity[i]);
            case "score" -> Comparator.comparingInt(i -> score[i]);
            case "time" -> null;
            default -> throw new IllegalArgumentException("sort: time, sid, severity or score");
        };
        if (c == null) {
            return null;
        }
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = rows[k];
        }
        Comparator<Integer> byTime = Comparator.comparingLong(i -> time[i]);
        Comparator<Integer> full = c.thenComparing(byTime);
        Arrays.sort(order, desc ? full.reversed() : full);
        return order;
    }

    private AlertRow row(int i) {
        return new AlertRow(alertId[i], time[i], TimeText.format(time[i]), sid[i], msgBySid.getOrDefault(sid[i], ""),
                severity[i], IpText.format(ipVersion[i], srcHi[i], srcLo[i]), ports[i] >>> 16,
                IpText.format(ipVersion[i], dstHi[i], dstLo[i]), ports[i] & 0xFFFF, ProtoNames.name(proto[i] & 0xFF),
                score[i], masked(i), incident[i], flow[i]);
    }

    /**
     * One page of incidents: those overlapping the time range, involving the rule or host, and
     * whose most severe alert is at least {@code maxSeverity}. Sort: {@code last} (default),
     * {@code first}, {@code score}, {@code alerts}, {@code severity}, {@code id}.
     */
    public synchronized Page<IncidentRow> incidents(AlertFilter f, String sort, boolean desc, int offset, int limit) {
        int lim = clampLimit(limit);
        int off = Math.max(0, offset);
        List<Incident> keep = new ArrayList<>();
        for (Incident inc : incidents) {
            if (inc.last < f.fromNanos() || inc.first > f.toNanos()) {
                continue;
            }
            if (f.sid() != 0 && !inc.hasSid(f.sid())) {
                continue;
            }
            if (f.hasHost() && !inc.hasHost(f.hostVersion(), f.hostHi(), f.hostLo())) {
                continue;
            }
            if (f.maxSeverity() != 0 && inc.severity > f.maxSeverity()) {
                continue;
            }
            if (f.hideMasked() && incidentMasked(inc)) {
                continue;
            }
            keep.add(inc);
        }
        Comparator<Incident> c = switch (sort == null ? "last" : sort) {
            case "last" -> Comparator.comparingLong(i -> i.last);
            case "first" -> Comparator.comparingLong(i -> i.first);
            case "score" -> Comparator.comparingInt(i -> i.score);
            case "alerts" -> Comparator.comparingInt(i -> i.alertCount);
            case "severity" -> Comparator.comparingInt(i -> i.severity);
            case "id" -> Comparator.comparingLong(i -> i.id);
            default -> throw new IllegalArgumentException("sort: last, first, score, alerts, severity or id");
        };
        c = c.thenComparingLong(i -> i.id);
        keep.sort(desc ? c.reversed() : c);
        List<IncidentRow> items = new ArrayList<>();
        for (int k = off; k < keep.size() && items.size() < lim; k++) {
            items.add(incidentRow(keep.get(k)));
        }
        return new Page<>(keep.size(), off, lim, items);
    }

    /** An incident is masked when a mask covers its key (its flow or host pair, any rule). */
    private boolean incidentMasked(Incident inc) {
        String label = "incident:" + inc.id;
        for (MaskSet.Mask m : masks.masks()) {
            if (label.equals(m.label())) {
                return true;
            }
        }
        return false;
    }

    private IncidentRow incidentRow(Incident inc) {
        List<Long> sids = new ArrayList<>();
        StringBuilder rules = new StringBuilder();
        for (long s : inc.sids) {
            sids.add(s);
            if (rules.length() > 0) {
                rules.append("; ");
            }
            rules.append(msgBySid.getOrDefault(s, String.valueOf(s)));
        }
        return new IncidentRow(inc.id, inc.keyKind == IncidentRecord.KEY_FLOW ? "flow" : "host pair", inc.flowId,
                IpText.format(inc.ipVersion, inc.aHi, inc.aLo), IpText.format(inc.ipVersion, inc.bHi, inc.bLo),
                inc.first, TimeText.format(inc.first), inc.last, TimeText.format(inc.last), inc.score, inc.alertCount,
                inc.severity == 9 ? 0 : inc.severity, sids, rules.toString(), incidentMasked(inc));
    }

    public synchronized IncidentRow incident(long id) {
        Incident inc = incidentById.get(id);
        return inc == null ? null : incidentRow(inc);
    }

    /** The incident as a record (for masking it and generating a block policy), or null. */
    public synchronized IncidentRecord incidentRecord(long id) {
        Incident inc = incidentById.get(id);
        return inc == null ? null : inc.record();
    }

    /** The distinct service ports (destination ports of its alerts) of an incident, at most 16. */
    public synchronized List<Integer> incidentPorts(long id) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < size && out.size() < 16; i++) {
            if (incident[i] == id && (proto[i] == 6 || proto[i] == 17)) {
                Integer p = ports[i] & 0xFFFF;
                if (!out.contains(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** An alert's full record read back from the journal, or null (unknown or aged out). */
    public synchronized AlertDetail alert(long id) {
        int i = rowOf(id);
        detail.handOver();
        if (i < 0 || !detail.moveToIndex(journalIndex[i])) {
            return null;
        }
        if (detail.next() != JournalSchema.TAG_ALERT) {
            return null;
        }
        AlertRecord a = detail.alert();
        int n = a.payloadLength();
        byte[] p = a.payloadBytes();
        StringBuilder hex = new StringBuilder(n * 3);
        StringBuilder text = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            int b = p[k] & 0xFF;
            hex.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
            hex.append(k % 16 == 15 ? '\n' : ' ');
            text.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
            if (k % 16 == 15) {
                text.append('\n');
            }
        }
        String dir = switch (a.direction) {
            case AlertRecord.DIR_TO_SERVER -> "to server";
            case AlertRecord.DIR_TO_CLIENT -> "to client";
            default -> "unknown";
        };
        return new AlertDetail(row(i), a.gid, a.rev, a.classtype.toString(), a.category.toString(), a.metadata.toString(),
                a.appProto.toString(), dir, a.action == AlertRecord.ACTION_BLOCKED ? "blocked" : "allowed",
                new String(a.eveBytes(), 0, a.eveLength(), StandardCharsets.UTF_8), hex.toString().strip(),
                text.toString(), n);
    }

    /**
     * Counts of the alerts that pass {@code f}: per time bucket (about {@code buckets} of them over
     * the alerts' span), the ten rules and the ten hosts (source or destination) with most alerts.
     */
    public synchronized Stats stats(AlertFilter f, int buckets) {
        int nb = Math.max(1, Math.min(buckets, 500));
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long n = 0;
        long maskedCount = 0;
        Map<Long, long[]> bySid = new HashMap<>();
        Map<HostKey, long[]> byHost = new HashMap<>();
        for (int i = 0; i < size; i++) {
            if (!keep(i, f, 0)) {
                continue;
            }
            n++;
            if (masked(i)) {
                maskedCount++;
            }
            min = Math.min(min, time[i]);
            max = Math.max(max, time[i]);
            bySid.computeIfAbsent(sid[i], k -> new long[1])[0]++;
            byHost.computeIfAbsent(new HostKey(ipVersion[i], srcHi[i], srcLo[i]), k -> new long[1])[0]++;
            if (srcHi[i] != dstHi[i] || srcLo[i] != dstLo[i]) {
                byHost.computeIfAbsent(new HostKey(ipVersion[i], dstHi[i], dstLo[i]), k -> new long[1])[0]++;
            }
        }
        List<Bucket> timeline = new ArrayList<>();
        long width = 0;
        if (n > 0) {
            long span = max - min + 1;
            width = niceWidth(Math.max(1, (span + nb - 1) / nb));
            long start = Math.floorDiv(min, width) * width;
            int count = (int) Math.min(nb + 1, (max - start) / width + 1);
            long[] counts = new long[count];
            for (int i = 0; i < size; i++) {
                if (keep(i, f, 0)) {
                    counts[(int) Math.min(count - 1, (time[i] - start) / width)]++;
                }
            }
            for (int b = 0; b < count; b++) {
                long s = start + b * width;
                timeline.add(new Bucket(s, TimeText.format(s), counts[b]));
            }
        }
        List<Count> rules = bySid.entrySet().stream()
                .sorted(Map.Entry.<Long, long[]>comparingByValue(Comparator.comparingLong(v -> -v[0]))
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(10)
                .map(e -> new Count(String.valueOf(e.getKey()), msgBySid.getOrDefault(e.getKey(), ""), e.getValue()[0]))
                .toList();
        List<Count> hosts = byHost.entrySet().stream()
                .sorted(Map.Entry.<HostKey, long[]>comparingByValue(Comparator.comparingLong(v -> -v[0]))
                        .thenComparing(e -> e.getKey().text()))
                .limit(10)
                .map(e -> new Count(e.getKey().text(), "", e.getValue()[0]))
                .toList();
        return new Stats(n, maskedCount, width, timeline, rules, hosts);
    }

    private record HostKey(int version, long hi, long lo) {
        String text() {
            return IpText.format(version, hi, lo);
        }
    }

    /** A bucket width that reads well: 1, 2, 5 times a power of ten of seconds, or minutes, hours, days. */
    static long niceWidth(long nanos) {
        long[] steps = {1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L, 5_000_000_000L, 10_000_000_000L,
                30_000_000_000L, 60_000_000_000L, 300_000_000_000L, 600_000_000_000L, 1_800_000_000_000L,
                3_600_000_000_000L, 10_800_000_000_000L, 21_600_000_000_000L, 43_200_000_000_000L, 86_400_000_000_000L};
        for (long s : steps) {
            if (s >= nanos) {
                return s;
            }
        }
        long day = 86_400_000_000_000L;
        return (nanos + day - 1) / day * day;
    }

    /** The newest operator actions first, at most {@code limit}. */
    public synchronized List<ActionRow> actions(int limit) {
        List<ActionRow> out = new ArrayList<>();
        for (int i = actions.size() - 1; i >= 0 && out.size() < limit; i--) {
            out.add(actions.get(i));
        }
        return out;
    }

    public synchronized String message(long sidValue) {
        return msgBySid.get(sidValue);
    }

    public synchronized int alertCount() {
        return size;
    }

    public synchronized int incidentCount() {
        return incidents.size();
    }

    /** Entries that could not be read (a newer schema, damage), and the last reason. */
    public synchronized long unreadable() {
        return unreadable;
    }

    public synchronized String lastError() {
        return lastError;
    }

    private static int clampLimit(int limit) {
        return limit <= 0 ? 50 : Math.min(limit, MAX_PAGE);
    }

    @Override
    public synchronized void close() {
        tail.close();
        detail.close();
    }
}

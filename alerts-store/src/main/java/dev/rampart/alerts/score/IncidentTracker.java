package dev.rampart.alerts.score;

import dev.rampart.alerts.AlertRecord;
import dev.rampart.alerts.IncidentRecord;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sliding-window score accumulation per flow and per host pair, in packet time (so a replayed
 * capture scores as it did live). When a key's window sum reaches its threshold an incident is
 * raised, at most once per key per window: later alerts of that key within a window's length of
 * the raise join it ({@link AlertRecord#incidentId}) instead of raising another.
 *
 * <p>The two keys share one incident when they cross together, and a flow does not raise its own
 * while its host pair has one open (it joins that one): an operator sees one incident for one
 * attack. An incident's id is the id of the alert that raised it (unique and increasing without
 * any state of its own to restore after a restart).
 *
 * <p>Memory is bounded: at most {@code maxKeys} keys (least recently used dropped, its window
 * recycled) and {@code maxAlertsPerKey} alerts per window (the oldest dropped early); both limits
 * are counted. Single-threaded: the alert sink's thread.
 */
public final class IncidentTracker {
    private static final byte KIND_FLOW = 1;
    private static final byte KIND_PAIR = 2;

    private final ScoreConfig config;
    private final LinkedHashMap<Key, Window> windows;
    private final ArrayDeque<Window> spare = new ArrayDeque<>();
    private final Key probe = new Key();
    private final IncidentRecord raised = new IncidentRecord();
    private long keysEvicted;
    private long windowOverflows;
    private long incidentsRaised;

    public IncidentTracker(ScoreConfig config) {
        this.config = config;
        this.windows = new LinkedHashMap<>(Math.min(config.maxKeys, 1 << 12) * 2, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Window> eldest) {
                if (size() > config.maxKeys) {
                    keysEvicted++;
                    spare.push(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    /**
     * Adds a scored, unmasked alert. Sets its {@link AlertRecord#incidentId} when it raised or
     * joined an incident; returns true when it raised one, then in {@link #raised()}.
     */
    public boolean add(AlertRecord a) {
        long now = a.timestampNanos;
        long window = config.windowNanos;
        boolean create = a.score > 0; // a zero-score alert may join an incident but starts no key
        Window flow = a.flowId == 0 ? null : lookup(flowKey(a), create);
        Window pair = lookup(pairKey(a), create);
        if (flow != null) {
            flow.evictBefore(now - window);
            if (a.score > 0) {
                windowOverflows += flow.push(now, a.score, a.alertId, a.sid);
            }
        }
        if (pair != null) {
            pair.evictBefore(now - window);
            if (a.score > 0) {
                windowOverflows += pair.push(now, a.score, a.alertId, a.sid);
            }
        }
        boolean pairOpen = pair != null && pair.isOpen(now);
        boolean flowOpen = flow != null && flow.isOpen(now);
        boolean pairCross = pair != null && !pairOpen && pair.sum >= config.hostPairThreshold;
        boolean flowCross = flow != null && !flowOpen && !pairOpen && flow.sum >= config.flowThreshold;
        if (pairCross || flowCross) {
            long id = a.alertId;
            long until = now + window;
            if (pairCross) {
                pair.open(id, until);
            }
            if (flowCross || (flow != null && !flowOpen)) {
                flow.open(id, until);
            }
            fill(a, pairCross ? pair : flow, pairCross ? IncidentRecord.KEY_HOST_PAIR : IncidentRecord.KEY_FLOW);
            a.incidentId = id;
            incidentsRaised++;
            return true;
        }
        if (flowOpen) {
            a.incidentId = flow.incidentId;
        } else if (pairOpen) {
            a.incidentId = pair.incidentId;
            if (flow != null && a.score > 0) {
                flow.open(pair.incidentId, pair.incidentUntil); // this flow now belongs to it
            }
        }
        return false;
    }

    /** The incident the last {@link #add} raised (a flyweight, valid until the next add). */
    public IncidentRecord raised() {
        return raised;
    }

    public long keysEvicted() {
        return keysEvicted;
    }

    public long windowOverflows() {
        return windowOverflows;
    }

    public long incidentsRaised() {
        return incidentsRaised;
    }

    public int keysTracked() {
        return windows.size();
    }

    private void fill(AlertRecord a, Window w, byte kind) {
        IncidentRecord r = raised.clear();
        r.incidentId = a.alertId;
        r.keyKind = kind;
        r.flowId = kind == IncidentRecord.KEY_FLOW ? a.flowId : 0;
        r.ipVersion = a.ipVersion;
        boolean srcFirst = kind == IncidentRecord.KEY_FLOW || compare(a.srcHi, a.srcLo, a.dstHi, a.dstLo) <= 0;
        r.hostAHi = srcFirst ? a.srcHi : a.dstHi;
        r.hostALo = srcFirst ? a.srcLo : a.dstLo;
        r.hostBHi = srcFirst ? a.dstHi : a.srcHi;
        r.hostBLo = srcFirst ? a.dstLo : a.srcLo;
        r.score = w.sum;
        r.firstSeenNanos = w.size == 0 ? a.timestampNanos : w.ts[w.head];
        r.lastSeenNanos = a.timestampNanos;
        for (int i = 0, at = w.head; i < w.size; i++, at = (at + 1) % w.ts.length) {
            r.addAlert(w.ids[at]);
            r.addSid(w.sids[at]);
        }
    }

    private Key flowKey(AlertRecord a) {
        return probe.set(KIND_FLOW, 0, a.flowId, 0, 0, 0);
    }

    private Key pairKey(AlertRecord a) {
        // unordered: the lower address first
        if (compare(a.srcHi, a.srcLo, a.dstHi, a.dstLo) <= 0) {
            return probe.set(KIND_PAIR, a.ipVersion, a.srcHi, a.srcLo, a.dstHi, a.dstLo);
        }
        return probe.set(KIND_PAIR, a.ipVersion, a.dstHi, a.dstLo, a.srcHi, a.srcLo);
    }

    private Window lookup(Key key, boolean create) {
        Window w = windows.get(key);
        if (w == null && create) {
            w = spare.isEmpty() ? new Window(config.maxAlertsPerKey) : spare.pop().reset();
            windows.put(key.copy(), w);
        }
        return w;
    }

    private static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    /** A flow (a = flow id) or an ordered host pair. */
    private static final class Key {
        byte kind;
        int version;
        long a;
        long b;
        long c;
        long d;

        Key set(byte kind, int version, long a, long b, long c, long d) {
            this.kind = kind;
            this.version = version;
            this.a = a;
            this.b = b;
            this.c = c;
            this.d = d;
            return this;
        }

        Key copy() {
            return new Key().set(kind, version, a, b, c, d);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.kind == kind && k.version == version && k.a == a && k.b == b && k.c == c && k.d == d;
        }

        @Override
        public int hashCode() {
            long h = kind * 31L + version;
            h = h * 0x9E3779B97F4A7C15L + a;
            h = h * 0x9E3779B97F4A7C15L + b;
            h = h * 0x9E3779B97F4A7C15L + c;
            h = h * 0x9E3779B97F4A7C15L + d;
            return (int) (h ^ (h >>> 32));
        }
    }

    /** A key's alerts within the window: a ring of (time, score, alert id, sid) and their sum. */
    private static final class Window {
        final long[] ts;
        final int[] scores;
        final long[] ids;
        final long[] sids;
        int head;
        int size;
        int sum;
        long incidentId;
        long incidentUntil;

        Window(int capacity) {
            ts = new long[capacity];
            scores = new int[capacity];
            ids = new long[capacity];
            sids = new long[capacity];
        }

        Window reset() {
            head = size = sum = 0;
            incidentId = 0;
            incidentUntil = 0;
            return this;
        }

        boolean isOpen(long now) {
            return incidentId != 0 && now < incidentUntil;
        }

        void open(long id, long until) {
            incidentId = id;
            incidentUntil = until;
        }

        void evictBefore(long oldestKept) {
            while (size > 0 && ts[head] <= oldestKept) {
                pop();
            }
        }

        /** Returns 1 when the ring was full and its oldest alert was dropped early. */
        int push(long t, int score, long id, long sid) {
            int overflow = 0;
            if (size == ts.length) {
                pop();
                overflow = 1;
            }
            int at = (head + size) % ts.length;
            ts[at] = t;
            scores[at] = score;
            ids[at] = id;
            sids[at] = sid;
            size++;
            sum += score;
            return overflow;
        }

        private void pop() {
            sum -= scores[head];
            head = (head + 1) % ts.length;
            size--;
        }
    }
}

package dev.rampart.engine.detect.payload;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One named set of byte strings that {@code dataset} keywords look up, add to and remove from
 * (Suricata's datasets: global, shared by every rule naming it and by all workers, so it is
 * thread-safe). Bounded: once {@link #maxEntries} are held, adds fail and are counted. Lookups
 * allocate nothing (a per-thread probe key); adds copy the bytes once.
 */
public final class Dataset {
    /** Suricata's default dataset memcap (16 MiB) over small entries is about this many; a plain bound here. */
    public static final int DEFAULT_MAX_ENTRIES = 1 << 20;

    private final String name;
    private final String type;
    /** Required value length for fixed-size types (md5 16, sha256 32, ipv4 4, ipv6/ip 16), else -1. */
    private final int fixedLength;
    private final int maxEntries;
    private final ConcurrentHashMap<Key, Boolean> entries = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong addsRefused = new AtomicLong();
    private final ThreadLocal<Key> probe = ThreadLocal.withInitial(Key::new);

    public Dataset(String name, String type, int maxEntries) {
        this.name = name;
        this.type = type;
        this.maxEntries = maxEntries;
        this.fixedLength = switch (type) {
            case "md5" -> 16;
            case "sha256" -> 32;
            case "ipv4" -> 4;
            case "ipv6", "ip" -> 16;
            default -> -1;
        };
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    public int size() {
        return size.get();
    }

    /** Adds refused because the set was full. */
    public long addsRefused() {
        return addsRefused.get();
    }

    private boolean fits(int len) {
        return fixedLength < 0 || len == fixedLength;
    }

    public boolean contains(byte[] b, int off, int len) {
        if (!fits(len)) {
            return false;
        }
        return entries.containsKey(probe.get().wrap(b, off, len));
    }

    /** Adds the value; true when it was not there before (Suricata's set matches only then). */
    public boolean add(byte[] b, int off, int len) {
        if (!fits(len) || contains(b, off, len)) {
            return false;
        }
        if (size.incrementAndGet() > maxEntries) {
            size.decrementAndGet();
            addsRefused.incrementAndGet();
            return false;
        }
        Key k = new Key().wrap(Arrays.copyOfRange(b, off, off + len), 0, len);
        if (entries.putIfAbsent(k, Boolean.TRUE) != null) {
            size.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Removes the value; true when it was there. */
    public boolean remove(byte[] b, int off, int len) {
        if (!fits(len)) {
            return false;
        }
        if (entries.remove(probe.get().wrap(b, off, len)) != null) {
            size.decrementAndGet();
            return true;
        }
        return false;
    }

    /** A byte range with value equality; the probe instance is re-pointed per lookup. */
    private static final class Key {
        byte[] b;
        int off;
        int len;
        int hash;

        Key wrap(byte[] b, int off, int len) {
            this.b = b;
            this.off = off;
            this.len = len;
            int h = 1;
            for (int i = off; i < off + len; i++) {
                h = 31 * h + b[i];
            }
            this.hash = h;
            return this;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash
                    && Arrays.equals(b, off, off + len, k.b, k.off, k.off + k.len);
        }
    }
}

package dev.rampart.engine.defrag;

import dev.rampart.engine.decode.DecodeEvent;
import dev.rampart.engine.decode.Packet;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * IPv4 and IPv6 fragment reassembly for one worker (Suricata's defrag engine, single threaded).
 * Fragments are copied into reused per-tracker buffers; a completed datagram is written into a
 * preallocated per-worker output buffer ({@link #output()}, IP header at offset 0) that the decoder
 * then decodes as a packet of its own. Overlaps are resolved byte by byte by the configured
 * {@link DefragPolicy}, replaying the fragments in arrival order: a byte already supplied is
 * replaced when the policy lets the newer fragment win against the fragment that supplied it.
 *
 * <p>Limits: {@link DefragConfig#maxTrackers} datagrams at once (a fragment that finds no tracker
 * is refused and counted in {@code defrag.max_frag_hits}), {@link DefragConfig#maxFragments}
 * stored fragments and {@link DefragConfig#memcap} bytes over all trackers plus
 * {@link DefragConfig#trackerMemcap} per tracker (a fragment over a limit is dropped with the
 * {@code frag_ignored} event), and {@link DefragConfig#timeoutSeconds} of capture time without a
 * new fragment, after which the partial datagram is dropped.
 */
public final class Defragmenter {
    /** Largest IP datagram (16-bit length fields). */
    public static final int MAX_DATAGRAM = 65535;
    private static final int IPV4_HEADER_LEN = 20;
    private static final int IPV6_HEADER_LEN = 40;

    private final DefragConfig cfg;
    private final DefragCounters counters;
    private final long timeoutNanos;

    private final FragmentTracker[] buckets;
    private final int mask;
    /** Per-instance hash seed, so crafted IDs/addresses cannot aim at one bucket chain. */
    private final long seed = java.util.concurrent.ThreadLocalRandom.current().nextLong() | 1;
    private FragmentTracker freeTrackers;
    private int activeTrackers;
    private FragmentTracker lruHead;
    private FragmentTracker lruTail;

    private Fragment freeFragments;
    private int fragmentsInUse;
    private long memuse;

    // ---- reassembly output and scratch space, reused
    private final byte[] out = new byte[2 * (MAX_DATAGRAM + 1) + 64];
    private final ByteBuffer outBuffer = ByteBuffer.wrap(out);
    private int outLength;
    private int outVersion;
    private final int[] owner = new int[MAX_DATAGRAM + 1];
    private long[] spans = new long[64];
    private Fragment[] order = new Fragment[64];

    public Defragmenter(DefragConfig cfg, DefragCounters counters) {
        this.cfg = cfg;
        this.counters = counters;
        this.timeoutNanos = cfg.timeoutSeconds * 1_000_000_000L;
        int n = Integer.highestOneBit(Math.max(16, cfg.maxTrackers) - 1) << 1;
        this.buckets = new FragmentTracker[n];
        this.mask = n - 1;
    }

    public DefragCounters counters() {
        return counters;
    }

    /** The last reassembled datagram (valid until the next fragment is inserted). */
    public ByteBuffer output() {
        return outBuffer;
    }

    public int outputLength() {
        return outLength;
    }

    /** IP version of the last reassembled datagram. */
    public int outputVersion() {
        return outVersion;
    }

    public int activeTrackers() {
        return activeTrackers;
    }

    public int storedFragments() {
        return fragmentsInUse;
    }

    public long memuse() {
        return memuse;
    }

    /**
     * An IPv4 fragment the decoder validated ({@code p} holds its IPv4 fields). Returns true when
     * it completed its datagram, now in {@link #output()}.
     */
    public boolean ipv4(Packet p, ByteBuffer b, int ipOff, int hlen, int ipLen, long nowNanos) {
        boolean more = (p.ipFlags & 1) != 0;
        int offset = p.fragmentOffset;
        if (offset == 0 && !more) {
            return false;
        }
        counters.ipv4Fragments++;
        int dataLen = ipLen - hlen;
        if (IPV4_HEADER_LEN + offset + dataLen > MAX_DATAGRAM) {
            p.event(DecodeEvent.IPV4_FRAG_PKT_TOO_LARGE);
            return false;
        }
        FragmentTracker t = tracker(p, 4, p.ipId, p.ipProto, nowNanos);
        if (t == null) {
            return false;
        }
        return insert(p, t, b, ipOff + hlen, offset, dataLen, more, ipOff, hlen, -1, 0);
    }

    /**
     * An IPv6 fragment ({@code p} holds its IPv6 fields and {@link Packet#ipv6FragHeaderOffset}).
     * Returns true when it completed its datagram, now in {@link #output()}.
     */
    public boolean ipv6(Packet p, ByteBuffer b, int ipOff, long nowNanos) {
        int fh = p.ipv6FragHeaderOffset;
        int offM = b.getShort(fh + 2) & 0xFFFF;
        int offset = offM & 0xFFF8;
        boolean more = (offM & 1) != 0;
        if (offset == 0 && !more) {
            return false;
        }
        counters.ipv6Fragments++;
        int dataOff = fh + 8;
        int dataLen = ipOff + p.l3Length - dataOff;
        if (more && (dataLen & 7) != 0) {
            // RFC 8200 4.5: every fragment but the last is a multiple of 8 bytes long
            p.event(DecodeEvent.IPV6_FRAG_INVALID_LENGTH); // an event only (oracle)
            return false;
        }
        if (offset + dataLen > MAX_DATAGRAM) {
            p.event(DecodeEvent.IPV6_FRAG_PKT_TOO_LARGE);
            return false;
        }
        FragmentTracker t = tracker(p, 6, b.getInt(fh + 4) & 0xFFFF_FFFFL, 0, nowNanos);
        if (t == null) {
            return false;
        }
        return insert(p, t, b, dataOff, offset, dataLen, more, ipOff, fh - ipOff,
                p.ipv6FragNextHeaderFieldOffset - ipOff, b.get(fh) & 0xFF);
    }

    /** Drops the datagrams whose last fragment is older than the timeout. */
    public void expire(long nowNanos) {
        while (lruHead != null && nowNanos - lruHead.lastSeenNanos > timeoutNanos) {
            counters.timeouts++;
            release(lruHead);
        }
    }

    /** Drops every partial datagram (shutdown, or a fresh start between independent inputs). */
    public void reset() {
        while (lruHead != null) {
            release(lruHead);
        }
    }

    private boolean insert(Packet p, FragmentTracker t, ByteBuffer b, int dataOff, int offset, int dataLen,
            boolean more, int headerOff, int headerLen, int nextHeaderField, int fragNextHeader) {
        boolean v4 = t.version == 4;
        if (dataLen <= 0) {
            return false; // nothing to store (Suricata drops fully trimmed fragments too)
        }
        int end = offset + dataLen;
        for (Fragment f = t.first; f != null; f = f.next) {
            if (offset < f.end() && f.offset < end) {
                p.event(v4 ? DecodeEvent.IPV4_FRAG_OVERLAP : DecodeEvent.IPV6_FRAG_OVERLAP);
                break;
            }
        }
        if (fragmentsInUse >= cfg.maxFragments || memuse + dataLen > cfg.memcap
                || t.bytes + dataLen > cfg.trackerMemcap) {
            counters.memcapDrops++;
            p.event(v4 ? DecodeEvent.IPV4_FRAG_IGNORED : DecodeEvent.IPV6_FRAG_IGNORED);
            return false;
        }
        Fragment f = allocFragment(dataLen);
        f.offset = offset;
        f.length = dataLen;
        b.get(dataOff, f.data, 0, dataLen);
        if (t.last == null) {
            t.first = f;
        } else {
            t.last.next = f;
        }
        t.last = f;
        t.fragmentCount++;
        t.bytes += dataLen;
        memuse += dataLen;

        if (offset == 0 && (!t.haveHeader || cfg.policy.newWins(0, end, 0, t.headerFragEnd))) {
            if (t.header.length < headerLen) {
                t.header = new byte[Math.max(headerLen, t.header.length * 2)];
            }
            b.get(headerOff, t.header, 0, headerLen);
            t.headerLength = headerLen;
            t.haveHeader = true;
            t.headerFragEnd = end;
            t.nextHeaderField = nextHeaderField;
            t.fragNextHeader = fragNextHeader;
        }
        if (!more && !t.seenLast) {
            t.seenLast = true;
            t.lastEnd = end;
        }
        if (!t.seenLast || !t.haveHeader || !complete(t)) {
            return false;
        }
        boolean built = v4 ? build4(t) : build6(p, t);
        if (built) {
            if (v4) {
                counters.ipv4Reassembled++;
            } else {
                counters.ipv6Reassembled++;
            }
        }
        release(t);
        return built;
    }

    /** True when the fragments cover [0, lastEnd) without a hole. */
    private boolean complete(FragmentTracker t) {
        int n = t.fragmentCount;
        if (spans.length < n) {
            spans = new long[Math.max(n, spans.length * 2)];
        }
        int i = 0;
        for (Fragment f = t.first; f != null; f = f.next) {
            spans[i++] = ((long) f.offset << 32) | f.end();
        }
        Arrays.sort(spans, 0, n);
        int covered = 0;
        for (i = 0; i < n; i++) {
            int start = (int) (spans[i] >>> 32);
            if (start > covered) {
                return false;
            }
            covered = Math.max(covered, (int) spans[i]);
            if (covered >= t.lastEnd) {
                return true;
            }
        }
        return covered >= t.lastEnd;
    }

    /** Copies the datagram's data after {@code base} bytes of header, resolving overlaps. */
    private void copyData(FragmentTracker t, int base) {
        int total = t.lastEnd;
        int n = t.fragmentCount;
        if (order.length < n) {
            order = new Fragment[Math.max(n, order.length * 2)];
        }
        Arrays.fill(owner, 0, total, -1);
        DefragPolicy policy = cfg.policy;
        int k = 0;
        for (Fragment f = t.first; f != null; f = f.next, k++) {
            order[k] = f;
            int from = f.offset;
            int to = Math.min(f.end(), total);
            int i = from;
            while (i < to) {
                int o = owner[i];
                if (o < 0) {
                    // a run of bytes nobody supplied yet: copy it in one go
                    int j = i + 1;
                    while (j < to && owner[j] < 0) {
                        j++;
                    }
                    System.arraycopy(f.data, i - from, out, base + i, j - i);
                    Arrays.fill(owner, i, j, k);
                    i = j;
                    continue;
                }
                Fragment old = order[o];
                if (policy.newWins(f.offset, f.end(), old.offset, old.end())) {
                    owner[i] = k;
                    out[base + i] = f.data[i - from];
                }
                i++;
            }
        }
        Arrays.fill(order, 0, n, null);
    }

    private boolean build4(FragmentTracker t) {
        int hlen = t.headerLength;
        System.arraycopy(t.header, 0, out, 0, hlen);
        copyData(t, hlen);
        int total = hlen + t.lastEnd;
        int oldLen = u16(2);
        int oldOff = u16(6);
        put16(2, total);
        put16(6, 0);
        // keep the checksum as right (or as wrong) as it was: incremental update (RFC 1624)
        int csum = u16(10);
        csum = updateChecksum(csum, oldLen, total);
        csum = updateChecksum(csum, oldOff, 0);
        put16(10, csum);
        outLength = total;
        outVersion = 4;
        return true;
    }

    private boolean build6(Packet p, FragmentTracker t) {
        int hlen = t.headerLength;
        int payload = hlen - IPV6_HEADER_LEN + t.lastEnd;
        if (payload > MAX_DATAGRAM) {
            p.event(DecodeEvent.IPV6_FRAG_PKT_TOO_LARGE);
            return false;
        }
        System.arraycopy(t.header, 0, out, 0, hlen);
        copyData(t, hlen);
        // unlink the fragment header: the header before it now names the fragmented protocol
        out[t.nextHeaderField] = (byte) t.fragNextHeader;
        put16(4, payload);
        outLength = IPV6_HEADER_LEN + payload;
        outVersion = 6;
        return true;
    }

    private int u16(int i) {
        return (out[i] & 0xFF) << 8 | (out[i + 1] & 0xFF);
    }

    private void put16(int i, int v) {
        out[i] = (byte) (v >>> 8);
        out[i + 1] = (byte) v;
    }

    private static int updateChecksum(int checksum, int oldWord, int newWord) {
        long sum = (~checksum & 0xFFFF) + (~oldWord & 0xFFFF) + (newWord & 0xFFFF);
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    // ---- trackers

    private FragmentTracker tracker(Packet p, int version, long id, int proto, long now) {
        expire(now);
        int h = hash(p, version, id, proto, seed);
        FragmentTracker t = buckets[h & mask];
        while (t != null && !matches(t, p, version, id, proto, h)) {
            t = t.hashNext;
        }
        if (t == null) {
            if (activeTrackers >= cfg.maxTrackers) {
                counters.maxFragHits++;
                return null;
            }
            t = freeTrackers;
            if (t != null) {
                freeTrackers = t.hashNext;
            } else {
                t = new FragmentTracker();
            }
            t.version = version;
            t.id = id;
            t.proto = proto;
            t.srcHi = p.srcHi;
            t.srcLo = p.srcLo;
            t.dstHi = p.dstHi;
            t.dstLo = p.dstLo;
            t.vlanCount = Math.min(p.vlanCount, t.vlanIds.length);
            System.arraycopy(p.vlanIds, 0, t.vlanIds, 0, t.vlanCount);
            t.hash = h;
            t.hashNext = buckets[h & mask];
            buckets[h & mask] = t;
            activeTrackers++;
        } else {
            lruUnlink(t);
        }
        t.lastSeenNanos = now;
        lruAppend(t);
        return t;
    }

    private static int hash(Packet p, int version, long id, int proto, long seed) {
        long h = (id ^ seed) * 0x9E3779B97F4A7C15L;
        h ^= p.srcLo * 0xC2B2AE3D27D4EB4FL + p.srcHi;
        h ^= p.dstLo * 0x165667B19E3779F9L + p.dstHi;
        h ^= (long) proto << 8 | version;
        for (int i = 0; i < p.vlanCount && i < 3; i++) {
            h = h * 31 + p.vlanIds[i];
        }
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    private static boolean matches(FragmentTracker t, Packet p, int version, long id, int proto, int h) {
        if (t.hash != h || t.version != version || t.id != id || t.proto != proto || t.srcLo != p.srcLo
                || t.srcHi != p.srcHi || t.dstLo != p.dstLo || t.dstHi != p.dstHi
                || t.vlanCount != Math.min(p.vlanCount, 3)) {
            return false;
        }
        for (int i = 0; i < t.vlanCount; i++) {
            if (t.vlanIds[i] != p.vlanIds[i]) {
                return false;
            }
        }
        return true;
    }

    private void release(FragmentTracker t) {
        for (Fragment f = t.first; f != null;) {
            Fragment next = f.next;
            f.next = freeFragments;
            freeFragments = f;
            f = next;
        }
        fragmentsInUse -= t.fragmentCount;
        memuse -= t.bytes;
        // unlink from its hash chain
        int slot = t.hash & mask;
        FragmentTracker prev = null;
        for (FragmentTracker c = buckets[slot]; c != null; prev = c, c = c.hashNext) {
            if (c == t) {
                if (prev == null) {
                    buckets[slot] = c.hashNext;
                } else {
                    prev.hashNext = c.hashNext;
                }
                break;
            }
        }
        lruUnlink(t);
        t.clearData();
        t.hashNext = freeTrackers;
        freeTrackers = t;
        activeTrackers--;
    }

    private Fragment allocFragment(int len) {
        Fragment f = freeFragments;
        if (f != null) {
            freeFragments = f.next;
            f.next = null;
        } else {
            f = new Fragment();
        }
        if (f.data.length < len) {
            f.data = new byte[Math.max(len, 2048)];
        }
        fragmentsInUse++;
        return f;
    }

    private void lruAppend(FragmentTracker t) {
        t.lruPrev = lruTail;
        t.lruNext = null;
        if (lruTail == null) {
            lruHead = t;
        } else {
            lruTail.lruNext = t;
        }
        lruTail = t;
    }

    private void lruUnlink(FragmentTracker t) {
        if (t.lruPrev == null) {
            if (lruHead == t) {
                lruHead = t.lruNext;
            }
        } else {
            t.lruPrev.lruNext = t.lruNext;
        }
        if (t.lruNext == null) {
            if (lruTail == t) {
                lruTail = t.lruPrev;
            }
        } else {
            t.lruNext.lruPrev = t.lruPrev;
        }
        t.lruPrev = t.lruNext = null;
    }
}

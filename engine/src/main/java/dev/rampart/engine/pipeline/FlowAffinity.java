package dev.rampart.engine.pipeline;

import dev.rampart.capture.LinkType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Picks the worker of a frame from its IP address pair, read straight from the frame bytes (no
 * full decode on the capture thread). The hash is symmetric, so both directions of a flow land
 * on the same worker; hashing the address pair only (not the ports) also keeps IP fragments,
 * which carry no ports after the first, with the rest of their flow. Frames that are not IP go
 * to worker 0. The capture thread calls it on the frame in place (a window of the mapped file),
 * before the frame is copied into its worker's ring.
 *
 * <p>An instance can weight the workers: the hash picks one of {@link #BUCKETS} buckets and a
 * fixed table gives each worker its share of them. The table never changes, so every address
 * pair always maps to the same worker (exact affinity); only how many pairs each worker gets
 * follows the weights. Used for the capture thread's own worker in the workers runmode, which
 * also reads and hands over every frame and so gets a smaller share.
 */
public final class FlowAffinity {
    /** Hash buckets of a weighted affinity: a share is a whole number of 1/1024ths of the address pairs. */
    public static final int BUCKETS = 1024; // a power of two: the bucket is the hash's low bits

    /** Bucket → worker; null: even split by the hash modulo the worker count. */
    private final byte[] table;
    private final int workers;

    private FlowAffinity(int workers, byte[] table) {
        this.workers = workers;
        this.table = table;
    }

    /** Every worker the same share (the hash modulo the worker count). */
    public static FlowAffinity even(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1");
        }
        return new FlowAffinity(workers, null);
    }

    /**
     * Worker i gets {@code weights[i] / sum(weights)} of the buckets, rounded to whole buckets by
     * largest remainder (at least one bucket for a positive weight); equal weights are
     * {@link #even}. Weights are ≥ 0, at least one positive, at most 127 workers.
     */
    public static FlowAffinity weighted(double... weights) {
        int n = weights.length;
        if (n < 1 || n > 127) {
            throw new IllegalArgumentException("weights for 1 to 127 workers, got " + n);
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("a weight must be a finite number >= 0, got " + w);
            }
            sum += w;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("at least one weight must be positive");
        }
        boolean equal = true;
        for (double w : weights) {
            equal &= w == weights[0];
        }
        if (equal) {
            return even(n); // the hash modulo n, as before weights existed
        }
        int[] count = new int[n];
        double[] rest = new double[n];
        int given = 0;
        for (int i = 0; i < n; i++) {
            double exact = weights[i] / sum * BUCKETS;
            count[i] = weights[i] > 0 ? Math.max(1, (int) exact) : 0;
            rest[i] = exact - count[i];
            given += count[i];
        }
        while (given < BUCKETS) { // the largest remainders get the buckets left
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (weights[i] > 0 && (best < 0 || rest[i] > rest[best])) {
                    best = i;
                }
            }
            count[best]++;
            rest[best] -= 1;
            given++;
        }
        while (given > BUCKETS) { // minimum buckets overshot: take from the largest
            int most = 0;
            for (int i = 1; i < n; i++) {
                if (count[i] > count[most]) {
                    most = i;
                }
            }
            count[most]--;
            given--;
        }
        // workers dealt round robin over the buckets (among those with buckets left). The bucket
        // is the hash's low bits, so with 2 workers bucket parity is the even split's worker: a
        // weight below even moves only the pairs of worker 0's last buckets, its share of them,
        // instead of drawing a new split (a capture's few heavy pairs made a fresh draw miss its
        // share by a few percent)
        byte[] table = new byte[BUCKETS];
        int[] left = count.clone();
        int b = 0;
        while (b < BUCKETS) {
            for (int i = 0; i < n && b < BUCKETS; i++) {
                if (left[i] > 0) {
                    left[i]--;
                    table[b++] = (byte) i;
                }
            }
        }
        return new FlowAffinity(n, table);
    }

    public int workers() {
        return workers;
    }

    /** Buckets worker i holds (its share is that over {@link #BUCKETS}); even split: {@code BUCKETS / workers} rounded. */
    public int buckets(int worker) {
        if (table == null) {
            return (BUCKETS * (worker + 1)) / workers - (BUCKETS * worker) / workers;
        }
        int c = 0;
        for (byte w : table) {
            if (w == worker) {
                c++;
            }
        }
        return c;
    }

    /** The worker of the frame at {@code b[base, base + len)} (absolute gets; the buffer's position is not used). */
    public int workerOf(ByteBuffer buf, int base, int len, int linkType) {
        if (workers <= 1) {
            return 0;
        }
        long h = pairKey(buf, base, len, linkType);
        if (h == NOT_IP) {
            return 0;
        }
        return table == null ? (int) Long.remainderUnsigned(h, workers) : table[(int) h & (BUCKETS - 1)];
    }

    public static int worker(byte[] f, int len, int linkType, int workers) {
        return worker(ByteBuffer.wrap(f), 0, len, linkType, workers);
    }

    /** The even split's worker of the frame at {@code b[base, base + len)} (absolute gets; the buffer's position is not used). */
    public static int worker(ByteBuffer buf, int base, int len, int linkType, int workers) {
        return workers <= 1 ? 0 : even(workers).workerOf(buf, base, len, linkType);
    }

    /** {@link #pairKey}'s answer for a frame that is not IP (or too short); an address pair never hashes to it. */
    private static final long NOT_IP = dev.rampart.capture.FrameKey.NONE;

    /**
     * The frame's address-pair key: a mixed symmetric hash of its IP address pair, the same for both
     * directions and for every fragment, or {@link #NOT_IP} ({@link dev.rampart.capture.FrameKey#NONE}).
     * A balanced file fanout gives each key its worker as it meets it.
     */
    public static long pairKey(ByteBuffer buf, int base, int len, int linkType) {
        int ip;
        int etherType;
        switch (linkType) {
            case LinkType.ETHERNET -> {
                if (len < 14) {
                    return NOT_IP;
                }
                int off = 12;
                etherType = u16(buf, base + off);
                off += 2;
                // VLAN / QinQ tags
                while ((etherType == 0x8100 || etherType == 0x88A8 || etherType == 0x9100) && off + 4 <= len) {
                    etherType = u16(buf, base + off + 2);
                    off += 4;
                }
                ip = off;
            }
            case LinkType.LINUX_SLL -> {
                if (len < 16) {
                    return NOT_IP;
                }
                etherType = u16(buf, base + 14);
                ip = 16;
            }
            case LinkType.LINUX_SLL2 -> {
                if (len < 20) {
                    return NOT_IP;
                }
                etherType = u16(buf, base);
                ip = 20;
            }
            case LinkType.NULL, LinkType.LOOP -> {
                ip = 4;
                etherType = 0; // decided by the IP version nibble
            }
            case LinkType.RAW, LinkType.RAW_DLT12, LinkType.RAW_DLT14, LinkType.IPV4, LinkType.IPV6 -> {
                ip = 0;
                etherType = 0;
            }
            default -> {
                return NOT_IP;
            }
        }
        if (ip >= len) {
            return NOT_IP;
        }
        int version = (buf.get(base + ip) & 0xF0) >>> 4;
        if (etherType != 0 && etherType != 0x0800 && etherType != 0x86DD) {
            return NOT_IP;
        }
        long h;
        if (version == 4 && ip + 20 <= len) {
            long a = u32(buf, base + ip + 12);
            long b = u32(buf, base + ip + 16);
            h = mix(a) + mix(b); // + is symmetric
        } else if (version == 6 && ip + 40 <= len) {
            long a = mix(u32(buf, base + ip + 8) ^ u32(buf, base + ip + 12) * 31 ^ u32(buf, base + ip + 16) * 961 ^ u32(buf, base + ip + 20) * 29791);
            long b = mix(u32(buf, base + ip + 24) ^ u32(buf, base + ip + 28) * 31 ^ u32(buf, base + ip + 32) * 961 ^ u32(buf, base + ip + 36) * 29791);
            h = a + b;
        } else {
            return NOT_IP;
        }
        long m = mix(h);
        return m == NOT_IP ? m ^ 1 : m; // a pair that mixes to the marker takes its neighbour
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }

    // Network order whatever order the reader gave its buffer. Capture buffers are big-endian (the
    // mapped file windows, the ring slots): one getShort / getInt there instead of 2 / 4 byte gets,
    // each a call with its own bounds check in C1 code (offline scans run C1 only, see ./rampart).
    private static int u16(ByteBuffer b, int o) {
        if (b.order() == ByteOrder.BIG_ENDIAN) {
            return b.getShort(o) & 0xFFFF;
        }
        return (b.get(o) & 0xFF) << 8 | b.get(o + 1) & 0xFF;
    }

    private static long u32(ByteBuffer b, int o) {
        if (b.order() == ByteOrder.BIG_ENDIAN) {
            return b.getInt(o) & 0xFFFF_FFFFL;
        }
        return (long) (b.get(o) & 0xFF) << 24 | (b.get(o + 1) & 0xFF) << 16 | (b.get(o + 2) & 0xFF) << 8 | b.get(o + 3) & 0xFF;
    }
}

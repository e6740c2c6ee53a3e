package dev.rampart.engine.scope;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link SocketOwners} from Linux's {@code /proc}: the socket tables in {@code net/tcp}, {@code tcp6},
 * {@code udp}, {@code udp6} give local address, port and inode; the {@code socket:[INODE]} links
 * under {@code /proc/PID/fd} give the owning process. A daemon thread re-reads them every
 * interval (earlier on {@link #refreshSoon()}, rate-limited) and publishes an immutable snapshot,
 * so lookups never touch the file system and take no lock.
 *
 * <p>Sees the network namespace and the processes visible to this JVM: without root, sockets of
 * other users' processes are listed but their owners stay unknown (their fd directories are not
 * readable).
 */
public final class LinuxSocketOwners implements SocketOwners, AutoCloseable {

    private static final String[] TABLES = {"tcp", "tcp6", "udp", "udp6"};
    private static final int TCP = 6;
    private static final int UDP = 17;

    // Entry kinds of a bucket: an exact address, or a wildcard (IPv6 :: also takes IPv4: dual stack).
    private static final byte V4 = 0;
    private static final byte V6 = 1;
    private static final byte ANY4 = 2;
    private static final byte ANY6 = 3;

    private final Path procRoot;
    private final ByteOrder order;
    private final boolean hostInterfaces;
    private final long intervalNanos;
    private final long minGapNanos;
    private final Object refreshLock = new Object();
    private final AtomicLong lastKick;
    private final Thread worker;

    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private volatile boolean wanted;
    private volatile boolean closed;
    private volatile long lastRefreshStart;
    private volatile long refreshes;
    private volatile long lastRefreshMillis;

    /** Reads {@code /proc} of this host; call {@link #start()} for background refreshes. */
    public LinuxSocketOwners(Duration interval, Duration minGap) {
        this(Paths.get("/proc"), ByteOrder.nativeOrder(), true, interval, minGap);
    }

    /**
     * @param procRoot       a {@code /proc}-like tree (tests use fixture directories)
     * @param order          the byte order the tables' address words were printed in (the kernel's)
     * @param hostInterfaces whether this JVM's network interface addresses count as local
     */
    LinuxSocketOwners(Path procRoot, ByteOrder order, boolean hostInterfaces, Duration interval, Duration minGap) {
        this.procRoot = procRoot;
        this.order = order;
        this.hostInterfaces = hostInterfaces;
        this.intervalNanos = Math.max(1, interval.toNanos());
        this.minGapNanos = Math.max(0, minGap.toNanos());
        this.lastKick = new AtomicLong(System.nanoTime() - minGapNanos);
        this.lastRefreshStart = System.nanoTime() - minGapNanos;
        this.worker = new Thread(this::run, "rampart-socket-owners");
        worker.setDaemon(true);
    }

    /** This host's owners, refreshed every interval, or {@link SocketOwners#NONE} without a readable /proc/net/tcp. */
    public static SocketOwners forThisHost(Duration interval) {
        if (!Files.isReadable(Paths.get("/proc/net/tcp"))) {
            return NONE;
        }
        LinuxSocketOwners owners = new LinuxSocketOwners(interval, Duration.ofMillis(100));
        owners.start();
        return owners;
    }

    /** Starts the background thread; its first refresh runs at once. */
    public LinuxSocketOwners start() {
        worker.start();
        return this;
    }

    @Override
    public ProcessInfo owner(int ipProto, int ipVersion, long hi, long lo, int port) {
        Snapshot s = snapshot;
        Bucket b = s.bucket(key(ipProto, port));
        if (b == null) {
            return null;
        }
        boolean v4 = ipVersion == 4;
        if (v4) {
            hi = 0;
            lo &= 0xFFFFFFFFL;
        } else if (isMapped(hi, lo)) {
            v4 = true;
            hi = 0;
            lo &= 0xFFFFFFFFL;
        }
        boolean exactSeen = false;
        ProcessInfo wild = null;
        boolean wildSeen = false;
        for (int i = 0; i < b.kinds.length; i++) {
            byte kind = b.kinds[i];
            if (v4 ? kind == V4 && b.lo[i] == lo : kind == V6 && b.hi[i] == hi && b.lo[i] == lo) {
                if (b.owners[i] != null) {
                    return b.owners[i];
                }
                exactSeen = true;
            } else if (kind == ANY6 || (v4 && kind == ANY4)) {
                wildSeen = true;
                if (wild == null) {
                    wild = b.owners[i];
                }
            }
        }
        // A socket bound to exactly this address wins over a wildcard one, even when its owner is unknown.
        if (exactSeen || !wildSeen || !s.isLocal(v4, hi, lo)) {
            return null;
        }
        return wild;
    }

    @Override
    public boolean isLocal(int ipVersion, long hi, long lo) {
        if (ipVersion == 4) {
            return snapshot.isLocal(true, 0, lo & 0xFFFFFFFFL);
        }
        if (isMapped(hi, lo)) {
            return snapshot.isLocal(true, 0, lo & 0xFFFFFFFFL);
        }
        return snapshot.isLocal(false, hi, lo);
    }

    @Override
    public void refreshSoon() {
        long now = System.nanoTime();
        long last = lastKick.get();
        if (now - last < minGapNanos || !lastKick.compareAndSet(last, now)) {
            return;
        }
        wanted = true;
        LockSupport.unpark(worker);
    }

    /** Re-reads the tables now, on the caller's thread (tests; the first lookup of a tool). */
    public void refreshNow() {
        synchronized (refreshLock) {
            long start = System.nanoTime();
            lastRefreshStart = start;
            snapshot = read(snapshot);
            lastRefreshMillis = (System.nanoTime() - start) / 1_000_000;
            refreshes++;
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(worker);
    }

    public long refreshCount() {
        return refreshes;
    }

    public long lastRefreshMillis() {
        return lastRefreshMillis;
    }

    public int socketsKnown() {
        return snapshot.sockets;
    }

    public int processesKnown() {
        return snapshot.processes;
    }

    private void run() {
        while (!closed) {
            try {
                refreshNow();
            } catch (RuntimeException e) {
                // Keep the last snapshot; the next interval tries again.
            }
            long next = lastRefreshStart + intervalNanos;
            while (!closed) {
                long now = System.nanoTime();
                long sinceRefresh = now - lastRefreshStart;
                if (wanted && sinceRefresh >= minGapNanos) {
                    wanted = false;
                    break;
                }
                if (now - next >= 0) {
                    wanted = false;
                    break;
                }
                long wait = next - now;
                if (wanted) {
                    wait = Math.min(wait, minGapNanos - sinceRefresh);
                }
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    private static int key(int ipProto, int port) {
        return ipProto << 16 | (port & 0xFFFF);
    }

    private static boolean isMapped(long hi, long lo) {
        return hi == 0 && (lo >>> 32) == 0xFFFFL;
    }

    // ---- reading /proc ----

    /** One socket row of a table, addresses already in the lookup form (mapped IPv6 as IPv4). */
    private record Row(int key, byte kind, long hi, long lo, long inode) {
    }

    private Snapshot read(Snapshot previous) {
        List<Row> rows = new ArrayList<>();
        Set<Long> v4Local = new HashSet<>();
        Set<List<Long>> v6Local = new HashSet<>();
        for (String table : TABLES) {
            readTable(procRoot.resolve("net").resolve(table), table.startsWith("tcp") ? TCP : UDP,
                    table.endsWith("6"), rows);
        }
        Set<Long> inodes = new HashSet<>();
        for (Row r : rows) {
            inodes.add(r.inode);
            if (r.kind == V4) {
                v4Local.add(r.lo);
            } else if (r.kind == V6) {
                v6Local.add(List.of(r.hi, r.lo));
            }
        }
        if (hostInterfaces) {
            addInterfaces(v4Local, v6Local);
        }
        Map<Long, ProcessInfo> byInode = owners(inodes);

        Map<Integer, List<Row>> grouped = new HashMap<>();
        for (Row r : rows) {
            grouped.computeIfAbsent(r.key, k -> new ArrayList<>()).add(r);
        }
        BucketMap buckets = new BucketMap(grouped.size());
        for (Map.Entry<Integer, List<Row>> e : grouped.entrySet()) {
            List<Row> list = e.getValue();
            Bucket b = new Bucket(list.size());
            for (int i = 0; i < list.size(); i++) {
                Row r = list.get(i);
                b.kinds[i] = r.kind;
                b.hi[i] = r.hi;
                b.lo[i] = r.lo;
                b.owners[i] = byInode.get(r.inode);
            }
            buckets.put(e.getKey(), b);
        }
        long[] v4 = v4Local.stream().mapToLong(Long::longValue).sorted().toArray();
        long[][] v6pairs = v6Local.stream().map(p -> new long[] {p.get(0), p.get(1)})
                .sorted(LinuxSocketOwners::compareV6).toArray(long[][]::new);
        long[] v6 = new long[v6pairs.length * 2];
        for (int i = 0; i < v6pairs.length; i++) {
            v6[2 * i] = v6pairs[i][0];
            v6[2 * i + 1] = v6pairs[i][1];
        }
        int processes = (int) byInode.values().stream().map(ProcessInfo::pid).distinct().count();
        return new Snapshot(buckets, v4, v6, rows.size(), processes);
    }

    private void readTable(Path file, int proto, boolean six, List<Row> out) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            in.readLine(); // header
            String line;
            while ((line = in.readLine()) != null) {
                Row r = parseRow(line, proto, six);
                if (r != null) {
                    out.add(r);
                }
            }
        } catch (IOException | RuntimeException e) {
            // A missing table (no IPv6) or a malformed one: what was read so far stands.
        }
    }

    /**
     * One line of a /proc/net table: "sl local_address rem_address st ... uid timeout inode ...".
     * Addresses are hex 32-bit words in the kernel's byte order, the port a plain hex number.
     * Null for sockets without an inode (TIME_WAIT) or lines that do not parse.
     */
    private Row parseRow(String line, int proto, boolean six) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10) {
            return null;
        }
        String local = f[1];
        int colon = local.indexOf(':');
        if (colon < 0) {
            return null;
        }
        long inode;
        int port;
        try {
            inode = Long.parseLong(f[9]);
            port = Integer.parseInt(local.substring(colon + 1), 16);
        } catch (NumberFormatException e) {
            return null;
        }
        if (inode == 0) {
            return null;
        }
        String addr = local.substring(0, colon);
        long hi;
        long lo;
        byte kind;
        if (!six) {
            if (addr.length() != 8) {
                return null;
            }
            hi = 0;
            lo = word(addr, 0);
            kind = lo == 0 ? ANY4 : V4;
        } else {
            if (addr.length() != 32) {
                return null;
            }
            hi = word(addr, 0) << 32 | word(addr, 8);
            lo = word(addr, 16) << 32 | word(addr, 24);
            if (isMapped(hi, lo)) {
                hi = 0;
                lo &= 0xFFFFFFFFL;
                kind = lo == 0 ? ANY4 : V4;
            } else {
                kind = hi == 0 && lo == 0 ? ANY6 : V6;
            }
        }
        return new Row(key(proto, port), kind, hi, lo, inode);
    }

    /** The 32-bit word printed as 8 hex digits at {@code at}, back in network (big-endian) order. */
    private long word(String s, int at) {
        int w = (int) Long.parseLong(s.substring(at, at + 8), 16);
        if (order == ByteOrder.LITTLE_ENDIAN) {
            w = Integer.reverseBytes(w);
        }
        return w & 0xFFFFFFFFL;
    }

    /** Socket inode -> owning process, scanning the fd links of every visible process. */
    private Map<Long, ProcessInfo> owners(Set<Long> inodes) {
        Map<Long, ProcessInfo> byInode = new HashMap<>();
        if (inodes.isEmpty()) {
            return byInode;
        }
        Map<Integer, ProcessInfo> byPid = new HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(procRoot)) {
            for (Path proc : procs) {
                int pid = pid(proc.getFileName().toString());
                if (pid > 0) {
                    scanFds(pid, proc, inodes, byInode, byPid);
                }
            }
        } catch (IOException | DirectoryIteratorException | SecurityException e) {
            // What was found so far stands.
        }
        return byInode;
    }

    private void scanFds(int pid, Path proc, Set<Long> inodes, Map<Long, ProcessInfo> byInode,
            Map<Integer, ProcessInfo> byPid) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException | UnsupportedOperationException | SecurityException e) {
                    continue; // closed meanwhile, or not ours to read
                }
                if (!target.startsWith("socket:[") || !target.endsWith("]")) {
                    continue;
                }
                long inode;
                try {
                    inode = Long.parseLong(target.substring(8, target.length() - 1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (inodes.contains(inode) && !byInode.containsKey(inode)) {
                    byInode.put(inode, byPid.computeIfAbsent(pid, p -> process(p, proc)));
                }
            }
        } catch (IOException | DirectoryIteratorException | SecurityException e) {
            // The process exited, or its fds are not readable: skip it.
        }
    }

    private static ProcessInfo process(int pid, Path proc) {
        String name = "";
        try {
            name = Files.readString(proc.resolve("comm"), StandardCharsets.UTF_8).trim();
        } catch (IOException | RuntimeException e) {
            // gone or unreadable: keep the pid, the name is unknown
        }
        String exe = "";
        try {
            exe = Files.readSymbolicLink(proc.resolve("exe")).toString();
        } catch (IOException | RuntimeException e) {
            // kernel threads and other users' processes have none readable
        }
        return new ProcessInfo(pid, name, exe);
    }

    private static int pid(String name) {
        if (name.isEmpty() || name.length() > 9) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static void addInterfaces(Set<Long> v4, Set<List<Long>> v6) {
        try {
            Enumeration<NetworkInterface> ifs = NetworkInterface.getNetworkInterfaces();
            while (ifs != null && ifs.hasMoreElements()) {
                Enumeration<InetAddress> addrs = ifs.nextElement().getInetAddresses();
                while (addrs.hasMoreElements()) {
                    byte[] a = addrs.nextElement().getAddress();
                    if (a.length == 4) {
                        v4.add(bytes(a, 0, 4));
                    } else if (a.length == 16) {
                        long hi = bytes(a, 0, 8);
                        long lo = bytes(a, 8, 8);
                        if (isMapped(hi, lo)) {
                            v4.add(lo & 0xFFFFFFFFL);
                        } else {
                            v6.add(List.of(hi, lo));
                        }
                    }
                }
            }
        } catch (SocketException | RuntimeException e) {
            // The tables' own addresses and loopback still count.
        }
    }

    private static long bytes(byte[] a, int from, int n) {
        long v = 0;
        for (int i = from; i < from + n; i++) {
            v = v << 8 | (a[i] & 0xFF);
        }
        return v;
    }

    private static int compareV6(long[] a, long[] b) {
        int c = Long.compareUnsigned(a[0], b[0]);
        return c != 0 ? c : Long.compareUnsigned(a[1], b[1]);
    }

    // ---- the published state ----

    /** The sockets on one (protocol, port): parallel arrays, scanned linearly (usually 1-3 entries). */
    private static final class Bucket {
        final byte[] kinds;
        final long[] hi;
        final long[] lo;
        final ProcessInfo[] owners;

        Bucket(int n) {
            kinds = new byte[n];
            hi = new long[n];
            lo = new long[n];
            owners = new ProcessInfo[n];
        }
    }

    /** Open-addressing int -> Bucket map (key 0 never occurs: protocols are 6 and 17), no boxing on get. */
    private static final class BucketMap {
        final int[] keys;
        final Bucket[] values;
        final int mask;

        BucketMap(int n) {
            int cap = Integer.highestOneBit(Math.max(4, n * 2 + 1)) << 1;
            keys = new int[cap];
            values = new Bucket[cap];
            mask = cap - 1;
        }

        void put(int key, Bucket b) {
            int i = mix(key) & mask;
            while (keys[i] != 0 && keys[i] != key) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            values[i] = b;
        }

        Bucket get(int key) {
            int i = mix(key) & mask;
            while (true) {
                int k = keys[i];
                if (k == key) {
                    return values[i];
                }
                if (k == 0) {
                    return null;
                }
                i = (i + 1) & mask;
            }
        }

        private static int mix(int k) {
            int h = k * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }

    private static final class Snapshot {
        static final Snapshot EMPTY = new Snapshot(new BucketMap(0), new long[0], new long[0], 0, 0);

        final BucketMap buckets;
        final long[] v4Local; // sorted
        final long[] v6Local; // sorted (hi, lo) pairs, unsigned order
        final int sockets;
        final int processes;

        Snapshot(BucketMap buckets, long[] v4Local, long[] v6Local, int sockets, int processes) {
            this.buckets = buckets;
            this.v4Local = v4Local;
            this.v6Local = v6Local;
            this.sockets = sockets;
            this.processes = processes;
        }

        Bucket bucket(int key) {
            return buckets.get(key);
        }

        boolean isLocal(boolean v4, long hi, long lo) {
            if (v4) {
                return (lo >>> 24) == 127 || Arrays.binarySearch(v4Local, lo) >= 0;
            }
            if (hi == 0 && lo == 1) {
                return true;
            }
            int a = 0;
            int b = v6Local.length / 2 - 1;
            while (a <= b) {
                int m = (a + b) >>> 1;
                int c = Long.compareUnsigned(v6Local[2 * m], hi);
                if (c == 0) {
                    c = Long.compareUnsigned(v6Local[2 * m + 1], lo);
                }
                if (c == 0) {
                    return true;
                }
                if (c < 0) {
                    a = m + 1;
                } else {
                    b = m - 1;
                }
            }
            return false;
        }
    }
}

package dev.rampart.engine.detect.mpm;

import static org.bytedeco.hyperscan.global.hyperscan.HS_FLAG_CASELESS;
import static org.bytedeco.hyperscan.global.hyperscan.HS_FLAG_SINGLEMATCH;
import static org.bytedeco.hyperscan.global.hyperscan.HS_MODE_BLOCK;
import static org.bytedeco.hyperscan.global.hyperscan.HS_SUCCESS;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bytedeco.hyperscan.global.hyperscan;
import org.bytedeco.hyperscan.hs_database_t;
import org.bytedeco.hyperscan.hs_scratch_t;
import org.bytedeco.hyperscan.match_event_handler;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * Hyperscan (5.4, through the JavaCPP preset {@code org.bytedeco:hyperscan}) in block mode over a
 * database of literals, each written as a regex of {@code \xHH} escapes ({@code hs_compile_multi}:
 * Hyperscan recognises pure literals itself). Not {@code hs_compile_lit_multi}: in 5.4.2 it
 * rejects a literal that starts with a NUL byte as "empty string", and contents do start with NUL.
 * With
 * {@code HS_FLAG_SINGLEMATCH} so that Hyperscan itself reports each pattern once per scan and
 * {@code HS_FLAG_CASELESS} for nocase. Hyperscan ids are pattern indexes, mapped back to the
 * caller's ids in the callback.
 *
 * <p>Optional: {@link #available()} says whether the native library loads and the CPU is
 * supported (Hyperscan needs SSSE3); if not, {@link #unavailableReason()} says why and callers use
 * {@link AhoCorasickMatcher}.
 *
 * <p>The scan buffer is copied into a per-scratch native buffer (JNI cannot hand a Java array to
 * native code without a copy or a pin). The match callback is one shared JavaCPP callback (JavaCPP
 * allots few callback instances per class); it runs on the scanning thread and finds the scan's
 * scratch in a thread-local, and the context pointer stays null (a non-null one would be wrapped
 * in a new Java object for every match).
 */
public final class HyperscanMatcher implements MultiPatternMatcher {

    private static final String UNAVAILABLE;
    private static final String VERSION;

    static {
        String why = null;
        String version = null;
        try {
            Loader.load(hyperscan.class);
            int rc = hyperscan.hs_valid_platform();
            if (rc != HS_SUCCESS) {
                why = "hs_valid_platform() = " + rc + " (CPU lacks SSSE3?)";
            } else {
                version = hyperscan.hs_version().getString();
            }
        } catch (Throwable t) {
            why = t.toString();
        }
        UNAVAILABLE = why;
        VERSION = version;
    }

    public static boolean available() {
        return UNAVAILABLE == null;
    }

    /** Why the native library cannot be used here, or null when it can. */
    public static String unavailableReason() {
        return UNAVAILABLE;
    }

    /** {@code hs_version()}, or null when unavailable. */
    public static String version() {
        return VERSION;
    }

    private final int[] ids;
    private final hs_database_t db;
    private final long dbSize;
    private volatile boolean closed;

    private HyperscanMatcher(int[] ids, hs_database_t db, long dbSize) {
        this.ids = ids;
        this.db = db;
        this.dbSize = dbSize;
    }

    private static void requireAvailable() {
        if (!available()) {
            throw new IllegalStateException("Hyperscan unavailable: " + UNAVAILABLE);
        }
    }

    /** Compiles a literal database; pattern ids must be unique. */
    public static HyperscanMatcher build(List<MpmPattern> patterns) {
        requireAvailable();
        int n = patterns.size();
        int[] ids = new int[n];
        int[] flags = new int[n];
        List<byte[]> exprs = new java.util.ArrayList<>(n);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            MpmPattern p = patterns.get(i);
            if (!seen.add(p.id())) {
                throw new IllegalArgumentException("duplicate pattern id " + p.id());
            }
            ids[i] = p.id();
            // each literal as a regex of \xHH escapes (see the class comment)
            exprs.add(hexRegex(p.bytes()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            flags[i] = HS_FLAG_SINGLEMATCH | (p.nocase() ? HS_FLAG_CASELESS : 0);
        }
        return buildRegex(exprs, flags, ids);
    }

    /** A regex {@link #buildRegex} could not compile: which one (its index) and Hyperscan's message. */
    public static final class RejectedPattern extends IllegalArgumentException {
        private final int index;

        RejectedPattern(int index, String message) {
            super(message);
            this.index = index;
        }

        /** The index of the rejected expression, -1 when Hyperscan named none. */
        public int index() {
            return index;
        }
    }

    /**
     * Compiles a database of regexes given as bytes (Hyperscan reads bytes, so Latin-1 text stays
     * byte-exact), each with its own Hyperscan flags; a match reports {@code ids[i]}. When one
     * expression is refused, {@link RejectedPattern} names it so that a caller can drop it and retry.
     */
    public static HyperscanMatcher buildRegex(List<byte[]> expressions, int[] flags, int[] ids) {
        requireAvailable();
        int n = expressions.size();
        if (n == 0) {
            return new HyperscanMatcher(new int[0], null, 0);
        }
        PointerPointer<BytePointer> exprs = new PointerPointer<>(n);
        IntPointer hsFlags = new IntPointer(n);
        IntPointer hsIds = new IntPointer(n);
        BytePointer[] keep = new BytePointer[n];
        PointerPointer<hs_database_t> dbOut = new PointerPointer<>(1);
        PointerPointer<Pointer> errOut = new PointerPointer<>(1);
        try {
            for (int i = 0; i < n; i++) {
                byte[] e = expressions.get(i);
                keep[i] = new BytePointer(e.length + 1L); // NUL-terminated
                keep[i].put(e, 0, e.length).put(e.length, (byte) 0);
                exprs.put(i, keep[i]);
                hsFlags.put(i, flags[i]);
                hsIds.put(i, i);
            }
            int rc = hyperscan.hs_compile_multi(exprs, hsFlags, hsIds, n, HS_MODE_BLOCK, null, dbOut, errOut);
            if (rc != HS_SUCCESS) {
                String msg = "rc " + rc;
                int index = -1;
                Pointer e = errOut.get(0);
                if (e != null && !e.isNull()) {
                    org.bytedeco.hyperscan.hs_compile_error_t err = new org.bytedeco.hyperscan.hs_compile_error_t(e);
                    index = err.expression();
                    msg = err.message().getString() + " (pattern index " + index + ")";
                    hyperscan.hs_free_compile_error(err);
                }
                throw new RejectedPattern(index, "hs_compile_multi failed: " + msg);
            }
            hs_database_t db = new hs_database_t(dbOut.get(0));
            return new HyperscanMatcher(ids.clone(), db, databaseSize(db));
        } finally {
            for (BytePointer k : keep) {
                if (k != null) {
                    k.close();
                }
            }
            exprs.close();
            hsFlags.close();
            hsIds.close();
            dbOut.close();
            errOut.close();
        }
    }

    /**
     * Why Hyperscan refuses one regex with these flags ({@code hs_expression_info}: parsing and
     * the graph checks, without building a database), or null when it accepts it. Cheaper than
     * finding a refused pattern by failed compiles of a whole database.
     */
    public static String regexRefusal(byte[] expression, int flags) {
        requireAvailable();
        try (BytePointer e = new BytePointer(expression.length + 1L);
                PointerPointer<Pointer> infoOut = new PointerPointer<>(1);
                PointerPointer<Pointer> errOut = new PointerPointer<>(1)) {
            e.put(expression, 0, expression.length).put(expression.length, (byte) 0);
            int rc = hyperscan.hs_expression_info(e, flags, infoOut, errOut);
            if (rc == HS_SUCCESS) {
                Pointer info = infoOut.get(0);
                if (info != null && !info.isNull()) {
                    Pointer.free(info); // allocated by Hyperscan's misc allocator, malloc by default
                }
                return null;
            }
            String msg = "rc " + rc;
            Pointer p = errOut.get(0);
            if (p != null && !p.isNull()) {
                org.bytedeco.hyperscan.hs_compile_error_t err = new org.bytedeco.hyperscan.hs_compile_error_t(p);
                msg = err.message().getString();
                hyperscan.hs_free_compile_error(err);
            }
            return msg;
        }
    }

    /** {@code \xHH} for every byte: a regex that matches exactly these bytes. */
    static String hexRegex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 4);
        for (byte x : b) {
            sb.append("\\x").append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }

    private static long databaseSize(hs_database_t db) {
        try (SizeTPointer size = new SizeTPointer(1)) {
            return hyperscan.hs_database_size(db, size) == HS_SUCCESS ? size.get() : -1;
        }
    }

    /** Bytes of the compiled database (-1 if unknown). */
    public long databaseSize() {
        return dbSize;
    }

    @Override
    public MpmKind kind() {
        return MpmKind.HYPERSCAN;
    }

    @Override
    public int patternCount() {
        return ids.length;
    }

    @Override
    public MpmScratch newScratch() {
        return new Scratch(this);
    }

    @Override
    public int scan(byte[] data, int off, int len, MatchSink sink, MpmScratch scratch) {
        if (data == null || off < 0 || len <= 0 || off > data.length - len || db == null || closed) {
            return 0;
        }
        Scratch sc = (Scratch) scratch;
        if (sc.owner != this || sc.hs == null) {
            return 0;
        }
        sc.ensureCapacity(len);
        sc.buf.put(data, off, len);
        sc.sink = sink;
        sc.reported = 0;
        ScanSlot slot = ScanSlot.ofThisThread();
        Scratch outer = slot.scratch; // a sink may itself scan (another matcher)
        slot.scratch = sc;
        int rc = hyperscan.hs_scan(db, sc.buf, len, 0, sc.hs, Callback.INSTANCE, null);
        slot.scratch = outer;
        sc.sink = null;
        // rc != HS_SUCCESS only on scratch misuse; what was reported stays reported.
        return rc == HS_SUCCESS ? sc.reported : sc.reported;
    }

    /** Per-worker: native scratch, native copy of the scanned bytes, current sink. */
    static final class Scratch implements MpmScratch {
        private static final int INITIAL = 2048;

        final HyperscanMatcher owner;
        hs_scratch_t hs;
        BytePointer buf;
        long capacity;
        MatchSink sink;
        int reported;

        Scratch(HyperscanMatcher owner) {
            this.owner = owner;
            if (owner.db != null) {
                PointerPointer<hs_scratch_t> out = new PointerPointer<>(1);
                out.put(0, (Pointer) null);
                int rc = hyperscan.hs_alloc_scratch(owner.db, out);
                if (rc != HS_SUCCESS) {
                    out.close();
                    throw new IllegalStateException("hs_alloc_scratch failed: " + rc);
                }
                hs = new hs_scratch_t(out.get(0));
                out.close();
            }
            capacity = INITIAL;
            buf = new BytePointer(capacity);
        }

        void ensureCapacity(int len) {
            if (len > capacity) {
                buf.close();
                capacity = Math.max(len, capacity * 2);
                buf = new BytePointer(capacity);
            }
        }

        void onMatch(int index) {
            MatchSink s = sink;
            if (s != null && index >= 0 && index < owner.ids.length) {
                reported++;
                s.onMatch(owner.ids[index]);
            }
        }

        @Override
        public void close() {
            if (hs != null) {
                hyperscan.hs_free_scratch(hs);
                hs = null;
            }
            if (buf != null) {
                buf.close();
                buf = null;
            }
        }
    }

    /**
     * 128 bytes before a {@link ScanSlot}'s fields (superclass fields are laid out first). The int
     * fills the 4 bytes after a compressed header, where the layout would otherwise put a subclass's
     * reference field, at the very start of the object.
     */
    @SuppressWarnings("unused")
    abstract static class ScanSlotPad {
        int p00;
        long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15, p16;
    }

    /** A {@link ScanSlot}'s own fields, between its paddings. */
    abstract static class ScanSlotFields extends ScanSlotPad {
        final Thread thread = Thread.currentThread();
        Scratch scratch;
    }

    /**
     * The scratch of the scan running on one thread (the callback runs on the scanning thread).
     * A ThreadLocal lookup per scan and per match cost ~7% of detection, so each thread's slot is
     * also kept in {@link #RECENT}, at an index of its own (by thread id) a cache line apart from
     * any other's: a worker reads and writes only its own line. Before, one static field held the
     * slot of the thread that scanned last; with 2 workers scanning by turns every scan rewrote
     * it and every match read it from the other core, and the 2 workers' threads used ~15% more CPU
     * than one thread for the same packets. Racy reads are harmless: a slot's {@link #thread} is
     * final and its scratch is read and written by that thread only; two threads whose ids share
     * an index only fall back to the ThreadLocal more often.
     *
     * <p>The slot objects are padded too ({@link ScanSlotPad}, {@link ScanSlotFields}): a young
     * collection copies what {@link #RECENT} holds one after the other, so two workers' slots, each
     * written twice a scan, shared a cache line from then on (2 workers, 500 MB scan: this method
     * was 74 of ~5,200 packet-path samples a run, against 9 once nothing shared the line).
     */
    @SuppressWarnings("unused")
    static final class ScanSlot extends ScanSlotFields {
        private static final ThreadLocal<ScanSlot> SLOTS = ThreadLocal.withInitial(ScanSlot::new);
        private static final int WAYS = 64;
        /** References between two threads' entries: 128 bytes, a cache line and its prefetched neighbour. */
        private static final int SPREAD = 32;
        private static final ScanSlot[] RECENT = new ScanSlot[WAYS * SPREAD];
        // 128 bytes after the fields (a subclass's fields are laid out after its superclass's)
        long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15, q16;

        /** The calling thread's slot (once per scan, and per match in the callback). */
        static ScanSlot ofThisThread() {
            Thread t = Thread.currentThread();
            int i = index(t);
            ScanSlot s = RECENT[i];
            if (s == null || s.thread != t) {
                s = SLOTS.get();
                RECENT[i] = s;
            }
            return s;
        }

        /** The slot kept for {@code t}'s index (tests). */
        static ScanSlot kept(Thread t) {
            return RECENT[index(t)];
        }

        /** {@code t}'s index in {@link #RECENT}. */
        static int index(Thread t) {
            return ((int) t.getId() & (WAYS - 1)) * SPREAD;
        }
    }

    private static final class Callback extends match_event_handler {
        static final Callback INSTANCE = new Callback();

        @Override
        public int call(int id, long from, long to, int flags, Pointer context) {
            Scratch s = ScanSlot.ofThisThread().scratch;
            if (s != null) {
                s.onMatch(id);
            }
            return 0; // keep scanning
        }
    }

    @Override
    public byte[] serialize() {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (DataOutputStream out = MultiPatternMatchers.header(bos, MpmKind.HYPERSCAN)) {
            Ints.write(out, ids);
            if (db == null) {
                out.writeInt(0);
                return finish(out, bos);
            }
            try (PointerPointer<BytePointer> bytesOut = new PointerPointer<>(1);
                    SizeTPointer lenOut = new SizeTPointer(1)) {
                int rc = hyperscan.hs_serialize_database(db, bytesOut, lenOut);
                if (rc != HS_SUCCESS) {
                    throw new IllegalStateException("hs_serialize_database failed: " + rc);
                }
                long len = lenOut.get();
                Pointer raw = bytesOut.get(0);
                try {
                    byte[] arr = new byte[Math.toIntExact(len)];
                    new BytePointer(raw).capacity(len).get(arr, 0, arr.length);
                    out.writeInt(arr.length);
                    out.write(arr);
                } finally {
                    Pointer.free(raw); // allocated by Hyperscan's misc allocator, malloc by default
                }
            }
            return finish(out, bos);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] finish(DataOutputStream out, ByteArrayOutputStream bos) throws IOException {
        out.flush();
        return bos.toByteArray();
    }

    static HyperscanMatcher readBody(DataInputStream in) throws IOException {
        if (!available()) {
            throw new IOException("Hyperscan unavailable: " + UNAVAILABLE);
        }
        int[] ids = Ints.read(in, 0, 1 << 24);
        int len = in.readInt();
        if (len == 0 && ids.length == 0) {
            return new HyperscanMatcher(ids, null, 0);
        }
        if (len <= 0 || len > 1 << 30) {
            throw new IOException("bad database length " + len);
        }
        byte[] arr = new byte[len];
        in.readFully(arr);
        try (BytePointer bp = new BytePointer(arr.length); PointerPointer<hs_database_t> dbOut = new PointerPointer<>(1)) {
            bp.put(arr, 0, arr.length);
            // hs_deserialize_database checks the CRC and the version/platform it was built for.
            int rc = hyperscan.hs_deserialize_database(bp, len, dbOut);
            if (rc != HS_SUCCESS) {
                throw new IOException("hs_deserialize_database failed: " + rc);
            }
            hs_database_t db = new hs_database_t(dbOut.get(0));
            return new HyperscanMatcher(ids, db, databaseSize(db));
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (db != null) {
                hyperscan.hs_free_database(db);
            }
        }
    }
}

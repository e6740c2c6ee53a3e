package dev.rampart.engine.detect.seclang;

import static org.bytedeco.hyperscan.global.hyperscan.HS_FLAG_DOTALL;
import static org.bytedeco.hyperscan.global.hyperscan.HS_FLAG_PREFILTER;
import static org.bytedeco.hyperscan.global.hyperscan.HS_FLAG_SINGLEMATCH;

import dev.rampart.engine.detect.mpm.HyperscanMatcher;
import dev.rampart.engine.detect.mpm.MpmScratch;
import dev.rampart.engine.detect.seclang.operator.Rx;
import dev.rampart.engine.detect.seclang.transform.Transformation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A Hyperscan prefilter for {@code @rx}: the fixed patterns of all links that share a
 * transformation chain are compiled into one database in prefilter mode, which reports every
 * pattern that can match (and maybe more) but never misses one. One scan of a transformed value
 * then tells which of those links' regexes need running at all; java.util.regex still decides
 * each reported one, so results and captures stay those of {@link Rx}. CRS evaluates hundreds
 * of large alternations over every value at paranoia level 4, nearly all of them not matching.
 *
 * <p>Each chain has up to three databases, one per value scope: the request body, the response
 * body, and every other value. A body is scanned only with the patterns of the links that read
 * it (CRS: a few dozen for the response body, against the hundreds of a chain's request rules),
 * because bodies are nearly all of the bytes a transaction scans.
 *
 * <p>A pattern whose prefilter form is reported for most everyday values (measured on
 * {@link #PROBES} when the database is built) is left out: it would filter nothing, and each
 * report costs a call from native code into Java.
 *
 * <p>Links get a chain id (shared by links with the same transformations, for the per-transaction
 * cache of transformed values) and, per scope they read, a pattern index in that scope's database.
 * Patterns Hyperscan refuses, macro patterns and multiMatch links keep the plain path; without
 * Hyperscan (library or CPU) nothing is prefiltered. Immutable after {@link #build}; the native
 * scratch is per thread.
 */
final class RxPrefilter {
    private static final int FLAGS = HS_FLAG_PREFILTER | HS_FLAG_SINGLEMATCH | HS_FLAG_DOTALL;

    /** Value scopes, each with its own databases: values of any variable but the bodies. */
    static final int SCOPE_OTHER = 0;
    /** REQUEST_BODY. */
    static final int SCOPE_REQUEST_BODY = 1;
    /** RESPONSE_BODY. */
    static final int SCOPE_RESPONSE_BODY = 2;
    static final int SCOPES = 3;

    /** The scope of the values of variable {@code collection} (upper case). */
    static int scope(String collection) {
        return switch (collection) {
            case "REQUEST_BODY" -> SCOPE_REQUEST_BODY;
            case "RESPONSE_BODY" -> SCOPE_RESPONSE_BODY;
            default -> SCOPE_OTHER;
        };
    }

    /** Per chain id * SCOPES + scope: the database of that chain's patterns for values of that scope, or null. */
    private final HyperscanMatcher[] databases;
    private final int[] patternCounts;
    private final ThreadLocal<MpmScratch[]> scratch;
    private final int prefiltered;
    private final int refused;

    private RxPrefilter(HyperscanMatcher[] databases, int[] patternCounts, int prefiltered, int refused) {
        this.databases = databases;
        this.patternCounts = patternCounts;
        this.prefiltered = prefiltered;
        this.refused = refused;
        this.scratch = ThreadLocal.withInitial(() -> new MpmScratch[databases.length]);
    }

    /** Number of chain ids (the size of a transaction's cache array). */
    int chains() {
        return databases.length / SCOPES;
    }

    /** Pattern entries in the databases (a link that reads a body and other values counts in each), and entries Hyperscan refused. */
    int prefiltered() {
        return prefiltered;
    }

    int refused() {
        return refused;
    }

    /**
     * Numbers the links' transformation chains and compiles each chain's @rx patterns; sets
     * {@link SecRuleProgram#chainId} and {@link SecRuleProgram#prefilterIndex} on the links.
     */
    static RxPrefilter build(SecRuleProgram[][] phases, boolean useHyperscan, java.nio.file.Path cacheDir) {
        Map<List<Transformation>, Integer> ids = new HashMap<>();
        // per chain id * SCOPES + scope: the links of that chain that read values of that scope
        List<List<SecRuleProgram>> rxLinks = new ArrayList<>();
        for (SecRuleProgram[] list : phases) {
            for (SecRuleProgram r : list) {
                for (SecRuleProgram link = r; link != null; link = link.chained) {
                    if (link.marker != null || link.multiMatch || link.operator == null) continue;
                    // transformations are shared singletons: the list's equality is the chain's identity
                    Integer id = ids.computeIfAbsent(List.of(link.transforms), k -> ids.size());
                    while (rxLinks.size() < ids.size() * SCOPES) rxLinks.add(new ArrayList<>());
                    link.chainId = id;
                    if (link.operator instanceof Rx rx && rx.fixedSource() != null) {
                        boolean[] reads = new boolean[SCOPES];
                        for (SecRuleProgram.Target t : link.targets) reads[t.scope()] = true;
                        for (int sc = 0; sc < SCOPES; sc++) {
                            if (reads[sc]) rxLinks.get(id * SCOPES + sc).add(link);
                        }
                    }
                }
            }
        }
        HyperscanMatcher[] dbs = new HyperscanMatcher[ids.size() * SCOPES];
        int[] counts = new int[dbs.length];
        int[] refusedBy = new int[dbs.length];
        if (useHyperscan && HyperscanMatcher.available()) {
            // databases compile independently (CRS: ~20 s of Hyperscan compile on one core)
            IntStream.range(0, dbs.length).parallel().forEach(c -> {
                List<SecRuleProgram> links = rxLinks.get(c);
                refusedBy[c] = compileChain(links, dbs, c, cacheDir);
                for (int i = 0; i < links.size(); i++) links.get(i).prefilterIndex[c % SCOPES] = i;
                counts[c] = links.size();
            });
        }
        int prefiltered = 0;
        int refused = 0;
        for (int c = 0; c < dbs.length; c++) {
            prefiltered += counts[c];
            refused += refusedBy[c];
        }
        return new RxPrefilter(dbs, counts, prefiltered, refused);
    }

    /**
     * Compiles one chain's patterns into {@code dbs[c]}, leaving in {@code links} those it holds
     * (in database order); returns how many were refused.
     */
    private static int compileChain(List<SecRuleProgram> links, HyperscanMatcher[] dbs, int c,
            java.nio.file.Path cacheDir) {
        int refused = 0;
        List<byte[]> exprs = new ArrayList<>(links.size());
        for (int i = 0; i < links.size(); i++) {
            String src = ((Rx) links.get(i).operator).fixedSource();
            byte[] e = src.getBytes(StandardCharsets.ISO_8859_1);
            // Hyperscan reads a NUL-terminated string; embedded anchors and the like are refused
            if (src.indexOf('\0') >= 0 || HyperscanMatcher.regexRefusal(e, FLAGS) != null) {
                links.remove(i--);
                refused++;
            } else {
                exprs.add(e);
            }
        }
        if (links.isEmpty()) {
            return refused;
        }
        // a database compiled before for the same expressions (CRS: ~10 s of CPU at every load)
        java.nio.file.Path cached = cacheDir == null ? null : cacheDir.resolve("seclang-rx-" + key(exprs) + ".hsdb");
        if (cached != null) {
            int[] kept = readCached(cached, dbs, c);
            if (kept != null) {
                List<SecRuleProgram> keptLinks = new ArrayList<>(kept.length);
                for (int k : kept) {
                    keptLinks.add(links.get(k));
                }
                refused += links.size() - kept.length;
                links.clear();
                links.addAll(keptLinks);
                return refused;
            }
        }
        List<Integer> original = new ArrayList<>(links.size());
        for (int i = 0; i < links.size(); i++) {
            original.add(i);
        }
        // what the check above lets through and the compile refuses (sizes): drop it, compile the rest again
        while (!links.isEmpty()) {
            int[] flags = new int[links.size()];
            int[] hsIds = new int[links.size()];
            for (int i = 0; i < links.size(); i++) {
                flags[i] = FLAGS;
                hsIds[i] = i;
            }
            try {
                dbs[c] = HyperscanMatcher.buildRegex(exprs, flags, hsIds);
                List<Integer> loose = unselective(dbs[c], links.size());
                if (!loose.isEmpty()) {
                    // they would be reported for nearly every value: each report is a call from native code that
                    // buys nothing, as their regex runs anyway; they keep the plain path and the rest compile again
                    dbs[c].close();
                    dbs[c] = null;
                    for (int k = loose.size() - 1; k >= 0; k--) {
                        int bad = loose.get(k);
                        links.remove(bad);
                        exprs.remove(bad);
                        original.remove(bad);
                    }
                    continue;
                }
                if (cached != null) {
                    writeCached(cached, original, dbs[c]);
                }
                return refused;
            } catch (HyperscanMatcher.RejectedPattern e) {
                int bad = e.index();
                if (bad < 0 || bad >= links.size()) {
                    refused += links.size(); // not attributable: the whole chain keeps the plain path
                    links.clear();
                    return refused;
                }
                links.remove(bad);
                exprs.remove(bad);
                original.remove(bad);
                refused++;
            }
        }
        return refused;
    }

    /**
     * Everyday values (header values, words, numbers, paths): a pattern that the prefilter reports
     * for most of them filters nothing (CRS: {@code ^.*$}, {@code .}, the 9322xx command lists that
     * may start at the value's start, which prefilter mode reads as "anything").
     */
    private static final String[] PROBES = {"1", "0", "abc", "true", "hello world", "John Smith", "/", "index.html",
            "/images/logo.png", "www.example.com", "user@example.com", "2024-01-01", "keep-alive", "max-age=0",
            "gzip, deflate, br", "en-US,en;q=0.9", "text/html,application/xhtml+xml", "session=abc123; theme=dark",
            "application/x-www-form-urlencoded", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"};

    /** Patterns reported for at least half of {@link #PROBES}, by index, ascending. */
    private static List<Integer> unselective(HyperscanMatcher db, int patterns) {
        int[] reported = new int[patterns];
        try (MpmScratch s = db.newScratch()) {
            for (String probe : PROBES) {
                byte[] b = probe.getBytes(StandardCharsets.ISO_8859_1);
                db.scan(b, 0, b.length, i -> reported[i]++, s);
            }
        }
        List<Integer> loose = new ArrayList<>();
        for (int i = 0; i < patterns; i++) {
            if (reported[i] * 2 >= PROBES.length) loose.add(i);
        }
        return loose;
    }

    /** The cache key of a chain's expressions: Hyperscan's version, the flags, the probes, every expression. */
    private static String key(List<byte[]> exprs) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(HyperscanMatcher.version().getBytes(StandardCharsets.UTF_8));
            for (String probe : PROBES) {
                md.update(probe.getBytes(StandardCharsets.ISO_8859_1));
                md.update((byte) 0);
            }
            md.update(Integer.toString(FLAGS).getBytes(StandardCharsets.UTF_8));
            for (byte[] e : exprs) {
                md.update(Integer.toString(e.length).getBytes(StandardCharsets.UTF_8));
                md.update((byte) ':');
                md.update(e);
            }
            return java.util.HexFormat.of().formatHex(md.digest(), 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a cached database into {@code dbs[c]}: the indexes of the expressions it holds, or null
     * when there is none or it does not load (then it is compiled again and overwritten).
     */
    private static int[] readCached(java.nio.file.Path file, HyperscanMatcher[] dbs, int c) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            return null;
        }
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(
                java.nio.file.Files.readAllBytes(file)))) {
            int n = in.readInt();
            int[] kept = new int[n];
            for (int i = 0; i < n; i++) {
                kept[i] = in.readInt();
            }
            byte[] db = in.readAllBytes();
            if (dev.rampart.engine.detect.mpm.MultiPatternMatchers.deserialize(db) instanceof HyperscanMatcher m
                    && m.patternCount() == n) {
                // a database built for another CPU platform refuses scratch: rebuild then
                m.newScratch().close();
                dbs[c] = m;
                return kept;
            }
            return null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** Writes {@code file} atomically; a cache that cannot be written only loses the warm start. */
    private static void writeCached(java.nio.file.Path file, List<Integer> kept, HyperscanMatcher db) {
        try {
            java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
            try (java.io.DataOutputStream out = new java.io.DataOutputStream(bos)) {
                out.writeInt(kept.size());
                for (int k : kept) {
                    out.writeInt(k);
                }
                out.write(db.serialize());
            }
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Path tmp = java.nio.file.Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                java.nio.file.Files.write(tmp, bos.toByteArray());
                java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                java.nio.file.Files.deleteIfExists(tmp);
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no cache then
        }
    }

    /**
     * The patterns of chain {@code chain} for values of scope {@code scope} that may match
     * {@code value} (bit i for pattern index i), or null when there is no such database.
     */
    long[] scan(int chain, int scope, String value) {
        int slot = chain * SCOPES + scope;
        HyperscanMatcher db = databases[slot];
        if (db == null) return null;
        MpmScratch[] mine = scratch.get();
        MpmScratch s = mine[slot];
        if (s == null) {
            s = db.newScratch();
            mine[slot] = s;
        }
        long[] hits = new long[(patternCounts[slot] + 63) >>> 6];
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        db.scan(bytes, 0, bytes.length, i -> hits[i >>> 6] |= 1L << i, s);
        return hits;
    }
}

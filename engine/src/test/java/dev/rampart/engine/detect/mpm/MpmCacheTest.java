package dev.rampart.engine.detect.mpm;

import static dev.rampart.engine.detect.mpm.MatcherTestSupport.p;
import static dev.rampart.engine.detect.mpm.MatcherTestSupport.scanIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MpmCacheTest {

    @TempDir
    Path dir;

    static List<MpmKind> kinds() {
        List<MpmKind> k = new ArrayList<>(List.of(MpmKind.AHO_CORASICK));
        if (HyperscanMatcher.available()) {
            k.add(MpmKind.HYPERSCAN);
        }
        return k;
    }

    @Test
    void warmStartReadsTheCompiledFile() {
        List<MpmPattern> pats = List.of(p(1, "evil", true), p(2, "Bad", false));
        for (MpmKind kind : kinds()) {
            MpmCache cache = new MpmCache(dir);
            MpmCache.Loaded cold = cache.getOrBuild(kind, pats);
            assertFalse(cold.fromCache());
            assertTrue(Files.isRegularFile(cold.file()));
            MpmCache.Loaded warm = new MpmCache(dir).getOrBuild(kind, pats);
            assertTrue(warm.fromCache(), kind.toString());
            assertEquals(cold.file(), warm.file());
            assertEquals(Set.of(1, 2), scanIds(warm.matcher(), warm.matcher().newScratch(), "EVIL Bad"));
            cold.matcher().close();
            warm.matcher().close();
        }
    }

    @Test
    void keyDependsOnIdsCaseAndBytes() {
        List<MpmPattern> a = List.of(p(1, "evil", true));
        assertEquals(MpmCache.key(MpmKind.AHO_CORASICK, a), MpmCache.key(MpmKind.AHO_CORASICK, List.of(p(1, "evil", true))));
        assertNotEquals(MpmCache.key(MpmKind.AHO_CORASICK, a), MpmCache.key(MpmKind.AHO_CORASICK, List.of(p(2, "evil", true))));
        assertNotEquals(MpmCache.key(MpmKind.AHO_CORASICK, a), MpmCache.key(MpmKind.AHO_CORASICK, List.of(p(1, "evil", false))));
        assertNotEquals(MpmCache.key(MpmKind.AHO_CORASICK, a), MpmCache.key(MpmKind.AHO_CORASICK, List.of(p(1, "evim", true))));
        assertNotEquals(MpmCache.key(MpmKind.AHO_CORASICK, a), MpmCache.key(MpmKind.HYPERSCAN, a));
    }

    /** Hash128 over many similar lists: no two keys alike, every input bit reaching the key. */
    @Test
    void keysOfManySimilarListsDiffer() {
        Set<String> keys = new java.util.HashSet<>();
        int lists = 0;
        for (int id = 0; id < 40; id++) {
            for (int len = 1; len <= 40; len++) {
                byte[] b = new byte[len];
                b[len - 1] = (byte) id;
                keys.add(MpmCache.key(MpmKind.AHO_CORASICK, List.of(new MpmPattern(id, b, false))));
                keys.add(MpmCache.key(MpmKind.AHO_CORASICK, List.of(new MpmPattern(id, b, true))));
                lists += 2;
            }
        }
        assertEquals(lists, keys.size());
        String k = keys.iterator().next();
        assertEquals(32, k.length());
        assertTrue(k.matches("[0-9a-f]{32}"), k);
        // one flipped bit anywhere in a long pattern changes about half of the key's 128 bits
        byte[] base = new byte[100];
        String k0 = MpmCache.key(MpmKind.AHO_CORASICK, List.of(new MpmPattern(1, base, false)));
        for (int bit = 0; bit < 800; bit += 37) {
            byte[] flipped = base.clone();
            flipped[bit >>> 3] ^= (byte) (1 << (bit & 7));
            String k1 = MpmCache.key(MpmKind.AHO_CORASICK, List.of(new MpmPattern(1, flipped, false)));
            int differing = new java.math.BigInteger(k0, 16).xor(new java.math.BigInteger(k1, 16)).bitCount();
            assertTrue(differing > 40 && differing < 88, "bit " + bit + ": " + differing + " key bits changed");
        }
    }

    @Test
    void aKeyWorkedOutBeforeNamesTheSameFileAndSplitPatternsGetAnotherKey() {
        List<MpmPattern> pats = List.of(p(1, "ab", false), p(2, "c", false));
        MpmCache cache = new MpmCache(dir);
        String key = MpmCache.key(MpmKind.AHO_CORASICK, pats);
        MpmCache.Loaded built = cache.getOrBuild(MpmKind.AHO_CORASICK, pats, key);
        assertEquals(cache.fileFor(MpmKind.AHO_CORASICK, pats), built.file());
        assertTrue(cache.getOrBuild(MpmKind.AHO_CORASICK, pats).fromCache());
        // the same bytes cut differently are other patterns: never the cached file of the first
        assertNotEquals(key, MpmCache.key(MpmKind.AHO_CORASICK, List.of(p(1, "a", false), p(2, "bc", false))));
        built.matcher().close();
    }

    @Test
    void damagedFileIsRebuilt() throws IOException {
        List<MpmPattern> pats = List.of(p(1, "evil", true));
        for (MpmKind kind : kinds()) {
            MpmCache cache = new MpmCache(dir);
            Path f = cache.getOrBuild(kind, pats).file();
            Files.write(f, new byte[] {'R', 'M', 'P', 'M', 0, 1, 9});
            MpmCache.Loaded again = cache.getOrBuild(kind, pats);
            assertFalse(again.fromCache());
            assertEquals(Set.of(1), scanIds(again.matcher(), again.matcher().newScratch(), "xEviLx"));
            assertTrue(cache.getOrBuild(kind, pats).fromCache());
        }
    }
}

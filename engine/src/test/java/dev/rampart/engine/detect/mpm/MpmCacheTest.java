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

package dev.rampart.engine.detect.seclang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.engine.detect.mpm.HyperscanMatcher;
import dev.rampart.engine.detect.seclang.variable.VarEntry;
import dev.rampart.rules.seclang.SecLangParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The @rx prefilter's databases on disk: written at the first load, read at the next, rebuilt when damaged. */
class RxPrefilterCacheTest {
    private static final String RULES = """
            SecRule ARGS "@rx (?i)union\\s+select" "id:1,phase:2,pass,log,t:lowercase"
            SecRule ARGS "@rx <script" "id:2,phase:2,pass,log,t:lowercase"
            SecRule ARGS "@rx ^\\d+$" "id:3,phase:2,pass,log"
            SecRule ARGS "@rx (a)\\1" "id:4,phase:2,pass,log"
            """;

    private static List<Long> run(SecLangRules r, String value) {
        List<Long> ids = new ArrayList<>();
        new SecLangTx(r, new SecLangTx.Variables() {
            @Override
            public List<VarEntry> get(String name) {
                return name.equals("ARGS") ? List.of(new VarEntry("q", value)) : List.of();
            }
        }).runPhase(2, m -> ids.add(m.rule().id()));
        return ids;
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("seclang-rx-")).sorted().toList();
        }
    }

    @Test
    void databasesAreWrittenOnceReadBackAndRebuiltWhenDamaged(@TempDir Path dir) throws Exception {
        assumeTrue(HyperscanMatcher.available(), "no Hyperscan here");
        SecLangRules first = SecLangRules.compile(SecLangParser.parse(RULES, "t.conf"), SecLangLoader.STANDARD, dir);
        List<Path> written = files(dir);
        // two transformation chains (lowercase; none) hold prefiltered patterns
        assertEquals(2, written.size(), written.toString());
        List<Long> modified = new ArrayList<>();
        for (Path p : written) {
            modified.add(Files.getLastModifiedTime(p).toMillis());
        }
        SecLangRules second = SecLangRules.compile(SecLangParser.parse(RULES, "t.conf"), SecLangLoader.STANDARD, dir);
        assertEquals(written, files(dir));
        for (int i = 0; i < written.size(); i++) {
            assertEquals(modified.get(i), Files.getLastModifiedTime(written.get(i)).toMillis(), "read, not rewritten");
        }
        assertEquals(first.prefilter().prefiltered(), second.prefilter().prefiltered());
        assertEquals(first.prefilter().refused(), second.prefilter().refused());
        for (String v : List.of("1 UNION  SELECT x", "<SCRIPT>", "12345", "aa", "benign")) {
            assertEquals(run(first, v), run(second, v), v);
        }
        assertEquals(List.of(1L), run(second, "1 UNION  SELECT x"));
        assertEquals(List.of(4L), run(second, "xaay"));

        Files.write(written.get(0), new byte[] {0, 0, 0, 1, 0, 0, 0, 0, 42});
        SecLangRules third = SecLangRules.compile(SecLangParser.parse(RULES, "t.conf"), SecLangLoader.STANDARD, dir);
        assertTrue(Files.size(written.get(0)) > 9, "a damaged file is compiled again and overwritten");
        assertEquals(List.of(2L), run(third, "<Script src=x>"));
        assertEquals(first.prefilter().prefiltered(), third.prefilter().prefiltered());
    }
}

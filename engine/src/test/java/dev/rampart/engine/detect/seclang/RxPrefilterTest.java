package dev.rampart.engine.detect.seclang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.detect.mpm.HyperscanMatcher;
import dev.rampart.engine.detect.seclang.variable.VarEntry;
import dev.rampart.rules.seclang.SecLangParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Hyperscan @rx prefilter changes no result: the same alerts, TX values and captures as
 * java.util.regex alone, and over the CRS patterns no value the regex matches goes unreported.
 */
class RxPrefilterTest {

    private static final class MapVars implements SecLangTx.Variables {
        final Map<String, List<VarEntry>> m = new LinkedHashMap<>();

        MapVars put(String name, String key, String value) {
            m.computeIfAbsent(name, k -> new ArrayList<>()).add(new VarEntry(key, value));
            return this;
        }

        @Override
        public List<VarEntry> get(String name) {
            return m.getOrDefault(name, List.of());
        }
    }

    private static final String RULES = """
            SecRuleEngine On
            SecRule ARGS "@rx (?i)union\\s+select" "id:1,phase:2,t:none,t:urlDecodeUni,msg:'sqli'"
            SecRule ARGS "@rx (ev)(il)" "id:2,phase:2,t:none,t:urlDecodeUni,capture,setvar:tx.cap=%{tx.1}-%{tx.2}"
            SecRule ARGS "!@rx ^[a-z% ]*$" "id:3,phase:2,t:none,t:lowercase,msg:'not lower'"
            SecRule ARGS "@rx a$b|evil" "id:4,phase:2,t:none,t:urlDecodeUni,msg:'embedded anchor'"
            SecRule ARGS "@rx %{tx.cap}" "id:5,phase:2,t:none,msg:'macro'"
            SecRule REQUEST_METHOD "@rx ^POST$" "id:6,phase:2,t:none,chain"
                SecRule ARGS "@rx select" "t:none,t:urlDecodeUni,setvar:tx.chained=1"
            """;

    private static SecLangRules rules(boolean prefilter) throws Exception {
        return SecLangRules.compile(SecLangParser.parse(RULES, "test.conf"), SecLangLoader.STANDARD, prefilter);
    }

    private static String run(SecLangRules r, MapVars v) {
        SecLangTx tx = new SecLangTx(r, v);
        List<Long> ids = new ArrayList<>();
        for (int p = 1; p <= 5; p++) {
            tx.runPhase(p, m -> ids.add(m.rule().id()));
        }
        return ids + " cap=" + tx.txVar("cap") + " 0=" + tx.txVar("0") + " chained=" + tx.txVar("chained");
    }

    @Test
    void sameAlertsAndCapturesWithAndWithoutThePrefilter() throws Exception {
        SecLangRules plain = rules(false);
        SecLangRules filtered = rules(true);
        assertEquals(0, plain.prefilter().prefiltered());
        if (HyperscanMatcher.available()) {
            // rules 1, 2, 3, 6 and the chained link; 4 has an embedded anchor, 5 a macro
            assertEquals(5, filtered.prefilter().prefiltered());
            assertEquals(1, filtered.prefilter().refused());
        }
        List<MapVars> cases = List.of(
                new MapVars().put("ARGS", "q", "1 union%20select 2").put("REQUEST_METHOD", "", "POST"),
                new MapVars().put("ARGS", "q", "an evil one").put("ARGS", "r", "evil-evil"),
                new MapVars().put("ARGS", "q", "plain words").put("ARGS", "z", ""),
                new MapVars().put("ARGS", "q", "Mixed Case!").put("REQUEST_METHOD", "", "GET"),
                new MapVars().put("ARGS", "q", "select").put("ARGS", "r", "a$b").put("REQUEST_METHOD", "", "POST"));
        List<String> expected = List.of(
                "[1, 3, 6] cap=null 0=null chained=1",
                "[2, 3, 4] cap=ev-il 0=evil chained=null",
                "[] cap=null 0=null chained=null",
                "[3] cap=null 0=null chained=null",
                "[3, 6] cap=null 0=null chained=1");
        for (int i = 0; i < cases.size(); i++) {
            assertEquals(expected.get(i), run(plain, cases.get(i)), "without prefilter, case " + i);
            assertEquals(expected.get(i), run(filtered, cases.get(i)), "with prefilter, case " + i);
        }
    }

    @Test
    void patternsReportedForMostValuesKeepThePlainPath() throws Exception {
        Assumptions.assumeTrue(HyperscanMatcher.available(), "Hyperscan unavailable: " + HyperscanMatcher.unavailableReason());
        String rules = """
                SecRule REQUEST_HEADERS_NAMES "@rx ^.*$" "id:11,phase:1,t:none,capture,setvar:tx.names=+1"
                SecRule ARGS "@rx ." "id:12,phase:2,t:none,msg:'any'"
                SecRule ARGS "@rx (?i)union\\s+select" "id:13,phase:2,t:none,msg:'sqli'"
                SecRule ARGS "@rx evil$" "id:14,phase:2,t:none,msg:'evil'"
                """;
        SecLangRules plain = SecLangRules.compile(SecLangParser.parse(rules, "t.conf"), SecLangLoader.STANDARD, false);
        SecLangRules filtered = SecLangRules.compile(SecLangParser.parse(rules, "t.conf"), SecLangLoader.STANDARD, true);
        // ^.*$ and . match every value: only 13 and 14 are in the database
        assertEquals(2, filtered.prefilter().prefiltered());
        for (SecRuleProgram r : filtered.rules()) {
            boolean selective = r.id() == 13 || r.id() == 14;
            assertEquals(selective, r.prefilterIndex[RxPrefilter.SCOPE_OTHER] >= 0, "rule " + r.id());
        }
        MapVars v = new MapVars().put("REQUEST_HEADERS_NAMES", "Host", "Host").put("REQUEST_HEADERS_NAMES", "Accept", "Accept")
                .put("ARGS", "a", "so evil").put("ARGS", "b", "1 UNION  select");
        for (SecLangRules r : List.of(plain, filtered)) {
            SecLangTx tx = new SecLangTx(r, v);
            List<Long> ids = new ArrayList<>();
            for (int p = 1; p <= 5; p++) {
                tx.runPhase(p, m -> ids.add(m.rule().id()));
            }
            assertEquals(List.of(11L, 12L, 13L, 14L), ids);
            assertEquals("2", tx.txVar("names"));
        }
    }

    /** Values from the CRS regression tests: URIs, their parameters, bodies and header values. */
    private static List<String> regressionValues(Path tests, int max) throws Exception {
        Pattern line = Pattern.compile("^\\s*(?:uri|data|[A-Za-z-]+):\\s*(.+)$");
        Set<String> values = new LinkedHashSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(tests)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path f : files) {
            for (String l : Files.readString(f, StandardCharsets.ISO_8859_1).split("\n")) {
                Matcher m = line.matcher(l);
                if (!m.find()) continue;
                String v = m.group(1).trim();
                if (v.length() > 1 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                values.add(v);
                for (String part : v.split("[?&=]")) values.add(part);
            }
        }
        List<String> all = new ArrayList<>(values);
        List<String> picked = new ArrayList<>();
        int step = Math.max(1, all.size() / max);
        for (int i = 0; i < all.size(); i += step) picked.add(all.get(i));
        return picked;
    }

    @Test
    void crsPatternsMatchOnlyWhereThePrefilterReportsThem() throws Exception {
        Path shared = Path.of(System.getProperty("rampart.shared", "../../shared"));
        Path crs = shared.resolve("rulesets/crs");
        Path tests = shared.resolve("conformance/crs-regression/tests");
        Assumptions.assumeTrue(Files.isDirectory(crs.resolve("rules")) && Files.isDirectory(tests),
                "CRS or its regression tests not available under " + shared);
        Assumptions.assumeTrue(HyperscanMatcher.available(), "Hyperscan unavailable: " + HyperscanMatcher.unavailableReason());
        SecLangRules r = SecLangRules.compile(SecLangParser.parseFiles(List.of(crs.resolve("crs-setup.conf.example"),
                crs.resolve("rules"))), SecLangLoader.STANDARD, true);
        RxPrefilter pf = r.prefilter();
        assertTrue(pf.prefiltered() > 250, "most CRS @rx patterns are prefiltered: " + pf.prefiltered());
        Map<Integer, List<SecRuleProgram>> byChain = new LinkedHashMap<>();
        for (int p = 1; p <= SecLangRules.PHASES; p++) {
            for (SecRuleProgram s : r.phase(p)) {
                for (SecRuleProgram link = s; link != null; link = link.chained) {
                    for (int sc = 0; sc < RxPrefilter.SCOPES; sc++) {
                        // each (chain, value scope) database on its own: a body's holds only the links that read bodies
                        if (link.prefilterIndex[sc] >= 0) {
                            byChain.computeIfAbsent(link.chainId * RxPrefilter.SCOPES + sc, k -> new ArrayList<>()).add(link);
                        }
                    }
                }
            }
        }
        SecLangTx ctx = new SecLangTx(r, new MapVars());
        List<String> misses = new ArrayList<>();
        int javaMatches = 0;
        int skippedByPrefilter = 0;
        for (String raw : regressionValues(tests, 400)) {
            for (Map.Entry<Integer, List<SecRuleProgram>> db : byChain.entrySet()) {
                List<SecRuleProgram> links = db.getValue();
                int scope = db.getKey() % RxPrefilter.SCOPES;
                String v = raw;
                for (var t : links.get(0).transforms) v = t.apply(v);
                if (v.isEmpty()) continue;
                long[] hits = pf.scan(links.get(0).chainId, scope, v);
                for (SecRuleProgram link : links) {
                    int i = link.prefilterIndex[scope];
                    boolean reported = (hits[i >>> 6] & (1L << i)) != 0;
                    if (link.operator.matches(v, ctx)) {
                        javaMatches++;
                        if (!reported) misses.add(link.id + ": " + v);
                    } else if (!reported) {
                        skippedByPrefilter++;
                    }
                }
            }
        }
        assertEquals(List.of(), misses);
        long bodyDatabases = byChain.keySet().stream().filter(k -> k % RxPrefilter.SCOPES != RxPrefilter.SCOPE_OTHER).count();
        assertTrue(bodyDatabases >= 2, "request and response bodies have databases of their own: " + bodyDatabases);
        assertTrue(javaMatches > 100, "the values exercise the patterns: " + javaMatches + " matches");
        assertTrue(skippedByPrefilter > javaMatches, "the prefilter rules most patterns out: " + skippedByPrefilter);
    }
}

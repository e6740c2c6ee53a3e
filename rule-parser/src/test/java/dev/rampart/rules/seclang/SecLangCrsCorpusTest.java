package dev.rampart.rules.seclang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.rules.Corpus;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parses the whole OWASP CRS v4 (rules, the .conf.example exclusion files, crs-setup.conf.example).
 * The expected counts were computed apart from this parser (a script that joins backslash-newlines,
 * drops '#' lines and counts directive names, following chain actions).
 */
class SecLangCrsCorpusTest {
    private static Path crs;
    private static List<SecDirective> all;

    @BeforeAll
    static void load() throws Exception {
        Path shared = Corpus.shared();
        assumeTrue(shared != null && Files.isDirectory(shared.resolve("rulesets/crs/rules")), "no ../shared CRS");
        crs = shared.resolve("rulesets/crs");
        List<Path> files = new ArrayList<>(sorted(crs.resolve("rules"), "*.conf"));
        files.addAll(sorted(crs.resolve("rules"), "*.conf.example"));
        files.add(crs.resolve("crs-setup.conf.example"));
        assertEquals(30, files.size());
        all = SecLangParser.parseFiles(files);
    }

    private static List<Path> sorted(Path dir, String glob) throws IOException {
        List<Path> l = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            ds.forEach(l::add);
        }
        l.sort(null);
        return l;
    }

    @Test
    void countsMatchTheIndependentCount() {
        int starters = 0;
        int chained = 0;
        int markers = 0;
        int settings = 0;
        int updateTarget = 0;
        int longest = 0;
        for (SecDirective d : all) {
            if (d instanceof SecRule r) {
                starters++;
                int len = 0;
                for (SecRule c = r; c != null; c = c.chained()) len++;
                chained += len - 1;
                longest = Math.max(longest, len);
            } else if (d instanceof SecMarker) {
                markers++;
            } else if (d instanceof SecSetting s) {
                settings++;
                if (s.name().equals("SecRuleUpdateTargetById")) updateTarget++;
            }
        }
        assertEquals(630, starters);
        assertEquals(73, chained);
        assertEquals(30, markers);
        assertEquals(61, settings);
        assertEquals(55, updateTarget);
        assertEquals(5, longest);
    }

    @Test
    void directoryMeansItsConfFilesSortedByName() throws Exception {
        List<SecDirective> dir = SecLangParser.parseFiles(List.of(crs.resolve("rules")));
        // the .conf.example files are left out
        assertEquals(all.stream().filter(d -> !d.file().endsWith(".example")).count(), dir.size());
        assertEquals("REQUEST-901-INITIALIZATION.conf", Path.of(dir.get(0).file()).getFileName().toString());
    }

    @Test
    void rule942100() {
        SecRule r = byId(942100);
        assertEquals(46, r.line());
        assertEquals(List.of(
                new SecVariable("REQUEST_COOKIES", null, false, false, false),
                new SecVariable("REQUEST_COOKIES_NAMES", null, false, false, false),
                new SecVariable("REQUEST_HEADERS", "User-Agent", false, false, false),
                new SecVariable("REQUEST_HEADERS", "Referer", false, false, false),
                new SecVariable("ARGS_NAMES", null, false, false, false),
                new SecVariable("ARGS", null, false, false, false),
                new SecVariable("XML", "/*", false, false, false),
                new SecVariable("XML", "//@*", false, false, false)), r.variables());
        assertEquals(new SecOperator("detectSQLi", "", false), r.operator());
        assertEquals(23, r.actions().size());
        assertEquals(List.of(new SecActionItem("id", "942100"), new SecActionItem("phase", "2"),
                new SecActionItem("block", null), new SecActionItem("capture", null),
                new SecActionItem("t", "none"), new SecActionItem("t", "utf8toUnicode"),
                new SecActionItem("t", "urlDecodeUni"), new SecActionItem("t", "removeNulls"),
                new SecActionItem("msg", "SQL Injection Attack Detected via libinjection"),
                new SecActionItem("logdata", "Matched Data: %{TX.0} found within %{MATCHED_VAR_NAME}: %{MATCHED_VAR}")),
                r.actions().subList(0, 10));
        assertEquals(new SecActionItem("setvar", "tx.sql_injection_score=+%{tx.critical_anomaly_score}"),
                r.actions().get(22));
        assertNull(r.chained());
        assertFalse(r.isAction());
    }

    @Test
    void threeRuleChain905110() {
        SecRule r = byId(905110);
        assertEquals(new SecOperator("ipMatch", "127.0.0.1,::1", false), r.operator());
        assertEquals(List.of(new SecVariable("REMOTE_ADDR", null, false, false, false)), r.variables());
        SecRule second = r.chained();
        assertNotNull(second);
        assertEquals(51, second.line());
        assertEquals(List.of(new SecVariable("REQUEST_HEADERS", "User-Agent", false, false, false)),
                second.variables());
        assertEquals(new SecOperator("endsWith", "(internal dummy connection)", false), second.operator());
        assertEquals(List.of(new SecActionItem("t", "none"), new SecActionItem("chain", null)), second.actions());
        SecRule third = second.chained();
        assertEquals(54, third.line());
        assertEquals(new SecOperator("rx", "^(?:GET /|OPTIONS \\*) HTTP/[12]\\.[01]$", false), third.operator());
        assertEquals(List.of(new SecActionItem("t", "none"),
                new SecActionItem("ctl", "ruleRemoveByTag=OWASP_CRS"),
                new SecActionItem("ctl", "auditEngine=Off")), third.actions());
        assertNull(third.chained());
        assertEquals(0, second.id());
    }

    @Test
    void defaultActionsAreActionLists() {
        List<SecSetting> defaults = all.stream().filter(d -> d instanceof SecSetting s
                && s.name().equals("SecDefaultAction")).map(d -> (SecSetting) d).toList();
        assertEquals(5, defaults.size());
        assertEquals(List.of("phase:1,log,auditlog,pass"), defaults.get(0).args());
        assertEquals(97, defaults.get(0).line());
        assertEquals(List.of(new SecActionItem("phase", "5"), new SecActionItem("log", null),
                new SecActionItem("auditlog", null), new SecActionItem("pass", null)),
                SecLangParser.parseActions(defaults.get(4).args().get(0)));
    }

    private static SecRule byId(long id) {
        return all.stream().filter(d -> d instanceof SecRule r && r.id() == id).map(d -> (SecRule) d)
                .findFirst().orElseThrow();
    }
}

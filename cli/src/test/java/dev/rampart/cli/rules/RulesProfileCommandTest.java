package dev.rampart.cli.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rules profile}: the costliest-rules table, its orderings, and the budget disable list fed to rules update. */
class RulesProfileCommandTest {
    @TempDir
    Path dir;

    /**
     * sid  ticks  checks  avg    share
     * 11   6000   10      600    60 %
     * 12   3000   1000    3      30 %
     * 13   1000   2       500    10 %
     * 14   0      0       0       0 %
     */
    private Path profile() throws Exception {
        return Files.writeString(dir.resolve("rule_perf.json"), """
                {"timestamp":"2026-01-01T00:00:00Z","sort":"ticks","tick_unit":"ns","workers":1,
                 "rules_total_ticks":10000,"prefilter_total_ticks":700,"rules":[
                {"signature_id":11,"gid":1,"rev":2,"checks":10,"matches":1,"ticks_total":6000,"ticks_max":3000,"ticks_avg":600,"ticks_avg_match":3000,"ticks_avg_nomatch":333,"percent":60.0,"msg":"heavy pcre"},
                {"signature_id":12,"gid":1,"rev":1,"checks":1000,"matches":0,"ticks_total":3000,"ticks_max":9,"ticks_avg":3,"ticks_avg_match":0,"ticks_avg_nomatch":3,"percent":30.0,"msg":"often checked"},
                {"signature_id":13,"gid":1,"rev":1,"checks":2,"matches":2,"ticks_total":1000,"ticks_max":600,"ticks_avg":500,"ticks_avg_match":500,"ticks_avg_nomatch":0,"percent":10.0,"msg":"rare"},
                {"signature_id":14,"gid":1,"rev":1,"checks":0,"matches":0,"ticks_total":0,"ticks_max":0,"ticks_avg":0,"ticks_avg_match":0,"ticks_avg_nomatch":0,"percent":0,"msg":"never"}],
                "prefilters":[
                {"group":"tcp/ts","buffer":"stream","scans":5,"bytes":5000,"candidates":12,"ticks_total":500,"ticks_avg":100},
                {"group":"tcp/ts","buffer":"packet","scans":5,"bytes":3000,"candidates":3,"ticks_total":200,"ticks_avg":40}]}
                """);
    }

    /** The sids of the table rows, in printed order. */
    private static List<Long> sids(String out) {
        List<Long> sids = new ArrayList<>();
        boolean inRules = false;
        for (String line : out.split("\n")) {
            if (line.startsWith("Num ") && line.contains("Sid")) {
                inRules = true;
                continue;
            }
            if (inRules && line.isBlank()) {
                break;
            }
            if (inRules) {
                sids.add(Long.parseLong(line.trim().split("\\s+")[1]));
            }
        }
        return sids;
    }

    @Test
    void tableListsTheCostliestRulesFirst() throws Exception {
        Cli r = Cli.run("rules", "profile", profile().toString());
        assertEquals(0, r.exit, r.toString());
        assertEquals(List.of(11L, 12L, 13L, 14L), sids(r.out));
        assertTrue(r.out.contains("heavy pcre"), r.out);
        // the share of the total and the prefilter table
        assertTrue(r.out.matches("(?s).*\\n1\\s+11\\s+1\\s+2\\s+6000\\s+60\\.00\\s+10\\s+1\\s+3000\\s+600\\s+3000\\s+333\\s+heavy pcre\\n.*"),
                r.out);
        assertTrue(r.out.matches("(?s).*\\n1\\s+tcp/ts\\s+stream\\s+5\\s+5000\\s+12\\s+500\\s+100\\n2\\s+tcp/ts\\s+packet.*"),
                r.out);
    }

    @Test
    void sortKeysAndTopChangeTheTable() throws Exception {
        Path p = profile();
        assertEquals(List.of(12L, 11L, 13L, 14L), sids(Cli.run("rules", "profile", p.toString(), "--sort", "checks").out));
        assertEquals(List.of(11L, 13L, 12L, 14L), sids(Cli.run("rules", "profile", p.toString(), "--sort", "avg").out));
        assertEquals(List.of(11L, 12L), sids(Cli.run("rules", "profile", p.toString(), "--top", "2").out));
        Cli bad = Cli.run("rules", "profile", p.toString(), "--sort", "speed");
        assertEquals(2, bad.exit, bad.toString());
        assertTrue(bad.err.contains("--sort: expected ticks, avg, checks, matches or max"), bad.err);
    }

    @Test
    void budgetDisablesTheCostliestRulesUntilTheRestFits() throws Exception {
        Path p = profile();
        Cli half = Cli.run("rules", "profile", p.toString(), "--budget", "50");
        assertEquals(0, half.exit, half.toString());
        // 60 % in one rule: disabling it alone keeps 40 %
        assertEquals(List.of("1:11"), selectors(half.out));
        assertTrue(half.out.contains("1 of 4 rules disabled; rule-check ticks kept 4000 of 10000 (40.00%)"), half.out);
        assertEquals(List.of("1:11", "1:12"), selectors(Cli.run("rules", "profile", p.toString(), "--budget", "35").out));
        assertEquals(List.of(), selectors(Cli.run("rules", "profile", p.toString(), "--budget", "100").out));
        Cli bad = Cli.run("rules", "profile", p.toString(), "--budget", "0");
        assertEquals(2, bad.exit, bad.toString());
    }

    @Test
    void secLangRulesAreShownButNotBudgeted() throws Exception {
        // 942100 (SecLang) is the costliest; a budget over the Suricata rules leaves it to CRS's own means
        Path p = Files.writeString(dir.resolve("mixed.json"), """
                {"rules_total_ticks":20000,"rules":[
                {"signature_id":942100,"gid":1,"rev":0,"checks":5,"matches":0,"ticks_total":10000,"ticks_max":3000,"ticks_avg":2000,"ticks_avg_match":0,"ticks_avg_nomatch":2000,"percent":50.0,"msg":"SQL Injection Attack","seclang":true,"logs":true,"phase":2,"source":"crs/REQUEST-942.conf:40"},
                {"signature_id":11,"gid":1,"rev":2,"checks":10,"matches":1,"ticks_total":6000,"ticks_max":3000,"ticks_avg":600,"ticks_avg_match":3000,"ticks_avg_nomatch":333,"percent":30.0,"msg":"heavy pcre"},
                {"signature_id":12,"gid":1,"rev":1,"checks":1000,"matches":0,"ticks_total":4000,"ticks_max":9,"ticks_avg":4,"ticks_avg_match":0,"ticks_avg_nomatch":4,"percent":20.0,"msg":"often checked"}]}
                """);
        Cli table = Cli.run("rules", "profile", p.toString());
        assertEquals(List.of(942100L, 11L, 12L), sids(table.out));
        assertTrue(table.out.contains("[SecLang crs/REQUEST-942.conf:40] SQL Injection Attack"), table.out);
        Cli b = Cli.run("rules", "profile", p.toString(), "--budget", "50");
        assertEquals(0, b.exit, b.toString());
        // of the Suricata rules' 10000 ticks, disabling 11 keeps 40 %
        assertEquals(List.of("1:11"), selectors(b.out));
        assertTrue(b.out.contains("1 of 2 rules disabled; rule-check ticks kept 4000 of 10000 (40.00%)"), b.out);
        assertTrue(b.out.contains("# not budgeted: 1 SecLang rules with 10000 ticks"), b.out);
    }

    @Test
    void aFlowbitSetterIsDisabledTogetherWithTheRulesThatCheckItsBit() throws Exception {
        // 21 (50 %) sets "seen", 23 (10 %) checks it; 22 (40 %) is alone
        Path p = Files.writeString(dir.resolve("fb.json"), """
                {"sort":"ticks","rules":[
                {"signature_id":21,"gid":1,"rev":1,"checks":5,"matches":5,"ticks_total":5000,"msg":"setter","flowbits":["set,seen","noalert"]},
                {"signature_id":22,"gid":1,"rev":1,"checks":5,"matches":0,"ticks_total":4000,"msg":"alone"},
                {"signature_id":23,"gid":1,"rev":1,"checks":5,"matches":1,"ticks_total":1000,"msg":"checker","flowbits":["isset,seen"]}],
                "prefilters":[]}
                """);
        Cli r = Cli.run("rules", "profile", p.toString(), "--budget", "60");
        assertEquals(0, r.exit, r.toString());
        // disabling the setter alone would leave 23 enabled, and rules update would enable 21 again for it
        assertEquals(List.of("1:21", "1:23"), selectors(r.out));
        assertTrue(r.out.contains("1:23  # 10.00% ticks, 5 checks, checks a flowbit of 1:21: checker"), r.out);
        assertTrue(r.out.contains("2 of 3 rules disabled; rule-check ticks kept 4000 of 10000 (40.00%)"), r.out);
    }

    @Test
    void budgetListFeedsRulesUpdateDisableConf() throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src);
        String r11 = "alert tcp any any -> any any (msg:\"heavy pcre\"; pcre:\"/a.*b/\"; sid:11; rev:2;)";
        String r12 = "alert tcp any any -> any any (msg:\"often checked\"; content:\"x\"; sid:12; rev:1;)";
        String r13 = "alert tcp any any -> any any (msg:\"rare\"; content:\"y\"; sid:13; rev:1;)";
        Files.writeString(src.resolve("local.rules"), r11 + "\n" + r12 + "\n" + r13 + "\n");
        Path disable = dir.resolve("disable.conf");
        Cli b = Cli.run("rules", "profile", profile().toString(), "--budget", "50", "-o", disable.toString());
        assertEquals(0, b.exit, b.toString());
        assertTrue(b.err.contains("1 rules to disable; 40.00% of the profiled rule-check ticks kept"), b.err);
        Path out = dir.resolve("subset.rules");
        Cli u = Cli.run("rules", "update", "--source", src.toString(), "--disable-conf", disable.toString(), "--ignore",
                "", "-o", out.toString());
        assertEquals(0, u.exit, u.toString());
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.contains("# " + r11), String.join("\n", lines));
        assertTrue(lines.contains(r12), String.join("\n", lines));
        assertTrue(lines.contains(r13), String.join("\n", lines));
    }

    @Test
    void missingOrForeignFileIsReported() throws Exception {
        Cli missing = Cli.run("rules", "profile", dir.resolve("nope.json").toString());
        assertEquals(1, missing.exit, missing.toString());
        Path eve = Files.writeString(dir.resolve("eve.json"), "{\"event_type\":\"alert\"}\n");
        Cli foreign = Cli.run("rules", "profile", eve.toString());
        assertEquals(1, foreign.exit, foreign.toString());
        assertTrue(foreign.err.contains("not a rule profile"), foreign.err);
        assertFalse(foreign.out.contains("Sid"));
    }

    private static List<String> selectors(String disableConf) {
        List<String> out = new ArrayList<>();
        for (String line : disableConf.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line.split("\\s+")[0]);
            }
        }
        return out;
    }
}

package dev.rampart.rules.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.RuleError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleManagerTest {
    @TempDir
    Path tmp;
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = Fixtures.writeDir(tmp.resolve("rules"), Fixtures.sampleFiles());
    }

    private EffectiveRuleSet update(RuleFilters filters, Profile profile) throws Exception {
        return RuleManager.update(UpdateConfig.builder().source(RuleSources.directory(dir)).filters(filters)
                .profile(profile).build());
    }

    private static ManagedRule sid(EffectiveRuleSet s, long sid) {
        return s.find(sid).orElseThrow();
    }

    @Test
    void loadsEnabledAndCommentedOutRulesKeepingTheirText() throws Exception {
        EffectiveRuleSet s = update(RuleFilters.none(), null);
        assertEquals(5, s.rules().size());
        assertEquals(List.of(1000003L, 1000004L, 1000005L, 1000001L, 1000002L),
                s.rules().stream().map(ManagedRule::sid).toList(), "files sorted, rules in file order");
        ManagedRule two = sid(s, 1000002);
        assertFalse(two.enabled());
        assertFalse(two.shippedEnabled());
        assertNull(two.error(), "commented-out rules are parsed too");
        assertEquals(Fixtures.EXPLOIT_4, sid(s, 1000004).text());
        assertEquals(dir.resolve("emerging-info.rules") + ":2", sid(s, 1000001).trail().get(0)
                .replace("enabled in ", ""));
        assertEquals(3, s.active().size());
        assertEquals(4, s.stats().enabled());
        assertEquals(1, s.stats().failed());
    }

    @Test
    void failedRulesAreCarriedAsErrorsWithFileLineSid() throws Exception {
        EffectiveRuleSet s = update(RuleFilters.none(), null);
        assertEquals(1, s.errors().size());
        RuleError e = s.errors().get(0);
        assertEquals(1000005, e.sid());
        assertEquals(4, e.line());
        assertTrue(e.toString().startsWith(dir.resolve("emerging-exploit.rules") + ":4: sid 1000005: "),
                e.toString());
        assertTrue(e.reason().contains("no_such_keyword"), e.reason());
        ManagedRule bad = sid(s, 1000005);
        assertTrue(bad.enabled());
        assertFalse(bad.active());
        assertTrue(s.explain(bad).get(s.explain(bad).size() - 1).startsWith("not active: does not parse"));
    }

    @Test
    void disableGroupThenEnableOneOfItAndACommentedOutRule() throws Exception {
        RuleFilters f = RuleFilters.builder()
                .disable("disable.conf", "group:emerging-info.rules\n1000004\n")
                .enable("enable.conf", "1000001\n1000002\n")
                .build();
        EffectiveRuleSet s = update(f, null);
        // suricata-update order: disable, then enable; enable.conf wins
        ManagedRule one = sid(s, 1000001);
        assertTrue(one.enabled());
        assertEquals(List.of("enabled in " + dir.resolve("emerging-info.rules") + ":2",
                "disabled by disable.conf:1 (group:emerging-info.rules)",
                "enabled by enable.conf:1 (1000001)"), one.trail());
        assertTrue(sid(s, 1000002).enabled(), "commented-out rule enabled");
        assertTrue(sid(s, 1000002).active());
        assertTrue(sid(s, 1000002).parsed().enabled());
        assertFalse(sid(s, 1000004).parsed().enabled());
        assertEquals(List.of(1000003L, 1000001L, 1000002L),
                s.toRuleSet().rules().stream().map(dev.rampart.rules.Rule::sid).toList(),
                "the engine's rule set holds exactly the active rules");
        assertFalse(sid(s, 1000004).enabled());
        assertEquals(2, s.stats().disabledByConf());
        assertEquals(2, s.stats().enabledByConf());
    }

    @Test
    void dropConvertsTheActionAndKeepsTheRestOfTheText() throws Exception {
        RuleFilters f = RuleFilters.builder().drop("drop.conf", "group:emerging-exploit\n").build();
        EffectiveRuleSet s = update(f, null);
        ManagedRule four = sid(s, 1000004);
        assertEquals("drop" + Fixtures.EXPLOIT_4.substring("alert".length()), four.text());
        assertEquals(Fixtures.EXPLOIT_4, four.originalText());
        assertTrue(four.modified());
        assertEquals(dev.rampart.rules.Action.DROP, four.parsed().header().action());
        assertEquals("alert", sid(s, 1000001).facts().action());
        assertEquals(3, s.stats().dropped(), "the unparsable rule 1000005 is converted too");
    }

    @Test
    void dropKeepsDisabledRulesDisabledAndSkipsNoalert() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("x.rules", "#" + Fixtures.INFO_2_DISABLED.replace("sid:1000002", "sid:1000022") + "\n"
                + "alert tcp any any -> any any (msg:\"quiet\"; content:\"q\"; noalert; sid:7; rev:1;)\n");
        Fixtures.writeDir(dir, files);
        EffectiveRuleSet s = update(RuleFilters.builder().drop("drop.conf", "*\n").build(), null);
        ManagedRule disabled = sid(s, 1000022);
        assertTrue(disabled.text().startsWith("drop "));
        assertFalse(disabled.enabled());
        assertTrue(disabled.parsed() != null && !disabled.parsed().enabled());
        assertTrue(sid(s, 7).text().startsWith("alert "), "noalert rules are never converted");
    }

    @Test
    void modifyWithBackreferencesIsReparsed() throws Exception {
        RuleFilters f = RuleFilters.builder().modify("modify.conf", """
                1000004 "content:\\"(\\w)\\";" "content:\\"${1}${1}\\"; nocase;"
                1000004 "rev:(\\d+);" "rev:9\\1;"
                """).build();
        EffectiveRuleSet s = update(f, null);
        ManagedRule four = sid(s, 1000004);
        assertTrue(four.text().contains("content:\"xx\"; nocase;"), four.text());
        assertTrue(four.text().contains("rev:91;"), four.text());
        assertEquals(91, four.rev());
        assertEquals(91, four.parsed().rev());
        assertEquals(2, s.stats().modified());
        assertEquals(List.of("modified by modify.conf:1 (1000004)", "modified by modify.conf:2 (1000004)"),
                four.trail().subList(1, 3));
    }

    @Test
    void modificationThatBreaksTheRuleIsReportedAndNotApplied() throws Exception {
        RuleFilters f = RuleFilters.builder().modify("modify.conf", "1000003 \"sid:\" \"sidd:\"\n").build();
        EffectiveRuleSet s = update(f, null);
        ManagedRule three = sid(s, 1000003);
        assertEquals(Fixtures.EXPLOIT_3, three.text(), "previous text kept");
        assertTrue(three.active());
        RuleError err = s.errors().stream().filter(e -> e.sid() == 1000003).findFirst().orElseThrow();
        assertTrue(err.toString().contains(":1: sid 1000003: modified by modify.conf:1 (1000003) makes the rule invalid"),
                err.toString());
        assertEquals(0, s.stats().modified());
    }

    @Test
    void duplicatesKeepTheHigherRev() throws Exception {
        Fixtures.writeDir(dir, Map.of("zz-local.rules",
                Fixtures.EXPLOIT_3.replace("rev:2;", "rev:3;").replace("three", "three v3") + "\n"
                        + Fixtures.INFO_1 + "\n"));
        EffectiveRuleSet s = update(RuleFilters.none(), null);
        assertEquals(5, s.rules().size());
        assertEquals(3, sid(s, 1000003).rev());
        assertEquals(0, s.rules().indexOf(sid(s, 1000003)), "keeps the first one's position");
        assertTrue(sid(s, 1000001).file().endsWith("emerging-info.rules"), "same rev: first wins");
        assertEquals(2, s.stats().duplicates());
        assertEquals(7, s.stats().loaded());
        assertEquals(2, s.warnings().size());
    }

    @Test
    void ignoredFiles() throws Exception {
        EffectiveRuleSet s = RuleManager.update(UpdateConfig.builder().source(RuleSources.directory(dir))
                .ignore("*info*").build());
        assertEquals(3, s.rules().size());
        assertTrue(s.warnings().get(0).endsWith("emerging-info.rules: ignored"));
    }

    @Test
    void archiveSourceGivesGroupsByMemberName() throws Exception {
        Path tgz = Files.write(tmp.resolve("emerging.rules.tar.gz"), Fixtures.etStyleTarGz(Fixtures.sampleFiles()));
        EffectiveRuleSet s = RuleManager.update(UpdateConfig.builder().source(RuleSources.file(tgz))
                .filters(RuleFilters.builder().disable("disable.conf", "group:emerging-info.rules\n").build())
                .build());
        assertEquals("rules/emerging-info.rules", sid(s, 1000001).file());
        assertFalse(sid(s, 1000001).enabled());
        assertEquals(2, s.active().size());
    }

    @Test
    void profileExcludesWithReason() throws Exception {
        EffectiveRuleSet s = update(RuleFilters.none(), Profiles.MINIMAL);
        ManagedRule one = sid(s, 1000001);
        assertFalse(one.enabled());
        assertNotNull(one.profileDecision());
        assertEquals("matches none of the include filters (metadata: signature_severity Critical, "
                + "metadata: signature_severity Major)", one.profileDecision().reason());
        ManagedRule three = sid(s, 1000003);
        assertFalse(three.enabled());
        assertEquals("excluded by built-in profile minimal (metadata: performance_impact Significant)",
                three.profileDecision().reason());
        ManagedRule four = sid(s, 1000004);
        assertTrue(four.active());
        assertEquals("included by built-in profile minimal (metadata: signature_severity Major)",
                four.profileDecision().reason());
        assertEquals(3, s.stats().excludedByProfile(), "1000001, 1000003 and the unparsable 1000005");
        assertEquals("rule is disabled: disabled (commented out) in " + dir.resolve("emerging-info.rules") + ":3",
                s.profileDecision(sid(s, 1000002)).reason());
        assertEquals(one.profileDecision(), s.profileDecision(one));
        EffectiveRuleSet none = update(RuleFilters.none(), null);
        assertTrue(none.profileDecision(sid(none, 1000001)).included());
        assertFalse(none.profileDecision(sid(none, 1000002)).included());
        assertEquals("minimal", s.profile().name());
    }

    @Test
    void flowbitSettersAreEnabledAsNoalert() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("fb.rules", """
                #alert http any any -> any any (msg:"setter"; content:"a"; flowbits:set,ET.x; sid:11; rev:1;)
                alert http any any -> any any (msg:"checker"; flowbits:isset,ET.x; content:"b"; sid:12; rev:1;)
                #alert http any any -> any any (msg:"unrelated"; flowbits:set,ET.y; sid:13; rev:1;)
                """);
        Path fbDir = Fixtures.writeDir(tmp.resolve("fb"), files);
        EffectiveRuleSet s = RuleManager.update(UpdateConfig.builder().source(RuleSources.directory(fbDir)).build());
        ManagedRule setter = s.find(11).orElseThrow();
        assertTrue(setter.enabled());
        assertEquals("alert http any any -> any any (msg:\"setter\"; content:\"a\"; flowbits:set,ET.x; noalert; "
                + "sid:11; rev:1;)", setter.text());
        assertTrue(setter.trail().get(1).startsWith("enabled with noalert: sets flowbit ET.x checked by sid 1:12"));
        assertFalse(s.find(13).orElseThrow().enabled());
        assertEquals(1, s.stats().enabledForFlowbits());

        EffectiveRuleSet off = RuleManager.update(UpdateConfig.builder().source(RuleSources.directory(fbDir))
                .resolveFlowbits(false).build());
        assertFalse(off.find(11).orElseThrow().enabled());
    }

    @Test
    void writerKeepsOriginalTextAndCommentsOutDisabledAndBroken() throws Exception {
        RuleFilters f = RuleFilters.builder().disable("disable.conf", "1000001\n").build();
        EffectiveRuleSet s = update(f, null);
        Path out = tmp.resolve("out/suricata.rules");
        new RuleFileWriter().write(s, out);
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.get(0).startsWith("# Rules written by Rampart"));
        assertTrue(lines.contains(Fixtures.EXPLOIT_3));
        assertTrue(lines.contains(Fixtures.EXPLOIT_4), "odd spacing kept, no canonical text");
        assertTrue(lines.contains("# " + Fixtures.INFO_1));
        assertTrue(lines.contains("# " + Fixtures.INFO_2_DISABLED));
        assertTrue(lines.contains("# " + Fixtures.EXPLOIT_5_BAD));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("# rampart: ") && l.contains("emerging-exploit.rules:4: "
                + "does not parse")));
        try (var files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "no temporary file left");
        }

        String enabledOnly = new RuleFileWriter(false).toText(s);
        assertFalse(enabledOnly.contains(Fixtures.INFO_1));
        assertTrue(enabledOnly.contains(Fixtures.EXPLOIT_4));

        // what the writer wrote loads back to the same active rules
        EffectiveRuleSet again = RuleManager.update(UpdateConfig.builder().source(RuleSources.file(out)).build());
        assertEquals(s.active().stream().map(ManagedRule::text).toList(),
                again.active().stream().map(ManagedRule::text).toList());
    }

    @Test
    void toRuleSetGivesTheParsedActiveRules() throws Exception {
        EffectiveRuleSet s = update(RuleFilters.none(), null);
        assertEquals(3, s.toRuleSet().rules().size());
        assertEquals(3, s.parsedRules().size());
    }
}

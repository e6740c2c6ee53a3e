package dev.rampart.rules.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.rules.RuleError;
import dev.rampart.rules.RuleFileLoader;
import dev.rampart.rules.RuleParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rule management on the shared ET Open snapshot. Keywords are still being added to the parser, so
 * assertions on parsed rules are relative (profile order, full == every enabled rule that parses);
 * counts that do not depend on the parser (selection works on rule text) are checked exactly.
 */
class EtOpenSnapshotTest {
    private static Path et;
    private static RuleManager.Loaded loaded;

    static Path etOpen() {
        String prop = System.getProperty("rampart.shared");
        if (prop != null && Files.isDirectory(Path.of(prop, "rulesets/et-open"))) {
            return Path.of(prop, "rulesets/et-open");
        }
        Path p = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && p != null; i++, p = p.getParent()) {
            Path s = p.resolve("../shared/rulesets/et-open").normalize();
            if (Files.isDirectory(s)) {
                return s;
            }
        }
        return null;
    }

    @BeforeAll
    static void load() throws Exception {
        et = etOpen();
        if (et == null) {
            return;
        }
        long t0 = System.nanoTime();
        loaded = RuleManager.load(config(RuleFilters.none(), null));
        System.out.printf("ET Open snapshot: %d rules read, %d duplicates, in %d ms%n", loaded.read(),
                loaded.duplicates(), (System.nanoTime() - t0) / 1_000_000);
    }

    private static UpdateConfig config(RuleFilters filters, Profile profile) {
        return UpdateConfig.builder().source(RuleSources.directory(et)).filters(filters).profile(profile)
                .resolveFlowbits(false).build();
    }

    private static EffectiveRuleSet run(RuleFilters filters, Profile profile) {
        return RuleManager.apply(loaded, config(filters, profile));
    }

    @Test
    void fullIsEveryEnabledRuleThatParses() throws Exception {
        assumeTrue(et != null, "shared ET Open snapshot not found");
        EffectiveRuleSet full = run(RuleFilters.none(), Profiles.FULL);
        RuleFileLoader.Result direct = new RuleFileLoader(new RuleParser(), false).load(List.of(et));
        assertEquals(direct.rules().size(), full.active().size(), "active == enabled rules the parser accepts");
        assertEquals(19237, full.enabled().size(), "every enabled rule of the snapshot stays enabled");
        assertEquals(0, full.stats().excludedByProfile());
        assertEquals(full.stats().failed(), full.errors().size());
        assertEquals(direct.errors().size(), full.errors().size());
        for (RuleError e : full.errors().subList(0, Math.min(3, full.errors().size()))) {
            assertTrue(e.toString().matches(".*\\.rules:\\d+: sid \\d+: .+"), e.toString());
        }
        System.out.println("full: enabled " + full.enabled().size() + ", active (parse today) " + full.active().size()
                + ", enabled but failing to parse " + full.errors().size());
    }

    @Test
    void profileSizesAreOrdered() {
        assumeTrue(et != null, "shared ET Open snapshot not found");
        int[] enabled = new int[3];
        int[] active = new int[3];
        int i = 0;
        for (Profile p : Profiles.builtIns()) {
            EffectiveRuleSet s = run(RuleFilters.none(), p);
            enabled[i] = s.enabled().size();
            active[i] = s.active().size();
            System.out.printf("profile %-8s: %5d enabled rules (%5d of them parse today), %5d excluded%n", p.name(),
                    enabled[i], active[i], s.stats().excludedByProfile());
            i++;
        }
        // selection does not depend on the parser: strict order and sensible proportions
        assertTrue(enabled[0] < enabled[1] && enabled[1] < enabled[2], java.util.Arrays.toString(enabled));
        assertEquals(19237, enabled[2]);
        assertTrue(enabled[0] > enabled[2] / 10 && enabled[0] < enabled[2] * 6 / 10, "minimal: " + enabled[0]);
        assertTrue(enabled[1] > enabled[2] * 9 / 10, "balanced drops only a few percent: " + enabled[1]);
        // on the rules that parse, the order holds too (non-strict while the parser is incomplete)
        assertTrue(active[0] <= active[1] && active[1] <= active[2], java.util.Arrays.toString(active));
    }

    @Test
    void profileExclusionsHaveReasons() {
        assumeTrue(et != null, "shared ET Open snapshot not found");
        EffectiveRuleSet s = run(RuleFilters.none(), Profiles.BALANCED);
        Map<String, Integer> byFilter = new java.util.TreeMap<>();
        for (ManagedRule r : s.rules()) {
            ProfileDecision d = r.profileDecision();
            if (d != null && !d.included()) {
                assertTrue(d.filter() != null, r + ": " + d);
                byFilter.merge(d.filter().matcher().text(), 1, Integer::sum);
            }
        }
        System.out.println("balanced exclusions by filter: " + byFilter);
        long expected = loaded.rules().stream().filter(ManagedRule::enabled)
                .filter(r -> r.group().contains("retired") || r.group().contains("deleted")
                        || r.facts().metadataValues("performance_impact").contains("Significant"))
                .count();
        assertEquals(expected, s.stats().excludedByProfile());
        assertEquals(expected, byFilter.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(byFilter.get("metadata: performance_impact Significant") > 0);
        assertTrue(byFilter.get("group:*retired*") > 0);
    }

    @Test
    void disableConfRemovesAGroup() {
        assumeTrue(et != null, "shared ET Open snapshot not found");
        EffectiveRuleSet all = run(RuleFilters.none(), null);
        EffectiveRuleSet s;
        try {
            s = run(RuleFilters.builder().disable("disable.conf", "group:emerging-info.rules\n").build(), null);
        } catch (RuleConfigException e) {
            throw new AssertionError(e);
        }
        long infoEnabled = all.enabled().stream().filter(r -> r.group().equals("emerging-info.rules")).count();
        assertEquals(3909, infoEnabled);
        assertEquals(infoEnabled, s.stats().disabledByConf());
        assertEquals(all.enabled().size() - infoEnabled, s.enabled().size());
        assertTrue(s.enabled().stream().noneMatch(r -> r.group().equals("emerging-info.rules")));
        assertTrue(s.errors().stream().noneMatch(e -> e.file().endsWith("emerging-info.rules")),
                "disabled rules are not reported as load errors");
        ManagedRule sample = s.rules().stream().filter(r -> r.group().equals("emerging-info.rules")).findFirst()
                .orElseThrow();
        assertEquals("disabled by disable.conf:1 (group:emerging-info.rules)", sample.trail().get(1));
    }

    @Test
    void directionsOfTheEnabledRules() {
        assumeTrue(et != null, "shared ET Open snapshot not found");
        Map<TrafficDirection, Integer> n = new EnumMap<>(TrafficDirection.class);
        Map<String, String> vars = dev.rampart.rules.RuleEnvironment.defaultAddressVars();
        for (ManagedRule r : loaded.rules()) {
            if (r.enabled()) {
                n.merge(TrafficDirection.of(r.facts(), vars), 1, Integer::sum);
            }
        }
        System.out.println("directions of enabled rules: " + n);
        assertTrue(n.get(TrafficDirection.INBOUND) > 1000 && n.get(TrafficDirection.OUTBOUND) > 1000, n.toString());
        EffectiveRuleSet in = run(RuleFilters.none(), Profiles.FULL.withDirection(TrafficDirection.Filter.INBOUND));
        assertEquals(19237 - n.get(TrafficDirection.OUTBOUND), in.enabled().size());
    }

    @Test
    void flowbitResolutionOnTheSnapshot() {
        assumeTrue(et != null, "shared ET Open snapshot not found");
        EffectiveRuleSet s = RuleManager.apply(loaded, UpdateConfig.builder().source(RuleSources.directory(et))
                .profile(Profiles.MINIMAL).build());
        System.out.println("minimal with flowbit resolution: " + s.stats());
        assertTrue(s.stats().enabledForFlowbits() >= 0);
        for (ManagedRule r : s.rules()) {
            if (r.trail().stream().anyMatch(t -> t.startsWith("enabled with noalert"))) {
                assertTrue(r.enabled());
                assertTrue(r.facts().noalert() || r.error() != null, r.toString());
            }
        }
    }
}

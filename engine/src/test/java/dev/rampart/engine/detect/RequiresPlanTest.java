package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** requires: version and keyword requirements against Suricata 8.0.0 semantics (suricata-verify requires-ok). */
class RequiresPlanTest {
    @Test
    void keywordRequirementsAreMetByKnownKeywordsOnly() {
        DetectHarness h = new DetectHarness(
                "alert tcp any any -> any any (content:\"a\"; requires: version >= 8.0.0, keyword sid; sid:8;)",
                "alert tcp any any -> any any (content:\"a\"; requires: version >= 8, keyword foobar; sid:100;)",
                "alert tcp any any -> any any (content:\"a\"; requires: version >= 7 < 8; sid:7;)",
                "alert vxlan any any -> any any (requires: version >= 10; sid:1;)");
        List<Long> skipped = h.plan.skipped().stream().map(s -> s.rule().sid()).sorted().toList();
        assertEquals(List.of(1L, 7L, 100L), skipped);
        assertTrue(h.plan.skipped().stream().anyMatch(s -> s.reason().contains("foobar")));
    }

    /** {@code requires: feature}: JA3 and JA4 are provided (suricata-verify ja4-rules' TLS rule loads), others not. */
    @Test
    void featureRequirementsAreMetByProvidedFeaturesOnly() {
        DetectHarness h = new DetectHarness(
                "alert tls any any -> any any (requires: feature ja4; ja4.hash; content:\"t13\"; sid:1;)",
                "alert tls any any -> any any (requires: feature ja3; ja3.hash; content:\"a\"; sid:2;)",
                "alert tcp any any -> any any (requires: feature output::file-store; content:\"a\"; sid:3;)");
        assertEquals(List.of(3L), h.plan.skipped().stream().map(s -> s.rule().sid()).toList());
        assertTrue(h.plan.skipped().get(0).reason().contains("output::file-store"));
    }

    /** ja4-rules-requires: {@code app-layer.protocols.tls.ja4-fingerprints: no} turns the feature off. */
    @Test
    void aFeatureTheConfigurationTurnedOffIsNotMet() throws Exception {
        dev.rampart.rules.RuleParser parser = new dev.rampart.rules.RuleParser(dev.rampart.rules.RuleEnvironment.suricataDefaults());
        List<dev.rampart.rules.Rule> rules = List.of(
                parser.parse("alert tls any any -> any any (requires: feature ja4; sid:1;)"),
                parser.parse("alert tls any any -> any any (requires: feature ja3; sid:2;)"));
        DetectionPlan plan = DetectionPlan.build(rules, dev.rampart.rules.RuleEnvironment.suricataDefaults(),
                new DetectSettings(null, null, null, java.util.Set.of("ja4")));
        assertEquals(List.of(1L), plan.skipped().stream().map(s -> s.rule().sid()).toList());
        assertTrue(plan.skipped().get(0).reason().contains("turned off"));
    }
}

package dev.rampart.cli.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.cli.rules.RuleCheck;
import dev.rampart.engine.detect.DetectionPlan;
import dev.rampart.engine.detect.mpm.MpmKind;
import dev.rampart.rules.RuleEnvironment;
import org.junit.jupiter.api.Test;

/** The warm-up rules must go through the whole parse and compile path, or they warm nothing. */
class StartupWarmupTest {
    @Test
    void everyWarmupRuleParsesAndCompiles() {
        RuleEnvironment env = RuleEnvironment.suricataDefaults();
        RuleCheck.Result r = RuleCheck.loadString(env, "warmup", StartupWarmup.RULES);
        assertEquals(0, r.failed(), () -> "parse failures: " + r.failures());
        assertEquals(11, r.parsed());
        DetectionPlan plan = DetectionPlan.build(r.loaded(), env, MpmKind.AHO_CORASICK, null);
        assertTrue(plan.skipped().isEmpty(), () -> "not compiled: " + plan.skipped());
        assertEquals(11, plan.ruleCount());
    }

    @Test
    void endsAfterItsCurrentRoundOnceTheScanReadsRules() {
        StartupWarmup.resetForTest();
        try {
            assertEquals(StartupWarmup.ROUNDS, StartupWarmup.warm(false), "not stopped: every round");
            StartupWarmup.stop();
            assertEquals(1, StartupWarmup.warm(false), "stopped: the first round only");
            assertEquals(StartupWarmup.ROUNDS, StartupWarmup.warm(true), "the launcher's training run: every round");
        } finally {
            StartupWarmup.resetForTest();
        }
    }
}

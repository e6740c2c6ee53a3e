package dev.rampart.engine.pipeline;

import dev.rampart.engine.detect.DetectionPlan;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParser;
import java.util.ArrayList;
import java.util.List;

/** A detection plan of rule texts with Suricata's default variables (pipeline tests). */
final class TestPlans {
    private TestPlans() {
    }

    static DetectionPlan of(String... rules) throws Exception {
        RuleParser parser = new RuleParser(RuleEnvironment.suricataDefaults());
        List<Rule> list = new ArrayList<>();
        for (String r : rules) {
            list.add(parser.parse(r));
        }
        return DetectionPlan.build(list, RuleEnvironment.suricataDefaults());
    }
}

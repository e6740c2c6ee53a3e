package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The source-address index returns exactly the rules whose source set holds the address. */
class AddressIndexTest {
    @Test
    void lookupEqualsTheRulesWhoseSourceSetContainsTheAddress() throws Exception {
        Random rnd = new Random(7);
        RuleParser parser = new RuleParser(RuleEnvironment.suricataDefaults());
        List<Rule> rules = new ArrayList<>();
        for (int sid = 1; sid <= 200; sid++) {
            StringBuilder src = new StringBuilder("[");
            int n = 1 + rnd.nextInt(6);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    src.append(',');
                }
                src.append("10.").append(rnd.nextInt(4)).append('.').append(rnd.nextInt(4)).append('.')
                        .append(rnd.nextInt(256));
                if (rnd.nextInt(4) == 0) {
                    src.append("/").append(24 + rnd.nextInt(9));
                }
            }
            src.append(']');
            rules.add(parser.parse("alert tcp " + src + " any -> any any (msg:\"r\"; flowbits:set,x; sid:" + sid + ";)"));
        }
        DetectionPlan plan = DetectionPlan.build(rules, RuleEnvironment.suricataDefaults());
        List<CompiledRule> compiled = new ArrayList<>();
        for (int i = 0; i < plan.ruleCount(); i++) {
            compiled.add(plan.rule(i));
        }
        AddressIndex index = AddressIndex.build(compiled);
        for (int probe = 0; probe < 5000; probe++) {
            long addr = (10L << 24) | ((long) rnd.nextInt(4) << 16) | ((long) rnd.nextInt(4) << 8) | rnd.nextInt(256);
            int[] expected = compiled.stream().filter(r -> r.src.matches(4, 0, addr)).mapToInt(r -> r.order).sorted()
                    .toArray();
            assertArrayEquals(expected, index.lookupV4(addr), "address " + addr);
        }
    }
}

package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;

/** {@code noalert}: the rule matches (and runs its post-match actions) but logs no alert. */
public final class NoalertKeyword {
    private NoalertKeyword() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.noalert();
    }
}

package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;

/**
 * {@code bypass}: on match Suricata stops inspecting the flow in capture hardware or the kernel.
 * For offline IDS output the rule simply matches (and alerts); nothing else changes.
 */
public final class BypassKeyword {
    private BypassKeyword() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        // matches always: no matcher
    }
}

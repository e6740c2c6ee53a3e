package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;

/**
 * {@code tag:session|host,...}: in Suricata it marks further packets of the session or host for
 * logging as EVE {@code packet} events (gid 2 "tagged packet" entries, never {@code alert}
 * events). It takes no part in matching and changes no alert, so the rule loads; the tagged
 * packet records themselves are not written yet.
 */
public final class TagKeyword {
    private TagKeyword() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        // nothing to match: tagging only adds packet records after the alert
    }
}

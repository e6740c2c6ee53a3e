package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;

/**
 * {@code tag:session|host,...}: after the rule alerts, Suricata marks further packets of the
 * session or host; with eve's {@code tagged-packets: yes} they are logged as {@code packet}
 * events, never as alerts (Suricata's DETECT_SM_LIST_TMATCH runs only for alerts that survive
 * thresholding). The rule's own alerts are unchanged, so the rule is loaded; the tagged-packet
 * records are not written yet, and each alert that would start tagging is counted
 * ({@code detect.rampart.tag_not_logged}) so the gap is visible.
 */
public final class TagKeyword {
    private TagKeyword() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.tagged();
    }
}

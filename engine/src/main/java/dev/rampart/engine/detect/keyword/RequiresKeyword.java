package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.app.RequiresOption;

/**
 * {@code requires}: the rule loads only when the engine meets its requirements. {@code version}
 * expressions are evaluated against the Suricata version Rampart emulates ({@link #VERSION});
 * {@code keyword} ones by the rule language's keyword table, {@code feature} ones against the features
 * the engine provides ({@link #PROVIDED_FEATURES}); an unmet one, or a requirement kind not evaluated
 * here, keeps the rule out
 * with the reason (Suricata skips such rules without a load error).
 */
public final class RequiresKeyword {
    /** The Suricata version whose rule semantics Rampart follows (major, minor, patch). */
    static final int[] VERSION = RequiresOption.EMULATED_VERSION;

    /** Features ({@code requires: feature X}) the engine provides. */
    static final java.util.Set<String> PROVIDED_FEATURES = java.util.Set.of("ja3", "ja4");

    private RequiresKeyword() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        for (RequiresOption.Requirement r : ((RequiresOption) option).requirements()) {
            if (r.kind().equals("keyword")) {
                // met when the rule language has the keyword (Suricata: registered in its keyword table)
                if (dev.rampart.rules.keyword.KeywordRegistry.get(r.value().trim()) == null) {
                    rule.unsupported("requires keyword " + r.value() + ": no such keyword");
                    return;
                }
                continue;
            }
            if (r.kind().equals("feature")) {
                // Suricata's registered features; of those, the engine provides JA3 and JA4 (the TLS parser's)
                String f = r.value().trim();
                if (!PROVIDED_FEATURES.contains(f)) {
                    rule.unsupported("requires feature " + f + ": not provided");
                    return;
                }
                if (rule.featureOff(f)) {
                    rule.unsupported("requires feature " + f + ": turned off by the configuration");
                    return;
                }
                continue;
            }
            if (!r.kind().equals("version")) {
                rule.unsupported("requires " + r.kind() + " " + r.value() + " is not evaluated");
                return;
            }
            if (!versionMatches(r.value(), VERSION)) {
                rule.unsupported("requires version " + r.value() + " is not met by Suricata "
                        + VERSION[0] + "." + VERSION[1] + "." + VERSION[2] + " semantics");
                return;
            }
        }
    }

    /** {@code OP V [OP V ...] [| ...]}: some alternative has every comparison true (syntax was checked by the parser). */
    static boolean versionMatches(String expr, int[] version) {
        return RequiresOption.versionMet(expr, version);
    }
}

package dev.rampart.rules.manage;

import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleError;
import dev.rampart.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a rule update: every rule (enabled or not, with the trail of decisions about it),
 * the rules the engine will load ({@link #active()}), the errors and warnings, and counts.
 *
 * @param rules every rule after duplicate removal, in source order
 * @param errors rules that are enabled but do not parse ({@code file:line: sid N: reason}), and
 *     drop/modify results that did not parse
 * @param warnings duplicates dropped, files ignored
 * @param profile the profile applied, or null
 */
public record EffectiveRuleSet(
        List<ManagedRule> rules,
        List<RuleError> errors,
        List<String> warnings,
        Profile profile,
        Stats stats) {

    /** Counts of one update. */
    public record Stats(
            int loaded,
            int duplicates,
            int disabledByConf,
            int enabledByConf,
            int dropped,
            int modified,
            int excludedByProfile,
            int enabledForFlowbits,
            int enabled,
            int active,
            int failed) {
        @Override
        public String toString() {
            return "loaded " + loaded + ", duplicates " + duplicates + ", disabled " + disabledByConf + ", enabled "
                    + enabledByConf + ", dropped " + dropped + ", modified " + modified + ", excluded by profile "
                    + excludedByProfile + ", enabled for flowbits " + enabledForFlowbits + "; enabled " + enabled
                    + ", active " + active + ", failed " + failed;
        }
    }

    public EffectiveRuleSet {
        rules = List.copyOf(rules);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** Enabled rules that parse: what the engine loads. */
    public List<ManagedRule> active() {
        return rules.stream().filter(ManagedRule::active).toList();
    }

    /** Enabled rules, parsed or not. */
    public List<ManagedRule> enabled() {
        return rules.stream().filter(ManagedRule::enabled).toList();
    }

    /** The parsed models of the active rules. */
    public List<Rule> parsedRules() {
        List<Rule> out = new ArrayList<>();
        for (ManagedRule r : rules) {
            if (r.active()) {
                out.add(r.parsed());
            }
        }
        return out;
    }

    /** The active rules as the engine's {@link RuleSet}. */
    public RuleSet toRuleSet() {
        return RuleSet.of(parsedRules());
    }

    public Optional<ManagedRule> find(long gid, long sid) {
        return rules.stream().filter(r -> r.gid() == gid && r.sid() == sid).findFirst();
    }

    public Optional<ManagedRule> find(long sid) {
        return find(1, sid);
    }

    /**
     * Whether the update's profile keeps a rule and why, for every rule (what {@code list --profile}
     * shows): the decision taken during the update, or for a rule that was already disabled before
     * the profile ran, "rule is disabled: ..." with the step that disabled it. Without a profile every
     * enabled rule is in. A rule the profile excluded may still be enabled afterwards for a flowbit
     * (see its {@link ManagedRule#trail()}).
     */
    public ProfileDecision profileDecision(ManagedRule r) {
        if (r.profileDecision() != null) {
            return r.profileDecision();
        }
        if (profile == null) {
            List<String> t = r.trail();
            return new ProfileDecision("none", r.enabled(), r.enabled() ? "no profile: every enabled rule is in"
                    : "rule is disabled: " + t.get(t.size() - 1), null);
        }
        return profile.decide(r);
    }

    /**
     * Why a rule is (not) active: its trail of decisions, then its parse status, e.g.
     * <pre>
     * enabled in emerging-info.rules:12
     * disabled by disable.conf:3 (group:emerging-info.rules)
     * not active: disabled
     * </pre>
     */
    public List<String> explain(ManagedRule r) {
        List<String> out = new ArrayList<>(r.trail());
        if (r.active()) {
            out.add("active" + (r.modified() ? " (text modified)" : ""));
        } else if (!r.enabled()) {
            out.add("not active: disabled");
        } else {
            out.add("not active: does not parse: " + r.error());
        }
        return out;
    }
}

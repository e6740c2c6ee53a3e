package dev.rampart.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The active rules of a load, after Suricata's duplicate handling: for the same (gid, sid) the rule
 * with the higher rev wins and the older one is dropped with a warning (not a load failure, as in
 * Suricata); an equal or lower rev is reported as a duplicate (an error) and dropped.
 */
public final class RuleSet {
    private final List<Rule> rules;
    private final List<RuleError> errors;
    private final List<RuleError> replaced;

    private RuleSet(List<Rule> rules, List<RuleError> errors, List<RuleError> replaced) {
        this.rules = List.copyOf(rules);
        this.errors = List.copyOf(errors);
        this.replaced = List.copyOf(replaced);
    }

    /** Builds the set from parsed rules (only enabled ones become active). */
    public static RuleSet of(List<Rule> parsed) {
        Map<Long, Rule> byKey = new LinkedHashMap<>();
        List<RuleError> errors = new ArrayList<>();
        List<RuleError> replaced = new ArrayList<>();
        for (Rule r : parsed) {
            if (!r.enabled()) {
                continue;
            }
            long key = (r.gid() << 32) | r.sid();
            Rule old = byKey.get(key);
            if (old == null) {
                byKey.put(key, r);
            } else if (r.rev() > old.rev()) {
                byKey.put(key, r);
                replaced.add(error(old, "duplicate signature: sid " + r.sid() + " rev " + old.rev()
                        + " replaced by rev " + r.rev() + " at " + r.source()));
            } else {
                errors.add(error(r, "duplicate signature: sid " + r.sid() + " already loaded at " + old.source()));
            }
        }
        return new RuleSet(new ArrayList<>(byKey.values()), errors, replaced);
    }

    private static RuleError error(Rule r, String reason) {
        return new RuleError(r.source().file(), r.source().line(), r.sid(), reason, r.enabled(), r.toCanonicalText());
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Duplicates with an equal or lower rev that were dropped: load failures. */
    public List<RuleError> errors() {
        return errors;
    }

    /** Older revs replaced by a newer one: warnings only (Suricata keeps loading). */
    public List<RuleError> replaced() {
        return replaced;
    }
}

package dev.rampart.cli.rules;

import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleError;
import dev.rampart.rules.RuleFileLoader;
import dev.rampart.rules.RuleParser;
import dev.rampart.rules.RuleSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Loads rules as Suricata would at start-up: every rule parsed on its own, then duplicates
 * (same gid:sid) dropped. A rule that failed to parse or was dropped as a duplicate counts as
 * failed; an older rev replaced by a newer one is only a warning and not counted;
 * {@code rules == parsed + failed}.
 */
public final class RuleCheck {

    /**
     * @param rules    every rule text that was looked at
     * @param loaded   the rules that parsed and were kept, in file order
     * @param failures parse errors and dropped duplicates, by file and line
     * @param replaced older revs a newer rev of the same sid replaced (warnings, not failures)
     */
    public record Result(int rules, List<Rule> loaded, List<RuleError> failures, List<RuleError> replaced) {
        public int parsed() {
            return loaded.size();
        }

        public int failed() {
            return failures.size();
        }
    }

    private RuleCheck() {
    }

    public static Result load(RuleEnvironment env, boolean includeDisabled, List<Path> paths) throws IOException {
        return load(env, includeDisabled, paths, null);
    }

    /** As above, each parsed rule passed through {@code hook} on its parsing thread (null: none). */
    public static Result load(RuleEnvironment env, boolean includeDisabled, List<Path> paths,
            RuleFileLoader.ParsedRuleHook hook) throws IOException {
        return finish(new RuleFileLoader(new RuleParser(env), includeDisabled).load(paths, hook));
    }

    public static Result loadString(RuleEnvironment env, String label, String text) {
        return finish(new RuleFileLoader(new RuleParser(env), false).loadString(label, text));
    }

    private static Result finish(RuleFileLoader.Result r) {
        RuleSet set = RuleSet.of(r.rules());
        Set<Rule> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(set.rules());
        List<Rule> loaded = new ArrayList<>();
        for (Rule rule : r.rules()) {
            // disabled rules are never active, but with --include-disabled they count as parsed
            if (!rule.enabled() || kept.contains(rule)) {
                loaded.add(rule);
            }
        }
        List<RuleError> failures = new ArrayList<>(r.errors());
        failures.addAll(set.errors());
        failures.sort(Comparator.comparing(RuleError::file).thenComparingInt(RuleError::line));
        return new Result(r.rules().size() + r.errors().size() - set.replaced().size(), loaded, failures,
                set.replaced());
    }
}

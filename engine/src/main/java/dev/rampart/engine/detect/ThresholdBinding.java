package dev.rampart.engine.detect;

import dev.rampart.engine.detect.threshold.SuppressSpec;
import dev.rampart.engine.detect.threshold.ThresholdSpec;
import dev.rampart.rules.Action;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.config.ThresholdConfig;
import dev.rampart.rules.header.AddressResolver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Applies threshold.config entries to the compiled rules as Suricata's util-threshold-config does:
 * gid/sid 0 are wildcards (sid 0: every rule of the gid; both 0: every rule); a {@code suppress}
 * without track makes the rule noalert, one with track adds an address suppression; a
 * {@code threshold}/{@code event_filter}/{@code rate_filter} for a named sid replaces the rule's own
 * threshold or detection_filter, a wildcard one leaves rules that have one alone.
 */
final class ThresholdBinding {
    private ThresholdBinding() {
    }

    /** Returns problems (entries that could not be applied) as messages. */
    static List<String> apply(ThresholdConfig config, List<CompiledRule> rules, RuleEnvironment env) {
        List<String> problems = new ArrayList<>();
        AddressResolver resolver = new AddressResolver(env.addressVars()::get);
        for (ThresholdConfig.Entry e : config.entries()) {
            boolean wildcard = e.sid() == 0;
            SuppressSpec suppress = null;
            ThresholdSpec spec = null;
            boolean wholeRule = false;
            if (e instanceof ThresholdConfig.Suppress s) {
                if (s.wholeRule()) {
                    wholeRule = true;
                } else {
                    try {
                        suppress = new SuppressSpec(switch (s.track()) {
                            case BY_SRC -> SuppressSpec.Track.SRC;
                            case BY_DST -> SuppressSpec.Track.DST;
                            default -> SuppressSpec.Track.EITHER;
                        }, AddressMatch.of(resolver.resolve(s.ip())));
                    } catch (RuleParseException ex) {
                        problems.add("threshold.config line " + e.line() + ": " + ex.getMessage());
                        continue;
                    }
                }
            } else if (e instanceof ThresholdConfig.Threshold t) {
                spec = new ThresholdSpec(switch (t.type()) {
                    case LIMIT -> ThresholdSpec.Kind.LIMIT;
                    case THRESHOLD -> ThresholdSpec.Kind.THRESHOLD;
                    case BOTH -> ThresholdSpec.Kind.BOTH;
                }, track(t.track()), t.count(), t.seconds(), null, 0);
            } else if (e instanceof ThresholdConfig.RateFilter rf) {
                spec = new ThresholdSpec(ThresholdSpec.Kind.RATE, track(rf.track()), rf.count(), rf.seconds(),
                        newAction(rf.newAction()), rf.timeout());
            }
            if (spec != null && spec.track() == null) {
                problems.add("threshold.config line " + e.line() + ": track by_either is only valid for suppress");
                continue;
            }
            for (CompiledRule r : rules) {
                if (e.gid() != 0 && r.gid() != e.gid() || !wildcard && r.sid() != e.sid()) {
                    continue;
                }
                if (wholeRule) {
                    r.noalert = true;
                } else if (suppress != null) {
                    r.suppress = r.suppress == null ? new SuppressSpec[] {suppress}
                            : append(r.suppress, suppress);
                } else if (!wildcard || r.threshold == null) {
                    r.threshold = spec;
                }
            }
        }
        return problems;
    }

    private static SuppressSpec[] append(SuppressSpec[] a, SuppressSpec s) {
        SuppressSpec[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = s;
        return out;
    }

    private static ThresholdSpec.Track track(ThresholdConfig.Track t) {
        return switch (t) {
            case BY_SRC -> ThresholdSpec.Track.SRC;
            case BY_DST -> ThresholdSpec.Track.DST;
            case BY_BOTH -> ThresholdSpec.Track.BOTH;
            case BY_RULE -> ThresholdSpec.Track.RULE;
            case BY_FLOW -> ThresholdSpec.Track.FLOW;
            case BY_EITHER -> null;
        };
    }

    private static Action newAction(ThresholdConfig.NewAction a) {
        return switch (a) {
            case ALERT, LOG -> Action.ALERT;
            case DROP, SDROP -> Action.DROP;
            case PASS -> Action.PASS;
            case REJECT -> Action.REJECT;
        };
    }
}

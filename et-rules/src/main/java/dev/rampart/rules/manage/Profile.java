package dev.rampart.rules.manage;

import dev.rampart.rules.RuleEnvironment;
import java.util.List;
import java.util.Map;

/**
 * A named subset of the enabled rules, to trade detection for CPU. A rule is in when
 * <ol>
 *   <li>it is enabled (after enable/disable.conf), and</li>
 *   <li>it matches an {@code always} filter — then it is in whatever follows; otherwise</li>
 *   <li>the {@code base} profile (if any) keeps it, and</li>
 *   <li>it matches one of the {@code include} filters (when there are any), and</li>
 *   <li>it matches none of the {@code exclude} filters, and</li>
 *   <li>its {@link TrafficDirection} fits the profile's direction filter.</li>
 * </ol>
 * Filters use the selector syntax of disable.conf ({@link RuleMatcher}). A union profile
 * ({@code anyOf}, e.g. {@link Profiles#byDirection}) keeps an enabled rule when one of its members
 * keeps it, whatever its own filters.
 */
public record Profile(
        String name,
        String description,
        Profile base,
        TrafficDirection.Filter direction,
        List<FilterEntry> always,
        List<FilterEntry> include,
        List<FilterEntry> exclude,
        List<Profile> anyOf) {

    public Profile {
        always = List.copyOf(always);
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        anyOf = List.copyOf(anyOf);
    }

    /** A profile of its own filters (no union). */
    public Profile(String name, String description, Profile base, TrafficDirection.Filter direction,
            List<FilterEntry> always, List<FilterEntry> include, List<FilterEntry> exclude) {
        this(name, description, base, direction, always, include, exclude, List.of());
    }

    /** The same profile restricted to one direction (named e.g. {@code balanced/inbound}). */
    public Profile withDirection(TrafficDirection.Filter d) {
        String n = d == TrafficDirection.Filter.ANY ? name : name + "/" + d.name().toLowerCase(java.util.Locale.ROOT);
        return new Profile(n, description, base, d, always, include, exclude, anyOf);
    }

    /** Decision with Suricata's default address variables. */
    public ProfileDecision decide(ManagedRule rule) {
        return decide(rule, RuleEnvironment.defaultAddressVars());
    }

    /** Decision for one rule; {@code addressVars} define home/external for the direction filter. */
    public ProfileDecision decide(ManagedRule rule, Map<String, String> addressVars) {
        if (!rule.enabled()) {
            List<String> t = rule.trail();
            return new ProfileDecision(name, false, "rule is disabled: " + t.get(t.size() - 1), null);
        }
        if (!anyOf.isEmpty()) {
            List<String> why = new java.util.ArrayList<>(anyOf.size());
            for (Profile m : anyOf) {
                ProfileDecision d = m.decide(rule, addressVars);
                if (d.included()) {
                    return new ProfileDecision(name, true, "kept by " + d.profile() + ": " + d.reason(), d.filter());
                }
                why.add(d.profile() + ": " + d.reason());
            }
            return new ProfileDecision(name, false, String.join("; ", why), null);
        }
        for (FilterEntry f : always) {
            if (f.matches(rule)) {
                return new ProfileDecision(name, true, "kept by always filter " + f.describe(), f);
            }
        }
        String baseReason = null;
        if (base != null) {
            ProfileDecision b = base.decide(rule, addressVars);
            if (!b.included()) {
                return new ProfileDecision(name, false, "base profile " + b.profile() + ": " + b.reason(), b.filter());
            }
            baseReason = "base profile " + b.profile() + ": " + b.reason();
        }
        FilterEntry admitted = null;
        if (!include.isEmpty()) {
            for (FilterEntry f : include) {
                if (f.matches(rule)) {
                    admitted = f;
                    break;
                }
            }
            if (admitted == null) {
                return new ProfileDecision(name, false, "matches none of the include filters ("
                        + String.join(", ", include.stream().map(e -> e.matcher().text()).toList()) + ")", null);
            }
        }
        for (FilterEntry f : exclude) {
            if (f.matches(rule)) {
                return new ProfileDecision(name, false, "excluded by " + f.describe(), f);
            }
        }
        if (direction != TrafficDirection.Filter.ANY) {
            TrafficDirection d = TrafficDirection.of(rule.facts(), addressVars);
            if (!direction.admits(d)) {
                return new ProfileDecision(name, false, "direction " + d.name().toLowerCase(java.util.Locale.ROOT)
                        + " (" + rule.facts().source() + " " + rule.facts().direction() + " "
                        + rule.facts().destination() + ") is not in the "
                        + direction.name().toLowerCase(java.util.Locale.ROOT) + " set", null);
            }
        }
        String why;
        if (admitted != null) {
            why = "included by " + admitted.describe();
        } else if (baseReason != null) {
            why = baseReason;
        } else if (include.isEmpty() && exclude.isEmpty()) {
            why = "profile keeps every enabled rule";
        } else {
            why = "no exclude filter matches";
        }
        if (admitted != null && baseReason != null) {
            why = why + "; " + baseReason;
        }
        return new ProfileDecision(name, true, why, admitted);
    }
}

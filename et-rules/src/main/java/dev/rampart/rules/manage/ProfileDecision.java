package dev.rampart.rules.manage;

/**
 * Whether a profile keeps a rule and why, e.g. {@code excluded by profile minimal (metadata:
 * performance_impact Significant)}.
 *
 * @param filter the filter that decided, or null (no filters, direction, disabled rule)
 */
public record ProfileDecision(String profile, boolean included, String reason, FilterEntry filter) {
    @Override
    public String toString() {
        return (included ? "in " : "out ") + profile + ": " + reason;
    }
}

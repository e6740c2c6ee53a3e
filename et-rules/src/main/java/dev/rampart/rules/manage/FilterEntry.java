package dev.rampart.rules.manage;

/**
 * A rule selector with where it was configured ({@code disable.conf:12}, {@code profile minimal}),
 * so that every decision can say which line took it.
 */
public record FilterEntry(RuleMatcher matcher, String origin) {

    public boolean matches(ManagedRule rule) {
        return matcher.matches(rule);
    }

    /** {@code origin (selector)}, e.g. {@code disable.conf:3 (group:emerging-info.rules)}. */
    public String describe() {
        return origin + " (" + matcher.text() + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}

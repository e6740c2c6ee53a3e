package dev.rampart.rules;

/**
 * A rule that failed to load: where, which sid (0 when none could be read) and why. Printed as
 * {@code file:line: sid N: reason}.
 */
public record RuleError(String file, int line, long sid, String reason, boolean enabled, String text) {
    @Override
    public String toString() {
        return file + ":" + line + ": sid " + sid + ": " + reason;
    }
}

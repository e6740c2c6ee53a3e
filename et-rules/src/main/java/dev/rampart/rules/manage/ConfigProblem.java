package dev.rampart.rules.manage;

/** A malformed line of a rule-management configuration file, printed as {@code file:line: reason}. */
public record ConfigProblem(String file, int line, String reason) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}

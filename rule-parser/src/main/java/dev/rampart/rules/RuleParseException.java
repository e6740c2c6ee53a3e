package dev.rampart.rules;

/** A rule (or one of its parts) that cannot be accepted; the message is the reason only. */
public final class RuleParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public RuleParseException(String reason) {
        super(reason, null, false, false);
    }
}

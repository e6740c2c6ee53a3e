package dev.rampart.alerts;

/** A journal entry this build cannot read: written by a newer schema, or not a Rampart entry. */
public final class JournalSchemaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalSchemaException(String message) {
        super(message);
    }
}

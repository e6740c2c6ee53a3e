package dev.rampart.policy;

/** A block policy input (address, port, name, reason) that Rampart refuses; the message says why. */
public final class PolicyValidationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PolicyValidationException(String message) {
        super(message);
    }
}

package dev.rampart.capture;

/**
 * A capture that cannot go on: a corrupt or truncated file (the message names the file and the
 * byte offset), an unknown link type, or a live capture error. Frames delivered before it stand.
 */
public final class CaptureException extends Exception {
    private static final long serialVersionUID = 1L;

    public CaptureException(String message) {
        super(message);
    }

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}

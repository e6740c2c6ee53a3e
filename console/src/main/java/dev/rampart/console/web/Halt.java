package dev.rampart.console.web;

/** Ends a request early with a status and a message (thrown from before-handlers). */
public final class Halt extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public final int status;
    public final String redirect;

    public Halt(int status, String message) {
        super(message, null, false, false);
        this.status = status;
        this.redirect = null;
    }

    private Halt(String redirect) {
        super("redirect", null, false, false);
        this.status = 302;
        this.redirect = redirect;
    }

    public static Halt redirect(String to) {
        return new Halt(to);
    }
}

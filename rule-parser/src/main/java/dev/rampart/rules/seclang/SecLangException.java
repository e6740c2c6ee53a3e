package dev.rampart.rules.seclang;

/**
 * A SecLang configuration ModSecurity would refuse to load: the message names the file and line
 * ({@code file:line: reason}).
 */
public final class SecLangException extends Exception {
    private final String file;
    private final int line;
    private final String reason;

    public SecLangException(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** The file the error is in, as given to the parser. */
    public String file() {
        return file;
    }

    /** The 1-based line of the directive in error. */
    public int line() {
        return line;
    }

    /** The message without the file and line. */
    public String reason() {
        return reason;
    }
}

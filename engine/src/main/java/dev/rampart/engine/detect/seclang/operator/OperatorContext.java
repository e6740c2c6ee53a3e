package dev.rampart.engine.detect.seclang.operator;

/** What an operator may ask of the rule evaluation that runs it. */
public interface OperatorContext {
    /**
     * Expands macros ({@code %{tx.allowed_methods}}, {@code %{REQUEST_HEADERS.host}}) in an
     * operator argument at evaluation time. Operators whose argument holds no {@code %{} need not
     * call it.
     */
    String expand(String text);

    /** Whether the rule has the capture action (then the operator reports its groups). */
    boolean capturing();

    /**
     * Reports capture group {@code index} (0 = the whole match, up to 9) of a match; only called
     * when {@link #capturing()}. ModSecurity stores them as TX.0 ... TX.9.
     */
    void capture(int index, String value);
}

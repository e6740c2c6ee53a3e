package dev.rampart.engine.detect.seclang.operator;

/**
 * {@code @strmatch}: whether the argument, after the phrase content syntax ({@link PmContent}: hex
 * spans, escapes), occurs in the value, case-sensitively. No macro expansion (ModSecurity compiles
 * it once).
 */
public final class StrMatch implements Operator {
    private final String needle;

    private StrMatch(String needle) {
        this.needle = needle;
    }

    public static StrMatch compile(String argument) throws OperatorException {
        String parsed = PmContent.parse(argument == null ? "" : argument);
        if (parsed == null) {
            throw new OperatorException("@strmatch: empty argument or unsupported escape sequence in \"" + argument + "\"");
        }
        return new StrMatch(parsed);
    }

    @Override
    public boolean matches(String value, OperatorContext ctx) {
        return value.contains(needle);
    }
}

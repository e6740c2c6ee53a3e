package dev.rampart.engine.detect.seclang.operator;

/** {@code @streq}: whether the value equals the (macro-expanded) argument byte for byte. */
public final class StrEq implements Operator {
    private final String argument;
    private final boolean macro;

    private StrEq(String argument) {
        this.argument = argument;
        this.macro = Macros.has(argument);
    }

    public static StrEq compile(String argument) {
        return new StrEq(argument == null ? "" : argument);
    }

    @Override
    public boolean matches(String value, OperatorContext ctx) {
        String arg = Macros.expand(argument, macro, ctx);
        return value.equals(arg);
    }
}

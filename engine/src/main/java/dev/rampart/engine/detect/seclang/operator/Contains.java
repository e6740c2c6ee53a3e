package dev.rampart.engine.detect.seclang.operator;

/** {@code @contains}: whether the (macro-expanded) argument occurs in the value, case-sensitively; an empty argument always matches. */
public final class Contains implements Operator {
    private final String argument;
    private final boolean macro;

    private Contains(String argument) {
        this.argument = argument;
        this.macro = Macros.has(argument);
    }

    public static Contains compile(String argument) {
        return new Contains(argument == null ? "" : argument);
    }

    @Override
    public boolean matches(String value, OperatorContext ctx) {
        String arg = Macros.expand(argument, macro, ctx);
        return value.contains(arg);
    }
}

package dev.rampart.engine.detect.seclang.operator;

/**
 * {@code @eq}: numeric comparison, value == argument, both sides read as C atoi does
 * ({@link CNumber#atoi}: "  12abc" is 12, "" and "abc" are 0); the argument is macro-expanded.
 */
public final class Eq implements Operator {
    private final String argument;
    private final boolean macro;

    private Eq(String argument) {
        this.argument = argument;
        this.macro = Macros.has(argument);
    }

    public static Eq compile(String argument) {
        return new Eq(argument == null ? "" : argument);
    }

    @Override
    public boolean matches(String value, OperatorContext ctx) {
        return CNumber.atoi(value) == CNumber.atoi(Macros.expand(argument, macro, ctx));
    }
}

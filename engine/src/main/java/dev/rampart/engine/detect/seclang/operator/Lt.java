package dev.rampart.engine.detect.seclang.operator;

/**
 * {@code @lt}: numeric comparison, value < argument, both sides read as C atoi does
 * ({@link CNumber#atoi}: "  12abc" is 12, "" and "abc" are 0); the argument is macro-expanded.
 */
public final class Lt implements Operator {
    private final String argument;
    private final boolean macro;

    private Lt(String argument) {
        this.argument = argument;
        this.macro = Macros.has(argument);
    }

    public static Lt compile(String argument) {
        return new Lt(argument == null ? "" : argument);
    }

    @Override
    public boolean matches(String value, OperatorContext ctx) {
        return CNumber.atoi(value) < CNumber.atoi(Macros.expand(argument, macro, ctx));
    }
}

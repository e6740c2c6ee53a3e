package dev.rampart.engine.detect.seclang.operator;

/** {@code @within}: whether the value occurs as a substring of the (macro-expanded) argument (CRS pads its lists with spaces to get whole-word checks); an empty value always matches, as in ModSecurity. */
public final class Within implements Operator {
    private final String argument;
    private final boolean macro;

    private Within(String argument) {
        this.argument = argument;
        this.macro = Macros.has(argument);
    }

    public static Within compile(String argument) {
        return new Within(argument == null ? "" : argument);
    }

    @Override
    public boolean matches(String value, OperatorContext ctx) {
        String arg = Macros.expand(argument, macro, ctx);
        return value.isEmpty() || arg.contains(value);
    }
}

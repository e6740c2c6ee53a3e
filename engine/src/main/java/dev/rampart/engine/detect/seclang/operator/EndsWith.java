package dev.rampart.engine.detect.seclang.operator;

/** {@code @endsWith}: whether the value ends with the (macro-expanded) argument; an empty argument always matches. */
public final class EndsWith implements Operator {
    private final String argument;
    private final boolean macro;

    private EndsWith(String argument) {
        this.argument = argument;
        this.macro = Macros.has(argument);
    }

    public static EndsWith compile(String argument) {
        return new EndsWith(argument == null ? "" : argument);
    }

    @Override
    public boolean matches(String value, OperatorContext ctx) {
        String arg = Macros.expand(argument, macro, ctx);
        return value.endsWith(arg);
    }
}

package dev.rampart.engine.detect.seclang.operator;

/** {@code @beginsWith}: whether the value starts with the (macro-expanded) argument; an empty argument always matches, as in ModSecurity. */
public final class BeginsWith implements Operator {
    private final String argument;
    private final boolean macro;

    private BeginsWith(String argument) {
        this.argument = argument;
        this.macro = Macros.has(argument);
    }

    public static BeginsWith compile(String argument) {
        return new BeginsWith(argument == null ? "" : argument);
    }

    @Override
    public boolean matches(String value, OperatorContext ctx) {
        String arg = Macros.expand(argument, macro, ctx);
        return value.startsWith(arg);
    }
}

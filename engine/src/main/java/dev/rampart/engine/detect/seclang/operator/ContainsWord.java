package dev.rampart.engine.detect.seclang.operator;

/** {@code @containsWord}: whether the (macro-expanded) argument occurs in the value with no word character (ASCII letter, digit or underscore) right before or after it; an empty argument always matches. */
public final class ContainsWord implements Operator {
    private final String argument;
    private final boolean macro;

    private ContainsWord(String argument) {
        this.argument = argument;
        this.macro = Macros.has(argument);
    }

    public static ContainsWord compile(String argument) {
        return new ContainsWord(argument == null ? "" : argument);
    }

    @Override
    public boolean matches(String value, OperatorContext ctx) {
        String arg = Macros.expand(argument, macro, ctx);
        if (arg.isEmpty()) {
            return true;
        }
        for (int i = value.indexOf(arg); i >= 0; i = value.indexOf(arg, i + 1)) {
            int after = i + arg.length();
            if ((i == 0 || !isWord(value.charAt(i - 1))) && (after == value.length() || !isWord(value.charAt(after)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWord(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}

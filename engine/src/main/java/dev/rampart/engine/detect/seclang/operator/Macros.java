package dev.rampart.engine.detect.seclang.operator;

/** Argument macro expansion: only arguments holding {@code %{} go through the context. */
final class Macros {
    private Macros() {
    }

    static boolean has(String argument) {
        return argument.contains("%{");
    }

    static String expand(String argument, boolean hasMacro, OperatorContext ctx) {
        return hasMacro ? ctx.expand(argument) : argument;
    }
}

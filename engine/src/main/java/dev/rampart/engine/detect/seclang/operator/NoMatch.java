package dev.rampart.engine.detect.seclang.operator;

/** {@code @noMatch}: never matches. */
public final class NoMatch implements Operator {
    public static NoMatch compile(String argument) {
        return new NoMatch();
    }

    @Override
    public boolean matches(String value, OperatorContext ctx) {
        return false;
    }
}

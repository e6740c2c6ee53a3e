package dev.rampart.engine.detect.seclang.operator;

/** {@code @unconditionalMatch}: always matches. */
public final class UnconditionalMatch implements Operator {
    public static UnconditionalMatch compile(String argument) {
        return new UnconditionalMatch();
    }

    @Override
    public boolean matches(String value, OperatorContext ctx) {
        return true;
    }
}

package dev.rampart.engine.detect.seclang.operator;

/**
 * A compiled ModSecurity operator ({@code @rx}, {@code @pm}, {@code @within}, ...). Compiled once
 * per rule, shared by all threads: per-evaluation state goes through the context.
 */
@FunctionalInterface
public interface Operator {
    /**
     * Whether the (already transformed) value matches, before the rule's negation is applied.
     * @param value a byte string as Latin-1
     */
    boolean matches(String value, OperatorContext ctx);
}

package dev.rampart.engine.detect.payload;

/**
 * A compiled {@link dev.rampart.rules.NumOrVar}: a constant, or the slot of a byte_extract /
 * byte_math variable in {@link InspectScratch#variables}.
 */
record Operand(long constant, int slot) {
    static final Operand ZERO = new Operand(0, -1);

    static Operand of(long constant) {
        return new Operand(constant, -1);
    }

    boolean isVar() {
        return slot >= 0;
    }

    /** The value (unsigned 64 bit for variables). */
    long get(InspectScratch s) {
        return slot >= 0 ? s.variables[slot] : constant;
    }
}

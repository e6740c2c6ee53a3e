package dev.rampart.engine.detect.payload;

/**
 * A compiled {@link dev.rampart.rules.NumOrVar}: a constant, or the slot of a byte_extract /
 * byte_math variable in {@link InspectScratch#variables}.
 */
record Operand(long constant, int slot) {
    static final Operand ZERO = new Operand(0, -1);

    /** Constants 0..1023 (most offsets, depths, distances and withins), one value each. */
    private static final Operand[] SMALL = new Operand[1024];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = new Operand(i, -1);
        }
    }

    static Operand of(long constant) {
        return constant >= 0 && constant < SMALL.length ? SMALL[(int) constant] : new Operand(constant, -1);
    }

    boolean isVar() {
        return slot >= 0;
    }

    /** The value (unsigned 64 bit for variables). */
    long get(InspectScratch s) {
        return slot >= 0 ? s.variables[slot] : constant;
    }
}

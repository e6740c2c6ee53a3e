package dev.rampart.engine.detect.seclang.operator;

/**
 * A value whose characters can be read a bounded number of times: java.util.regex has no match
 * limit like PCRE's SecPcreMatchLimit, but every step of its backtracking reads the input, so
 * counting reads bounds the work. Past the budget a read throws {@link Exhausted}.
 */
final class BudgetedText implements CharSequence {
    /** The budget: a fixed allowance plus this many reads per input character. */
    static final long BASE = 1_000_000L;
    static final long PER_CHAR = 1_000L;

    /** Thrown when the budget is spent (no stack trace: it is control flow). */
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("regex step budget exhausted", null, false, false);
        }
    }

    private final String text;
    private long left;

    BudgetedText(String text) {
        this.text = text;
        this.left = BASE + PER_CHAR * text.length();
    }

    private BudgetedText(String text, long left) {
        this.text = text;
        this.left = left;
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        if (--left < 0) {
            throw new Exhausted();
        }
        return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.substring(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}

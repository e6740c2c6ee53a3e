package dev.rampart.engine.detect.payload;

/**
 * A reusable view of {@code data[start, end)} as Latin-1 characters for java.util.regex, counting
 * every character read: past the budget it throws {@link Exhausted} (one preallocated instance),
 * which bounds the time any regular expression can spend on one buffer, the role PCRE's match limit
 * plays in Suricata.
 */
final class BudgetedBytes implements CharSequence {

    /** Thrown when the budget is spent; preallocated, no stack trace. */
    static final class Exhausted extends RuntimeException {
        static final Exhausted INSTANCE = new Exhausted();

        private Exhausted() {
            super("pcre budget exceeded", null, false, false);
        }
    }

    private byte[] data = new byte[0];
    private int start;
    private int length;
    private long remaining;

    /** Points the view at {@code data[start, start + length)} with a fresh budget of {@code budget} reads. */
    void reset(byte[] data, int start, int length, long budget) {
        this.data = data;
        this.start = start;
        this.length = length;
        this.remaining = budget;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (--remaining < 0) {
            throw Exhausted.INSTANCE;
        }
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return (char) (data[start + index] & 0xFF);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        // only used by Matcher.group(), which inspection never calls
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            sb.append((char) (data[start + i] & 0xFF));
        }
        return sb;
    }

    @Override
    public String toString() {
        return subSequence(0, length).toString();
    }
}

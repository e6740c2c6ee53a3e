package dev.rampart.rules.keyword.payload;

/** Number base of the text a byte_* keyword reads in {@code string} mode. */
public enum ByteBase {
    HEX("hex", 16), DEC("dec", 10), OCT("oct", 8);

    private final String word;
    private final int radix;

    ByteBase(String word, int radix) {
        this.word = word;
        this.radix = radix;
    }

    /** The rule-language word ({@code hex}, {@code dec}, {@code oct}). */
    public String word() {
        return word;
    }

    public int radix() {
        return radix;
    }

    /** values() clones its array on every call; the parser asks once per keyword. */
    private static final ByteBase[] ALL = values();

    /** The base named by a word (case-insensitive), or null. */
    public static ByteBase of(String word) {
        for (ByteBase b : ALL) {
            if (b.word.equalsIgnoreCase(word)) {
                return b;
            }
        }
        return null;
    }
}

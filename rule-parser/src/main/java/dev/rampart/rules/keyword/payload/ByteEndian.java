package dev.rampart.rules.keyword.payload;

/** Byte order of the bytes a byte_* keyword reads; DCE takes it from the DCE/RPC header. */
public enum ByteEndian {
    BIG("big"), LITTLE("little"), DCE("dce");

    private final String word;

    ByteEndian(String word) {
        this.word = word;
    }

    /** The rule-language word ({@code big}, {@code little}, {@code dce}). */
    public String word() {
        return word;
    }
}

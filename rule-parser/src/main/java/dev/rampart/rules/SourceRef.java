package dev.rampart.rules;

/** Where a rule came from: file (or a label) and 1-based line of its first physical line. */
public record SourceRef(String file, int line) {
    public static final SourceRef NONE = new SourceRef("<string>", 0);

    @Override
    public String toString() {
        return file + ":" + line;
    }
}

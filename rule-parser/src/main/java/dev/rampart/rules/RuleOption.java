package dev.rampart.rules;

/**
 * One typed rule option. Each keyword class produces its own record; the record knows how to print
 * itself back in canonical Suricata syntax so that {@code parse(print(rule))} gives the same model.
 */
public interface RuleOption {
    /** Canonical keyword name (the Suricata 7+ dotted name where one exists). */
    String keyword();

    /** Appends the canonical value, without the keyword and colon. Flag keywords append nothing. */
    void appendValue(StringBuilder out);

    /** Whether the option prints as {@code keyword:value} rather than a bare {@code keyword}. */
    default boolean hasValue() {
        return true;
    }

    /**
     * Appends the complete option text, each option ending in {@code "; "}. Options that carry
     * modifiers (content) print them too.
     */
    default void appendTo(StringBuilder out) {
        out.append(keyword());
        if (hasValue()) {
            out.append(':');
            appendValue(out);
        }
        out.append("; ");
    }
}

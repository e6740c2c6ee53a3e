package dev.rampart.rules;

/** Rule direction operators: one-way, bidirectional and Suricata 8's transactional form. */
public enum Direction {
    TO_DST("->"),
    BOTH("<>"),
    TRANSACTIONAL("=>");

    private final String text;

    Direction(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** values() clones its array on every call; the parser asks once per rule. */
    private static final Direction[] ALL = values();

    public static Direction of(String text) {
        for (Direction d : ALL) {
            if (d.text.equals(text)) {
                return d;
            }
        }
        return null;
    }
}

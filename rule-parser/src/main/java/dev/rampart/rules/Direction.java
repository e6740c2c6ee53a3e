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

    public static Direction of(String text) {
        for (Direction d : values()) {
            if (d.text.equals(text)) {
                return d;
            }
        }
        return null;
    }
}

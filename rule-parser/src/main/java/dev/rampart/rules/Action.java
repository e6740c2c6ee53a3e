package dev.rampart.rules;

/** Rule actions of the Suricata 7/8 grammar, in the text form rules use. */
public enum Action {
    ALERT("alert"),
    PASS("pass"),
    DROP("drop"),
    REJECT("reject"),
    REJECTSRC("rejectsrc"),
    REJECTDST("rejectdst"),
    REJECTBOTH("rejectboth"),
    CONFIG("config");

    private final String text;

    Action(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** values() clones its array on every call; the parser asks once per rule. */
    private static final Action[] ALL = values();

    /** @return the action for {@code text}, or null when it is not an action word */
    public static Action of(String text) {
        for (Action a : ALL) {
            if (a.text.equals(text)) {
                return a;
            }
        }
        return null;
    }
}

package dev.rampart.engine.flow;

/** Flow states as Suricata's flow manager sees them; each has its own timeout. */
public final class FlowState {
    public static final int NEW = 0;
    public static final int ESTABLISHED = 1;
    public static final int CLOSED = 2;
    static final int COUNT = 3;

    private static final String[] NAMES = {"new", "established", "closed"};

    private FlowState() {
    }

    /** Name as EVE's {@code flow.state} prints it. */
    public static String name(int state) {
        return NAMES[state];
    }
}

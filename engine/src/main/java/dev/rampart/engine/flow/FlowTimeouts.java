package dev.rampart.engine.flow;

import java.util.concurrent.TimeUnit;

/**
 * Per protocol and per state idle timeouts, normal and emergency, in seconds. Defaults are
 * Suricata's {@code flow-timeouts} section.
 */
public final class FlowTimeouts {
    public static final int PROTO_DEFAULT = 0;
    public static final int PROTO_TCP = 1;
    public static final int PROTO_UDP = 2;
    public static final int PROTO_ICMP = 3;
    static final int PROTO_COUNT = 4;

    private final int[][] normal = new int[PROTO_COUNT][FlowState.COUNT];
    private final int[][] emergency = new int[PROTO_COUNT][FlowState.COUNT];
    /** Same tables in nanoseconds, for the hot path. */
    private final long[][] normalNanos = new long[PROTO_COUNT][FlowState.COUNT];
    private final long[][] emergencyNanos = new long[PROTO_COUNT][FlowState.COUNT];

    public FlowTimeouts() {
        set(PROTO_DEFAULT, 30, 300, 0, 10, 100, 0);
        set(PROTO_TCP, 60, 600, 60, 5, 100, 10);
        set(PROTO_UDP, 30, 300, 0, 10, 100, 0);
        set(PROTO_ICMP, 30, 300, 0, 10, 100, 0);
    }

    /** Sets one protocol's timeouts (seconds). */
    public FlowTimeouts set(int proto, int newS, int establishedS, int closedS,
                            int emergNewS, int emergEstablishedS, int emergClosedS) {
        int[] n = normal[proto];
        int[] e = emergency[proto];
        n[FlowState.NEW] = newS;
        n[FlowState.ESTABLISHED] = establishedS;
        n[FlowState.CLOSED] = closedS;
        e[FlowState.NEW] = emergNewS;
        e[FlowState.ESTABLISHED] = emergEstablishedS;
        e[FlowState.CLOSED] = emergClosedS;
        for (int s = 0; s < FlowState.COUNT; s++) {
            normalNanos[proto][s] = TimeUnit.SECONDS.toNanos(n[s]);
            emergencyNanos[proto][s] = TimeUnit.SECONDS.toNanos(e[s]);
        }
        return this;
    }

    public int seconds(int proto, int state, boolean emergencyMode) {
        return (emergencyMode ? emergency : normal)[proto][state];
    }

    long nanos(int proto, int state, boolean emergencyMode) {
        return (emergencyMode ? emergencyNanos : normalNanos)[proto][state];
    }

    /** Maps an IP protocol number to the timeout table row. */
    public static int protoIndex(int ipProto) {
        switch (ipProto) {
            case 6:
                return PROTO_TCP;
            case 17:
                return PROTO_UDP;
            case 1:
            case 58:
                return PROTO_ICMP;
            default:
                return PROTO_DEFAULT;
        }
    }
}

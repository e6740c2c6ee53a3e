package dev.rampart.engine.stream;

/** TCP session states as in Suricata's stream-tcp (one state per session, named from the client side). */
public final class TcpState {
    public static final int NONE = 0;
    public static final int SYN_SENT = 1;
    public static final int SYN_RECV = 2;
    public static final int ESTABLISHED = 3;
    public static final int FIN_WAIT1 = 4;
    public static final int FIN_WAIT2 = 5;
    public static final int TIME_WAIT = 6;
    public static final int LAST_ACK = 7;
    public static final int CLOSE_WAIT = 8;
    public static final int CLOSING = 9;
    public static final int CLOSED = 10;

    private static final String[] NAMES = {"none", "syn_sent", "syn_recv", "established", "fin_wait1",
        "fin_wait2", "time_wait", "last_ack", "close_wait", "closing", "closed"};

    private TcpState() {
    }

    public static String name(int state) {
        return NAMES[state];
    }
}

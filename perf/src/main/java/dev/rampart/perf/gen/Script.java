package dev.rampart.perf.gen;

/** What is said over one TCP connection: the application messages in order, and how it ends. */
interface Script {
    /** The next message (made now, so it may depend on the time), or null when the talk is over. */
    Message next(long tsMicros);

    /** Whether the server sends the first FIN (HTTP {@code Connection: close}); otherwise the client does. */
    boolean serverClosesFirst();

    /** Whether the client aborts the connection with a RST instead of closing it. */
    boolean endsWithReset();

    /** Send no further requests once the one under way is answered. */
    void windDown();
}

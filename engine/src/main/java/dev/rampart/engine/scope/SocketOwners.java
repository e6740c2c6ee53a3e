package dev.rampart.engine.scope;

/**
 * Which local process owns a socket of this host, for scoping analysis to processes: the
 * packet path asks it once per flow (and again while the answer is unknown), so lookups must be
 * cheap and never block on I/O; implementations refresh their tables in the background.
 */
public interface SocketOwners {

    /** A process: its id, its name ({@code /proc/PID/comm}) and executable path ("" when unreadable). */
    record ProcessInfo(int pid, String name, String exe) {
    }

    /**
     * The process owning the local socket bound to this address and port (IPv4: {@code lo} holds
     * the address in its low 32 bits, {@code hi} is 0, as {@link dev.rampart.engine.flow.Flow}
     * keeps it), or a wildcard-bound one on that port (0.0.0.0 / ::); null when unknown (no such
     * socket seen yet, or the address is not this host's).
     *
     * @param ipProto 6 (TCP) or 17 (UDP)
     */
    ProcessInfo owner(int ipProto, int ipVersion, long hi, long lo, int port);

    /** Whether the address is one of this host's (loopback included), as last refreshed. */
    boolean isLocal(int ipVersion, long hi, long lo);

    /** A lookup missed: refresh soon (asynchronously, rate-limited). Never blocks. */
    void refreshSoon();

    /** Nothing is known: every lookup misses (platforms without /proc). */
    SocketOwners NONE = new SocketOwners() {
        @Override
        public ProcessInfo owner(int ipProto, int ipVersion, long hi, long lo, int port) {
            return null;
        }

        @Override
        public boolean isLocal(int ipVersion, long hi, long lo) {
            return false;
        }

        @Override
        public void refreshSoon() {
        }
    };
}

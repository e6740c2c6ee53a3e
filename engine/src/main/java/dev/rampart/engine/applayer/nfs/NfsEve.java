package dev.rampart.engine.applayer.nfs;

/** The alert's {@code "rpc"} and {@code "nfs"} members (filled in below). */
final class NfsEve {
    private NfsEve() {
    }

    static boolean append(NfsTx tx, boolean udp, StringBuilder out) {
        return false;
    }
}

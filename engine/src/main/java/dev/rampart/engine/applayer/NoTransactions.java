package dev.rampart.engine.applayer;

/**
 * A session of a protocol that is detected but has no transactions (yet): SMB, FTP-DATA. Detection
 * sees its flows' packets and stream only; its parser never asks for raw inspection (Suricata's
 * parsers for these protocols do not), so the stream is inspected at the chunk and close points.
 */
public interface NoTransactions extends AppSession {
    @Override
    default boolean triggersRawInspection() {
        return true;
    }

    @Override
    default int txCount() {
        return 0;
    }

    @Override
    default Object tx(int index) {
        throw new IndexOutOfBoundsException(proto().suricataName() + " sessions have no transactions: " + index);
    }

    @Override
    default long txId(Object tx) {
        return 0;
    }

    @Override
    default boolean txComplete(Object tx, boolean toServer) {
        return true;
    }

    @Override
    default void release(long txId) {
    }

    @Override
    default boolean appendEve(Object tx, StringBuilder out) {
        return false;
    }
}

package dev.rampart.engine.detect.app;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.AppSession;
import dev.rampart.engine.applayer.Slice;

/**
 * A sticky buffer that the app layer provides per transaction: its protocol, the directions it
 * exists in, and how to read it from a transaction. A multi-buffer ({@link #multi}) has several
 * instances per transaction (each DNS query name, each certificate); a rule matches when one
 * instance matches.
 *
 * @param id dense id, the index in {@link AppBuffers#all()}
 */
public record AppBuffer(int id, String name, AppProto proto, int directions, Getter getter, boolean multi) {
    public static final int TO_SERVER = 1;
    public static final int TO_CLIENT = 2;
    public static final int BOTH = 3;

    /** Reads instance {@code index} (always 0 for a single buffer) into {@code out}; false when absent. */
    @FunctionalInterface
    public interface Getter {
        boolean get(AppSession session, Object tx, boolean toServer, int index, Slice out);
    }

    /** A body buffer grows until its side of the transaction completes; the others are final with the headers. */
    public boolean body() {
        String n = name.indexOf('@') < 0 ? name : name.substring(0, name.indexOf('@')); // pinned: file.data@to_client
        return n.equals("http.request_body") || n.equals("http.response_body") || n.equals("file.data");
    }

    public boolean in(boolean toServer) {
        return (directions & (toServer ? TO_SERVER : TO_CLIENT)) != 0;
    }
}

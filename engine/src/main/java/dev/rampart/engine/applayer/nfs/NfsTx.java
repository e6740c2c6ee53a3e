package dev.rampart.engine.applayer.nfs;

import java.util.Arrays;

/**
 * One NFS transaction as Suricata's NFSTransaction: a call and its reply (same xid), or a file
 * transfer (the WRITEs or READs of one file handle in one direction, with a COMMIT that closes a
 * write), which Suricata keys by handle instead of xid. Progress is per direction:
 * {@link #requestDone} / {@link #responseDone}.
 */
public final class NfsTx {
    /** Event bits (Suricata's NFSEvent). */
    public static final int EVENT_MALFORMED_DATA = 1;
    public static final int EVENT_NON_EXISTING_VERSION = 2;
    public static final int EVENT_UNSUPPORTED_VERSION = 4;
    public static final int EVENT_TOO_MANY_TRANSACTIONS = 8;

    private static final long[] NO_PROCS = new long[0];
    private static final byte[] NONE = new byte[0];

    final long id;
    long xid;
    long procedure;
    /** The RPC program version of the call; 0 for a READ file transaction made by a reply (Suricata sets none). */
    int version;
    boolean requestDone;
    boolean responseDone;
    boolean fileTx;
    boolean fileToServer;
    boolean fileClosed;
    boolean isLast;
    byte[] fileHandle = NONE;
    /** File transactions: procedures after the first (COMMIT on a WRITE). */
    long[] moreProcs = NO_PROCS;
    int moreCount;
    long authType;
    byte[] machineName;
    long uid;
    long gid;
    /** The name the handle had (looked up, created, listed), or none; a RENAME's old name. */
    byte[] fileName = NONE;
    /** A RENAME's new name. */
    byte[] renameTo;
    boolean isFirst;
    long chunkCount;
    long fileLastXid;
    long rpcStatus;
    long nfsStatus;
    int events;

    NfsTx(long id) {
        this.id = id;
    }

    public long id() {
        return id;
    }

    public long xid() {
        return xid;
    }

    public long procedure() {
        return procedure;
    }

    public int version() {
        return version;
    }

    public boolean fileTx() {
        return fileTx;
    }

    public boolean requestDone() {
        return requestDone;
    }

    public boolean responseDone() {
        return responseDone;
    }

    public boolean hasEvent(int e) {
        return (events & e) != 0;
    }

    /** Procedure {@code i}: 0 is the main one, the others a file transaction's later ones; -1 past the last. */
    public long procedure(int i) {
        if (i == 0) {
            return procedure;
        }
        return fileTx && i - 1 < moreCount ? moreProcs[i - 1] : -1;
    }

    void addProcedure(long proc) {
        if (moreCount == moreProcs.length) {
            moreProcs = Arrays.copyOf(moreProcs, Math.max(4, moreCount * 2));
        }
        moreProcs[moreCount++] = proc;
    }
}

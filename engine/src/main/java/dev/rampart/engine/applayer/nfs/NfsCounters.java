package dev.rampart.engine.applayer.nfs;

/**
 * What NFS parsing could not read or keep, for one worker's sessions together (the app layer's
 * stats {@code app_layer.rampart.nfs.*}); a session counts into it as it goes.
 */
public final class NfsCounters {
    /** Records or datagrams that did not parse as RPC, or whose NFS part did not (malformed_data). */
    long malformed;
    /** TCP records longer than {@link NfsSession#MAX_RECORD} that would have to be buffered: parsing ends. */
    long recordsTooLong;
    /** Calls whose xid was not remembered because {@link NfsSession#MAX_PENDING} were waiting for replies. */
    long callsForgotten;
    /** Transactions closed early because more than {@link NfsSession#MAX_TX} were live (too_many_transactions). */
    long txEvicted;
    /** Bytes after a gap skipped while looking for the next record. */
    long bytesSkippedAfterGap;
    /** Procedures past {@link NfsSession#MAX_PROCS} of a file transaction not kept. */
    long proceduresDropped;

    /** Handle names not remembered because {@link NfsSession#MAX_NAMES} were. */
    long namesDropped;

    public long namesDropped() {
        return namesDropped;
    }

    public long malformed() {
        return malformed;
    }

    public long recordsTooLong() {
        return recordsTooLong;
    }

    public long callsForgotten() {
        return callsForgotten;
    }

    public long txEvicted() {
        return txEvicted;
    }

    public long bytesSkippedAfterGap() {
        return bytesSkippedAfterGap;
    }

    public long proceduresDropped() {
        return proceduresDropped;
    }
}

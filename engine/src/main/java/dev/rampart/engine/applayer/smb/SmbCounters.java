package dev.rampart.engine.applayer.smb;

/**
 * What SMB parsing could not read or keep, for one worker's sessions together (the app layer's
 * stats {@code app_layer.rampart.smb.*}); a session counts into it as it goes.
 */
public final class SmbCounters {
    /** Records or commands that did not parse (too short, bad header, fields out of bounds). */
    long malformed;
    /** SMB3 transform (encrypted) records, not read. */
    long encrypted;
    /** Records longer than the whole-record bound that carried no file data to stream: skipped. */
    long skippedLarge;
    /**
     * File and DCERPC stub bytes seen but not kept: past a flow's budget, past a file's or stub's
     * own bound, or written at another offset than the file's end.
     */
    long bytesNotKept;
    /** Directions whose framing a gap ended (read no more). */
    long lostAfterGap;

    public long malformed() {
        return malformed;
    }

    public long encrypted() {
        return encrypted;
    }

    public long skippedLarge() {
        return skippedLarge;
    }

    public long bytesNotKept() {
        return bytesNotKept;
    }

    public long lostAfterGap() {
        return lostAfterGap;
    }
}

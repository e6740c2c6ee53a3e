package dev.rampart.engine.applayer.smtp;

/**
 * What SMTP parsing could not keep, for one worker's sessions together (the app layer's stats
 * {@code app_layer.rampart.smtp.*}); a session counts into it as it goes.
 */
public final class SmtpCounters {
    /** Attachments past {@link SmtpTx#MAX_FILES} of a mail, not kept. */
    long filesDropped;
    /** Attachment bytes dropped unseen because {@link SmtpFile#MAX_PENDING} were waiting for inspection. */
    long fileBytesDropped;
    /** Transactions not started because {@link SmtpSession#MAX_TX} were live. */
    long txsDropped;
    /** Command and reply lines longer than {@link SmtpSession#LINE_LIMIT}, not taken. */
    long truncatedLines;

    public long filesDropped() {
        return filesDropped;
    }

    public long fileBytesDropped() {
        return fileBytesDropped;
    }

    public long txsDropped() {
        return txsDropped;
    }

    public long truncatedLines() {
        return truncatedLines;
    }
}

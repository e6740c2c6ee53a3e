package dev.rampart.engine.applayer.ftp;

/** What a worker's FTP sessions could not keep, for stats ({@code app_layer.rampart.ftp.*}). */
public final class FtpCounters {
    long txDropped;
    long truncatedLines;

    /** Commands that opened no transaction: {@link FtpSession#MAX_TX} older ones were live. */
    public long txDropped() {
        return txDropped;
    }

    /** Lines cut at {@link FtpSession#MAX_LINE} bytes. */
    public long truncatedLines() {
        return truncatedLines;
    }
}

package dev.rampart.engine.applayer.ftp;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.NoTransactions;

/**
 * An FTP data connection (app_proto ftp-data): the flow an FTP session's transfer command announced
 * ({@link FtpExpectations}). Rules for {@code ftp-data} see its packets and stream; the file it
 * carries (its name and command from the announcing RETR / STOR) is not given to file keywords yet,
 * and, as Suricata's FTP-DATA parser, it never asks for raw stream inspection.
 */
public final class FtpDataSession implements NoTransactions {
    private final FtpExpectations.Expectation transfer;

    public FtpDataSession(FtpExpectations.Expectation transfer) {
        this.transfer = transfer;
    }

    @Override
    public AppProto proto() {
        return AppProto.FTP_DATA;
    }

    /** The RETR or STOR that announced this connection. */
    public FtpCommand command() {
        return transfer.command();
    }

    /** The file name the command gave. */
    public String fileName() {
        return transfer.fileName();
    }

    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
    }

    @Override
    public void onGap(boolean toServer, long len) {
    }

    @Override
    public void onEnd(boolean toServer) {
    }
}

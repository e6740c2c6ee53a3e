package dev.rampart.engine.applayer.ftp;

import java.util.ArrayList;
import java.util.List;

/**
 * One FTP transaction as Suricata 7 keeps it: a command line and the replies to it, done at its
 * first reply that is not preliminary (1yz).
 */
public final class FtpTx {
    final long id;
    final FtpCommand command;
    /** The command line without its line end (and without trailing blanks, as Suricata copies it). */
    final String request;
    final boolean requestTruncated;
    final List<String> replies = new ArrayList<>(1);
    boolean done;
    /** Grows with each reply (for AppSession.txVersion). */
    long version;

    FtpTx(long id, FtpCommand command, String request, boolean requestTruncated) {
        this.id = id;
        this.command = command;
        this.request = request;
        this.requestTruncated = requestTruncated;
    }

    public long id() {
        return id;
    }

    public FtpCommand command() {
        return command;
    }

    public String request() {
        return request;
    }

    public List<String> replies() {
        return replies;
    }

    public boolean done() {
        return done;
    }
}

package dev.rampart.engine.applayer.smtp;

import java.util.ArrayList;
import java.util.List;

/**
 * One SMTP transaction as Suricata 7 keeps it: from the first command after the previous mail
 * ended to the end of its DATA (or an accepted RSET or STARTTLS); its envelope and the attachments
 * its MIME body carried.
 */
public final class SmtpTx {
    /** Files a mail keeps; more attachments are counted, not kept. */
    static final int MAX_FILES = 64;

    final long id;
    final SmtpSession session;
    boolean done;
    /** DATA was accepted for it: its body goes to {@link #mime}. */
    boolean isData;
    String mailFrom;
    final List<String> rcptTo = new ArrayList<>(2);
    final List<SmtpFile> files = new ArrayList<>(2);
    MimeDecoder mime;
    /** Changes whenever detection could see something new (for AppSession.txVersion). */
    long version;

    SmtpTx(long id, SmtpSession session) {
        this.id = id;
        this.session = session;
    }

    /** {@code part}: an attachment of a multipart (the "email" log lists those), not the mail itself. */
    SmtpFile openFile(String name, boolean part) {
        SmtpFile f = new SmtpFile(name, session.counters);
        f.part = part;
        if (files.size() < MAX_FILES) {
            files.add(f);
        } else {
            session.counters.filesDropped++;
        }
        version++;
        return f;
    }

    void fileGrew(SmtpFile f) {
        version++;
        session.fileGrew(f);
    }

    void fileClosed(SmtpFile f) {
        version++;
        session.fileClosed();
    }

    public long id() {
        return id;
    }

    public boolean done() {
        return done;
    }

    public String mailFrom() {
        return mailFrom;
    }

    public List<String> rcptTo() {
        return rcptTo;
    }

    public List<SmtpFile> files() {
        return files;
    }
}

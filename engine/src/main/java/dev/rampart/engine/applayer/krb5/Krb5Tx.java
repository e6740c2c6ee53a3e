package dev.rampart.engine.applayer.krb5;

import dev.rampart.engine.applayer.Slice;

/**
 * One Kerberos message as a transaction (Suricata's KRB5Transaction): it lives in the direction
 * it travelled only. Requests carry the request body's names, replies the clear part's client
 * name and the ticket's server name, errors their names and code. Names are kept as their
 * components (a principal "krbtgt/REALM" is two), which is how krb5.cname / krb5.sname see them.
 */
public final class Krb5Tx implements dev.rampart.engine.applayer.OneSidedTransactions.Message {
    /** Message types (RFC 4120 msg-type). */
    public static final int AS_REQ = 10;
    public static final int AS_REP = 11;
    public static final int TGS_REQ = 12;
    public static final int TGS_REP = 13;
    public static final int AP_REQ = 14;
    public static final int AP_REP = 15;
    public static final int KRB_ERROR = 30;

    /** Event bits ({@link #hasEvent}). */
    public static final int EVENT_MALFORMED_DATA = 1;
    public static final int EVENT_WEAK_ENCRYPTION = 2;

    private static final byte[][] NONE = new byte[0][];

    final long id;
    final boolean toServer;
    final int msgType;
    /** KRB-ERROR: the type of the last request seen before it (0: none). */
    int failedRequest;
    /** KRB-ERROR: error-code; -1 on other messages (which have none). */
    long errorCode = -1;
    byte[][] cname = NONE;
    /** Client realm (requests: the body's realm; errors: crealm), or null. */
    byte[] realm;
    byte[][] sname = NONE;
    /** Replies: enc-part's and the ticket's encryption types; -1 elsewhere. */
    long etype = -1;
    long ticketEtype = -1;
    int events;

    Krb5Tx(long id, boolean toServer, int msgType) {
        this.id = id;
        this.toServer = toServer;
        this.msgType = msgType;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public boolean toServer() {
        return toServer;
    }

    public int msgType() {
        return msgType;
    }

    public int failedRequest() {
        return failedRequest;
    }

    /** The error code, or -1 when the message is no KRB-ERROR. */
    public long errorCode() {
        return errorCode;
    }

    public long etype() {
        return etype;
    }

    public long ticketEtype() {
        return ticketEtype;
    }

    public boolean hasEvent(int event) {
        return (events & event) != 0;
    }

    /** Component {@code i} of the client name into {@code out}; false past the last (or without one). */
    public boolean cname(int i, Slice out) {
        return component(cname, i, out);
    }

    /** Component {@code i} of the server name into {@code out}; false past the last (or without one). */
    public boolean sname(int i, Slice out) {
        return component(sname, i, out);
    }

    public int cnameCount() {
        return cname.length;
    }

    public int snameCount() {
        return sname.length;
    }

    /** The realm into {@code out}; false without one. */
    public boolean realm(Slice out) {
        if (realm == null) {
            return false;
        }
        out.set(realm, 0, realm.length);
        return true;
    }

    private static boolean component(byte[][] name, int i, Slice out) {
        if (i >= name.length) {
            return false;
        }
        out.set(name[i], 0, name[i].length);
        return true;
    }

    /** Suricata's test_weak_encryption: everything but the AES and Camellia CTS types is weak. */
    static boolean weak(long etype) {
        return !(etype == 17 || etype == 18 || etype == 19 || etype == 20 || etype == 25 || etype == 26);
    }
}

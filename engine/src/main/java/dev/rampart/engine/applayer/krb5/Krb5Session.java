package dev.rampart.engine.applayer.krb5;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.OneSidedTransactions;
import java.util.Arrays;

/**
 * A Kerberos 5 flow as Suricata's krb5 parser (rust/src/krb/krb5.rs, 7.0.15 and later: read, not
 * copied) keeps it. A UDP datagram is one message; over TCP each message is a record behind a 4-byte
 * big-endian length, read whatever the segmentation (several records in one segment, one record over
 * several: what 7.0.10 got wrong and bug 8278 fixed). Each message whose outer DER header is an
 * APPLICATION tag is looked at by its tag:
 * <ul>
 * <li>AS-REQ (10), TGS-REQ (12): a transaction with the request body's cname, realm and sname;</li>
 * <li>AS-REP (11), TGS-REP (13): a transaction with the clear part's cname and crealm, the ticket's
 * sname, the encryption types of the enc-part and of the ticket; a weak enc-part type raises
 * {@code weak_encryption} on it;</li>
 * <li>KRB-ERROR (30): a transaction with the error code, the optional cname and crealm, the sname,
 * and the type of the request before it;</li>
 * <li>AP-REQ (14), AP-REP (15) and other tags: no transaction.</li>
 * </ul>
 * A message that does not parse as its type makes no transaction and is no error. A message whose
 * first header does not read is: {@code malformed_data} on the newest transaction, a parser error,
 * and over TCP the end of parsing for the flow (Suricata disables the app layer after a parser
 * error). A gap ends TCP parsing too (the parser takes no gaps). Every transaction is complete at
 * once and belongs to the direction it travelled in.
 */
public final class Krb5Session extends OneSidedTransactions<Krb5Tx> {
    /** Longest TCP record read (Suricata's 100000-byte reassembly bound); a longer one is an error. */
    static final int MAX_RECORD = 100_000;
    /** Live transactions at most; a message past that makes none (counted). */
    static final int MAX_TX = 256;
    /** Name components kept per principal (more are counted, not kept). */
    static final int MAX_COMPONENTS = 16;
    /** Highest context tag of the sequences read (KRB-ERROR's e-data, 12). */
    private static final int MAX_FIELD = 12;

    private final Krb5Counters counters;
    private final Der h = new Der();
    /** Content bounds of each context field of the sequence read at nesting level 0, 1, 2. */
    private final int[][] fieldStart = new int[3][MAX_FIELD + 1];
    private final int[][] fieldEnd = new int[3][MAX_FIELD + 1];
    private final Records toServerRecords = new Records();
    private final Records toClientRecords = new Records();
    /** Type of the last request (10, 12, 14), 0 after a reply: a KRB-ERROR's failed request. */
    private int requestType;
    private long errors;
    /** TCP only: an error or a gap ended parsing of the flow. */
    private boolean dead;
    /** Scratch of {@link #integer}. */
    private long value;

    public Krb5Session() {
        this(new Krb5Counters());
    }

    public Krb5Session(Krb5Counters counters) {
        this.counters = counters;
    }

    /** TCP record framing of one direction. */
    private static final class Records {
        int markerHave;
        int length;
        int have;
        byte[] buf = new byte[512];
    }

    public Krb5Counters counters() {
        return counters;
    }

    @Override
    public AppProto proto() {
        return AppProto.KRB5;
    }

    @Override
    public void onDatagram(boolean toServer, byte[] data, int off, int len) {
        changes++;
        message(toServer, data, off, off + len, false);
    }

    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
        changes++;
        Records r = toServer ? toServerRecords : toClientRecords;
        int p = off;
        int end = off + len;
        while (p < end && !dead) {
            if (r.markerHave < 4) {
                r.length = r.length << 8 | (data[p++] & 0xFF);
                if (++r.markerHave < 4) {
                    continue;
                }
                if (r.length < 0 || r.length > MAX_RECORD) {
                    counters.recordsTooLong++;
                    errors++;
                    dead = true;
                    return;
                }
                r.have = 0;
                if (end - p >= r.length) {
                    // the whole record is here: read it in place
                    int recordEnd = p + r.length;
                    nextRecord(r);
                    message(toServer, data, p, recordEnd, true);
                    p = recordEnd;
                    continue;
                }
                if (r.buf.length < r.length) {
                    r.buf = new byte[Math.min(MAX_RECORD, Math.max(r.length, r.buf.length * 2))];
                }
                continue;
            }
            int n = Math.min(r.length - r.have, end - p);
            System.arraycopy(data, p, r.buf, r.have, n);
            r.have += n;
            p += n;
            if (r.have == r.length) {
                int length = r.length;
                nextRecord(r);
                message(toServer, r.buf, 0, length, true);
                if (r.buf.length > 4096) {
                    r.buf = new byte[512]; // a big record's buffer is not kept for the small ones after it
                }
            }
        }
    }

    private static void nextRecord(Records r) {
        r.markerHave = 0;
        r.length = 0;
        r.have = 0;
    }

    @Override
    public void onGap(boolean toServer, long len) {
        changes++;
        if (!dead) {
            counters.lostAfterGap++;
            dead = true;
        }
    }


    @Override
    public long parseErrors() {
        return errors;
    }




    /** Suricata 7's alerts carry no krb5 object (measured with 7.0.10). */
    @Override
    public boolean appendEve(Object tx, StringBuilder out) {
        return false;
    }

    /** One message {@code [p, end)}; {@code stream}: it came over TCP. */
    private void message(boolean toServer, byte[] b, int p, int end, boolean stream) {
        if (h.read(b, p, end) != Der.OK) {
            malformed(stream);
            return;
        }
        if (h.cls != Der.APPLICATION) {
            return;
        }
        int type = h.tag;
        switch (type) {
            case Krb5Tx.AS_REQ, Krb5Tx.TGS_REQ -> {
                add(request(toServer, type, b, p, end));
                requestType = type;
            }
            case Krb5Tx.AS_REP, Krb5Tx.TGS_REP -> {
                Krb5Tx tx = reply(toServer, type, b, p, end);
                if (tx != null && Krb5Tx.weak(tx.etype)) {
                    tx.events |= Krb5Tx.EVENT_WEAK_ENCRYPTION;
                }
                add(tx);
                requestType = 0;
            }
            case Krb5Tx.AP_REQ -> requestType = type;
            case Krb5Tx.AP_REP -> requestType = 0;
            case Krb5Tx.KRB_ERROR -> {
                add(error(toServer, b, p, end));
                requestType = 0;
            }
            default -> {
                // other application tags (KRB-SAFE, KRB-PRIV, KRB-CRED, ...): nothing
            }
        }
    }

    private void malformed(boolean stream) {
        counters.malformed++;
        errors++;
        if (!txs.isEmpty()) {
            txs.get(txs.size() - 1).events |= Krb5Tx.EVENT_MALFORMED_DATA;
        }
        if (stream) {
            dead = true;
        }
    }

    private void add(Krb5Tx tx) {
        if (tx == null) {
            return;
        }
        if (txs.size() >= MAX_TX) {
            counters.txDropped++;
            return;
        }
        nextId++;
        txs.add(tx);
    }

    private Krb5Tx newTx(boolean toServer, int type) {
        return new Krb5Tx(nextId, toServer, type);
    }

    /** AS-REQ / TGS-REQ: [APPLICATION n] KDC-REQ (pvno [1], msg-type [2], padata [3] optional, req-body [4]). */
    private Krb5Tx request(boolean toServer, int type, byte[] b, int p, int end) {
        if (fields(0, b, p, end, type, 0b11110, 0b10110) < 0) {
            return null;
        }
        if (!integer(b, 0, 1) || !integer(b, 0, 2)) {
            return null;
        }
        // KDC-REQ-BODY: kdc-options [0], cname [1]?, realm [2], sname [3]?, from [4]?, till [5],
        // rtime [6]?, nonce [7], etype [8], addresses [9]?, enc-authorization-data [10]?, additional-tickets [11]?
        int body = fields(1, b, fieldStart[0][4], fieldEnd[0][4], -1, 0xFFF, 0b110100101);
        if (body < 0) {
            return null;
        }
        byte[][] cname = (body & 1 << 1) != 0 ? principal(b, fieldStart[1][1], fieldEnd[1][1]) : NO_NAME;
        byte[] realm = string(b, fieldStart[1][2], fieldEnd[1][2]);
        byte[][] sname = (body & 1 << 3) != 0 ? principal(b, fieldStart[1][3], fieldEnd[1][3]) : NO_NAME;
        if (cname == null || realm == null || sname == null) {
            return null;
        }
        Krb5Tx tx = newTx(toServer, type);
        tx.cname = cname;
        tx.realm = realm;
        tx.sname = sname;
        return tx;
    }

    /**
     * AS-REP / TGS-REP: [APPLICATION n] KDC-REP (pvno [0], msg-type [1], padata [2]?, crealm [3],
     * cname [4], ticket [5], enc-part [6]); Ticket: [APPLICATION 1] (tkt-vno [0], realm [1], sname [2],
     * enc-part [3]).
     */
    private Krb5Tx reply(boolean toServer, int type, byte[] b, int p, int end) {
        if (fields(0, b, p, end, type, 0b1111111, 0b1111011) < 0) {
            return null;
        }
        if (!integer(b, 0, 0) || !integer(b, 0, 1)) {
            return null;
        }
        byte[] crealm = string(b, fieldStart[0][3], fieldEnd[0][3]);
        byte[][] cname = principal(b, fieldStart[0][4], fieldEnd[0][4]);
        long etype = encryptionType(b, fieldStart[0][6], fieldEnd[0][6]);
        if (crealm == null || cname == null || etype == Long.MIN_VALUE) {
            return null;
        }
        if (fields(1, b, fieldStart[0][5], fieldEnd[0][5], 1, 0b1111, 0b1111) < 0 || !integer(b, 1, 0)
                || string(b, fieldStart[1][1], fieldEnd[1][1]) == null) {
            return null;
        }
        byte[][] sname = principal(b, fieldStart[1][2], fieldEnd[1][2]);
        long ticketEtype = encryptionType(b, fieldStart[1][3], fieldEnd[1][3]);
        if (sname == null || ticketEtype == Long.MIN_VALUE) {
            return null;
        }
        Krb5Tx tx = newTx(toServer, type);
        tx.realm = crealm;
        tx.cname = cname;
        tx.sname = sname;
        tx.etype = etype;
        tx.ticketEtype = ticketEtype;
        return tx;
    }

    /**
     * KRB-ERROR: [APPLICATION 30] (pvno [0], msg-type [1], ctime [2]?, cusec [3]?, stime [4],
     * susec [5], error-code [6], crealm [7]?, cname [8]?, realm [9], sname [10], e-text [11]?, e-data [12]?).
     */
    private Krb5Tx error(boolean toServer, byte[] b, int p, int end) {
        int f = fields(0, b, p, end, Krb5Tx.KRB_ERROR, 0x1FFF, 0b11001110011);
        if (f < 0 || !integer(b, 0, 0) || !integer(b, 0, 1) || !integer(b, 0, 6)) {
            return null;
        }
        long code = value;
        byte[] crealm = (f & 1 << 7) != 0 ? string(b, fieldStart[0][7], fieldEnd[0][7]) : NO_REALM;
        byte[][] cname = (f & 1 << 8) != 0 ? principal(b, fieldStart[0][8], fieldEnd[0][8]) : NO_NAME;
        byte[] realm = string(b, fieldStart[0][9], fieldEnd[0][9]);
        byte[][] sname = principal(b, fieldStart[0][10], fieldEnd[0][10]);
        if (crealm == null || cname == null || realm == null || sname == null) {
            return null;
        }
        Krb5Tx tx = newTx(toServer, Krb5Tx.KRB_ERROR);
        tx.errorCode = code;
        tx.failedRequest = requestType;
        tx.realm = crealm == NO_REALM ? null : crealm;
        tx.cname = cname;
        tx.sname = sname;
        return tx;
    }

    private static final byte[][] NO_NAME = new byte[0][];
    private static final byte[] NO_REALM = new byte[0];

    /**
     * Reads the SEQUENCE at {@code p} (inside an {@code [APPLICATION app]} element unless {@code app}
     * is -1) and its context fields into level {@code level}: each explicitly tagged and constructed,
     * tags rising, only {@code allowed} ones (a bit per tag), every {@code required} one present.
     * Returns the bits of the fields present, or -1.
     */
    private int fields(int level, byte[] b, int p, int end, int app, int allowed, int required) {
        if (app >= 0) {
            if (h.read(b, p, end) != Der.OK || h.cls != Der.APPLICATION || h.tag != app || !h.fits(end)) {
                return -1;
            }
            p = h.content;
            end = h.contentEnd();
        }
        if (h.read(b, p, end) != Der.OK || h.cls != Der.UNIVERSAL || h.tag != Der.SEQUENCE || !h.constructed
                || !h.fits(end)) {
            return -1;
        }
        int q = h.content;
        int seqEnd = h.contentEnd();
        int present = 0;
        int last = -1;
        while (q < seqEnd) {
            if (h.read(b, q, seqEnd) != Der.OK || h.cls != Der.CONTEXT || !h.constructed || !h.fits(seqEnd)
                    || h.tag > MAX_FIELD || h.tag <= last || (allowed & 1 << h.tag) == 0) {
                return -1;
            }
            last = h.tag;
            present |= 1 << h.tag;
            fieldStart[level][h.tag] = h.content;
            fieldEnd[level][h.tag] = h.contentEnd();
            q = h.contentEnd();
        }
        return (present & required) == required ? present : -1;
    }

    /** The INTEGER in field {@code tag} of level {@code level} into {@link #value}. */
    private boolean integer(byte[] b, int level, int tag) {
        return integerAt(b, fieldStart[level][tag], fieldEnd[level][tag]);
    }

    private boolean integerAt(byte[] b, int p, int end) {
        if (h.read(b, p, end) != Der.OK || h.cls != Der.UNIVERSAL || h.tag != Der.INTEGER || h.constructed
                || h.length < 1 || h.length > 5 || !h.fits(end)) {
            return false;
        }
        long v = b[h.content]; // sign-extended first byte
        for (int i = h.content + 1; i < h.contentEnd(); i++) {
            v = v << 8 | (b[i] & 0xFF);
        }
        value = v;
        return true;
    }

    /** A KerberosString / Realm (GeneralString) at {@code p}, copied; null when it is none. */
    private byte[] string(byte[] b, int p, int end) {
        if (h.read(b, p, end) != Der.OK || h.cls != Der.UNIVERSAL || h.tag != Der.GENERAL_STRING || h.constructed
                || !h.fits(end)) {
            return null;
        }
        return Arrays.copyOfRange(b, h.content, h.contentEnd());
    }

    /** PrincipalName (name-type [0] Int32, name-string [1] SEQUENCE OF KerberosString): its components, or null. */
    private byte[][] principal(byte[] b, int p, int end) {
        if (fields(2, b, p, end, -1, 0b11, 0b11) < 0 || !integer(b, 2, 0)) {
            return null;
        }
        int s = fieldStart[2][1];
        int e = fieldEnd[2][1];
        if (h.read(b, s, e) != Der.OK || h.cls != Der.UNIVERSAL || h.tag != Der.SEQUENCE || !h.constructed || !h.fits(e)) {
            return null;
        }
        int listStart = h.content;
        int listEnd = h.contentEnd();
        int n = 0;
        for (int q = listStart; q < listEnd; n++) {
            if (h.read(b, q, listEnd) != Der.OK || h.cls != Der.UNIVERSAL || h.tag != Der.GENERAL_STRING
                    || h.constructed || !h.fits(listEnd)) {
                return null;
            }
            q = h.contentEnd();
        }
        if (n > MAX_COMPONENTS) {
            counters.componentsDropped += n - MAX_COMPONENTS;
        }
        byte[][] out = new byte[Math.min(n, MAX_COMPONENTS)][];
        int q = listStart;
        for (int i = 0; i < out.length; i++) {
            h.read(b, q, listEnd);
            out[i] = Arrays.copyOfRange(b, h.content, h.contentEnd());
            q = h.contentEnd();
        }
        return out;
    }

    /** EncryptedData (etype [0], kvno [1]?, cipher [2]): its etype, or Long.MIN_VALUE when it does not read. */
    private long encryptionType(byte[] b, int p, int end) {
        if (fields(2, b, p, end, -1, 0b111, 0b101) < 0 || !integer(b, 2, 0)) {
            return Long.MIN_VALUE;
        }
        return value;
    }

    // ---- protocol detection (Suricata's krb5 probing parsers)

    /** Probe results. */
    public static final int PROBE_KRB5 = 0;
    public static final int PROBE_NOT_KRB5 = 1;
    public static final int PROBE_NEED_MORE = 2;

    /**
     * The UDP probe on a message (a datagram, or a TCP record's start): more than 10 bytes, an
     * APPLICATION tag of at most 30, a SEQUENCE in it, and after that sequence's header a first field
     * holding the DER integer 5 (pvno). A header cut short wants more.
     */
    public static int probe(byte[] b, int off, int len) {
        if (len <= 10) {
            return PROBE_NOT_KRB5;
        }
        Der d = new Der();
        int end = off + len;
        int r = d.read(b, off, end);
        if (r == Der.INCOMPLETE) {
            return PROBE_NEED_MORE;
        }
        if (r != Der.OK || d.cls != Der.APPLICATION || d.tag > 30) {
            return PROBE_NOT_KRB5;
        }
        int p = d.content;
        if (p >= end || b[p] != 0x30) {
            return PROBE_NOT_KRB5;
        }
        if (d.read(b, p, end) == Der.OK) {
            int q = d.content;
            if (end - q > 5 && b[q + 2] == 2 && b[q + 3] == 1 && b[q + 4] == 5) {
                return PROBE_KRB5;
            }
        }
        return PROBE_NOT_KRB5;
    }

    /**
     * The TCP probe: more than 14 bytes, a record length of at most 16384, then the UDP probe on the
     * rest.
     */
    public static int probeTcp(byte[] b, int off, int len) {
        if (len <= 14) {
            return PROBE_NOT_KRB5;
        }
        long mark = (b[off] & 0xFFL) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
        if (mark > 16384) {
            return PROBE_NOT_KRB5;
        }
        return probe(b, off + 4, len - 4);
    }
}

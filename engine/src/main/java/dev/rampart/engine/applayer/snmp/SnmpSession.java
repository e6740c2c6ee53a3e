package dev.rampart.engine.applayer.snmp;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.OneSidedTransactions;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * {@link dev.rampart.engine.applayer.AppSession} for SNMP over UDP, as Suricata 7's parser: each
 * datagram that reads as an SNMP message is a transaction of its direction, complete at once; the
 * flow's version is taken from the first datagram whose envelope says one (and a message of another
 * version raises version_mismatch); a datagram that does not read is a parser error and raises
 * malformed_data on the flow's last transaction (none when there is none yet). Bounded: at most
 * {@link #MAX_TX} live transactions (detection releases them as it inspects), {@link #MAX_VARS}
 * variables kept per message.
 */
public final class SnmpSession extends OneSidedTransactions<SnmpTx> {
    /** Live transactions kept at most (the oldest are dropped beyond, counted). */
    static final int MAX_TX = 1024;
    /** Variable OIDs kept per message (a datagram holds a few hundred at most). */
    static final int MAX_VARS = 1024;

    private final SnmpCounters counters;
    private long version;
    private long parseErrors;

    public SnmpSession(SnmpCounters counters) {
        this.counters = counters;
    }

    @Override
    public AppProto proto() {
        return AppProto.SNMP;
    }

    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
        changes++;
        if (version == 0) {
            version = envelopeVersion(data, off, len);
        }
        SnmpTx tx = new SnmpTx(nextId, toServer, version);
        if (!message(data, off, off + len, tx)) {
            parseErrors++;
            counters.malformed();
            if (!txs.isEmpty()) {
                txs.get(txs.size() - 1).raise(SnmpEvent.MALFORMED_DATA);
            }
            return;
        }
        nextId++;
        if (txs.size() >= MAX_TX) {
            txs.remove(0);
            counters.txDropped();
        }
        txs.add(tx);
    }

    /**
     * Suricata's envelope check (its probe too): a sequence of three elements starting with INTEGER 0
     * (v1) or 1 (v2c), or of four starting with INTEGER 3; the version 1, 2 or 3, else 0.
     */
    static long envelopeVersion(byte[] b, int off, int len) {
        Ber outer = new Ber(b, off, off + len);
        if (!outer.next(Ber.SEQUENCE) || !outer.constructed) {
            return 0;
        }
        Ber in = outer.inner();
        int count = 0;
        long first = -1;
        while (in.pos < in.end) {
            if (!in.next() || !wellFormed(in, 0)) {
                return 0;
            }
            if (count == 0 && in.cls == Ber.UNIVERSAL && in.tag == Ber.INTEGER) {
                first = in.u32();
            }
            count++;
        }
        if (count == 3 && (first == 0 || first == 1)) {
            return first + 1;
        }
        return count == 4 && first == 3 ? 3 : 0;
    }

    /** The probe's answer for a datagram: SNMP, or FAILED (fewer than 4 bytes, or no envelope). */
    public static AppProto probe(byte[] b, int off, int len) {
        return len >= 4 && envelopeVersion(b, off, len) != 0 ? AppProto.SNMP : AppProto.FAILED;
    }

    /** Universal constructed elements must hold well-formed elements, as a generic DER parse reads them. */
    private static boolean wellFormed(Ber e, int depth) {
        if (e.cls != Ber.UNIVERSAL || !e.constructed) {
            return true;
        }
        if (depth > 32) {
            return false;
        }
        Ber in = e.inner();
        while (in.pos < in.end) {
            if (!in.next() || !wellFormed(in, depth + 1)) {
                return false;
            }
        }
        return true;
    }

    /** Reads one message into {@code tx}; false when it does not parse. */
    private boolean message(byte[] b, int off, int end, SnmpTx tx) {
        Ber outer = new Ber(b, off, end);
        if (!outer.next(Ber.SEQUENCE)) {
            return false;
        }
        Ber in = outer.inner();
        long v = in.nextU32();
        if (v == 0 || v == 1) {
            if (version != v + 1) {
                tx.raise(SnmpEvent.VERSION_MISMATCH);
            }
            if (!in.next(Ber.OCTET_STRING) || !utf8(b, in.start, in.len)) {
                return false;
            }
            byte[] community = in.content();
            if (!pdu(in, tx)) {
                return false;
            }
            tx.community = community;
            return true;
        }
        if (v == 3) {
            if (version != 3) {
                tx.raise(SnmpEvent.VERSION_MISMATCH);
            }
            return v3(in, tx);
        }
        return false;
    }

    /** msgGlobalData, msgSecurityParameters (USM read), then the scoped PDU or its encryption. */
    private boolean v3(Ber in, SnmpTx tx) {
        if (!in.next(Ber.SEQUENCE)) {
            return false;
        }
        Ber g = in.inner();
        if (g.nextU32() < 0 || g.nextU32() < 0 || !g.next(Ber.OCTET_STRING) || g.len != 1) {
            return false;
        }
        int flags = g.b[g.start] & 0xFF;
        long model = g.nextU32();
        if (model < 0) {
            return false;
        }
        if (!in.next(Ber.OCTET_STRING)) {
            return false;
        }
        byte[] user = null;
        if (model == 3) {
            Ber sp = in.inner();
            if (!sp.next(Ber.SEQUENCE)) {
                return false;
            }
            Ber u = sp.inner();
            if (!u.next(Ber.OCTET_STRING) || u.nextU32() < 0 || u.nextU32() < 0 || !u.next(Ber.OCTET_STRING)
                    || !utf8(u.b, u.start, u.len)) {
                return false;
            }
            user = u.content();
            if (!u.next(Ber.OCTET_STRING) || !u.next(Ber.OCTET_STRING)) {
                return false;
            }
        }
        if ((flags & 0x02) != 0) {
            if (!in.next(Ber.OCTET_STRING)) {
                return false;
            }
            tx.encrypted = true;
        } else {
            if (!in.next(Ber.SEQUENCE)) {
                return false;
            }
            Ber scoped = in.inner();
            if (!scoped.next(Ber.OCTET_STRING) || !scoped.next(Ber.OCTET_STRING) || !pdu(scoped, tx)) {
                return false;
            }
        }
        if (model == 3) {
            tx.usm = user;
        } else {
            tx.raise(SnmpEvent.UNKNOWN_SECURITY_MODEL);
        }
        return true;
    }

    /** A context-tagged PDU: generic, GetBulk or a v1 trap, with its variable list. */
    private boolean pdu(Ber in, SnmpTx tx) {
        if (!in.next() || in.cls != Ber.CONTEXT || !in.constructed || in.tag > 8) {
            return false;
        }
        int type = in.tag;
        Ber p = in.inner();
        tx.pduType = type;
        if (type == 4) {
            // Trap-PDU: enterprise, agent address, generic and specific trap, time stamp
            if (!p.next(Ber.OID)) {
                return false;
            }
            String enterprise = p.oid();
            if (enterprise == null || !p.next() || p.cls != Ber.APPLICATION || p.tag != 0 || p.len != 4) {
                return false;
            }
            byte[] address = p.content();
            long generic = p.nextU32();
            if (generic < 0 || p.nextU32() < 0 || !p.next() || p.cls != Ber.APPLICATION || p.tag != 3) {
                return false;
            }
            tx.trapOid = enterprise;
            tx.trapAddress = address;
            tx.trapType = generic;
        } else {
            long requestId = p.nextU32();
            long err = p.nextU32();
            if (requestId < 0 || err < 0 || p.nextU32() < 0) {
                return false;
            }
            if (type != 5) {
                tx.errorStatus = err; // GetBulk's second field is non-repeaters
            }
        }
        if (!p.next(Ber.SEQUENCE)) {
            return false;
        }
        Ber list = p.inner();
        while (list.pos < list.end) {
            if (!list.next(Ber.SEQUENCE)) {
                return false;
            }
            Ber vb = list.inner();
            if (!vb.next(Ber.OID)) {
                return false;
            }
            String oid = vb.oid();
            if (oid == null || !vb.next()) {
                return false;
            }
            if (tx.vars.size() < MAX_VARS) {
                tx.vars.add(oid);
            } else {
                counters.varsDropped();
            }
        }
        tx.hasPdu = true;
        return true;
    }

    private static boolean utf8(byte[] b, int off, int len) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, off, len));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Override
    public void onGap(boolean toServer, long len) {
    }


    @Override
    public long parseErrors() {
        return parseErrors;
    }




    @Override
    public boolean appendEve(Object tx, StringBuilder out) {
        ((SnmpTx) tx).appendEve(out);
        return true;
    }
}

package dev.rampart.engine.applayer.smb;

import dev.rampart.engine.applayer.dcerpc.DcerpcInterface;
import dev.rampart.engine.applayer.dcerpc.DcerpcSession;
import java.util.List;

/**
 * DCERPC over an SMB named pipe, as Suricata's SMB parser reads it: the data of one write (or
 * pipe transceive) is one PDU from the client, the data of one read (or transceive output) one
 * PDU from the server. A BIND / ALTER_CONTEXT or REQUEST (and any other PDU type) from the client
 * makes a transaction (a REQUEST's later fragments join the open one of its call id); the
 * server's BIND_ACK and RESPONSE complete the transaction of their call id.
 */
final class SmbDcerpc {
    private static final int HEADER = 16;
    private static final int FIRST_FRAG = 0x01;
    private static final int LAST_FRAG = 0x02;

    private SmbDcerpc() {
    }

    /** Whether data looks like a DCERPC PDU (Suricata's probe when it does not know the tree). */
    static boolean probe(byte[] b, int off, int len) {
        return valid(b, off, len) && (b[off + 2] & 0xFF) <= 20;
    }

    private static boolean valid(byte[] b, int off, int len) {
        return len >= HEADER && b[off] == 5 && (b[off + 1] == 0 || b[off + 1] == 1);
    }

    /** The client's PDU; false when the data is no DCERPC PDU (no transaction made). */
    static boolean write(SmbSession s, int smbVersion, int command, long key, byte[] b, int off, int len) {
        Header h = Header.of(s, b, off, len);
        if (h == null) {
            return false;
        }
        if (h.type() == DcerpcSession.REQUEST) {
            if (h.fragLen() < HEADER + 8) {
                s.countMalformed();
                return false;
            }
            SmbTx tx = null;
            if ((h.flags() & FIRST_FRAG) == 0) {
                tx = open(s, h.callId(), DcerpcSession.REQUEST, true);
            }
            if (tx == null) {
                tx = dceTx(s, smbVersion, command, key, h.type(), h.callId());
                tx.ctxId = DcerpcSession.u16(b, off + HEADER + 4, h.littleEndian());
                tx.opnum = DcerpcSession.u16(b, off + HEADER + 6, h.littleEndian());
            }
            tx.appendStub(0, b, off + HEADER + 8, h.fragLen() - HEADER - 8);
            if ((h.flags() & LAST_FRAG) != 0) {
                tx.reqDone = true;
            }
            tx.version++;
            return true;
        }
        if (h.type() == DcerpcSession.BIND || h.type() == DcerpcSession.ALTER_CONTEXT) {
            List<DcerpcInterface> items = DcerpcSession.bindItems(b, off, h.fragLen(), h.littleEndian(),
                    (h.flags() & FIRST_FRAG) != 0);
            if (items == null) {
                s.countMalformed();
                return false;
            }
            s.bound = items;
        }
        SmbTx tx = dceTx(s, smbVersion, command, key, h.type(), h.callId());
        tx.reqDone = true;
        return true;
    }

    /** The server's PDU: an acknowledgement accepts interfaces, a response fills its call's transaction. */
    static boolean read(SmbSession s, byte[] b, int off, int len) {
        Header h = Header.of(s, b, off, len);
        if (h == null) {
            return false;
        }
        int type = h.type();
        if (type == DcerpcSession.BIND_ACK || type == DcerpcSession.ALTER_CONTEXT_RESP) {
            int[] results = DcerpcSession.ackResults(b, off, h.fragLen());
            if (results == null) {
                s.countMalformed();
                return false;
            }
            if (s.bound != null) {
                s.accepted = DcerpcSession.accept(s.bound, results);
            }
            SmbTx tx = open(s, h.callId(), type == DcerpcSession.BIND_ACK ? DcerpcSession.BIND : DcerpcSession.ALTER_CONTEXT,
                    false);
            if (tx != null) {
                tx.respType = type;
                tx.frags[1]++;
                s.respond(tx);
            }
            return true;
        }
        if (type == DcerpcSession.RESPONSE) {
            SmbTx tx = open(s, h.callId(), DcerpcSession.REQUEST, false);
            if (tx == null) {
                // a response whose request was missed still gets a transaction (Suricata's
                // new_dcerpc_tx_for_response: its request type reads as REQUEST, opnum 0)
                tx = dceTx(s, s.curVersion, s.curCommand, -1, DcerpcSession.REQUEST, h.callId());
                tx.reqDone = true;
            }
            if (h.fragLen() >= HEADER + 8) {
                tx.respType = type;
                tx.appendStub(1, b, off + HEADER + 8, h.fragLen() - HEADER - 8);
                tx.version++;
                if ((h.flags() & LAST_FRAG) != 0) {
                    s.respond(tx);
                }
            }
            return true;
        }
        return true;
    }

    /** The common header of a PDU (fragment length cut to the data there). */
    private record Header(int type, int flags, boolean littleEndian, int fragLen, long callId) {
        /** The header at {@code off}, or null (counted as malformed) when the data is no DCERPC PDU. */
        static Header of(SmbSession s, byte[] b, int off, int len) {
            if (!valid(b, off, len)) {
                s.countMalformed();
                return null;
            }
            boolean le = (b[off + 4] & 0x10) != 0;
            return new Header(b[off + 2] & 0xFF, b[off + 3] & 0xFF, le, Math.min(len, DcerpcSession.u16(b, off + 8, le)),
                    DcerpcSession.u32(b, off + 12, le));
        }
    }

    private static SmbTx dceTx(SmbSession s, int smbVersion, int command, long key, int type, long callId) {
        SmbTx tx = s.newTx(smbVersion, command, SmbTx.DCERPC, key);
        tx.dceType = type;
        tx.callId = callId;
        return tx;
    }

    /** The oldest DCERPC transaction of the call and type still open on the request (or response) side. */
    private static SmbTx open(SmbSession s, long callId, int type, boolean requestSide) {
        for (int i = 0; i < s.txCount(); i++) {
            SmbTx tx = (SmbTx) s.tx(i);
            if (tx.kind == SmbTx.DCERPC && tx.callId == callId && tx.dceType == type
                    && !(requestSide ? tx.reqDone : tx.respDone)) {
                return tx;
            }
        }
        return null;
    }
}

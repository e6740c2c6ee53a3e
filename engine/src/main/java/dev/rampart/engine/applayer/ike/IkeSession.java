package dev.rampart.engine.applayer.ike;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.OneSidedTransactions;

/**
 * {@link dev.rampart.engine.applayer.AppSession} for IKE over UDP, as Suricata 7 parses it: each
 * datagram is one message and, when its header reads (28 bytes, major version 1 or 2), a transaction
 * of its own direction, complete at once. IKEv1 payloads are read when not encrypted
 * ({@link IkeParser}); a message whose Security Association or Proposal cannot be read makes no
 * transaction (its id is used up, as there). The flow keeps, per side, how many transforms the last
 * Security Association offered: a server answering with more than one raises
 * multiple_server_proposal; bytes after the payload chain raise payload_extra_data. Both go to the
 * newest live transaction before this message's, as Suricata's state does. IKEv2 messages are
 * transactions with their header only (SPIs, exchange type): their payloads are not read.
 */
public final class IkeSession extends OneSidedTransactions<IkeTx> {
    /** Live transactions kept at most (each datagram is one; detection releases them at once). */
    static final int MAX_TX = 256;

    private final IkeCounters counters;
    private final IkeParser.Header header = new IkeParser.Header();
    private long parseErrors;
    /** Transforms the client's and the server's Security Associations offered since their last SA. */
    private long clientTransforms;
    private long serverTransforms;

    public IkeSession(IkeCounters counters) {
        this.counters = counters;
    }

    /** Suricata's IKE probe (see {@link IkeParser#probe}). */
    public static boolean probe(byte[] b, int off, int len) {
        return IkeParser.probe(b, off, len);
    }

    @Override
    public AppProto proto() {
        return AppProto.IKE;
    }

    @Override
    public void onDatagram(boolean toServer, byte[] data, int off, int len) {
        changes++;
        if (len == 0) {
            return;
        }
        if (!IkeParser.header(data, off, len, header) || (header.majorVersion != 1 && header.majorVersion != 2)) {
            parseErrors++;
            counters.malformed++;
            return;
        }
        IkeTx tx = new IkeTx(nextId++, toServer, header);
        if (header.majorVersion == 1 && (header.flags & 0x01) == 0) {
            IkeParser.Walk w = new IkeParser.Walk();
            if (!IkeParser.ikev1(data, off + IkeParser.HEADER, len - IkeParser.HEADER, header.nextPayload, tx, w)) {
                counters.unreadable++;
                return;
            }
            if (w.securityAssociation) {
                if (toServer) {
                    clientTransforms = 0;
                } else {
                    serverTransforms = 0;
                }
            }
            if (toServer) {
                clientTransforms += tx.transforms;
            } else {
                if (serverTransforms <= 1 && serverTransforms + tx.transforms > 1) {
                    raiseOnNewest(IkeEvent.MULTIPLE_SERVER_PROPOSAL);
                }
                serverTransforms += tx.transforms;
            }
            if (w.extraData) {
                raiseOnNewest(IkeEvent.PAYLOAD_EXTRA_DATA);
            }
        }
        if (txs.size() >= MAX_TX) {
            counters.txDropped++;
            return;
        }
        txs.add(tx);
    }

    private void raiseOnNewest(IkeEvent e) {
        if (!txs.isEmpty()) {
            txs.get(txs.size() - 1).raise(e);
        }
    }

    /** IKE runs over UDP only; stream bytes (never routed here) are taken as one message. */
    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
        onDatagram(toServer, data, off, len);
    }

    @Override
    public void onGap(boolean toServer, long len) {
    }


    @Override
    public long parseErrors() {
        return parseErrors;
    }




    /** The alert's "ike" object: the header fields Suricata's logger writes first. */
    @Override
    public boolean appendEve(Object o, StringBuilder out) {
        IkeTx tx = (IkeTx) o;
        out.append("\"ike\":{\"version_major\":").append(tx.majorVersion)
                .append(",\"version_minor\":").append(tx.minorVersion)
                .append(",\"init_spi\":\"").append(new String(tx.initSpi, java.nio.charset.StandardCharsets.US_ASCII))
                .append("\",\"resp_spi\":\"").append(new String(tx.respSpi, java.nio.charset.StandardCharsets.US_ASCII))
                .append("\",\"message_id\":").append(tx.messageId)
                .append(",\"exchange_type\":").append(tx.exchangeType).append('}');
        return true;
    }
}

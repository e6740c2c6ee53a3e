package dev.rampart.engine.applayer.mqtt;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.HeldBytes;
import dev.rampart.engine.applayer.ListedTransactions;

/**
 * {@link dev.rampart.engine.applayer.AppSession} for MQTT over TCP. Each direction's bytes are held
 * until a chunk (what one acknowledgement delivered, the unit Suricata hands its parser) ends, then
 * read packet by packet ({@link MqttParser}); a packet not all here waits for the next chunk. Packets
 * become transactions as Suricata 7's MQTT state does ({@link MqttTx}). Quirks of that parser kept,
 * because rules see them: a
 * truncated (over 1 MiB) packet from the client opens a to-client transaction; a malformed packet is
 * a transaction with only the malformed_traffic event, after which the flow is parsed no more.
 * Bounded: {@link #MAX_TX} live transactions (the oldest unanswered one is completed with
 * too_many_transactions beyond), one packet of {@link MqttParser#MAX_MESSAGE} held per direction.
 */
public final class MqttSession extends ListedTransactions<MqttTx> {
    /** Suricata's app-layer.protocols.mqtt.max-tx default. */
    static final int MAX_TX = 1024;

    private final MqttCounters counters;
    private final Side toServerSide = new Side();
    private final Side toClientSide = new Side();
    /** The protocol version of the last CONNECT: v5 fields are read when it is 5. */
    private int protocolVersion;
    private boolean connected;
    /**
     * Live transactions before this index are all complete (Suricata's tx_index_completed): the cap's
     * search for an open one and the answers' search start here, so a chunk of thousands of packets
     * costs linear time, not quadratic. Back to 0 when detection releases transactions.
     */
    private int completedUpTo;
    /** A malformed packet ended parsing for the flow (Suricata disables the app layer on the error). */
    private boolean failed;
    private long parseErrors;

    public MqttSession(MqttCounters counters) {
        this.counters = counters;
    }

    /** One direction's bytes not read yet. */
    private static final class Side {
        final HeldBytes held = new HeldBytes(256);
        /** Bytes of a truncated packet still to pass over. */
        long skip;
        /** An AUTH packet stopped this direction for good. */
        boolean stalled;
    }

    @Override
    public AppProto proto() {
        return AppProto.MQTT;
    }

    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
        Side s = toServer ? toServerSide : toClientSide;
        if (failed || s.stalled) {
            counters.bytesIgnored(len);
            return;
        }
        s.held.append(data, off, len);
    }

    @Override
    public void onChunkEnd(boolean toServer) {
        Side s = toServer ? toServerSide : toClientSide;
        int fill = s.held.length();
        if (failed || s.stalled || fill == 0) {
            return;
        }
        changes++;
        int pos = 0;
        if (s.skip > 0) {
            if (fill <= s.skip) {
                s.skip -= fill;
                s.held.clear();
                return;
            }
            pos = (int) s.skip;
            s.skip = 0;
        }
        byte[] buf = s.held.array();
        while (pos < fill) {
            MqttMessage m = new MqttMessage();
            long r = MqttParser.parse(buf, pos, fill - pos, protocolVersion, m);
            if (r == MqttParser.INCOMPLETE) {
                break;
            }
            if (r == MqttParser.MALFORMED) {
                counters.malformed();
                parseErrors++;
                failed = true;
                MqttTx tx = open(toServer, null);
                tx.complete();
                tx.raise(MqttEvent.MALFORMED_TRAFFIC);
                s.held.clear();
                return;
            }
            if (r == MqttParser.STALLED) {
                counters.stalled();
                s.stalled = true;
                counters.bytesIgnored(fill - pos);
                s.held.clear();
                return;
            }
            if (m.truncated) {
                counters.truncated();
                // Suricata hands a truncated packet to its state as to-client whichever way it came
                handle(m, false);
                long left = fill - pos;
                if (r >= left) {
                    s.skip = r - left;
                    s.held.clear();
                    return;
                }
                pos += (int) r;
                continue;
            }
            handle(m, toServer);
            pos += (int) r;
        }
        s.held.consume(pos);
    }

    /** A new transaction opened by a packet going {@code toServer} (null: an event-only one). */
    private MqttTx open(boolean toServer, MqttMessage m) {
        if (txs.size() > MAX_TX) {
            int i = completedUpTo;
            while (i < txs.size()) {
                MqttTx old = txs.get(i++);
                if (!old.complete) {
                    old.complete();
                    old.raise(MqttEvent.TOO_MANY_TRANSACTIONS);
                    counters.txEvicted();
                    break;
                }
            }
            completedUpTo = i;
        }
        MqttTx tx = new MqttTx(nextId++, toServer, m);
        txs.add(tx);
        return tx;
    }

    /** The pending transaction an answer with identifier {@code id} belongs to, or null. */
    private MqttTx pending(long id) {
        for (int i = completedUpTo; i < txs.size(); i++) {
            MqttTx tx = txs.get(i);
            if (!tx.complete && tx.pktId == id) {
                return tx;
            }
        }
        return null;
    }

    @Override
    protected void dropped(MqttTx tx) {
        completedUpTo = 0;
    }

    /** Suricata's MQTTState::handle_msg: where the packet goes and what it raises. */
    private void handle(MqttMessage m, boolean toServer) {
        if (m.truncated) {
            MqttTx tx = open(toServer, m);
            tx.complete();
            return;
        }
        switch (m.type) {
            case MqttMessage.CONNECT -> {
                protocolVersion = m.protocolVersion;
                MqttTx tx = open(toServer, m);
                tx.pktId = MqttTx.CONNECT_PKT_ID;
                if (connected) {
                    tx.raise(MqttEvent.DOUBLE_CONNECT);
                }
            }
            case MqttMessage.PUBLISH, MqttMessage.SUBSCRIBE, MqttMessage.UNSUBSCRIBE -> {
                MqttTx tx = open(toServer, m);
                if (m.qos == 0) {
                    tx.complete();
                } else if (m.qos <= 2) {
                    if (m.messageId >= 0) {
                        tx.pktId = m.messageId;
                    } else {
                        tx.raise(MqttEvent.MISSING_MSG_ID);
                    }
                } else {
                    tx.raise(MqttEvent.INVALID_QOS_LEVEL);
                }
                if (!connected) {
                    tx.raise(MqttEvent.UNINTRODUCED_MESSAGE);
                }
            }
            case MqttMessage.CONNACK -> {
                MqttTx tx = pending(MqttTx.CONNECT_PKT_ID);
                if (tx != null) {
                    tx.add(m);
                    tx.pktId = -1;
                    tx.complete();
                    connected = true;
                } else {
                    tx = open(toServer, m);
                    tx.raise(MqttEvent.MISSING_CONNECT);
                    tx.complete();
                }
            }
            case MqttMessage.PUBACK, MqttMessage.PUBREC, MqttMessage.PUBREL, MqttMessage.PUBCOMP,
                 MqttMessage.SUBACK, MqttMessage.UNSUBACK -> {
                MqttTx tx = pending(m.messageId);
                if (tx != null) {
                    tx.add(m);
                    if (m.type != MqttMessage.PUBREC && m.type != MqttMessage.PUBREL) {
                        tx.pktId = -1;
                        tx.complete(); // PUBREC / PUBREL: QoS 2 goes on to PUBCOMP
                    }
                } else {
                    tx = open(toServer, m);
                    tx.raise(m.type == MqttMessage.SUBACK ? MqttEvent.MISSING_SUBSCRIBE
                            : m.type == MqttMessage.UNSUBACK ? MqttEvent.MISSING_UNSUBSCRIBE : MqttEvent.MISSING_PUBLISH);
                    if (!connected) {
                        tx.raise(MqttEvent.UNINTRODUCED_MESSAGE);
                    }
                    tx.complete();
                }
            }
            case MqttMessage.UNASSIGNED -> {
                MqttTx tx = open(toServer, m);
                tx.complete();
                tx.raise(MqttEvent.UNASSIGNED_MSG_TYPE);
            }
            default -> { // AUTH, DISCONNECT, PINGREQ, PINGRESP
                MqttTx tx = open(toServer, m);
                tx.complete();
                if (!connected) {
                    tx.raise(MqttEvent.UNINTRODUCED_MESSAGE);
                }
            }
        }
    }

    @Override
    public void onGap(boolean toServer, long len) {
        // a packet across a gap cannot be read, nor can the bytes after it be framed: Suricata's MQTT
        // parser does not accept gaps, so the flow's parsing ends
        Side s = toServer ? toServerSide : toClientSide;
        if (!failed) {
            counters.lostAfterGap();
            counters.bytesIgnored(s.held.length());
        }
        s.held.clear();
        failed = true;
    }

    @Override
    public void onEnd(boolean toServer) {
    }

    @Override
    public long parseErrors() {
        return parseErrors;
    }

    /**
     * Suricata's MQTT parser never asks for raw stream inspection: content rules on MQTT flows wait for
     * the raw chunk size or the close (measured: a CONNECT's "MQTT" alerts 4 packets later than on the
     * acknowledgement).
     */
    @Override
    public boolean triggersRawInspection() {
        return true;
    }

    /** The protocol version of the last CONNECT (mqtt.protocol_version reads the flow's). */
    public int protocolVersion() {
        return protocolVersion;
    }

    @Override
    protected long idOf(MqttTx tx) {
        return tx.id;
    }

    @Override
    public boolean txInDirection(Object tx, boolean toServer) {
        return ((MqttTx) tx).toServer == toServer;
    }

    @Override
    public boolean txComplete(Object tx, boolean toServer) {
        return ((MqttTx) tx).ready(toServer);
    }

    @Override
    public long txVersion(Object tx, boolean toServer) {
        return ((MqttTx) tx).version;
    }

    @Override
    public boolean appendEve(Object tx, StringBuilder out) {
        MqttEveJson.append((MqttTx) tx, out);
        return true;
    }
}

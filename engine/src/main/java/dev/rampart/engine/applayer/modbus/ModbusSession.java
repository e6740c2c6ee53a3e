package dev.rampart.engine.applayer.modbus;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.HeldBytes;
import dev.rampart.engine.applayer.ListedTransactions;

/**
 * {@link dev.rampart.engine.applayer.AppSession} for Modbus/TCP (Suricata 7's rust modbus state over
 * the sawp-modbus parser). Each direction's bytes are held until a chunk (what one acknowledgement
 * delivered, the unit Suricata hands its parser) ends, then read unit by unit ({@link ModbusMessage});
 * a unit not all here waits for the next chunk. A request opens a transaction unless it matches a
 * response that came first; a response completes the oldest open request it matches, else it is a
 * transaction of its own with unsolicited_response.
 *
 * <p>Flood: a new transaction while {@link #REQUEST_FLOOD} requests are unanswered gets the flooded
 * event, and from then on messages that need a new transaction are dropped with the rest of their
 * chunk, until an answer brings the count below the limit (Suricata frees answered transactions;
 * unanswered ones stay). Bounded: at most {@link #MAX_TX} live transactions (beyond, the oldest
 * unanswered request is closed, counted), one unit (260 bytes) held per direction between chunks.
 */
public final class ModbusSession extends ListedTransactions<ModbusTx> {
    /** Suricata's REQUEST_FLOOD: unanswered requests that make a flood. */
    static final int REQUEST_FLOOD = 500;
    /** Live transactions kept for detection (answered ones wait for their older unanswered ones). */
    static final int MAX_TX = 4096;

    private final ModbusCounters counters;
    /** False for {@code detection-only}: the flow is Modbus, nothing of it is parsed. */
    private final boolean parsed;
    private final Side toServerSide = new Side();
    private final Side toClientSide = new Side();
    /** Live transactions without a response. */
    private int open;
    /** Suricata's givenup: new transactions are refused (flooded). */
    private boolean givenUp;
    /** A gap ended parsing for the flow (Suricata's modbus parser does not take gaps). */
    private boolean failed;

    public ModbusSession(ModbusCounters counters, boolean parsed) {
        this.counters = counters;
        this.parsed = parsed;
    }

    private static final class Side {
        final HeldBytes held = new HeldBytes(512);
    }

    /** Suricata's probe on a direction's first bytes: MODBUS, UNKNOWN (wants more) or FAILED. */
    public static AppProto probe(byte[] b, int off, int len) {
        ModbusMessage m = new ModbusMessage();
        int r = ModbusMessage.parse(b, off, len, ModbusMessage.EITHER, m);
        if (r == ModbusMessage.NEED_MORE) {
            return AppProto.UNKNOWN;
        }
        return m.flags == 0 ? AppProto.MODBUS : AppProto.FAILED;
    }

    @Override
    public AppProto proto() {
        return AppProto.MODBUS;
    }

    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
        Side s = toServer ? toServerSide : toClientSide;
        if (failed || !parsed) {
            counters.bytesIgnored(len);
            return;
        }
        s.held.append(data, off, len);
    }

    @Override
    public void onChunkEnd(boolean toServer) {
        Side s = toServer ? toServerSide : toClientSide;
        int fill = s.held.length();
        if (failed || fill == 0) {
            return;
        }
        changes++;
        if (givenUp && open < REQUEST_FLOOD) {
            givenUp = false; // answered transactions were freed after the last packet
        }
        int pos = 0;
        byte[] buf = s.held.array();
        while (pos < fill) {
            ModbusMessage m = new ModbusMessage();
            int r = ModbusMessage.parse(buf, pos, fill - pos, toServer ? ModbusMessage.TO_SERVER
                    : ModbusMessage.TO_CLIENT, m);
            if (r == ModbusMessage.NEED_MORE) {
                break;
            }
            pos += r;
            if (!handle(m, toServer)) {
                // flooded: Suricata returns from its parser, the rest of the chunk with the message
                counters.floodDropped();
                counters.bytesIgnored(fill - pos + r);
                pos = fill;
            }
        }
        s.held.consume(pos);
    }

    /** Suricata's ModbusState::parse for one message; false when it needed a new transaction and got none. */
    private boolean handle(ModbusMessage m, boolean toServer) {
        if (toServer) {
            for (ModbusTx tx : txs) {
                if (tx.request == null && tx.response != null && m.matches(tx.response)) {
                    tx.raiseFlags(m.flags);
                    tx.request = m;
                    tx.version++;
                    return true;
                }
            }
            ModbusTx tx = newTx();
            if (tx == null) {
                return false;
            }
            tx.raiseFlags(m.flags);
            tx.request = m;
            open++;
            txs.add(tx);
            return true;
        }
        for (ModbusTx tx : txs) {
            if (tx.request != null && tx.response == null && !tx.closed && m.matches(tx.request)) {
                answer(tx, m);
                open--;
                return true;
            }
        }
        ModbusTx tx = newTx();
        if (tx == null) {
            return false;
        }
        answer(tx, m);
        tx.raise(ModbusEvent.UNSOLICITED_RESPONSE);
        txs.add(tx);
        return true;
    }

    /** A response's events: a read or write answer whose data does not fit is value_mismatch only. */
    private static void answer(ModbusTx tx, ModbusMessage m) {
        if ((m.access & (ModbusMessage.READ | ModbusMessage.WRITE)) != 0
                && (m.flags & (ModbusMessage.DATA_LENGTH | ModbusMessage.DATA_VALUE)) != 0) {
            tx.raise(ModbusEvent.VALUE_MISMATCH);
        } else {
            tx.raiseFlags(m.flags);
        }
        tx.response = m;
        tx.version++;
    }

    private ModbusTx newTx() {
        if (givenUp) {
            return null;
        }
        if (txs.size() >= MAX_TX) {
            for (ModbusTx old : txs) {
                if (old.response == null && !old.closed) {
                    old.closed = true; // no answer will find it any more; detection is done with it
                    old.version++;
                    open--;
                    counters.txEvicted();
                    break;
                }
            }
        }
        ModbusTx tx = new ModbusTx(nextId++);
        if (open >= REQUEST_FLOOD) {
            tx.raise(ModbusEvent.FLOODED);
            givenUp = true;
        }
        return tx;
    }

    @Override
    public void onGap(boolean toServer, long len) {
        Side s = toServer ? toServerSide : toClientSide;
        if (!failed && parsed) {
            counters.lostAfterGap();
            counters.bytesIgnored(s.held.length());
        }
        s.held.clear();
        failed = true;
    }

    @Override
    public void onEnd(boolean toServer) {
    }

    /** Suricata's Modbus parser never asks for raw stream inspection (chunk and close points only). */
    @Override
    public boolean triggersRawInspection() {
        return true;
    }

    @Override
    protected long idOf(ModbusTx tx) {
        return tx.id;
    }

    @Override
    protected void dropped(ModbusTx tx) {
        if (tx.response == null && !tx.closed) {
            open--;
        }
    }

    @Override
    public boolean txComplete(Object tx, boolean toServer) {
        ModbusTx t = (ModbusTx) tx;
        return t.response != null || t.closed;
    }

    /**
     * The version stops at the first inspection of the complete transaction in that direction:
     * Suricata flags a transaction inspected once it was inspected complete and never looks at it in
     * that direction again, even when a request joins its unsolicited response later (measured: the
     * request's invalid_value then alerts toward the client only).
     */
    @Override
    public long txVersion(Object tx, boolean toServer) {
        ModbusTx t = (ModbusTx) tx;
        long frozen = t.inspectedComplete[toServer ? 0 : 1];
        return frozen >= 0 ? frozen : t.version;
    }

    /** Done in a direction once inspected complete there: flow-end pseudo packets skip it too, as Suricata's. */
    @Override
    public boolean txInDirection(Object tx, boolean toServer) {
        return ((ModbusTx) tx).inspectedComplete[toServer ? 0 : 1] < 0;
    }

    @Override
    public void txInspected(Object tx, boolean toServer) {
        ModbusTx t = (ModbusTx) tx;
        int d = toServer ? 0 : 1;
        if (t.inspectedComplete[d] < 0 && txComplete(t, toServer)) {
            t.inspectedComplete[d] = t.version;
        }
    }

    @Override
    public boolean appendEve(Object tx, StringBuilder out) {
        ModbusEveJson.append((ModbusTx) tx, out);
        return true;
    }
}

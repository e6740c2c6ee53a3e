package dev.rampart.engine.applayer.modbus;

/**
 * A Modbus transaction as Suricata 7 keeps them: a request and the response that matches it (same
 * transaction identifier, unit, function and access), either of which may come first or be missing.
 * It is complete (in both directions: Suricata's progress reads the response only) once it has its
 * response. The modbus keyword and app-layer events read it.
 */
public final class ModbusTx {
    /** The transaction's id, from 0 (EVE's modbus.id is one more). */
    final long id;
    ModbusMessage request;
    ModbusMessage response;
    /** Closed unanswered beyond {@link ModbusSession#MAX_TX}: complete for detection, matched by nothing. */
    boolean closed;
    private int events;
    /** Per direction (to server, to client): the version detection inspected it complete at, -1 not yet. */
    final long[] inspectedComplete = {-1, -1};
    /** Grows with every message added and event raised (detection inspects again then). */
    int version;

    ModbusTx(long id) {
        this.id = id;
    }

    void raise(ModbusEvent e) {
        events |= 1 << e.ordinal();
        version++;
    }

    /** Raises the events of a message's error flags (Suricata's set_events_from_flags). */
    void raiseFlags(int flags) {
        if ((flags & ModbusMessage.FUNC_CODE) != 0) {
            raise(ModbusEvent.INVALID_FUNCTION_CODE);
        }
        if ((flags & ModbusMessage.DATA_VALUE) != 0) {
            raise(ModbusEvent.INVALID_VALUE);
        }
        if ((flags & ModbusMessage.DATA_LENGTH) != 0) {
            raise(ModbusEvent.INVALID_LENGTH);
        }
        if ((flags & ModbusMessage.EXC_CODE) != 0) {
            raise(ModbusEvent.INVALID_EXCEPTION_CODE);
        }
        if ((flags & ModbusMessage.PROTO_ID) != 0) {
            raise(ModbusEvent.INVALID_PROTOCOL_ID);
        }
    }

    public boolean hasEvent(ModbusEvent e) {
        return (events & (1 << e.ordinal())) != 0;
    }

    public boolean complete() {
        return response != null;
    }

    /** The message the modbus keyword inspects: the request, else (an unsolicited response) the response. */
    public ModbusMessage inspected() {
        return request != null ? request : response;
    }
}

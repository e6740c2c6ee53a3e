package dev.rampart.engine.applayer.modbus;

/** Modbus app-layer events ({@code app-layer-event:modbus.NAME}), as Suricata 7 raises them on transactions. */
public enum ModbusEvent {
    UNSOLICITED_RESPONSE,
    INVALID_FUNCTION_CODE,
    INVALID_LENGTH,
    INVALID_VALUE,
    INVALID_EXCEPTION_CODE,
    VALUE_MISMATCH,
    FLOODED,
    INVALID_PROTOCOL_ID;
}

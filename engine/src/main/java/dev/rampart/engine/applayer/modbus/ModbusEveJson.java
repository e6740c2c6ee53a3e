package dev.rampart.engine.applayer.modbus;

import dev.rampart.engine.applayer.EveText;
import dev.rampart.eve.JsonBuffer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The alert's "modbus" object as Suricata 7 writes it: the transaction's id (from 1), then the request
 * and the response, each with its MBAP fields, function, access type, category and error flags by
 * name, and its data by kind.
 */
final class ModbusEveJson {
    private ModbusEveJson() {
    }

    static void append(ModbusTx tx, StringBuilder out) {
        out.append("\"modbus\":{\"id\":").append(tx.id + 1);
        if (tx.request != null) {
            message(out.append(",\"request\":"), tx.request);
        }
        if (tx.response != null) {
            message(out.append(",\"response\":"), tx.response);
        }
        out.append('}');
    }

    private static void message(StringBuilder out, ModbusMessage m) {
        out.append("{\"transaction_id\":").append(m.transactionId)
                .append(",\"protocol_id\":").append(m.protocolId)
                .append(",\"unit_id\":").append(m.unitId)
                .append(",\"function_raw\":").append(m.functionRaw)
                .append(",\"function_code\":\"").append(ModbusMessage.functionName(m.code))
                .append("\",\"access_type\":\"").append(ModbusMessage.accessText(m.access))
                .append("\",\"category\":\"").append(ModbusMessage.categoryText(m.category))
                .append("\",\"error_flags\":\"").append(ModbusMessage.flagsText(m.flags)).append('"');
        switch (m.kind) {
            case ModbusMessage.EXCEPTION -> {
                String name = ModbusMessage.exceptionName(m.sub);
                out.append(",\"exception\":{\"raw\":").append(m.sub).append(",\"code\":\"")
                        .append(name == null ? "Unknown" : name).append("\"}");
            }
            case ModbusMessage.DIAG -> {
                String name = ModbusMessage.subfunctionName(m.sub);
                out.append(",\"diagnostic\":{\"raw\":").append(m.sub).append(",\"code\":\"")
                        .append(name == null ? "Reserved" : name).append("\",\"data\":");
                bytes(out, m.bytes).append('}');
            }
            case ModbusMessage.MEI_DATA -> {
                out.append(",\"mei\":{\"raw\":").append(m.sub).append(",\"code\":\"")
                        .append(ModbusMessage.meiName(m.sub)).append("\",\"data\":");
                bytes(out, m.bytes).append('}');
            }
            case ModbusMessage.READ_REQUEST -> readRequest(out, m);
            case ModbusMessage.READ_RESPONSE -> bytes(out.append(",\"read\":{\"data\":"), m.bytes).append('}');
            case ModbusMessage.WRITE_MULT_REQ, ModbusMessage.WRITE_MASK, ModbusMessage.WRITE_OTHER -> write(out, m);
            case ModbusMessage.READ_WRITE -> {
                readRequest(out, m);
                write(out, m);
            }
            case ModbusMessage.BYTES -> bytes(out.append(",\"data\":"), m.bytes);
            default -> {
            }
        }
        out.append('}');
    }

    private static void readRequest(StringBuilder out, ModbusMessage m) {
        out.append(",\"read\":{\"address\":").append(m.address).append(",\"quantity\":").append(m.quantity).append('}');
    }

    private static void write(StringBuilder out, ModbusMessage m) {
        out.append(",\"write\":{\"address\":").append(m.writeAddress);
        switch (m.kind) {
            case ModbusMessage.WRITE_MASK -> out.append(",\"and_mask\":").append(m.andMask)
                    .append(",\"or_mask\":").append(m.orMask);
            case ModbusMessage.WRITE_OTHER -> out.append(",\"data\":").append(m.writeValue);
            default -> bytes(out.append(",\"quantity\":").append(m.writeQuantity).append(",\"data\":"), m.bytes);
        }
        out.append('}');
    }

    /**
     * Bytes as Suricata's set_string_from_bytes writes them: as text when they are valid UTF-8, else
     * byte by byte with bytes above ASCII as the text \xHH.
     */
    static StringBuilder bytes(StringBuilder out, byte[] b) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
            JsonBuffer j = new JsonBuffer(b.length + 8);
            j.string(s);
            return out.append(j);
        } catch (CharacterCodingException e) {
            return EveText.quoted(out, b, 0, b.length);
        }
    }
}

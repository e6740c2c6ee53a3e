package dev.rampart.engine.applayer.modbus;

import static dev.rampart.engine.testutil.ModbusWire.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.AppProtoDetector;
import dev.rampart.rules.keyword.app.ModbusOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alert objects below are suricata 7.0.10's for the same units (modbus.pcap and generated captures). */
class ModbusSessionTest {
    private final ModbusCounters counters = new ModbusCounters();
    private final ModbusSession s = new ModbusSession(counters, true);

    private void send(boolean toServer, byte[] b) {
        s.onData(toServer, b, 0, b.length);
        s.onChunkEnd(toServer);
    }

    private ModbusTx tx(int i) {
        return (ModbusTx) s.tx(i);
    }

    private String eve(int i) {
        StringBuilder sb = new StringBuilder();
        s.appendEve(tx(i), sb);
        return sb.toString();
    }

    @Test
    void readCoilsAndItsAnswerAreOneTransaction() {
        send(true, adu(1, 10, 1, 0, 0, 0, 1));
        assertEquals(1, s.txCount());
        assertFalse(s.txComplete(tx(0), true), "a request waits for its response, both ways");
        assertFalse(s.txComplete(tx(0), false));
        send(false, adu(1, 10, 1, 1, 0));
        assertEquals(1, s.txCount());
        assertTrue(s.txComplete(tx(0), true) && s.txComplete(tx(0), false));
        assertEquals("\"modbus\":{\"id\":1,\"request\":{\"transaction_id\":1,\"protocol_id\":0,\"unit_id\":10,"
                + "\"function_raw\":1,\"function_code\":\"RdCoils\",\"access_type\":\"READ | COILS\","
                + "\"category\":\"PUBLIC_ASSIGNED\",\"error_flags\":\"NONE\",\"read\":{\"address\":0,\"quantity\":1}},"
                + "\"response\":{\"transaction_id\":1,\"protocol_id\":0,\"unit_id\":10,\"function_raw\":1,"
                + "\"function_code\":\"RdCoils\",\"access_type\":\"READ | COILS\",\"category\":\"PUBLIC_ASSIGNED\","
                + "\"error_flags\":\"NONE\",\"read\":{\"data\":\"\\u0000\"}}}", eve(0));
    }

    @Test
    void aRegisterReadAnsweredWithItsBytesIsAValueMismatch() {
        // the crate checks every read answer as a bit read: 2 registers want 1 byte by its count
        send(true, adu(1, 10, 3, 0, 5, 0, 2));
        send(false, adu(1, 10, 3, 4, 0, 9, 0, 24));
        assertEquals(ModbusMessage.DATA_VALUE, tx(0).response.flags);
        assertTrue(tx(0).hasEvent(ModbusEvent.VALUE_MISMATCH));
        assertFalse(tx(0).hasEvent(ModbusEvent.INVALID_VALUE));
    }

    @Test
    void exceptionsAndDiagnosticsAsTheReferenceWritesThem() {
        send(true, adu(0, 10, 8, 0, 4, 0, 0));
        send(false, adu(0, 10, 0x88, 0x0B));
        assertEquals("\"modbus\":{\"id\":1,\"request\":{\"transaction_id\":0,\"protocol_id\":0,\"unit_id\":10,"
                + "\"function_raw\":8,\"function_code\":\"Diagnostic\",\"access_type\":\"NONE\",\"category\":"
                + "\"PUBLIC_ASSIGNED\",\"error_flags\":\"NONE\",\"diagnostic\":{\"raw\":4,\"code\":\"ForceListenOnlyMode\","
                + "\"data\":\"\\u0000\\u0000\"}},\"response\":{\"transaction_id\":0,\"protocol_id\":0,\"unit_id\":10,"
                + "\"function_raw\":136,\"function_code\":\"Diagnostic\",\"access_type\":\"NONE\",\"category\":\"NONE\","
                + "\"error_flags\":\"NONE\",\"exception\":{\"raw\":11,\"code\":\"GatewayTargetFailToResp\"}}}", eve(0));
        send(true, adu(1, 1, 1, 0, 0, 0, 4));
        send(false, adu(1, 1, 0x81, 0x20)); // an unknown exception code
        assertTrue(tx(1).hasEvent(ModbusEvent.INVALID_EXCEPTION_CODE));
        assertTrue(eve(1).contains("\"exception\":{\"raw\":32,\"code\":\"Unknown\"}"), eve(1));
    }

    @Test
    void reportServerIdBytesAreWrittenAsSuricataWritesThem() {
        send(true, adu(0, 10, 17));
        send(false, adu(0, 10, 17, 0x12, 0, 0xFF, 'W', 'i'));
        assertTrue(eve(0).contains("\"data\":\"\\u0012\\u0000\\\\xffWi\"}}"), eve(0));
        send(true, adu(14, 9, 65, 1, 2, 3));
        send(false, adu(14, 9, 65, 0xC3, 0xA9)); // valid UTF-8 stays text
        assertTrue(eve(1).contains("\"category\":\"USER_DEFINED\""), eve(1));
        assertTrue(eve(1).contains("\"data\":\"\u00e9\"}}"), eve(1));
    }

    @Test
    void writesCarryTheirFieldsAndAccessNames() {
        send(true, adu(7, 1, 15, 0, 30, 0, 10, 2, 0xCD, 0x01));
        assertTrue(eve(0).contains("\"access_type\":\"WRITE | COILS | MULTIPLE | WRITE_MULTIPLE\""), eve(0));
        assertTrue(eve(0).contains("\"write\":{\"address\":30,\"quantity\":10,\"data\":\"\\\\xcd\\u0001\"}"), eve(0));
        send(true, adu(10, 1, 23, 0, 3, 0, 6, 0, 14, 0, 3, 6, 0, 0xFF, 0, 0xFF, 0, 0xFF));
        assertTrue(eve(1).contains("\"read\":{\"address\":3,\"quantity\":6},\"write\":{\"address\":14,\"quantity\":3"),
                eve(1));
        send(true, adu(9, 1, 22, 0, 50, 0, 0xF2, 0, 0x25));
        assertTrue(eve(2).contains("\"write\":{\"address\":50,\"and_mask\":242,\"or_mask\":37}"), eve(2));
    }

    @Test
    void anUnsolicitedResponseIsATransactionALaterRequestJoins() {
        send(false, adu(99, 2, 3, 2, 0, 1));
        assertEquals(1, s.txCount());
        assertTrue(tx(0).hasEvent(ModbusEvent.UNSOLICITED_RESPONSE));
        assertTrue(s.txComplete(tx(0), true));
        send(true, adu(99, 2, 3, 0, 0, 0, 1));
        assertEquals(1, s.txCount());
        assertEquals(99, tx(0).request.transactionId);
        assertTrue(tx(0).hasEvent(ModbusEvent.INVALID_VALUE), "the request is checked against the answer");
    }

    @Test
    void aUnitSplitOverChunksWaitsAndTwoInOneChunkAreTwo() {
        byte[] u = adu(20, 7, 16, 0, 60, 0, 3, 6, 0, 1, 0, 2, 0, 3);
        send(true, Arrays.copyOfRange(u, 0, 4));
        send(true, Arrays.copyOfRange(u, 4, 9));
        assertEquals(0, s.txCount());
        send(true, Arrays.copyOfRange(u, 9, u.length));
        assertEquals(1, s.txCount());
        assertEquals(0, tx(0).request.flags);
        send(true, cat(adu(21, 1, 3, 0, 1, 0, 1), adu(22, 1, 4, 0, 2, 0, 1)));
        assertEquals(3, s.txCount());
        send(false, cat(adu(22, 1, 4, 2, 0, 7), adu(21, 1, 3, 2, 0, 8)));
        assertTrue(tx(1).complete() && tx(2).complete(), "answers out of order find their requests");
    }

    @Test
    void malformedUnitsAreMessagesWithFlags() {
        send(true, aduProto(17, 5, 9, 1, 0, 0, 0, 1));
        assertTrue(tx(0).hasEvent(ModbusEvent.INVALID_PROTOCOL_ID));
        send(true, adu(28, 1, 0, 1, 2));
        assertTrue(tx(1).hasEvent(ModbusEvent.INVALID_FUNCTION_CODE));
        send(true, adu(27, 1, 1, 0, 0, 0, 1, 0xEE));
        assertTrue(tx(2).hasEvent(ModbusEvent.INVALID_LENGTH));
        // a length over 254 passes over what of it is there, unit and function 0
        send(true, cat(header(32, 300, 1, 3, 0, 0), adu(33, 1, 1, 0, 0, 0, 1)));
        assertEquals(4, s.txCount());
        assertEquals(ModbusMessage.DATA_LENGTH, tx(3).request.flags);
        assertTrue(eve(3).contains("\"unit_id\":0,\"function_raw\":0,\"function_code\":\"Unknown\",\"access_type\":\"NONE\","
                + "\"category\":\"NONE\",\"error_flags\":\"DATA_LENGTH\"}"), eve(3));
    }

    @Test
    void theFloodGivesUpOnNewTransactions() {
        for (int i = 0; i < ModbusSession.REQUEST_FLOOD; i++) {
            send(true, adu(i, 1, 3, 0, 0, 0, 1));
        }
        assertFalse(tx(ModbusSession.REQUEST_FLOOD - 1).hasEvent(ModbusEvent.FLOODED));
        send(true, cat(adu(900, 1, 3, 0, 0, 0, 1), adu(901, 1, 3, 0, 0, 0, 1)));
        assertEquals(ModbusSession.REQUEST_FLOOD + 1, s.txCount(), "the flooded one is kept, the next one dropped");
        assertTrue(tx(ModbusSession.REQUEST_FLOOD).hasEvent(ModbusEvent.FLOODED));
        send(false, adu(0, 1, 3, 2, 0, 1)); // an answer still finds its request
        assertTrue(tx(0).complete());
        send(true, adu(903, 1, 3, 0, 0, 0, 1));
        assertEquals(ModbusSession.REQUEST_FLOOD + 1, s.txCount(), "500 open with the flooded one: still given up");
        send(false, adu(1, 1, 3, 2, 0, 1));
        send(true, adu(902, 1, 3, 0, 0, 0, 1));
        assertEquals(ModbusSession.REQUEST_FLOOD + 2, s.txCount(), "below the limit again: a new transaction");
        Map<String, Object> stats = new HashMap<>();
        counters.writeStats(stats);
        assertEquals(2L, ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) stats.get("app_layer")).get("rampart")).get("modbus"))
                .get("flood_dropped"));
    }

    @Test
    void aGapEndsParsing() {
        send(true, adu(1, 1, 1, 0, 0, 0, 1));
        s.onGap(false, 10);
        send(false, adu(1, 1, 1, 1, 0));
        assertNull(tx(0).response);
    }

    @Test
    void detectionOnlyParsesNothing() {
        ModbusSession d = new ModbusSession(counters, false);
        byte[] u = adu(1, 1, 1, 0, 0, 0, 1);
        d.onData(true, u, 0, u.length);
        d.onChunkEnd(true);
        assertEquals(0, d.txCount());
    }

    @Test
    void theProbeWantsOneWholeUnitWithoutFlags() {
        byte[] u = adu(1, 10, 8, 0, 4, 0, 0);
        assertEquals(AppProto.MODBUS, AppProtoDetector.probeModbus(u, 0, u.length));
        assertEquals(AppProto.UNKNOWN, AppProtoDetector.probeModbus(u, 0, 9));
        byte[] p = aduProto(1, 1, 1, 1, 0, 0, 0, 1);
        assertEquals(AppProto.FAILED, AppProtoDetector.probeModbus(p, 0, p.length));
        byte[] g = "GET / HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(AppProto.FAILED, AppProtoDetector.probeModbus(g, 0, g.length));
        byte[] user = adu(1, 1, 100, 1); // any code will do
        assertEquals(AppProto.MODBUS, AppProtoDetector.probeModbus(user, 0, user.length));
        int off = AppProtoDetector.MODBUS_ENABLED;
        assertEquals(AppProto.MODBUS, AppProtoDetector.protoOf(AppProtoDetector.detectTcp(true, u, 0, u.length, 40000, 502, off)));
        assertNotEquals(AppProto.MODBUS, AppProtoDetector.protoOf(AppProtoDetector.detectTcp(true, u, 0, u.length, 40000, 502,
                0)), "off unless enabled");
    }

    @Test
    void theKeywordReadsRangesByTheirEnds() {
        send(true, adu(8, 1, 16, 0, 40, 0, 2, 4, 0, 10, 1, 2));
        assertTrue(ModbusInspect.matches(ModbusOption.parse("access write holding, address 41, value 10"), tx(0)));
        assertTrue(ModbusInspect.matches(ModbusOption.parse("access write holding, address 42, value >100"), tx(0)));
        assertFalse(ModbusInspect.matches(ModbusOption.parse("access write holding, address 43, value 0"), tx(0)));
        assertTrue(ModbusInspect.matches(ModbusOption.parse("access write, address 40<>50"), tx(0)));
        assertFalse(ModbusInspect.matches(ModbusOption.parse("access read"), tx(0)));
        assertTrue(ModbusInspect.matches(ModbusOption.parse("unit <2"), tx(0)));
        assertFalse(ModbusInspect.matches(ModbusOption.parse("unit 1<>5"), tx(0)), "a range is strictly between");
        assertTrue(ModbusInspect.matches(ModbusOption.parse("function assigned"), tx(0)));
        assertFalse(ModbusInspect.matches(ModbusOption.parse("function !assigned"), tx(0)));
        send(true, adu(14, 9, 65, 1));
        assertTrue(ModbusInspect.matches(ModbusOption.parse("function 100"), tx(1)), "unnamed codes are one code");
    }
}

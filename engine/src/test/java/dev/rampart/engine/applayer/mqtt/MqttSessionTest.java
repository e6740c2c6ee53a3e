package dev.rampart.engine.applayer.mqtt;

import static dev.rampart.engine.testutil.MqttWire.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.AppProtoDetector;
import dev.rampart.engine.applayer.Slice;
import dev.rampart.rules.keyword.Uint;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MqttSessionTest {
    private final MqttCounters counters = new MqttCounters();
    private final MqttSession s = new MqttSession(counters);

    private void send(boolean toServer, byte[] b) {
        s.onData(toServer, b, 0, b.length);
        s.onChunkEnd(toServer);
    }

    private MqttTx tx(int i) {
        return (MqttTx) s.tx(i);
    }

    private static String text(Slice s) {
        return new String(s.array, s.offset, s.length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void connectAndConnackAreOneTransaction() {
        send(true, connect(5, 0xC6, "dev-1", "wt", "bye", "alice", "pw"));
        assertEquals(1, s.txCount());
        assertFalse(tx(0).ready(true), "a CONNECT waits for its CONNACK");
        assertTrue(tx(0).ready(false), "a to-server transaction is done toward the client");
        send(false, packet(2, 0, bytes(1, 0), props(bytes(34, 0, 10))));
        assertEquals(1, s.txCount());
        MqttTx t = tx(0);
        assertTrue(t.ready(true));
        assertTrue(t.hasType(Uint.eq(MqttMessage.CONNECT)) && t.hasType(Uint.eq(MqttMessage.CONNACK)));
        assertTrue(t.hasSessionPresent(true));
        assertTrue(t.hasReasonCode(Uint.eq(0)));
        assertTrue(t.hasConnectFlags(new Uint(Uint.Mode.BITMASK, 0xE4, 0xC4)), "username, password, will, not will_retain");
        assertFalse(t.hasConnectFlags(new Uint(Uint.Mode.BITMASK, 0x20, 0x20)));
        Slice out = new Slice();
        assertTrue(t.field(MqttTx.USERNAME, out));
        assertEquals("alice", text(out));
        assertTrue(t.field(MqttTx.WILL_MESSAGE, out));
        assertEquals("bye", text(out));
        assertEquals(5, s.protocolVersion());
        StringBuilder eve = new StringBuilder();
        s.appendEve(t, eve);
        assertTrue(eve.toString().contains("\"connack\":{\"qos\":0,\"retain\":false,\"dup\":false,\"session_present\":true,"
                + "\"return_code\":0,\"properties\":{\"topic_alias_maximum\":10}}"), eve.toString());
    }

    @Test
    void publishesAreAnsweredByPacketIdentifier() {
        send(true, connect(4, 0x02, "c", null, null, null, null));
        send(false, packet(2, 0, bytes(0, 0)));
        send(true, cat(packet(3, 2, str("a"), u16(7), ascii("one")), packet(3, 4, str("b"), u16(8), ascii("two"))));
        assertEquals(3, s.txCount());
        send(false, packet(5, 0, u16(8)));
        assertFalse(tx(2).complete, "PUBREC leaves a QoS 2 publish open");
        send(false, packet(4, 0, u16(7)));
        assertTrue(tx(1).complete);
        send(true, packet(6, 2, u16(8)));
        send(false, packet(7, 0, u16(8)));
        assertTrue(tx(2).complete);
        assertEquals(4, tx(2).messages.size());
        send(false, packet(4, 0, u16(99)));
        assertTrue(tx(3).hasEvent(MqttEvent.MISSING_PUBLISH));
        assertFalse(tx(3).hasEvent(MqttEvent.UNINTRODUCED_MESSAGE));
        assertFalse(s.txInDirection(tx(3), true), "an unanswered acknowledgement is the server's transaction");
    }

    @Test
    void eventsOfTheStateMachine() {
        send(true, packet(3, 0, str("t"), ascii("x")));
        assertTrue(tx(0).hasEvent(MqttEvent.UNINTRODUCED_MESSAGE));
        send(false, packet(2, 0, bytes(0, 0)));
        assertTrue(tx(1).hasEvent(MqttEvent.MISSING_CONNECT));
        send(true, connect(4, 0x02, "c", null, null, null, null));
        send(false, packet(2, 0, bytes(0, 0)));
        send(true, connect(4, 0x02, "c", null, null, null, null));
        assertTrue(tx(3).hasEvent(MqttEvent.DOUBLE_CONNECT));
        send(true, packet(3, 6, str("t"), u16(1)));
        assertTrue(tx(4).hasEvent(MqttEvent.INVALID_QOS_LEVEL));
        send(true, packet(0, 0, ascii("??")));
        assertTrue(tx(5).hasEvent(MqttEvent.UNASSIGNED_MSG_TYPE));
        assertEquals(0, s.parseErrors());
    }

    @Test
    void packetsSplitAnywhereWaitForTheirEnd() {
        byte[] all = cat(connect(5, 0x02, "split", null, null, null, null), packet(12, 0), packet(14, 0));
        for (int i = 0; i < all.length; i++) {
            s.onData(true, all, i, 1);
            s.onChunkEnd(true);
        }
        assertEquals(3, s.txCount());
        Slice out = new Slice();
        assertTrue(tx(0).field(MqttTx.CLIENT_ID, out));
        assertEquals("split", text(out));
        assertTrue(tx(2).hasType(Uint.eq(MqttMessage.DISCONNECT)));
    }

    @Test
    void malformedPacketEndsParsingForTheFlow() {
        // CONNECT v5 whose property length runs past the packet
        send(true, packet(1, 0, str("MQTT"), bytes(5, 2), u16(60), bytes(0x7F), str("x")));
        assertEquals(1, s.txCount());
        assertTrue(tx(0).hasEvent(MqttEvent.MALFORMED_TRAFFIC));
        assertTrue(tx(0).messages.isEmpty());
        assertEquals(1, s.parseErrors());
        send(true, packet(12, 0));
        assertEquals(1, s.txCount(), "nothing is parsed after the error");
        assertEquals(1L, stats().get("app_layer.rampart.mqtt.malformed"));
    }

    @Test
    void overlongPacketsArePassedOverAcrossChunks() {
        send(true, connect(4, 0x02, "c", null, null, null, null));
        byte[] big = packet(3, 0, str("bulk"), new byte[MqttParser.MAX_MESSAGE + 10]);
        s.onData(true, big, 0, 1000);
        s.onChunkEnd(true);
        assertEquals(2, s.txCount());
        MqttTx t = tx(1);
        assertTrue(t.messages.get(0).truncated);
        assertFalse(s.txInDirection(t, true), "Suricata files a truncated packet as the client's");
        assertTrue(t.hasType(Uint.eq(MqttMessage.PUBLISH)));
        assertFalse(t.field(MqttTx.PUBLISH_TOPIC, new Slice()), "no fields of a truncated packet");
        byte[] rest = cat(java.util.Arrays.copyOfRange(big, 1000, big.length), packet(12, 0));
        s.onData(true, rest, 0, rest.length);
        s.onChunkEnd(true);
        assertEquals(3, s.txCount());
        assertTrue(tx(2).hasType(Uint.eq(MqttMessage.PINGREQ)));
        assertEquals(1L, stats().get("app_layer.rampart.mqtt.truncated"));
    }

    @Test
    void authWithShortFieldsStallsItsDirection() {
        send(true, connect(5, 0x02, "c", null, null, null, null));
        // AUTH: reason code, properties of 3 bytes holding a string property cut short
        send(true, packet(15, 0, bytes(0x18), bytes(3, 21, 0, 9)));
        send(true, packet(12, 0));
        assertEquals(1, s.txCount());
        assertEquals(0, s.parseErrors(), "not an error: Suricata waits for bytes that never help");
        send(false, packet(2, 0, bytes(0, 0), props()));
        assertTrue(tx(0).complete, "the other direction goes on");
        assertEquals(1L, stats().get("app_layer.rampart.mqtt.stalled"));
    }

    @Test
    void oneByteDisconnectReasonReadsAsZero() {
        send(true, connect(5, 0x02, "c", null, null, null, null));
        send(true, packet(14, 0, bytes(4)));
        assertTrue(tx(1).hasReasonCode(Uint.eq(0)));
        assertFalse(tx(1).hasReasonCode(Uint.eq(4)));
        send(true, packet(14, 0, bytes(4), props()));
        assertTrue(tx(2).hasReasonCode(Uint.eq(4)));
    }

    @Test
    void subscribeTopicsAreInstancesUpToTheLimit() {
        send(true, connect(4, 0x02, "c", null, null, null, null));
        send(true, packet(8, 2, u16(1), str("a"), bytes(0), str("b"), bytes(1)));
        Slice out = new Slice();
        assertTrue(tx(1).topic(MqttMessage.SUBSCRIBE, 1, out));
        assertEquals("b", text(out));
        assertFalse(tx(1).topic(MqttMessage.SUBSCRIBE, 2, out));
        assertFalse(tx(1).topic(MqttMessage.UNSUBSCRIBE, 0, out));
        assertFalse(tx(1).topic(MqttMessage.SUBSCRIBE, MqttTx.TOPIC_LIMIT, out));
        send(false, packet(9, 0, u16(1), bytes(0, 0x80)));
        assertTrue(tx(1).hasReasonCode(Uint.eq(0x80)));
    }

    @Test
    void transactionsBeyondTheCapCompleteTheOldestOpenOne() {
        send(true, connect(4, 0x02, "c", null, null, null, null));
        send(false, packet(2, 0, bytes(0, 0)));
        for (int i = 0; i <= MqttSession.MAX_TX + 1; i++) {
            send(true, packet(3, 2, str("t"), u16(i), ascii("x")));
        }
        assertTrue(tx(1).complete);
        assertTrue(tx(1).hasEvent(MqttEvent.TOO_MANY_TRANSACTIONS));
        assertFalse(tx(3).complete);
    }

    @Test
    void probeAsSuricatas() {
        assertEquals(AppProto.MQTT, AppProtoDetector.protoOf(AppProtoDetector.detectTcp(true,
                connect(4, 2, "c", null, null, null, null), 0, 10, 40000, 1883, 0)));
        assertEquals(AppProto.FAILED, AppProtoDetector.probeMqtt(bytes(0x00, 0x02, 0, 0), 0, 4), "type 0");
        assertEquals(AppProto.FAILED, AppProtoDetector.probeMqtt(bytes(0x36, 0x02, 0, 0), 0, 4), "QoS 3");
        assertEquals(AppProto.UNKNOWN, AppProtoDetector.probeMqtt(bytes(0x10, 0x80), 0, 2), "the length goes on");
        assertEquals(AppProto.FAILED, AppProtoDetector.probeMqtt(bytes(0x10, 0x80, 0x80, 0x80, 0x80, 0x01), 0, 6),
                "a fifth length byte");
        assertEquals(AppProto.MQTT, AppProtoDetector.probeMqtt(bytes(0xE0, 0x00), 0, 2));
    }

    private Map<String, Object> stats() {
        Map<String, Object> root = new HashMap<>();
        counters.writeStats(root);
        Map<String, Object> flat = new HashMap<>();
        flatten("", root, flat);
        return flat;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> m, Map<String, Object> out) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> sub) {
                flatten(prefix + e.getKey() + ".", (Map<String, Object>) sub, out);
            } else {
                out.put(prefix + e.getKey(), e.getValue());
            }
        }
    }
}

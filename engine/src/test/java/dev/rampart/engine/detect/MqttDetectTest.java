package dev.rampart.engine.detect;

import static dev.rampart.engine.testutil.MqttWire.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.testutil.Http2Wire;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MQTT as detection sees it, on four generated connections: a v5 session (QoS 1 and 2 publishes,
 * a server publish, an answer to nothing, a subscribe split over two segments, a second CONNECT, AUTH,
 * a one-byte DISCONNECT), a v3.1.1 one that publishes before it connects and uses QoS 3, one whose
 * CONNECT is malformed (nothing after it is parsed), and one with a PUBLISH over the 1 MiB packet limit.
 * Expected alerts ("sid@pcap_cnt#tx_id") are suricata 7.0.10's on the same capture
 * (-Drampart.mqttpcap=FILE writes it).
 */
class MqttDetectTest {
    static Trace capture() throws Exception {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        byte[] subscribe = packet(8, 2, u16(9), props(), str("plant/+/temp"), bytes(1), str("plant/alarm"), bytes(2));
        new TcpSession(t, DetectHarness.CLIENT, 41001, DetectHarness.SERVER, 1883, 1000, 5000).handshake()
                .clientSends(connect(5, 0xC6, "dev-42", "wt", "gone", "alice", "s3cret"))
                .serverSends(packet(2, 0, bytes(1, 0), props(bytes(34, 0, 10))))
                .clientSends(packet(3, 2, str("sensors/temp"), u16(7), props(), ascii("T=21")))
                .serverSends(packet(4, 0, u16(7), bytes(0x10)))
                .clientSends(packet(3, 4, str("cmd"), u16(8), props(), ascii("EXEC rm -rf")))
                .serverSends(packet(5, 0, u16(8)))
                .clientSends(packet(6, 2, u16(8)))
                .serverSends(packet(7, 0, u16(8)))
                .serverSends(packet(3, 1, str("alerts"), props(), ascii("hello")))
                .clientSends(packet(12, 0))
                .serverSends(packet(13, 0))
                .serverSends(packet(4, 0, u16(99)))
                .clientSends(java.util.Arrays.copyOfRange(subscribe, 0, 10))
                .clientSends(java.util.Arrays.copyOfRange(subscribe, 10, subscribe.length))
                .serverSends(packet(9, 0, u16(9), props(), bytes(1, 0x80)))
                .clientSends(connect(5, 0x02, "dev-42", null, null, null, null))
                .clientSends(packet(15, 0, bytes(0x18), props(bytes(21), str("SCRAM"))))
                .clientSends(packet(14, 0, bytes(4)))
                .close();
        new TcpSession(t, DetectHarness.CLIENT, 41002, DetectHarness.SERVER, 1883, 2000, 6000).handshake()
                .clientSends(packet(3, 0, str("early"), ascii("x")))
                .clientSends(connect(4, 0x02, "c2", null, null, null, null))
                .serverSends(packet(2, 0, bytes(0, 0)))
                .clientSends(packet(10, 2, u16(3), str("a/b"), str("c")))
                .serverSends(packet(11, 0, u16(3)))
                .clientSends(packet(3, 6, str("q3"), u16(4), ascii("bad qos")))
                .clientSends(cat(packet(0, 0, ascii("zz")), packet(12, 0)))
                .clientSends(packet(14, 0))
                .close();
        new TcpSession(t, DetectHarness.CLIENT, 41003, DetectHarness.SERVER, 1883, 3000, 7000).handshake()
                .clientSends(packet(1, 0, str("MQTT"), bytes(5, 2), u16(60), bytes(0x7F), str("x")))
                .serverSends(packet(2, 0, bytes(0, 0), props()))
                .clientSends(packet(12, 0))
                .close();
        byte[] big = new byte[(1 << 20) + 100];
        big[0] = 'B';
        new TcpSession(t, DetectHarness.CLIENT, 41004, DetectHarness.SERVER, 1883, 4000, 8000).handshake()
                .clientSends(connect(4, 0x02, "big", null, null, null, null))
                .serverSends(packet(2, 0, bytes(0, 0)))
                .clientSends(cat(packet(3, 0, str("bulk"), big), packet(12, 0)))
                .serverSends(packet(13, 0))
                .close();
        return t;
    }

    static final String[] RULES = {
        "alert mqtt any any -> any any (mqtt.type:CONNECT; sid:1;)",
        "alert mqtt any any -> any any (mqtt.type:PUBLISH; sid:3;)",
        "alert mqtt any any -> any any (mqtt.type:PUBCOMP; sid:7;)",
        "alert mqtt any any -> any any (mqtt.type:PINGREQ; sid:12;)",
        "alert mqtt any any -> any any (mqtt.type:PINGRESP; sid:13;)",
        "alert mqtt any any -> any any (mqtt.type:AUTH; sid:15;)",
        "alert mqtt any any -> any any (mqtt.qos:1; sid:21;)",
        "alert mqtt any any -> any any (mqtt.qos:2; sid:22;)",
        "alert mqtt any any -> any any (mqtt.flags:retain; sid:23;)",
        "alert mqtt any any -> any any (mqtt.connect.flags:username,password,will,!will_retain; sid:24;)",
        "alert mqtt any any -> any any (mqtt.connect.flags:!username,clean_session; sid:25;)",
        "alert mqtt any any -> any any (mqtt.protocol_version:4; sid:26;)",
        "alert mqtt any any -> any any (mqtt.reason_code:16; sid:27;)",
        "alert mqtt any any -> any any (mqtt.reason_code:128; sid:28;)",
        "alert mqtt any any -> any any (mqtt.reason_code:24; sid:29;)",
        "alert mqtt any any -> any any (mqtt.reason_code:4; sid:30;)",
        "alert mqtt any any -> any any (mqtt.connack.session_present:true; sid:31;)",
        "alert mqtt any any -> any any (mqtt.connect.clientid; content:\"dev-\"; sid:40;)",
        "alert mqtt any any -> any any (mqtt.connect.username; content:\"alice\"; sid:41;)",
        "alert mqtt any any -> any any (mqtt.connect.password; content:\"s3cret\"; sid:42;)",
        "alert mqtt any any -> any any (mqtt.connect.willtopic; content:\"wt\"; sid:43;)",
        "alert mqtt any any -> any any (mqtt.connect.willmessage; content:\"gone\"; sid:44;)",
        "alert mqtt any any -> any any (mqtt.publish.topic; content:\"alerts\"; sid:45;)",
        "alert mqtt any any -> any any (mqtt.publish.message; content:\"EXEC\"; sid:46;)",
        "alert mqtt any any -> any any (mqtt.subscribe.topic; content:\"alarm\"; sid:47;)",
        "alert mqtt any any -> any any (mqtt.unsubscribe.topic; content:\"c\"; endswith; sid:48;)",
        "alert mqtt any any -> any any (mqtt.publish.message; content:\"B\"; startswith; sid:49;)",
        "alert mqtt any any -> any any (app-layer-event:mqtt.missing_publish; sid:50;)",
        "alert mqtt any any -> any any (app-layer-event:mqtt.double_connect; sid:51;)",
        "alert mqtt any any -> any any (app-layer-event:mqtt.unintroduced_message; sid:52;)",
        "alert mqtt any any -> any any (app-layer-event:mqtt.invalid_qos_level; sid:53;)",
        "alert mqtt any any -> any any (app-layer-event:mqtt.unassigned_msg_type; sid:54;)",
        "alert mqtt any any -> any any (app-layer-event:mqtt.malformed_traffic; sid:55;)",
        "alert tcp any any -> any any (app-layer-protocol:mqtt; sid:60;)",
    };

    @Test
    void alertsAsTheReference() throws Exception {
        Trace t = capture();
        Http2Wire.writeIfAsked(t, "rampart.mqttpcap");
        DetectHarness h = new DetectHarness(RULES);
        List<String> got = h.sortedTxAlerts(t);
        assertEquals(EXPECTED, got);
    }

    /** suricata 7.0.10 on the capture: 53 alerts. */
    static final List<String> EXPECTED = List.of(
            "12@25#4", "12@60#5", "13@1525#2", "13@26#5", "15@38#9", "1@51#1", "1@7#0", "1@83#0", "21@11#1",
            "21@19#2", "21@33#7", "21@55#2", "22@19#2", "24@7#0", "25@51#1", "25@83#0", "26@51#1", "26@55#2",
            "26@60#4", "26@60#5", "26@62#6", "26@83#0", "27@11#1", "28@33#7", "29@38#9", "3@11#1", "3@19#2",
            "3@23#3", "3@48#0", "3@85#1", "40@7#0", "41@7#0", "42@7#0", "43@7#0", "44@7#0", "45@23#3", "46@19#2",
            "47@33#7", "48@55#2", "50@29#6", "51@36#8", "52@48#0", "53@58#3", "54@60#4", "55@71#0", "60@48", "60@53",
            "60@7", "60@71", "60@83", "60@85", "60@9", "7@19#2");
}

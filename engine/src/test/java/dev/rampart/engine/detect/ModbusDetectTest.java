package dev.rampart.engine.detect;

import static dev.rampart.engine.testutil.ModbusWire.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.testutil.Http2Wire;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Modbus as detection sees it, on generated connections to port 502: every read and write function
 * with its answer (a register read answered with the bytes of a bit read, a write echoed with another
 * value), exceptions (known, unknown, a memory parity error), diagnostics, MEI, user-defined and
 * unassigned codes, a protocol identifier that is not 0, a unit split over two segments, two units in
 * one segment, an unsolicited response and the request that matches it afterwards, requests left
 * unanswered, bad quantities and lengths, request function codes 0 and 0x81, a length over 254; a
 * connection to another port and one on 502 that is not Modbus; and on its own capture a flood. Expected alerts ("sid@pcap_cnt#tx_id") are suricata 7.0.10's on the same
 * capture with app-layer.protocols.modbus.enabled=yes (-Drampart.modbuspcap=FILE writes it).
 */
class ModbusDetectTest {
    static Trace capture() throws Exception {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        byte[] split = adu(20, 7, 16, 0, 60, 0, 3, 6, 0, 1, 0, 2, 0, 3);
        new TcpSession(t, DetectHarness.CLIENT, 42001, DetectHarness.SERVER, 502, 1000, 5000).handshake()
                .clientSends(adu(1, 1, 1, 0, 0, 0, 10))
                .serverSends(adu(1, 1, 1, 2, 0xCD, 0x01))
                .clientSends(adu(2, 2, 2, 0, 100, 0, 3))
                .serverSends(adu(2, 2, 2, 1, 0x05))
                .clientSends(adu(3, 3, 3, 0, 5, 0, 2))
                .serverSends(adu(3, 3, 3, 4, 0, 9, 0, 24))
                .clientSends(adu(4, 4, 4, 0, 7, 0, 1))
                .serverSends(adu(4, 4, 0x84, 2))
                .clientSends(adu(5, 1, 5, 0, 9, 0xFF, 0))
                .serverSends(adu(5, 1, 5, 0, 9, 0xFF, 0))
                .clientSends(adu(6, 1, 6, 0, 20, 0x04, 0xD2))
                .serverSends(adu(6, 1, 6, 0, 20, 0x04, 0xD3))
                .clientSends(adu(7, 1, 15, 0, 30, 0, 10, 2, 0xCD, 0x01))
                .serverSends(adu(7, 1, 15, 0, 30, 0, 10))
                .clientSends(adu(8, 1, 16, 0, 40, 0, 2, 4, 0, 10, 1, 2))
                .serverSends(adu(8, 1, 16, 0, 40, 0, 2))
                .clientSends(adu(9, 1, 22, 0, 50, 0, 0xF2, 0, 0x25))
                .serverSends(adu(9, 1, 22, 0, 50, 0, 0xF2, 0, 0x25))
                .clientSends(adu(10, 1, 23, 0, 3, 0, 6, 0, 14, 0, 3, 6, 0, 0xFF, 0, 0xFF, 0, 0xFF))
                .serverSends(adu(10, 1, 23, 12, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6))
                .clientSends(adu(11, 9, 8, 0, 0, 0xA5, 0x37))
                .serverSends(adu(11, 9, 8, 0, 0, 0xA5, 0x37))
                .clientSends(adu(12, 9, 8, 0, 5, 0, 0))
                .clientSends(adu(13, 9, 43, 14, 1, 0))
                .serverSends(adu(13, 9, 43, 14, 1, 0, 0, 0, 1, 0, 3, 'A', 'B', 'C'))
                .clientSends(adu(14, 9, 65, 1, 2, 3))
                .serverSends(adu(14, 9, 65, 0xC3, 0xA9))
                .clientSends(adu(15, 9, 100, 1))
                .serverSends(adu(15, 9, 0xE4, 1))
                .clientSends(adu(16, 9, 9, 7))
                .clientSends(aduProto(17, 5, 9, 1, 0, 0, 0, 1))
                .clientSends(Arrays.copyOfRange(split, 0, 9))
                .clientSends(Arrays.copyOfRange(split, 9, split.length))
                .serverSends(adu(20, 7, 16, 0, 60, 0, 3))
                .clientSends(cat(adu(21, 1, 3, 0, 1, 0, 1), adu(22, 1, 4, 0, 2, 0, 1)))
                .serverSends(cat(adu(22, 1, 4, 2, 0, 7), adu(21, 1, 3, 2, 0, 8)))
                .serverSends(adu(99, 2, 3, 2, 0, 1))
                .clientSends(adu(99, 2, 3, 0, 0, 0, 1))
                .clientSends(adu(23, 1, 1, 0, 0, 0, 4))
                .serverSends(adu(23, 1, 0x81, 0x20))
                .clientSends(adu(24, 1, 1, 0, 0, 0, 4))
                .serverSends(adu(24, 1, 0x81, 8))
                .clientSends(adu(25, 1, 1, 0, 0, 0, 0))
                .clientSends(adu(26, 1, 1, 0, 0, 0x0B, 0xB8))
                .clientSends(adu(27, 1, 1, 0, 0, 0, 1, 0xEE))
                .clientSends(adu(28, 1, 0, 1, 2))
                .clientSends(adu(29, 1, 0x81, 0, 0, 0, 1))
                .clientSends(adu(30, 1, 7))
                .serverSends(adu(30, 1, 7, 0x6D))
                .clientSends(adu(31, 1, 5, 0, 1))
                .clientSends(header(32, 300, 1, 3, 0, 0))
                .clientSends(adu(33, 1, 1, 0, 0, 0, 1))
                .close();
        new TcpSession(t, DetectHarness.CLIENT, 42003, DetectHarness.SERVER, 5020, 3000, 7000).handshake()
                .clientSends(adu(1, 1, 1, 0, 0, 0, 1))
                .serverSends(adu(1, 1, 1, 1, 0))
                .close();
        new TcpSession(t, DetectHarness.CLIENT, 42004, DetectHarness.SERVER, 502, 4000, 8000).handshake()
                .clientSends("GET / HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .serverSends(adu(1, 1, 1, 1, 0))
                .close();
        return t;
    }

    /**
     * 503 requests nobody answers in two sends (about 1460 bytes a segment), an answer to the first,
     * then one more request: the 501st transaction is flooded and the two requests after it are
     * dropped with the rest of their segment.
     */
    static Trace floodCapture() {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        byte[][] flood = new byte[503][];
        for (int i = 0; i < flood.length; i++) {
            flood[i] = adu(1000 + i, 1, 3, 0, i & 0xFF, 0, 1);
        }
        new TcpSession(t, DetectHarness.CLIENT, 42002, DetectHarness.SERVER, 502, 2000, 6000).handshake()
                .clientSends(cat(Arrays.copyOfRange(flood, 0, 250)))
                .clientSends(cat(Arrays.copyOfRange(flood, 250, 503)))
                .serverSends(adu(1000, 1, 3, 2, 0, 1))
                .clientSends(adu(2000, 1, 1, 0, 0, 0, 1))
                .close();
        return t;
    }

    /**
     * Layouts the crate checks, each a request and its answer (null: none): diagnostic data values and
     * lengths, MEI types, exception codes per function, the fixed-length functions (7, 11, 12, 24, 20),
     * read answers with a count that does not fit, single / multiple / mask writes answered with other
     * values or limits, function 23 cut short, answers to another unit or function, request codes 0x80,
     * 0, 127 and 44, lengths 1 and 0; a connection whose server answers before it is asked; a first unit
     * split in two, longer than the probe's 16 bytes.
     */
    static Trace oddCapture() {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        int[][][] pairs = {
            {{1, 1, 8, 0, 1, 0x12, 0x34}, {1, 1, 8, 0, 1, 0x12, 0x34}},
            {{2, 1, 8, 0, 3, 0x0a, 0x01}, {2, 1, 8, 0, 3, 0x0a, 0x01}},
            {{3, 1, 8, 0, 2, 0, 1}, {3, 1, 8, 0, 2, 0, 1}},
            {{4, 1, 8, 0, 0x16, 1, 2}, {4, 1, 8, 0, 0x16, 1, 2}},
            {{5, 1, 8, 0, 1, 0xff, 0, 9}, {5, 1, 0x88, 3}},
            {{6, 1, 8}, {6, 1, 8, 0}},
            {{7, 1, 8, 0, 1}, {7, 1, 8, 0, 1}},
            {{8, 1, 43, 0x0d, 1}, {8, 1, 43, 0x0d, 1, 2}},
            {{9, 1, 43, 0x05}, {9, 1, 43, 0x05}},
            {{10, 1, 43}, {10, 1, 0xab, 4}},
            {{20, 1, 7, 0, 1, 0, 1}, {20, 1, 0x87, 2}},
            {{21, 1, 7, 0, 1, 0, 1}, {21, 1, 0x87, 3}},
            {{22, 1, 0x11, 0, 1, 0, 1}, {22, 1, 0x91, 3}},
            {{23, 1, 0x14, 0, 1, 0, 1}, {23, 1, 0x94, 8}},
            {{24, 1, 1, 0, 1, 0, 1}, {24, 1, 0x81, 8}},
            {{25, 1, 0x15, 0, 1, 0, 1}, {25, 1, 0x95, 8}},
            {{26, 1, 3, 0, 1, 0, 1}, {26, 1, 0x83, 9}},
            {{27, 1, 3, 0, 1, 0, 1}, {27, 1, 0x83, 0}},
            {{30, 1, 7}, {30, 1, 7, 5}},
            {{31, 1, 7, 1}, {31, 1, 7, 5, 6}},
            {{32, 1, 11}, {32, 1, 11, 0, 0, 0, 5}},
            {{33, 1, 11}, {33, 1, 11, 0, 0}},
            {{34, 1, 12}, {34, 1, 12, 3, 0, 0, 0}},
            {{35, 1, 24, 0, 1}, {35, 1, 24, 0, 4, 0, 1, 0, 9}},
            {{36, 1, 24, 0}, {36, 1, 24, 0}},
            {{37, 1, 20}, {37, 1, 20, 1}},
            {{38, 1, 20, 6, 0, 1, 0, 0, 0, 2}, {38, 1, 20, 4, 3, 6, 0, 1}},
            {{40, 1, 1, 0, 0, 0, 9}, {40, 1, 1, 2, 0xff, 1}},
            {{41, 1, 1, 0, 0, 0, 9}, {41, 1, 1, 3, 0xff, 1}},
            {{42, 1, 2, 0, 0, 0, 9}, {42, 1, 2, 0}},
            {{43, 1, 4, 0, 0, 0, 200}, {43, 1, 4, 2, 0, 1}},
            {{50, 1, 5, 0, 1, 0x12, 0x34}, {50, 1, 5, 0, 1, 0x12, 0x34}},
            {{51, 1, 15, 0, 1, 0, 20, 2, 1, 2}, {51, 1, 15, 0, 1, 0, 200}},
            {{52, 1, 16, 0, 1, 0, 0, 0}, {52, 1, 16, 0, 1, 0, 0}},
            {{53, 1, 16, 0, 1, 0, 1, 2, 0, 5, 9}, {53, 1, 16, 0, 1, 0x0b, 0xb8}},
            {{54, 1, 22, 0, 1, 0, 2}, {54, 1, 22, 0, 1, 0, 2, 0, 3}},
            {{55, 1, 23, 0, 1, 0, 2, 0, 5, 0, 1, 2, 0, 7}, {55, 1, 23, 4, 0, 1, 0, 2}},
            {{56, 1, 23, 0, 1, 0, 2, 0, 5}, {56, 1, 23, 4, 0, 1, 0, 2}},
            {{57, 1, 6, 0, 1, 0, 2}, {57, 1, 6, 0, 2, 0, 2}},
            {{58, 1, 16, 0, 5, 0, 2, 4, 0, 1, 0, 2}, {58, 1, 16, 0, 6, 0, 2}},
            {{59, 1, 15, 0xff, 0xff, 0, 1, 1, 1}, {59, 1, 15, 0xff, 0xff, 0, 1}},
            {{60, 1, 3, 0, 0, 0, 1}, {60, 2, 3, 2, 0, 1}},
            {null, {60, 1, 4, 2, 0, 1}},
            {null, {60, 1, 3, 2, 0, 1}},
            {{61, 1, 3, 0, 0}, {61, 1, 3, 2, 0, 1}},
            {{62, 1, 3, 0, 0, 0, 1}, {62, 1, 3}},
            {{63, 1, 0x80, 1}, {63, 1, 0x80, 1}},
            {{64, 1, 0}, {64, 1, 0}},
            {{65, 1, 127, 5}, {65, 1, 0xff, 1}},
            {{66, 1, 44, 1}, {66, 1, 44, 2}},
        };
        TcpSession c = new TcpSession(t, DetectHarness.CLIENT, 43001, DetectHarness.SERVER, 502, 1000, 5000).handshake();
        for (int[][] p : pairs) {
            if (p[0] != null) {
                c.clientSends(unit(p[0]));
            }
            c.serverSends(unit(p[1]));
        }
        c.clientSends(header(67, 1, 1))
                .clientSends(adu(68, 1, 1, 0, 0, 0, 1))
                .serverSends(adu(68, 1, 1, 1, 1))
                .close();
        new TcpSession(t, DetectHarness.CLIENT, 43002, DetectHarness.SERVER, 502, 2000, 6000).handshake()
                .serverSends(adu(1, 1, 3, 2, 0, 1))
                .clientSends(adu(1, 1, 3, 0, 0, 0, 1))
                .clientSends(adu(2, 1, 3, 0, 0, 0, 1))
                .serverSends(adu(2, 1, 3, 2, 0, 1))
                .close();
        byte[] u = adu(1, 1, 16, 0, 1, 0, 8, 16, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        new TcpSession(t, DetectHarness.CLIENT, 43004, DetectHarness.SERVER, 502, 3000, 7000).handshake()
                .clientSends(Arrays.copyOfRange(u, 0, 10))
                .clientSends(Arrays.copyOfRange(u, 10, u.length))
                .serverSends(adu(1, 1, 16, 0, 1, 0, 8))
                .close();
        return t;
    }

    /** {tid, unit, function, data...} as a unit. */
    private static byte[] unit(int[] v) {
        return adu(v[0], v[1], v[2], Arrays.copyOfRange(v, 3, v.length));
    }

    static final String[] ODD_RULES = {
        "alert modbus any any -> any any (modbus: function all; sid:1;)",
        "alert modbus any any -> any any (modbus: function !all; sid:2;)",
        "alert modbus any any -> any any (app-layer-event:modbus.invalid_value; sid:3;)",
        "alert modbus any any -> any any (app-layer-event:modbus.invalid_length; sid:4;)",
        "alert modbus any any -> any any (app-layer-event:modbus.invalid_exception_code; sid:5;)",
        "alert modbus any any -> any any (app-layer-event:modbus.value_mismatch; sid:6;)",
        "alert modbus any any -> any any (app-layer-event:modbus.unsolicited_response; sid:7;)",
        "alert modbus any any -> any any (app-layer-event:modbus.invalid_function_code; sid:8;)",
        "alert tcp any any -> any any (app-layer-protocol:modbus; sid:10;)",
        "alert modbus any any -> any any (modbus: access write coils, address 65535, value 1; sid:11;)",
        "alert modbus any any -> any any (modbus: access write holding, address 6, value 1; sid:12;)",
        "alert modbus any any -> any any (modbus: access write, address 7, value 2; sid:13;)",
        "alert modbus any any -> any any (modbus: access write coils, address 2, value 0; sid:14;)",
        "alert modbus any any -> any any (modbus: access write holding, address 2, value 1; sid:16;)",
        "alert modbus any any -> any any (modbus: unit 0; sid:17;)",
        "alert modbus any any -> any any (modbus: function 44; sid:18;)",
        "alert modbus any any -> any any (modbus: function 8, subfunction 22; sid:19;)",
    };

    @Test
    void oddLayoutsAsTheReference() throws Exception {
        Trace t = oddCapture();
        Http2Wire.writeIfAsked(t, "rampart.modbusoddpcap");
        DetectHarness h = new DetectHarness(ODD_RULES);
        h.config.modbusEnabled = true;
        assertEquals(ODD_EXPECTED, h.sortedTxAlerts(t));
    }

    /** suricata 7.0.10 on the odd capture: 157 alerts (their modbus objects equal too). */
    static final List<String> ODD_EXPECTED = List.of(
            "10@215", "10@216", "10@231", "10@233", "10@7", "10@9", "12@163#39", "13@163#39", "14@135#32",
            "16@231#0", "17@202#51", "18@187#47", "18@191#48", "18@195#49", "18@199#50", "18@202#51", "19@19#3",
            "1@103#24", "1@107#25", "1@11#1", "1@111#26", "1@115#27", "1@119#28", "1@123#29", "1@127#30", "1@131#31",
            "1@135#32", "1@139#33", "1@143#34", "1@147#35", "1@15#2", "1@151#36", "1@155#37", "1@159#38", "1@163#39",
            "1@167#40", "1@171#41", "1@171#42", "1@173#43", "1@179#44", "1@183#45", "1@183#46", "1@19#3", "1@195#49",
            "1@199#50", "1@205#52", "1@213#0", "1@219#1", "1@23#4", "1@231#0", "1@31#6", "1@35#7", "1@39#8",
            "1@47#10", "1@51#11", "1@55#12", "1@59#13", "1@63#14", "1@67#15", "1@7#0", "1@71#16", "1@75#17",
            "1@79#18", "1@83#19", "1@87#20", "1@91#21", "1@95#22", "1@99#23", "3@11#1", "3@125#30", "3@127#30",
            "3@129#31", "3@13#2", "3@131#31", "3@133#32", "3@135#32", "3@15#2", "3@215#0", "3@5#0", "3@7#0", "3@9#1",
            "4@101#24", "4@103#24", "4@105#25", "4@107#25", "4@137#33", "4@139#33", "4@141#34", "4@143#34",
            "4@145#35", "4@147#35", "4@153#37", "4@155#37", "4@177#44", "4@179#44", "4@201#51", "4@202#51", "4@21#4",
            "4@23#4", "4@25#5", "4@27#5", "4@29#6", "4@31#6", "4@41#9", "4@43#9", "4@45#10", "4@47#10", "4@49#11",
            "4@51#11", "4@53#12", "4@55#12", "4@81#19", "4@83#19", "4@91#21", "4@93#21", "5@63#14", "5@65#14",
            "5@71#16", "5@73#16", "5@75#17", "5@77#17", "6@119#28", "6@121#28", "6@123#29", "6@125#29", "6@127#30",
            "6@129#30", "6@135#32", "6@137#32", "6@139#33", "6@141#33", "6@143#34", "6@145#34", "6@155#37",
            "6@157#37", "6@159#38", "6@161#38", "6@163#39", "6@165#39", "6@175#41", "6@177#41", "6@183#46",
            "6@185#46", "6@219#1", "6@221#1", "7@171#42", "7@172#42", "7@173#43", "7@174#43", "7@183#46", "7@185#46",
            "7@213#0", "7@215#0", "8@185#47", "8@187#47", "8@189#48", "8@191#48");

    static final String[] FLOOD_RULES = {
        "alert modbus any any -> any any (modbus: function 3; sid:2;)",
        "alert modbus any any -> any any (modbus: unit 1, access read holding, address 1; sid:3;)",
        "alert modbus any any -> any any (modbus: function 1; sid:4;)",
        "alert modbus any any -> any any (app-layer-event:modbus.flooded; sid:56;)",
    };

    static final String[] RULES = {
        "alert modbus any any -> any any (modbus: function 1; sid:1;)",
        "alert modbus any any -> any any (modbus: function 3; sid:2;)",
        "alert modbus any any -> any any (modbus: function 8, subfunction 0; sid:3;)",
        "alert modbus any any -> any any (modbus: function 8, subfunction 5; sid:4;)",
        "alert modbus any any -> any any (modbus: function 100; sid:5;)",
        "alert modbus any any -> any any (modbus: function assigned; sid:6;)",
        "alert modbus any any -> any any (modbus: function unassigned; sid:7;)",
        "alert modbus any any -> any any (modbus: function user; sid:8;)",
        "alert modbus any any -> any any (modbus: function reserved; sid:9;)",
        "alert modbus any any -> any any (modbus: function public; sid:10;)",
        "alert modbus any any -> any any (modbus: function !assigned; sid:11;)",
        "alert modbus any any -> any any (modbus: function all; sid:12;)",
        "alert modbus any any -> any any (modbus: access read; sid:13;)",
        "alert modbus any any -> any any (modbus: access write; sid:14;)",
        "alert modbus any any -> any any (modbus: access read coils; sid:15;)",
        "alert modbus any any -> any any (modbus: access read discretes; sid:16;)",
        "alert modbus any any -> any any (modbus: access read input; sid:17;)",
        "alert modbus any any -> any any (modbus: access read holding; sid:18;)",
        "alert modbus any any -> any any (modbus: access write coils; sid:19;)",
        "alert modbus any any -> any any (modbus: access write holding; sid:20;)",
        "alert modbus any any -> any any (modbus: access read, address 101; sid:21;)",
        "alert modbus any any -> any any (modbus: access read coils, address <5; sid:22;)",
        "alert modbus any any -> any any (modbus: access read coils, address >5; sid:23;)",
        "alert modbus any any -> any any (modbus: access write holding, address 40<>50; sid:24;)",
        "alert modbus any any -> any any (modbus: access write coils, address 33, value 1; sid:25;)",
        "alert modbus any any -> any any (modbus: access write holding, address 41, value 10; sid:26;)",
        "alert modbus any any -> any any (modbus: access write holding, address 42, value >100; sid:27;)",
        "alert modbus any any -> any any (modbus: access write holding, address 21, value 1234; sid:28;)",
        "alert modbus any any -> any any (modbus: access write coils, address 10, value 1; sid:29;)",
        "alert modbus any any -> any any (modbus: unit 1; sid:30;)",
        "alert modbus any any -> any any (modbus: unit <3; sid:31;)",
        "alert modbus any any -> any any (modbus: unit >3; sid:32;)",
        "alert modbus any any -> any any (modbus: unit 2<>9; sid:33;)",
        "alert modbus any any -> any any (modbus: unit 1, function 1; sid:34;)",
        "alert modbus any any -> any any (modbus: unit 3, access read holding, address 6; sid:35;)",
        "alert modbus any any -> any any (modbus: unit 0; sid:36;)",
        "alert modbus any any -> any any (modbus:function 43; sid:37;)",
        "alert modbus any any -> any any (modbus: access write, address 15, value <5000; sid:38;)",
        "alert modbus any any -> any any (modbus: function 23; sid:39;)",
        "alert modbus any any -> any any (modbus: function 22; sid:40;)",
        "alert modbus any any -> any any (modbus: access write holding, address 16, value 255; sid:41;)",
        "alert modbus any any -> any any (modbus: access read input, address 0<>8; sid:42;)",
        "alert tcp any any -> any any (modbus: function 7; sid:43;)",
        "alert modbus any any -> any any (modbus: function assigned, subfunction 3; sid:44;)",
        "alert modbus any any -> any any (modbus: unit 1; modbus: access read; sid:45;)",
        "alert modbus any any -> any any (app-layer-event:modbus.unsolicited_response; sid:50;)",
        "alert modbus any any -> any any (app-layer-event:modbus.invalid_function_code; sid:51;)",
        "alert modbus any any -> any any (app-layer-event:modbus.invalid_length; sid:52;)",
        "alert modbus any any -> any any (app-layer-event:modbus.invalid_value; sid:53;)",
        "alert modbus any any -> any any (app-layer-event:modbus.invalid_exception_code; sid:54;)",
        "alert modbus any any -> any any (app-layer-event:modbus.value_mismatch; sid:55;)",
        "alert modbus any any -> any any (app-layer-event:modbus.flooded; sid:56;)",
        "alert modbus any any -> any any (app-layer-event:modbus.invalid_protocol_id; sid:57;)",
        "alert modbus any any <> any any (app-layer-event:modbus.value_mismatch; sid:58;)",
        "alert tcp any any -> any any (app-layer-protocol:modbus; sid:60;)",
        "alert tcp any any -> any 502 (app-layer-protocol:failed; sid:61;)",
    };

    @Test
    void alertsAsTheReference() throws Exception {
        Trace t = capture();
        Http2Wire.writeIfAsked(t, "rampart.modbuspcap");
        DetectHarness h = new DetectHarness(RULES);
        h.config.modbusEnabled = true;
        List<String> got = h.sortedTxAlerts(t);
        assertEquals(EXPECTED, got);
    }

    @Test
    void floodAsTheReference() throws Exception {
        Trace t = floodCapture();
        Http2Wire.writeIfAsked(t, "rampart.modbusfloodpcap");
        DetectHarness h = new DetectHarness(FLOOD_RULES);
        h.config.modbusEnabled = true;
        assertEquals(FLOOD_EXPECTED, h.sortedTxAlerts(t));
    }

    /** suricata 7.0.10 on the capture: 314 alerts. */
    static final List<String> EXPECTED = List.of(
            "10@101#28", "10@104#29", "10@108#31", "10@11#1", "10@15#2", "10@19#3", "10@23#4", "10@27#5", "10@31#6",
            "10@35#7", "10@39#8", "10@43#9", "10@47#10", "10@53#12", "10@64#15", "10@66#16", "10@7#0", "10@71#17",
            "10@75#18", "10@75#19", "10@77#20", "10@83#21", "10@87#22", "10@90#23", "10@92#24", "10@94#25",
            "10@98#27", "11@50#11", "11@57#13", "11@61#14", "12@101#28", "12@104#29", "12@108#31", "12@11#1",
            "12@15#2", "12@19#3", "12@23#4", "12@27#5", "12@31#6", "12@35#7", "12@39#8", "12@43#9", "12@47#10",
            "12@50#11", "12@53#12", "12@57#13", "12@61#14", "12@64#15", "12@66#16", "12@7#0", "12@71#17", "12@75#18",
            "12@75#19", "12@77#20", "12@83#21", "12@87#22", "12@90#23", "12@92#24", "12@94#25", "12@98#27",
            "13@108#31", "13@11#1", "13@15#2", "13@19#3", "13@43#9", "13@66#16", "13@7#0", "13@75#18", "13@75#19",
            "13@77#20", "13@83#21", "13@87#22", "13@90#23", "13@92#24", "13@94#25", "13@98#27", "14@104#29",
            "14@23#4", "14@27#5", "14@31#6", "14@35#7", "14@39#8", "14@43#9", "14@71#17", "15@108#31", "15@66#16",
            "15@7#0", "15@83#21", "15@87#22", "15@90#23", "15@92#24", "15@94#25", "15@98#27", "16@11#1", "17@19#3",
            "17@75#19", "18@15#2", "18@43#9", "18@75#18", "18@77#20", "19@104#29", "19@23#4", "19@31#6", "1@108#31",
            "1@66#16", "1@7#0", "1@83#21", "1@87#22", "1@90#23", "1@92#24", "1@94#25", "1@98#27", "20@27#5",
            "20@35#7", "20@39#8", "20@43#9", "20@71#17", "21@11#1", "21@92#24", "22@108#31", "22@66#16", "22@7#0",
            "22@83#21", "22@87#22", "22@92#24", "22@94#25", "22@98#27", "23@7#0", "23@92#24", "24@35#7", "26@35#7",
            "27@35#7", "28@27#5", "29@23#4", "2@15#2", "2@75#18", "2@77#20", "30@101#28", "30@104#29", "30@108#31",
            "30@23#4", "30@27#5", "30@31#6", "30@35#7", "30@39#8", "30@43#9", "30@7#0", "30@75#18", "30@75#19",
            "30@83#21", "30@87#22", "30@90#23", "30@92#24", "30@94#25", "30@96#26", "30@98#27", "31@101#28",
            "31@104#29", "31@106#30", "31@108#31", "31@11#1", "31@23#4", "31@27#5", "31@31#6", "31@35#7", "31@39#8",
            "31@43#9", "31@7#0", "31@75#18", "31@75#19", "31@77#20", "31@83#21", "31@87#22", "31@90#23", "31@92#24",
            "31@94#25", "31@96#26", "31@98#27", "32@19#3", "32@47#10", "32@50#11", "32@53#12", "32@57#13", "32@61#14",
            "32@64#15", "32@66#16", "32@71#17", "33@15#2", "33@19#3", "33@71#17", "34@108#31", "34@7#0", "34@83#21",
            "34@87#22", "34@90#23", "34@92#24", "34@94#25", "34@98#27", "35@15#2", "36@106#30", "37@53#12", "38@43#9",
            "39@43#9", "3@47#10", "40@39#8", "41@43#9", "43@101#28", "44@101#28", "44@104#29", "44@108#31", "44@11#1",
            "44@15#2", "44@19#3", "44@23#4", "44@27#5", "44@31#6", "44@35#7", "44@39#8", "44@43#9", "44@47#10",
            "44@53#12", "44@64#15", "44@66#16", "44@7#0", "44@71#17", "44@77#20", "44@83#21", "44@87#22", "44@90#23",
            "44@92#24", "44@94#25", "44@98#27", "45@108#31", "45@43#9", "45@7#0", "45@83#21", "45@87#22", "45@90#23",
            "45@92#24", "45@94#25", "45@98#27", "4@50#11", "50@77#20", "50@79#20", "51@95#26", "51@96#26", "51@97#27",
            "51@98#27", "52@103#29", "52@104#29", "52@105#30", "52@106#30", "52@93#25", "52@94#25", "53@79#20",
            "53@89#23", "53@90#23", "53@91#24", "53@92#24", "54@83#21", "54@85#21", "54@87#22", "54@89#22", "55@15#2",
            "55@17#2", "55@27#5", "55@29#5", "55@76#18", "55@76#19", "57@65#16", "57@66#16", "58@15#2", "58@17#2",
            "58@27#5", "58@29#5", "58@76#18", "58@76#19", "5@106#30", "5@57#13", "5@61#14", "5@96#26", "60@129",
            "60@7", "60@9", "6@101#28", "6@104#29", "6@108#31", "6@11#1", "6@15#2", "6@19#3", "6@23#4", "6@27#5",
            "6@31#6", "6@35#7", "6@39#8", "6@43#9", "6@47#10", "6@53#12", "6@64#15", "6@66#16", "6@7#0", "6@71#17",
            "6@75#18", "6@75#19", "6@77#20", "6@83#21", "6@87#22", "6@90#23", "6@92#24", "6@94#25", "6@98#27",
            "8@57#13", "8@61#14", "9@50#11");

    /** suricata 7.0.10 on the flood capture (packet-alert-max 15: the newest transactions' alerts are kept). */
    static final List<String> FLOOD_EXPECTED = List.of(
            "2@10#243", "2@10#244", "2@10#245", "2@10#246", "2@10#247", "2@10#248", "2@10#249", "2@12#356",
            "2@12#357", "2@12#358", "2@12#359", "2@12#360", "2@12#361", "2@12#362", "2@12#363", "2@12#364",
            "2@12#365", "2@12#366", "2@12#367", "2@12#368", "2@12#369", "2@12#370", "2@14#478", "2@14#479",
            "2@14#480", "2@14#481", "2@14#482", "2@14#483", "2@14#484", "2@14#485", "2@14#486", "2@14#487",
            "2@14#488", "2@14#489", "2@14#490", "2@14#491", "2@14#492", "2@17#493", "2@17#494", "2@17#495",
            "2@17#496", "2@17#497", "2@17#498", "2@17#499", "2@17#500", "2@6#106", "2@6#107", "2@6#108", "2@6#109",
            "2@6#110", "2@6#111", "2@6#112", "2@6#113", "2@6#114", "2@6#115", "2@6#116", "2@6#117", "2@6#118",
            "2@6#119", "2@6#120", "2@8#228", "2@8#229", "2@8#230", "2@8#231", "2@8#232", "2@8#233", "2@8#234",
            "2@8#235", "2@8#236", "2@8#237", "2@8#238", "2@8#239", "2@8#240", "2@8#241", "2@8#242", "56@15#500",
            "56@17#500");
}

package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.testutil.Http2Wire;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SNMP as detection sees it, on generated datagrams: v1 get and an error response, a v1 trap to port
 * 162, v2c GetBulk and a v2c trap, v3 with USM in clear and encrypted, v3 with another security
 * model, a v1 message on a v2c flow, a datagram that is no SNMP after a good one, a negative request
 * id, a community that is no UTF-8, a UTF-8 community, and a flow whose first datagram is no SNMP.
 * Expected alerts ("sid@pcap_cnt#tx_id") are suricata 7.0.10's on the same capture
 * (-Drampart.snmppcap=FILE writes it).
 */
class SnmpDetectTest {
    static byte[] tlv(int tag, byte[]... parts) {
        byte[] c = Http2Wire.cat(parts);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(tag);
        if (c.length < 128) {
            o.write(c.length);
        } else {
            o.write(0x82);
            o.write(c.length >> 8);
            o.write(c.length & 0xFF);
        }
        o.writeBytes(c);
        return o.toByteArray();
    }

    static byte[] seq(byte[]... parts) {
        return tlv(0x30, parts);
    }

    static byte[] integer(long v) {
        if (v < 0) {
            return new byte[] {2, 1, (byte) v};
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        boolean started = false;
        for (int s = 24; s >= 0; s -= 8) {
            int b = (int) (v >>> s) & 0xFF;
            if (!started && b == 0 && s > 0) {
                continue;
            }
            if (!started && (b & 0x80) != 0) {
                o.write(0);
            }
            started = true;
            o.write(b);
        }
        return tlv(2, o.toByteArray());
    }

    static byte[] octets(byte[] b) {
        return tlv(4, b);
    }

    static byte[] str(String s) {
        return octets(s.getBytes(StandardCharsets.UTF_8));
    }

    /** An OID from dotted text (arcs below 2^28). */
    static byte[] oid(String dotted) {
        String[] a = dotted.split("\\.");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        long[] arcs = new long[a.length - 1];
        arcs[0] = Long.parseLong(a[0]) * 40 + Long.parseLong(a[1]);
        for (int i = 2; i < a.length; i++) {
            arcs[i - 1] = Long.parseLong(a[i]);
        }
        for (long v : arcs) {
            for (int s = 28; s > 0; s -= 7) {
                if (v >= (1L << s)) {
                    o.write((int) (0x80 | ((v >> s) & 0x7F)));
                }
            }
            o.write((int) (v & 0x7F));
        }
        return tlv(6, o.toByteArray());
    }

    static byte[] varbinds(String... oids) {
        byte[][] vb = new byte[oids.length][];
        for (int i = 0; i < oids.length; i++) {
            vb[i] = seq(oid(oids[i]), new byte[] {5, 0});
        }
        return seq(vb);
    }

    /** A generic PDU: request id, error status, error index, variables. */
    static byte[] pdu(int type, long requestId, long error, String... oids) {
        return tlv(0xA0 | type, integer(requestId), integer(error), integer(0), varbinds(oids));
    }

    static byte[] v12(int version, byte[] community, byte[] pdu) {
        return seq(integer(version), octets(community), pdu);
    }

    static byte[] v3(int flags, int model, byte[] securityParameters, byte[] data) {
        return seq(integer(3), seq(integer(77), integer(65507), octets(new byte[] {(byte) flags}), integer(model)),
                octets(securityParameters), data);
    }

    static byte[] usm(String user) {
        return seq(str("\u0080\u0000\u001f\u0088"), integer(3), integer(1200), str(user), octets(new byte[0]),
                octets(new byte[0]));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Trace capture() {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        var c = DetectHarness.CLIENT;
        var s = DetectHarness.SERVER;
        int id = 1;
        // v1 get, response with noSuchName
        t.udp(c, 40001, s, 161, id++, v12(0, ascii("public"), pdu(0, 1, 0, "1.3.6.1.2.1.1.1.0")));
        t.udp(s, 161, c, 40001, id++, v12(0, ascii("public"), pdu(2, 1, 2, "1.3.6.1.2.1.1.1.0")));
        // v1 trap to port 162
        t.udp(s, 40002, c, 162, id++, v12(0, ascii("traps"), tlv(0xA4, oid("1.3.6.1.4.1.9"),
                tlv(0x40, new byte[] {10, 0, 0, 5}), integer(6), integer(1), tlv(0x43, new byte[] {1, 0}),
                varbinds("1.3.6.1.2.1.2.2.1.1.3"))));
        // v2c GetBulk and a v2c trap on one flow
        t.udp(c, 40003, s, 161, id++, v12(1, ascii("bulk"), tlv(0xA5, integer(9), integer(0), integer(10),
                varbinds("1.3.6.1.2.1.2.2"))));
        t.udp(s, 161, c, 40003, id++, v12(1, ascii("bulk"), pdu(7, 9, 0, "1.3.6.1.6.3.1.1.4.1.0", "2.999.1")));
        // v3: USM in clear, encrypted, a report
        t.udp(c, 40004, s, 161, id++, v3(4, 3, usm("alice"), seq(str("engine"), str(""),
                pdu(0, 5, 0, "1.3.6.1.2.1.1.5.0"))));
        t.udp(c, 40004, s, 161, id++, v3(7, 3, usm("alice"), octets(ascii("ciphertext..."))));
        t.udp(s, 161, c, 40004, id++, v3(0, 3, usm("alice"), seq(str("engine"), str(""),
                pdu(8, 5, 0, "1.3.6.1.6.3.15.1.1.4.0"))));
        // v3 with another security model
        t.udp(c, 40005, s, 161, id++, v3(0, 2, ascii("opaque"), seq(str("e"), str(""), pdu(1, 6, 0, "1.3.6"))));
        // a v1 message on a v2c flow, then a datagram that is no SNMP
        t.udp(c, 40006, s, 161, id++, v12(1, ascii("mixed"), pdu(3, 7, 0, "1.3.6.1.2.1.1.6.0")));
        t.udp(c, 40006, s, 161, id++, v12(0, ascii("mixed"), pdu(0, 8, 0, "1.3.6.1.2.1.1.6.0")));
        t.udp(s, 161, c, 40006, id++, ascii("not snmp at all"));
        // a negative request id, a community that is no UTF-8, a UTF-8 one
        t.udp(c, 40007, s, 161, id++, v12(1, ascii("neg"), pdu(0, -5, 0, "1.3.6.1.2.1.1.1.0")));
        t.udp(c, 40007, s, 161, id++, v12(1, new byte[] {(byte) 0xff, 'x'}, pdu(0, 9, 0, "1.3.6.1.2.1.1.1.0")));
        t.udp(c, 40007, s, 161, id++, v12(1, ascii("caf\u00e9"), pdu(6, 10, 0, "1.3.6.1.2.1.1.1.0")));
        // a first datagram that is no SNMP: the flow is not
        t.udp(c, 40008, s, 161, id++, ascii("hello"));
        t.udp(c, 40008, s, 161, id++, v12(1, ascii("public"), pdu(0, 11, 0, "1.3.6.1.2.1.1.1.0")));
        return t;
    }

    static final String[] RULES = {
        "alert snmp any any -> any any (snmp.version:1; sid:1;)",
        "alert snmp any any -> any any (snmp.version:2; sid:2;)",
        "alert snmp any any -> any any (snmp.version:3; sid:3;)",
        "alert snmp any any -> any any (snmp.pdu_type:0; sid:10;)",
        "alert snmp any any -> any any (snmp.pdu_type:2; sid:12;)",
        "alert snmp any any -> any any (snmp.pdu_type:4; sid:14;)",
        "alert snmp any any -> any any (snmp.pdu_type:5; sid:15;)",
        "alert snmp any any -> any any (snmp.pdu_type:7; sid:17;)",
        "alert snmp any any -> any any (snmp.pdu_type:8; sid:18;)",
        "alert snmp any any -> any any (snmp.community; content:\"public\"; sid:20;)",
        "alert snmp any any -> any any (snmp.community; content:\"caf|c3 a9|\"; sid:21;)",
        "alert snmp any any -> any any (snmp.community; bsize:>0; sid:22;)",
        "alert snmp any any -> any any (snmp.usm; content:\"alice\"; sid:23;)",
        "alert snmp any any -> any any (app-layer-event:snmp.malformed_data; sid:30;)",
        "alert snmp any any -> any any (app-layer-event:snmp.unknown_security_model; sid:31;)",
        "alert snmp any any -> any any (app-layer-event:snmp.version_mismatch; sid:32;)",
        "alert udp any any -> any any (app-layer-protocol:snmp; sid:40;)",
        "alert snmp any any -> any any (flow:to_client; snmp.version:>0; sid:41;)",
    };

    @Test
    void alertsAsTheReference() throws Exception {
        Trace t = capture();
        Http2Wire.writeIfAsked(t, "rampart.snmppcap");
        DetectHarness h = new DetectHarness(RULES);
        assertEquals(EXPECTED, h.sortedTxAlerts(t));
    }

    /** suricata 7.0.10 on the capture: 53 alerts, their snmp objects equal too. */
    static final List<String> EXPECTED = List.of(
            "10@1#0", "10@11#1", "10@6#0", "12@2#1", "14@3#0", "15@4#0", "17@5#1", "18@8#2", "1@1#0", "1@2#1",
            "1@3#0", "20@1#0", "20@2#1", "21@15#0", "22@1#0", "22@10#0", "22@11#1", "22@15#0", "22@2#1", "22@3#0",
            "22@4#0", "22@5#1", "23@6#0", "23@7#1", "23@8#2", "2@10#0", "2@11#1", "2@15#0", "2@4#0", "2@5#1",
            "31@9#0", "32@11#1", "3@6#0", "3@7#1", "3@8#2", "3@9#0", "40@1", "40@10", "40@11", "40@12", "40@13",
            "40@14", "40@2", "40@3", "40@4", "40@5", "40@6", "40@7", "40@8", "40@9", "41@2#1", "41@5#1", "41@8#2");
}

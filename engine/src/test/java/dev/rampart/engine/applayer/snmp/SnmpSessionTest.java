package dev.rampart.engine.applayer.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.AppProtoDetector;
import dev.rampart.engine.applayer.Slice;
import org.junit.jupiter.api.Test;

class SnmpSessionTest {
    private final SnmpCounters counters = new SnmpCounters();
    private final SnmpSession s = new SnmpSession(counters);

    private static byte[] hex(String h) {
        h = h.replace(" ", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    /** v2c GetNextRequest, community "[R0_C@cti!]", variable 0.1 (the first datagram of snmp-v2c-get). */
    private static final byte[] GET_NEXT = hex("3027 020101 040b 5b52305f4340637469215d a115 0204 2b133f85 020100 020100"
            + " 3007 3005 060101 0500");

    private void send(boolean toServer, byte[] b) {
        s.onDatagram(toServer, b, 0, b.length);
    }

    private String eve(int i) {
        StringBuilder b = new StringBuilder();
        s.appendEve(s.tx(i), b);
        return b.toString();
    }

    @Test
    void v2cRequestIsATransactionOfItsDirection() {
        assertEquals(AppProto.SNMP, AppProtoDetector.detect(17, true, GET_NEXT, 0, GET_NEXT.length, 40000, 161));
        send(true, GET_NEXT);
        assertEquals(1, s.txCount());
        SnmpTx tx = (SnmpTx) s.tx(0);
        assertTrue(s.txInDirection(tx, true));
        assertFalse(s.txInDirection(tx, false));
        assertEquals(2, tx.version());
        assertEquals(1, tx.pduType());
        Slice out = new Slice();
        assertTrue(tx.community(out));
        assertEquals("[R0_C@cti!]", new String(out.array, out.offset, out.length, java.nio.charset.StandardCharsets.UTF_8));
        assertFalse(tx.usm(out));
        assertEquals("\"snmp\":{\"version\":2,\"pdu_type\":\"get_next_request\",\"vars\":[\"0.1\"],"
                + "\"community\":\"[R0_C@cti!]\"}", eve(0));
    }

    @Test
    void malformedDatagramMarksTheLastTransaction() {
        send(false, hex("0102 0304"));
        assertEquals(0, s.txCount());
        assertEquals(1, s.parseErrors());
        send(true, GET_NEXT);
        send(true, hex("3003 020101"));
        assertEquals(1, s.txCount());
        assertEquals(2, s.parseErrors());
        assertTrue(((SnmpTx) s.tx(0)).hasEvent(SnmpEvent.MALFORMED_DATA));
    }

    @Test
    void probeWantsAnEnvelopeOfThreeOrFourElements() {
        assertEquals(AppProto.SNMP, SnmpSession.probe(GET_NEXT, 0, GET_NEXT.length));
        assertEquals(AppProto.FAILED, SnmpSession.probe(hex("300300"), 0, 3), "fewer than 4 bytes");
        assertEquals(AppProto.FAILED, SnmpSession.probe(hex("3006 020102 040100"), 0, 8), "version 2 is not SNMP's");
        assertEquals(AppProto.FAILED, SnmpSession.probe(GET_NEXT, 0, GET_NEXT.length - 1), "cut");
        assertEquals(AppProto.SNMP, SnmpSession.probe(hex("300c 020103 3000 0400 0403 000000"), 0, 14), "v3 with four elements");
        assertEquals(AppProto.FAILED, AppProtoDetector.detect(17, true, GET_NEXT, 0, GET_NEXT.length, 40000, 163));
    }

    @Test
    void oidsPrintTheirFirstByteAsTwoArcs() {
        Ber b = new Ber(hex("0603 883701"), 0, 5);
        assertTrue(b.next(Ber.OID));
        assertEquals("3.16.55.1", b.oid());
        Ber c = new Ber(hex("0602 2b86"), 0, 4);
        assertTrue(c.next(Ber.OID));
        assertEquals(null, c.oid(), "a cut arc");
    }
}

package dev.rampart.engine.applayer.ike;

import static dev.rampart.engine.testutil.IkeWire.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.applayer.Slice;
import org.junit.jupiter.api.Test;

class IkeSessionTest {
    private final IkeCounters counters = new IkeCounters();
    private final IkeSession s = new IkeSession(counters);

    private void send(boolean toServer, byte[] m) {
        s.onDatagram(toServer, m, 0, m.length);
    }

    private IkeTx tx(int i) {
        return (IkeTx) s.tx(i);
    }

    private static String text(Slice x) {
        return new String(x.array, x.offset, x.length, java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void ikev1PayloadsAreRead() {
        byte[] sa = payload(4, sa(1, payload(0, proposal(1, payload(0, transform(1, tv(1, 7), tlv4(12, 86400), tv(14, 128)))))));
        send(false, message(0xA1L, 0xB2L, 1, 0x10, 2, 0, 0, cat(sa, payload(13, bytes(4, 0x11)), payload(0, bytes(16, 0xAB)))));
        assertEquals(1, s.txCount());
        IkeTx t = tx(0);
        Slice out = new Slice();
        assertTrue(t.initSpi(out));
        assertEquals("00000000000000a1", text(out));
        assertEquals(7, t.chosenAttribute(1));
        assertEquals(86400, t.chosenAttribute(12), "a 4-byte variable attribute is a number");
        assertEquals(-1, t.chosenAttribute(2));
        assertEquals(4, t.keyExchangeLength());
        assertTrue(t.vendor(0, out));
        assertEquals("abababababababababababababababab", text(out));
        assertFalse(t.vendor(1, out));
        assertEquals(2, t.exchangeType());
    }

    @Test
    void aCutSecurityAssociationMakesNoTransaction() {
        send(true, message(1, 0, 1, 0x10, 2, 0, 0, payload(0, new byte[] {0, 0, 0})));
        assertEquals(0, s.txCount());
        send(true, message(1, 0, 0, 0x10, 2, 0, 0, new byte[0]));
        assertEquals(1, s.txCount());
        assertEquals(1, tx(0).id(), "the unreadable message used up id 0");
        assertEquals(0, s.parseErrors());
    }

    @Test
    void shortOrUnknownVersionDatagramsAreParserErrors() {
        send(true, bytes(27, 0x10));
        send(true, message(1, 0, 0, 0x30, 2, 0, 0, new byte[0]));
        assertEquals(0, s.txCount());
        assertEquals(2, s.parseErrors());
    }

    @Test
    void encryptedPayloadsAndIkev2HeadersOnly() {
        send(true, message(1, 2, 5, 0x10, 2, 1, 0, bytes(30, 4)));
        assertEquals(-1, tx(0).keyExchangeLength());
        send(true, message(1, 2, 33, 0x20, 34, 8, 0, payload(0, bytes(8, 4))));
        assertEquals(34, tx(1).exchangeType());
        assertEquals(-1, tx(1).chosenAttribute(1));
    }

    @Test
    void chainCutShortIsExtraDataOnTheNewestTransaction() {
        send(true, message(1, 0, 0, 0x10, 2, 0, 0, new byte[0]));
        send(false, message(1, 2, 10, 0x10, 2, 0, 0, cat(payload(0, bytes(8, 1)), new byte[] {9, 9})));
        assertTrue(tx(0).hasEvent(IkeEvent.PAYLOAD_EXTRA_DATA), "raised on the transaction before the message's");
        assertFalse(tx(1).hasEvent(IkeEvent.PAYLOAD_EXTRA_DATA));
        assertEquals(8, tx(1).nonceLength());
    }

    @Test
    void probeAsSuricatas() {
        assertTrue(IkeSession.probe(message(1, 0, 0, 0x10, 2, 0, 0, new byte[0]), 0, 28));
        byte[] v2 = message(1, 0, 0, 0x20, 34, 8, 0, bytes(4, 0));
        assertTrue(IkeSession.probe(v2, 0, v2.length));
        assertFalse(IkeSession.probe(v2, 0, v2.length - 1), "IKEv2 length must be the datagram's");
        assertFalse(IkeSession.probe(message(1, 0, 0, 0x21, 34, 8, 0, new byte[0]), 0, 28), "IKEv2 minor version");
        assertFalse(IkeSession.probe(message(1, 0, 0, 0x20, 2, 8, 0, new byte[0]), 0, 28), "IKEv2 exchange type");
        assertFalse(IkeSession.probe(bytes(27, 0x10), 0, 27));
    }
}

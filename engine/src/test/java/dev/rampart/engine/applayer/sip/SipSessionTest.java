package dev.rampart.engine.applayer.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.applayer.Slice;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipSessionTest {
    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static final byte[] INVITE = b("INVITE sip:bob@example.com SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n");
    private static final byte[] TRYING = b("SIP/2.0 100 Trying\r\nCSeq: 1 INVITE\r\n\r\n");

    @Test
    void eachParsedDatagramIsATransactionOfItsDirection() {
        SipSession s = new SipSession();
        s.onDatagram(true, INVITE, 0, INVITE.length);
        s.onDatagram(false, TRYING, 0, TRYING.length);
        assertEquals(2, s.txCount());
        assertEquals(0, s.txId(s.tx(0)));
        assertEquals(1, s.txId(s.tx(1)));
        assertTrue(s.txInDirection(s.tx(0), true));
        assertFalse(s.txInDirection(s.tx(0), false));
        assertTrue(s.txInDirection(s.tx(1), false));
        Slice f = new Slice();
        assertTrue(((SipTransaction) s.tx(1)).message().statusCode(f));
        assertEquals("100", f.toString());
        assertEquals(0, s.parseErrors());
    }

    @Test
    void theTransactionKeepsItsOwnCopy() {
        SipSession s = new SipSession();
        byte[] d = INVITE.clone();
        s.onDatagram(true, d, 0, d.length);
        java.util.Arrays.fill(d, (byte) 'X'); // the app layer reuses its datagram buffer
        Slice f = new Slice();
        assertTrue(((SipTransaction) s.tx(0)).message().method(f));
        assertEquals("INVITE", f.toString());
    }

    @Test
    void rejectedDatagramsAreCountedErrorsWithoutATransaction() {
        SipSession s = new SipSession();
        s.onDatagram(false, INVITE, 0, INVITE.length); // a request toward the client
        s.onDatagram(true, INVITE, 0, 10); // cut short
        assertEquals(0, s.txCount());
        assertEquals(2, s.parseErrors());
        assertEquals(1, s.invalid());
        assertEquals(1, s.incomplete());
        // ids are not consumed by errors
        s.onDatagram(true, INVITE, 0, INVITE.length);
        assertEquals(0, s.txId(s.tx(0)));
    }

    @Test
    void pendingTransactionsAreBoundedAndReleased() {
        SipSession s = new SipSession();
        for (int i = 0; i < SipSession.MAX_PENDING + 3; i++) {
            s.onDatagram(true, INVITE, 0, INVITE.length);
        }
        assertEquals(SipSession.MAX_PENDING, s.txCount());
        assertEquals(3, s.dropped());
        s.release(10);
        assertEquals(SipSession.MAX_PENDING - 10, s.txCount());
        assertEquals(10, s.txId(s.tx(0)));
        // released slots are reused for new messages
        s.onDatagram(false, TRYING, 0, TRYING.length);
        assertEquals(SipSession.MAX_PENDING - 9, s.txCount());
        assertEquals(SipSession.MAX_PENDING + 3, s.txId(s.tx(s.txCount() - 1)));
    }

    @Test
    void aLongMessageKeepsItsHeadOnly() {
        StringBuilder m = new StringBuilder("MESSAGE sip:bob@example.com SIP/2.0\r\nContent-Length: 9000\r\n\r\n");
        m.append("x".repeat(9000));
        byte[] d = b(m.toString());
        SipSession s = new SipSession();
        s.onDatagram(true, d, 0, d.length);
        assertEquals(1, s.txCount());
        assertEquals(1, s.truncated());
        Slice f = new Slice();
        assertTrue(((SipTransaction) s.tx(0)).message().uri(f));
        assertEquals("sip:bob@example.com", f.toString());
    }

    @Test
    void alertObjectAsSuricataLogsIt() {
        SipSession s = new SipSession();
        s.onDatagram(true, INVITE, 0, INVITE.length);
        s.onDatagram(false, TRYING, 0, TRYING.length);
        StringBuilder out = new StringBuilder();
        assertTrue(s.appendEve(s.tx(0), out));
        assertEquals("\"sip\":{\"method\":\"INVITE\",\"uri\":\"sip:bob@example.com\",\"version\":\"SIP/2.0\","
                + "\"request_line\":\"INVITE sip:bob@example.com SIP/2.0\"}", out.toString());
        out.setLength(0);
        assertTrue(s.appendEve(s.tx(1), out));
        assertEquals("\"sip\":{\"version\":\"SIP/2.0\",\"code\":\"100\",\"reason\":\"Trying\","
                + "\"response_line\":\"SIP/2.0 100 Trying\"}", out.toString());
    }

    /** Over TCP (Suricata 8): messages framed by the empty line and Content-Length, whatever the segments. */
    @Test
    void aStreamIsFramedIntoMessages() {
        byte[] ok = b("SIP/2.0 200 OK\r\nCSeq: 1 REGISTER\r\nContent-Length: 5\r\n\r\nhelloSIP/2.0 180 Ringing\r\nl: 0\r\n\r\n");
        for (int seg : new int[] {1, 7, ok.length}) {
            SipSession s = new SipSession();
            for (int i = 0; i < ok.length; i += seg) {
                s.onData(false, ok, i, Math.min(seg, ok.length - i));
            }
            assertEquals(2, s.txCount(), "segments of " + seg);
            Slice f = new Slice();
            assertTrue(((SipTransaction) s.tx(0)).message().statusCode(f));
            assertEquals("200", f.toString());
            assertTrue(((SipTransaction) s.tx(1)).message().statusCode(f));
            assertEquals("180", f.toString());
            assertEquals(0, s.parseErrors());
        }
    }

    @Test
    void aStreamMessageWithoutAnEndIsDroppedAtTheLimit() {
        SipSession s = new SipSession();
        byte[] head = b("SIP/2.0 200 OK\r\nX: ");
        s.onData(false, head, 0, head.length);
        byte[] filler = new byte[SipSession.MAX_STREAM_MESSAGE];
        java.util.Arrays.fill(filler, (byte) 'a');
        s.onData(false, filler, 0, filler.length);
        assertEquals(1, s.parseErrors());
        assertEquals(0, s.txCount());
        assertTrue(s.streamBytesIgnored() >= SipSession.MAX_STREAM_MESSAGE);
    }
}

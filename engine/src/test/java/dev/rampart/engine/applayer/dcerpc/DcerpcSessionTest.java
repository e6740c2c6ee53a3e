package dev.rampart.engine.applayer.dcerpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.applayer.Slice;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The DCERPC parser on chunks, as the app layer hands them (one chunk per {@link DcerpcSession#onChunkEnd}). */
class DcerpcSessionTest {
    private static final String A = "11111111-2222-3333-4444-555555555555";
    private static final String B = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    private static void chunk(DcerpcSession s, boolean toServer, byte[]... parts) {
        for (byte[] p : parts) {
            s.onData(toServer, p, 0, p.length);
        }
        s.onChunkEnd(toServer);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String stub(DcerpcTx tx, boolean toServer) {
        Slice out = new Slice();
        return tx.stub(toServer, out) ? out.toString() : null;
    }

    private static DcerpcSession bound() {
        DcerpcSession s = new DcerpcSession();
        chunk(s, true, DcerpcPdus.bind(1, 3, DcerpcPdus.item(0, A, 1), DcerpcPdus.item(1, B, 2)));
        chunk(s, false, DcerpcPdus.bindAck(1, 0, 2));
        return s;
    }

    @Test
    void aBindAndItsAcknowledgementListTheAcceptedInterfaces() {
        DcerpcSession s = bound();
        assertEquals(1, s.accepted().size(), "the second context was rejected");
        DcerpcInterface i = s.accepted().get(0);
        assertEquals(A, i.uuidText());
        assertEquals(0, i.ctxId());
        assertEquals(1, i.major());
        assertTrue(i.firstFrag());
        assertEquals(1, s.txCount());
        DcerpcTx tx = (DcerpcTx) s.tx(0);
        assertEquals(DcerpcSession.BIND, tx.requestType());
        assertEquals(DcerpcSession.BIND_ACK, tx.responseType());
        assertTrue(s.txComplete(tx, true) && s.txComplete(tx, false));
        assertEquals(1, s.rawInspectTriggers(true));
        assertEquals(1, s.rawInspectTriggers(false));
    }

    @Test
    void aRequestsStubStartsAfterItsHeaderAResponsesIncludesIt() {
        DcerpcSession s = bound();
        chunk(s, true, DcerpcPdus.request(2, 0, 7, 3, b("REQ")));
        DcerpcTx tx = (DcerpcTx) s.tx(1);
        assertEquals(7, tx.opnum());
        assertEquals(2, tx.callId());
        assertTrue(tx.requestSeen());
        assertEquals("REQ", stub(tx, true));
        assertTrue(s.txComplete(tx, true));
        assertFalse(s.txComplete(tx, false));
        chunk(s, false, DcerpcPdus.response(2, b("RESP")));
        assertEquals(1 + 1, s.txCount(), "the response pairs with the request's transaction");
        assertEquals(8 + 4, tx.stubLength(false), "alloc hint, context id, cancel count and reserved, then the stub");
        assertTrue(stub(tx, false).endsWith("RESP"));
        assertEquals(0, s.parseErrors());
    }

    @Test
    void aPduSplitOverChunksIsParsedWhenWhole() {
        DcerpcSession s = bound();
        byte[] r = DcerpcPdus.request(2, 0, 7, 3, b("split-stub-bytes"));
        s.onData(true, r, 0, 10);
        s.onChunkEnd(true);
        assertEquals(1, s.txCount(), "a header not yet whole is held");
        s.onData(true, r, 10, 10);
        s.onChunkEnd(true);
        assertEquals(1, s.txCount(), "a PDU not yet whole is held");
        s.onData(true, r, 20, r.length - 20);
        s.onChunkEnd(true);
        assertEquals(2, s.txCount());
        assertEquals("split-stub-bytes", stub((DcerpcTx) s.tx(1), true));
    }

    @Test
    void onePduIsTakenPerChunkAndTheRestDropped() {
        DcerpcSession s = bound();
        // what follows the first PDU is shorter than its stub: dropped, no error
        byte[] first = DcerpcPdus.request(2, 0, 7, 3, b("a long enough stub to outweigh the next"));
        chunk(s, true, first, DcerpcPdus.request(3, 0, 8, 3, b("x")));
        assertEquals(2, s.txCount());
        assertEquals(0, s.parseErrors());
        // the same two PDUs in chunks of their own are both parsed
        DcerpcSession t = bound();
        chunk(t, true, first);
        chunk(t, true, DcerpcPdus.request(3, 0, 8, 3, b("x")));
        assertEquals(3, t.txCount());
    }

    @Test
    void bytesAfterThePduThatOutnumberItsStubAreAnError() {
        DcerpcSession s = bound();
        chunk(s, true, DcerpcPdus.request(2, 0, 7, 3, b("x")), DcerpcPdus.request(3, 0, 8, 3, b("longer second stub")));
        assertEquals(1, s.parseErrors());
        DcerpcTx tx = (DcerpcTx) s.tx(1);
        assertTrue(s.txComplete(tx, false), "an error ends the flow's parsing: everything is complete");
        chunk(s, false, DcerpcPdus.response(2, b("late")));
        assertEquals(0, tx.stubLength(false), "nothing is parsed after the error");
    }

    @Test
    void aFaultIsAnError() {
        DcerpcSession s = bound();
        chunk(s, true, DcerpcPdus.request(2, 0, 7, 3, b("x")));
        chunk(s, false, DcerpcPdus.fault(2));
        assertEquals(1, s.parseErrors());
        chunk(s, true, DcerpcPdus.request(3, 0, 7, 3, b("y")));
        assertEquals(2, s.txCount());
    }

    @Test
    void eachRequestFragmentOpensATransaction() {
        DcerpcSession s = bound();
        chunk(s, true, DcerpcPdus.request(2, 0, 7, 1, b("first")));
        chunk(s, true, DcerpcPdus.request(2, 0, 7, 2, b("last")));
        assertEquals(3, s.txCount());
        chunk(s, false, DcerpcPdus.response(2, b("r")));
        assertTrue(((DcerpcTx) s.tx(1)).responseDone(), "the response goes to the oldest open one");
        assertFalse(((DcerpcTx) s.tx(2)).responseDone());
    }

    @Test
    void bigEndianFieldsAndUuids() {
        DcerpcSession s = new DcerpcSession();
        chunk(s, true, DcerpcPdus.binding(DcerpcSession.BIND, 1, 3, false, DcerpcPdus.item(4, B, 3, false)));
        chunk(s, false, DcerpcPdus.bindAck(1, 0));
        DcerpcInterface i = s.accepted().get(0);
        assertEquals(B, i.uuidText());
        assertEquals(4, i.ctxId());
        assertEquals(3, i.major());
        chunk(s, true, DcerpcPdus.request(2, 4, 0x102, 3, b("z"), false));
        DcerpcTx tx = (DcerpcTx) s.tx(1);
        assertEquals(0x102, tx.opnum());
        assertEquals(4, tx.ctxId());
        assertFalse(tx.littleEndian());
    }

    @Test
    void theOtherDirectionSendingWhileHalfAPduIsHeldIsAnError() {
        DcerpcSession s = new DcerpcSession();
        byte[] r = DcerpcPdus.request(2, 0, 7, 3, b("stub"));
        chunk(s, true, java.util.Arrays.copyOf(r, 20));
        chunk(s, true, java.util.Arrays.copyOfRange(r, 20, 22));
        chunk(s, false, DcerpcPdus.response(2, b("r")));
        assertEquals(1, s.parseErrors());
    }

    @Test
    void heldBytesAreBoundedAtOneMebibyte() {
        DcerpcSession s = new DcerpcSession();
        byte[] junk = new byte[64 * 1024];
        for (int i = 0; i < 16; i++) {
            chunk(s, true, junk); // not a header: held as an incomplete one
        }
        assertEquals(0, s.parseErrors());
        chunk(s, true, new byte[1]);
        assertEquals(1, s.parseErrors(), "past 1 MiB held the parser gives up");
    }

    @Test
    void aGapIsAnError() {
        DcerpcSession s = bound();
        s.onGap(true, 100);
        assertEquals(1, s.parseErrors());
    }
}

package dev.rampart.engine.applayer.nfs;

import static dev.rampart.engine.testutil.NfsWire.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NfsSessionTest {
    /** One line per transaction: id, xid, procedures, version, file direction, progress, events. */
    static String dump(NfsSession s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.txCount(); i++) {
            NfsTx t = (NfsTx) s.tx(i);
            sb.append(t.id()).append(" x").append(t.xid()).append(" p");
            for (int p = 0; t.procedure(p) >= 0; p++) {
                sb.append(p > 0 ? "," : "").append(t.procedure(p));
            }
            sb.append(" v").append(t.version()).append(t.fileTx() ? t.fileToServer ? " fileTS" : " fileTC" : "")
                    .append(t.requestDone() ? " req" : "").append(t.responseDone() ? " resp" : "")
                    .append(t.hasEvent(NfsTx.EVENT_MALFORMED_DATA) ? " M" : "").append('\n');
        }
        return sb.toString();
    }

    private static void tcp(NfsSession s, boolean toServer, byte[] b) {
        s.onData(toServer, b, 0, b.length);
        s.onChunkEnd(toServer);
    }

    private static void udp(NfsSession s, boolean toServer, byte[] b) {
        s.onDatagram(toServer, b, 0, b.length);
    }

    @Test
    void v3CallsMakeTransactionsAndRepliesAnswerThem() {
        NfsSession s = new NfsSession();
        udp(s, true, call(1, 3, 1, x().opaque(handle(1)).bytes()));
        udp(s, false, reply(1, x().u32(0).bytes()));
        udp(s, true, call(2, 3, 7, write3(handle(1), 0, "abc".getBytes(), 0)));
        udp(s, true, call(3, 3, 21, x().opaque(handle(1)).u64(0).u32(0).bytes()));
        udp(s, true, call(4, 3, 6, x().opaque(handle(2)).u64(0).u32(3).bytes()));
        udp(s, false, reply(4, read3Reply("abc".getBytes(), true)));
        udp(s, false, reply(99, x().u32(0).bytes())); // no call: nothing
        assertEquals("""
                0 x1 p1 v3 req resp
                1 x2 p7,21 v3 fileTS req
                2 x4 p6 v3 fileTC req resp
                """, dump(s));
    }

    @Test
    void v4CompoundsMakeTransactionsForCreateRemoveAndWrite() {
        NfsSession s = new NfsSession();
        tcp(s, true, record(call(1, 4, 1, compound(putfh(handle(1)), write4("hi".getBytes(), 2)))));
        tcp(s, true, record(call(2, 4, 1, compound(putfh(handle(1)), getattr4()))));
        tcp(s, true, record(call(3, 4, 1, compound(putfh(handle(1)), remove4("a")))));
        tcp(s, true, record(call(4, 4, 1, compound(putfh(handle(1)), x().u32(11).string("x").bytes()))));
        assertEquals("""
                0 x1 p38 v4 fileTS req
                1 x3 p28 v4 req M
                """, dump(s));
        assertEquals(0, s.parseErrors());
    }

    @Test
    void recordsAreReadWhateverTheSegmentation() {
        byte[] all = concat(record(call(1, 3, 1, x().opaque(handle(1)).bytes())),
                record(call(2, 3, 4, x().opaque(handle(1)).u32(1).bytes())),
                record(call(3, 3, 7, write3(handle(2), 0, new byte[100], 2))));
        NfsSession whole = new NfsSession();
        tcp(whole, true, all);
        for (int cut = 1; cut < all.length; cut++) {
            NfsSession s = new NfsSession();
            tcp(s, true, Arrays.copyOfRange(all, 0, cut));
            tcp(s, true, Arrays.copyOfRange(all, cut, all.length));
            assertEquals(dump(whole), dump(s), "cut at " + cut);
        }
        assertEquals("""
                0 x1 p1 v3 req
                1 x2 p4 v3 req
                2 x3 p7 v3 fileTS req
                """, dump(whole));
    }

    @Test
    void aLargeWriteIsReadFromItsHeaderAndItsDataSkipped() {
        byte[] rec = record(call(5, 3, 7, write3(handle(3), 0, new byte[5000], 0)));
        byte[] next = record(call(6, 3, 1, x().opaque(handle(3)).bytes()));
        NfsSession s = new NfsSession();
        tcp(s, true, Arrays.copyOfRange(rec, 0, 1400));
        assertEquals("0 x5 p7 v3 fileTS\n", dump(s)); // the transaction exists before the data is all there
        tcp(s, true, Arrays.copyOfRange(rec, 1400, 4000));
        tcp(s, true, concat(Arrays.copyOfRange(rec, 4000, rec.length), next));
        assertEquals("0 x5 p7 v3 fileTS\n1 x6 p1 v3 req\n", dump(s));
        assertEquals(0, s.parseErrors());
    }

    @Test
    void aBadRecordMarkEndsParsingAndAMalformedRecordDoesNot() {
        NfsSession s = new NfsSession();
        tcp(s, true, record(call(1, 3, 1, x().opaque(handle(1)).bytes())));
        // a whole record whose RPC header does not read (credentials longer than the record): an event
        tcp(s, true, record(x().u32(2).u32(0).u32(2).u32(100003).u32(3).u32(1).u32(1).u32(4000).bytes()));
        assertEquals("0 x1 p1 v3 req M\n", dump(s));
        assertEquals(0, s.parseErrors());
        tcp(s, true, x().u32(0x8000_0005L).u32(7).u32(0).bytes()); // length 5 < 24
        assertEquals(1, s.parseErrors());
        tcp(s, true, record(call(9, 3, 1, x().opaque(handle(1)).bytes())));
        assertEquals("0 x1 p1 v3 req M\n", dump(s));
    }

    @Test
    void aGapIsSkippedUntilARecordStarts() {
        NfsSession s = new NfsSession();
        tcp(s, true, record(call(1, 3, 1, x().opaque(handle(1)).bytes())));
        s.onGap(true, 100);
        tcp(s, true, concat(new byte[] {1, 2, 3, 4, 5}, record(call(2, 3, 4, x().opaque(handle(1)).u32(1).bytes()))));
        assertEquals("0 x1 p1 v3 req\n1 x2 p4 v3 req\n", dump(s));
        assertEquals(5, s.counters().bytesSkippedAfterGap());
    }

    @Test
    void probes() {
        byte[] c = record(call(1, 3, 1, x().opaque(handle(1)).bytes()));
        assertEquals(NfsSession.PROBE_NFS, NfsSession.probe(c, 0, c.length, true));
        assertEquals(NfsSession.PROBE_NEED_MORE, NfsSession.probe(c, 0, 20, true));
        byte[] v2 = record(call(1, 2, 1, handle(1)));
        assertEquals(NfsSession.PROBE_NOT_NFS, NfsSession.probe(v2, 0, v2.length, true)); // TCP: v3 and v4 only
        byte[] r = record(reply(1, x().u32(0).bytes()));
        assertEquals(NfsSession.PROBE_NFS, NfsSession.probe(r, 0, r.length, false));
        assertTrue(NfsSession.probeUdp(call(1, 2, 1, handle(1)), 0, call(1, 2, 1, handle(1)).length, true));
        byte[] v4 = call(1, 4, 1, compound());
        assertEquals(false, NfsSession.probeUdp(v4, 0, v4.length, true)); // UDP: v2 and v3 only
    }

    @Test
    void alertObjectsNameTheHandleAsSuricataDoes() {
        NfsSession s = new NfsSession();
        udp(s, true, call(1, 3, 3, x().opaque(handle(1)).string("a").bytes())); // LOOKUP "a" in directory 1
        udp(s, false, reply(1, x().u32(0).opaque(handle(2)).u32(0).bytes())); // its handle: 2
        udp(s, true, call(2, 3, 1, x().opaque(handle(2)).bytes())); // GETATTR of handle 2
        StringBuilder out = new StringBuilder();
        assertTrue(s.appendEve(s.tx(1), out));
        assertEquals("\"rpc\":{\"xid\":2,\"status\":\"ACCEPTED\",\"auth_type\":\"UNIX\",\"creds\":{"
                + "\"machine_name\":\"client\",\"uid\":0,\"gid\":0}},\"nfs\":{\"version\":3,\"procedure\":\"GETATTR\","
                + "\"filename\":\"a\",\"hhash\":\"ef7dc16f\",\"id\":2,\"file_tx\":false,\"type\":\"response\","
                + "\"status\":\"OK\"}", out.toString());
        out.setLength(0);
        s.appendEve(s.tx(0), out); // the LOOKUP took the handle its reply gave
        assertTrue(out.toString().contains("\"filename\":\"a\",\"hhash\":\"ef7dc16f\""), out.toString());
    }

    @Test
    void malformedDatagramsNeverThrow() {
        NfsSession s = new NfsSession();
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < 20000; i++) {
            byte[] b = call(i, 2 + rnd.nextInt(3), rnd.nextInt(40), new byte[rnd.nextInt(64)]);
            for (int k = 0; k < 3; k++) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt();
            }
            s.onDatagram(rnd.nextBoolean(), b, 0, b.length);
            s.release(s.txOpened() - 10);
        }
        assertTrue(s.txCount() <= NfsSession.MAX_TX + 1);
    }
}

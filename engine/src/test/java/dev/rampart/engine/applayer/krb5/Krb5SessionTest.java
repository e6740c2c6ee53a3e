package dev.rampart.engine.applayer.krb5;

import static dev.rampart.engine.testutil.Krb5Wire.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.applayer.Slice;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Krb5SessionTest {
    static final String REALM = "CORP.EXAMPLE";

    /** One line per transaction: id, direction, type, failed request, error code, names, etypes, events. */
    static String dump(Krb5Session s) {
        StringBuilder sb = new StringBuilder();
        Slice out = new Slice();
        for (int i = 0; i < s.txCount(); i++) {
            Krb5Tx t = (Krb5Tx) s.tx(i);
            sb.append(t.id()).append(t.toServer() ? " ts " : " tc ").append(t.msgType()).append(' ')
                    .append(t.failedRequest()).append(' ').append(t.errorCode()).append(' ');
            for (int c = 0; t.cname(c, out); c++) {
                sb.append(c > 0 ? "/" : "").append(out);
            }
            sb.append('@').append(t.realm(out) ? out : "-").append(' ');
            for (int c = 0; t.sname(c, out); c++) {
                sb.append(c > 0 ? "/" : "").append(out);
            }
            sb.append(' ').append(t.etype()).append(' ').append(t.ticketEtype()).append(' ')
                    .append(t.hasEvent(Krb5Tx.EVENT_MALFORMED_DATA) ? "M" : "")
                    .append(t.hasEvent(Krb5Tx.EVENT_WEAK_ENCRYPTION) ? "W" : "").append('\n');
        }
        return sb.toString();
    }

    @Test
    void eachMessageIsATransactionInItsDirection() {
        Krb5Session s = new Krb5Session();
        s.onDatagram(true, asReq("alice", REALM, "krbtgt", REALM), 0, asReq("alice", REALM, "krbtgt", REALM).length);
        byte[] e = krbError(25, REALM, null, "krbtgt", REALM);
        s.onDatagram(false, e, 0, e.length);
        byte[] rep = kdcRep(11, REALM, "alice", 23, 18, "krbtgt", REALM);
        s.onDatagram(false, rep, 0, rep.length);
        byte[] tgs = tgsReq(REALM, "cifs", "fs01");
        s.onDatagram(true, tgs, 0, tgs.length);
        byte[] tgsRep = kdcRep(13, REALM, "alice", 18, 23, "cifs", "fs01");
        s.onDatagram(false, tgsRep, 0, tgsRep.length);
        byte[] ap = apReq();
        s.onDatagram(true, ap, 0, ap.length); // no transaction, but the error after it failed an AP-REQ
        byte[] e2 = krbError(41, REALM, "alice", "HTTP", "web");
        s.onDatagram(false, e2, 0, e2.length);
        assertEquals("""
                0 ts 10 0 -1 alice@CORP.EXAMPLE krbtgt/CORP.EXAMPLE -1 -1\s
                1 tc 30 10 25 @- krbtgt/CORP.EXAMPLE -1 -1\s
                2 tc 11 0 -1 alice@CORP.EXAMPLE krbtgt/CORP.EXAMPLE 23 18 W
                3 ts 12 0 -1 @CORP.EXAMPLE cifs/fs01 -1 -1\s
                4 tc 13 0 -1 alice@CORP.EXAMPLE cifs/fs01 18 23\s
                5 tc 30 14 41 alice@CORP.EXAMPLE HTTP/web -1 -1\s
                """, dump(s));
        assertEquals(0, s.parseErrors());
        assertTrue(s.txInDirection(s.tx(0), true));
        assertFalse(s.txInDirection(s.tx(0), false), "a request is not inspected toward the client");
        assertTrue(s.txComplete(s.tx(1), true));
        assertEquals(6, s.txOpened());
        s.release(4);
        assertEquals(2, s.txCount());
    }

    static byte[] conversation() {
        return concat(record(asReq("alice", REALM, "krbtgt", REALM)), record(tgsReq(REALM, "cifs", "fs01")),
                record(asReq("bob", REALM, "krbtgt", REALM)));
    }

    @Test
    void tcpRecordsAreReadWhateverTheSegmentation() {
        byte[] stream = conversation();
        Krb5Session whole = new Krb5Session();
        whole.onData(true, stream, 0, stream.length);
        assertEquals(3, whole.txCount(), "three records in one segment are three transactions (bug 8278)");
        String want = dump(whole);
        // every single cut point, then byte by byte
        for (int cut = 1; cut < stream.length; cut++) {
            Krb5Session s = new Krb5Session();
            s.onData(true, stream, 0, cut);
            s.onData(true, stream, cut, stream.length - cut);
            assertEquals(want, dump(s), "cut at " + cut);
        }
        Krb5Session bytes = new Krb5Session();
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            bytes.onData(true, stream, i, 1);
            seen.add(bytes.txCount());
        }
        assertEquals(want, dump(bytes));
        // a transaction appears with the last byte of its record, not before
        int first = record(asReq("alice", REALM, "krbtgt", REALM)).length;
        assertEquals(0, (int) seen.get(first - 2));
        assertEquals(1, (int) seen.get(first - 1));
    }

    @Test
    void malformedInputIsCountedNotThrown() {
        Krb5Counters c = new Krb5Counters();
        Krb5Session udp = new Krb5Session(c);
        byte[] req = asReq("alice", REALM, "krbtgt", REALM);
        udp.onDatagram(true, req, 0, req.length);
        udp.onDatagram(true, new byte[] {0x6a, (byte) 0x84, 1}, 0, 3); // a length cut short
        udp.onDatagram(true, new byte[] {0x6a, (byte) 0x80, 0, 0}, 0, 4); // indefinite length (not DER)
        udp.onDatagram(true, new byte[0], 0, 0);
        udp.onDatagram(true, new byte[] {0x30, 0x00}, 0, 2); // no application tag: ignored
        udp.onDatagram(true, new byte[] {0x6a, 0x00}, 0, 2); // an AS-REQ that does not parse: no transaction
        byte[] cut = java.util.Arrays.copyOf(req, req.length - 3); // its body runs past the datagram
        udp.onDatagram(true, cut, 0, cut.length);
        udp.onDatagram(true, req, 0, req.length); // UDP goes on after errors
        assertEquals(3, udp.parseErrors());
        assertEquals(3, c.malformed);
        assertEquals(2, udp.txCount());
        assertTrue(((Krb5Tx) udp.tx(0)).hasEvent(Krb5Tx.EVENT_MALFORMED_DATA), "on the newest transaction");

        Krb5Session tcp = new Krb5Session(c);
        byte[] stream = concat(record(req), record(new byte[] {0x6b}), record(req));
        tcp.onData(true, stream, 0, stream.length);
        assertEquals(1, tcp.txCount(), "a parser error ends TCP parsing of the flow");
        assertEquals(1, tcp.parseErrors());
        tcp.onData(false, stream, 0, stream.length);
        assertEquals(1, tcp.txCount());

        Krb5Session empty = new Krb5Session(c);
        empty.onData(true, new byte[] {0, 0, 0, 0}, 0, 4); // a zero-length record is malformed
        assertEquals(1, empty.parseErrors());

        Krb5Session huge = new Krb5Session(c);
        huge.onData(true, new byte[] {0, 1, (byte) 0x86, (byte) 0xa1}, 0, 4); // 100001 bytes
        huge.onData(true, stream, 0, stream.length);
        assertEquals(1, huge.parseErrors());
        assertEquals(1, c.recordsTooLong);
        assertEquals(0, huge.txCount());

        Krb5Session gap = new Krb5Session(c);
        gap.onData(true, stream, 0, 10);
        gap.onGap(true, 100);
        gap.onData(true, stream, 10, stream.length - 10);
        assertEquals(0, gap.txCount());
        assertEquals(1, c.lostAfterGap);
        assertEquals(0, gap.parseErrors(), "a gap is no parser error");
    }

    @Test
    void boundsAreKept() {
        Krb5Counters c = new Krb5Counters();
        Krb5Session s = new Krb5Session(c);
        String[] many = new String[20];
        java.util.Arrays.fill(many, "x");
        byte[] req = asReq("alice", REALM, many);
        for (int i = 0; i < Krb5Session.MAX_TX + 5; i++) {
            s.onDatagram(true, req, 0, req.length);
        }
        assertEquals(Krb5Session.MAX_TX, s.txCount());
        assertEquals(5, c.txDropped);
        assertEquals(Krb5Session.MAX_COMPONENTS, ((Krb5Tx) s.tx(0)).snameCount());
        assertEquals((long) (20 - Krb5Session.MAX_COMPONENTS) * (Krb5Session.MAX_TX + 5), c.componentsDropped);
        assertEquals(Krb5Session.MAX_TX, s.txOpened(), "ids count only the transactions kept");
    }

    @Test
    void probesAsSuricata() {
        byte[] req = asReq("alice", REALM, "krbtgt", REALM);
        assertEquals(Krb5Session.PROBE_KRB5, Krb5Session.probe(req, 0, req.length));
        byte[] rep = kdcRep(11, REALM, "alice", 18, 18, "krbtgt", REALM);
        assertEquals(Krb5Session.PROBE_KRB5, Krb5Session.probe(rep, 0, rep.length));
        assertEquals(Krb5Session.PROBE_NOT_KRB5, Krb5Session.probe(req, 0, 10), "10 bytes are too few");
        byte[] notApp = seq(ctx(1, integer(5)), ctx(2, integer(10)));
        assertEquals(Krb5Session.PROBE_NOT_KRB5, Krb5Session.probe(notApp, 0, notApp.length));
        byte[] v4 = app(10, seq(ctx(1, integer(4)), ctx(2, integer(10)), ctx(3, integer(1))));
        assertEquals(Krb5Session.PROBE_NOT_KRB5, Krb5Session.probe(v4, 0, v4.length), "pvno must be 5");
        byte[] tag31 = concat(new byte[] {0x7f, 0x1f, 20}, seq(ctx(1, integer(5)), ctx(2, integer(10)), ctx(3, integer(1))));
        assertEquals(Krb5Session.PROBE_NOT_KRB5, Krb5Session.probe(tag31, 0, tag31.length), "tags above 30 are not Kerberos");
        byte[] longTag = new byte[13];
        java.util.Arrays.fill(longTag, (byte) 0x81); // a tag number whose digits go on past the bytes
        longTag[0] = 0x7f;
        assertEquals(Krb5Session.PROBE_NEED_MORE, Krb5Session.probe(longTag, 0, longTag.length), "a header cut short wants more");
        byte[] rec = record(req);
        assertEquals(Krb5Session.PROBE_KRB5, Krb5Session.probeTcp(rec, 0, rec.length));
        assertEquals(Krb5Session.PROBE_KRB5, Krb5Session.probeTcp(rec, 0, 20), "the record may still be coming");
        assertEquals(Krb5Session.PROBE_NOT_KRB5, Krb5Session.probeTcp(rec, 0, 14), "14 bytes are too few");
        byte[] big = rec.clone();
        big[1] = 1; // 65536 + length: more than 16384
        assertEquals(Krb5Session.PROBE_NOT_KRB5, Krb5Session.probeTcp(big, 0, big.length));
    }
}

package dev.rampart.engine.applayer.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.applayer.Slice;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The grammar of Suricata 7's SIP parser. Expected fields and verdicts are those Suricata 7.0.10
 * logs for the suricata-verify SIP captures (sip-method/sip.pcap, public-cloudshark-sip-s0.pcap:
 * the REGISTER sent toward the client and the 200 OK sent toward the server are parser errors
 * there) and follow its parser's rules for the cases those captures lack.
 */
class SipParserTest {
    private final SipMessage m = new SipMessage();
    private final Slice s = new Slice();

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private int request(String text) {
        byte[] d = b("xx" + text);
        return SipParser.parseRequest(d, 2, d.length - 2, m); // at an offset: fields are absolute
    }

    private int response(String text) {
        byte[] d = b(text);
        return SipParser.parseResponse(d, 0, d.length, m);
    }

    private String field(boolean present) {
        return present ? s.toString() : null;
    }

    /**
     * Suricata 8 reads URI parameters ({@code ;transport=TCP}) in the request line, 7 refuses them:
     * over TCP (Suricata 8 only) the 8 grammar, in datagrams 7's (sip-tcp-method's capture).
     */
    @Test
    void uriParametersOverTcpOnly() {
        byte[] d = b("REGISTER sip:192.168.43.100;transport=TCP SIP/2.0\r\nVia: x\r\n\r\n");
        assertEquals(SipParser.INVALID, SipParser.parseRequest(d, 0, d.length, m));
        assertEquals(SipParser.OK, SipParser.parseRequest(d, 0, d.length, m, true));
        assertEquals("sip:192.168.43.100;transport=TCP", field(m.uri(s)));
        byte[] bad = b("REGISTER sip:a\"b SIP/2.0\r\n\r\n"); // a quote is no URI character in either
        assertEquals(SipParser.INVALID, SipParser.parseRequest(bad, 0, bad.length, m, true));
    }

    @Test
    void requestFieldsAndLine() {
        assertEquals(SipParser.OK, request("REGISTER sip:sip.cybercity.dk SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.168.1.2;branch=z9hG4bKnp112903503-43a64480192.168.1.2;rport\r\n"
                + "From: <sip:voi18063@sip.cybercity.dk>;tag=903df0a\r\n"
                + "Content-Length: 0\r\n\r\n"));
        assertTrue(m.isRequest());
        assertEquals("REGISTER", field(m.method(s)));
        assertEquals("sip:sip.cybercity.dk", field(m.uri(s)));
        assertEquals("SIP/2.0", field(m.protocol(s)));
        assertEquals("REGISTER sip:sip.cybercity.dk SIP/2.0", field(m.line(s)));
        assertEquals(null, field(m.statusCode(s)));
        assertEquals(3, m.headerCount());
        assertEquals(0, m.bodyLength());
    }

    @Test
    void headerValuesByNameCompactFormAndFolding() {
        assertEquals(SipParser.OK, request("INVITE sip:bob@example.com SIP/2.0\r\n"
                + "v: SIP/2.0/UDP a.example\r\n"
                + "from : <sip:alice@example.com>;tag=1  \r\n"
                + "User-Agent: Softphone\r\n 1.0\r\n"
                + "Via: SIP/2.0/UDP b.example\r\n"
                + "l:12\r\n"
                + "Subject:\r\n\r\n"));
        byte[] via = b("Via");
        assertEquals("SIP/2.0/UDP b.example", field(m.header(via, (byte) 'v', s)), "repeated: the last one");
        assertEquals("<sip:alice@example.com>;tag=1", field(m.header(b("From"), (byte) 'f', s)),
                "any case, blanks around the colon and after the value dropped");
        assertEquals("Softphone\r\n 1.0", field(m.header(b("User-Agent"), (byte) 0, s)), "a folded line is part of it");
        assertEquals("12", field(m.header(b("Content-Length"), (byte) 'l', s)), "compact form");
        assertEquals(null, field(m.header(b("Content-Length"), (byte) 0, s)), "no compact form given: l is not it");
        assertEquals(null, field(m.header(b("Subject"), (byte) 's', s)), "empty: no buffer");
        assertEquals(null, field(m.header(b("To"), (byte) 't', s)), "absent");
        assertEquals(null, field(m.header(b("Vi"), (byte) 0, s)), "a prefix is not the name");
        assertEquals(SipParser.OK, response("SIP/2.0 200 OK\r\nTo: <sip:bob@example.com>\r\n\r\n"));
        assertEquals("<sip:bob@example.com>", field(m.header(b("To"), (byte) 't', s)), "responses have them too");
    }

    @Test
    void headersOfAMessageCutToWhatATransactionKeeps() {
        String pad = "X-Pad: " + "a".repeat(SipTransaction.MAX_KEPT) + "\r\n";
        for (int shift = 0; shift < 40; shift++) { // the cut anywhere in and around the last kept headers
            String text = "INVITE sip:bob@example.com SIP/2.0\r\nFrom: <sip:alice@example.com>\r\n"
                    + "X-Shift: " + "b".repeat(shift) + "\r\n" + pad + "Via: SIP/2.0/UDP a.example\r\n\r\n";
            byte[] d = b(text);
            assertEquals(SipParser.OK, SipParser.parseRequest(d, 0, d.length, m));
            assertEquals("SIP/2.0/UDP a.example", field(m.header(b("Via"), (byte) 'v', s)));
            SipTransaction t = new SipTransaction();
            assertTrue(t.copyFrom(m, 0, true), "cut");
            SipMessage kept = t.message();
            assertEquals("<sip:alice@example.com>", field(kept.header(b("From"), (byte) 'f', s)));
            assertEquals(null, field(kept.header(b("Via"), (byte) 'v', s)), "beyond the cut: absent");
            assertEquals(null, field(kept.header(b("X-Pad"), (byte) 0, s)), "reaches the cut: absent");
        }
    }

    @Test
    void responseFieldsAndBody() {
        assertEquals(SipParser.OK, response("SIP/2.0 401 nonce has changed\r\nCSeq: 2 REGISTER\r\n\r\nv=0\r\n"));
        assertFalse(m.isRequest());
        assertEquals("SIP/2.0", field(m.protocol(s)));
        assertEquals("401", field(m.statusCode(s)));
        assertEquals("nonce has changed", field(m.reason(s)));
        assertEquals("SIP/2.0 401 nonce has changed", field(m.line(s)));
        assertEquals(null, field(m.method(s)));
        assertEquals(5, m.bodyLength());
    }

    @Test
    void aMessageInTheWrongDirectionIsInvalid() {
        // cloudshark packet 6 (REGISTER toward the client) and 7 (200 OK toward the server)
        assertEquals(SipParser.INVALID, response("REGISTER sip:bestel.com SIP/2.0\r\nCSeq: 1 REGISTER\r\n\r\n"));
        assertEquals(SipParser.INVALID, request("SIP/2.0 200 OK\r\nCSeq: 1 REGISTER\r\n\r\n"));
    }

    @Test
    void missingInputIsIncomplete() {
        assertEquals(SipParser.INCOMPLETE, request("INVITE sip:a@b SIP/2.0\r\nTo: <sip:a@b>\r\n"));
        assertEquals(SipParser.INCOMPLETE, request("INVITE sip:a@b SIP/2.0\r"));
        assertEquals(SipParser.INCOMPLETE, request("INVITE"));
        assertEquals(SipParser.INCOMPLETE, response("SIP/2.0 20"));
        assertEquals(SipParser.INCOMPLETE, response("SIP/2.0 200 OK"));
        // a header value runs to the end of the input
        assertEquals(SipParser.INCOMPLETE, request("INVITE sip:a@b SIP/2.0\r\nTo: x"));
    }

    @Test
    void uriCharactersAreSuricatasNarrowSet() {
        // ';' '=' '/' are not URI characters for Suricata 7's parser: the space it expects is missing
        assertEquals(SipParser.INVALID, request("INVITE sip:a@b;transport=udp SIP/2.0\r\n\r\n"));
        assertEquals(SipParser.OK, request("INVITE sip:a@b:5060~#! SIP/2.0\r\n\r\n"));
        assertEquals(SipParser.INVALID, request("INVITE  sip:a@b SIP/2.0\r\n\r\n")); // empty URI
    }

    @Test
    void anEmptyMethodParsesButIsAbsent() {
        assertEquals(SipParser.OK, request(" sip:a@b SIP/2.0\r\n\r\n"));
        assertFalse(m.method(s));
        assertEquals("sip:a@b", field(m.uri(s)));
    }

    @Test
    void theLoggedLineStopsAtTheFirstNonReasonCharacter() {
        // '~' is a URI character but not a reason-phrase one: the line Suricata logs is cut there
        assertEquals(SipParser.OK, request("INVITE sip:a~b SIP/2.0\r\n\r\n"));
        assertEquals("INVITE sip:a", field(m.line(s)));
    }

    @Test
    void headerLines() {
        // folded value, blanks around the colon, an empty name, trailing blanks
        assertEquals(SipParser.OK, request("OPTIONS sip:a@b SIP/2.0\r\nSubject: one\r\n two\r\n"
                + "Max-Forwards :\t70  \r\n: empty-name\r\n\r\n"));
        assertEquals(3, m.headerCount());
        // a line ended by a bare LF
        assertEquals(SipParser.INVALID, request("OPTIONS sip:a@b SIP/2.0\r\nTo: x\nFrom: y\r\n\r\n"));
        // no colon
        assertEquals(SipParser.INVALID, request("OPTIONS sip:a@b SIP/2.0\r\nTo x\r\n\r\n"));
        // a byte outside the value characters (non-ASCII) is reported as missing input, as Suricata's parser does
        assertEquals(SipParser.INCOMPLETE, request("OPTIONS sip:a@b SIP/2.0\r\nTo: caf\u00e9\r\n\r\n"));
    }

    @Test
    void statusCodeIsAnyThreeBytes() {
        assertEquals(SipParser.OK, response("SIP/2.0 2x0 Odd\r\n\r\n"));
        assertEquals("2x0", field(m.statusCode(s)));
        assertEquals(SipParser.INVALID, response("SIP/2.0 2000 OK\r\n\r\n"));
    }
}

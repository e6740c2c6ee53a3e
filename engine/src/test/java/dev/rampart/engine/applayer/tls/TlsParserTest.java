package dev.rampart.engine.applayer.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.synth.Tls;
import dev.rampart.engine.applayer.Slice;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TlsParserTest {

    static byte[] record(int type, int version, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.write(version >> 8);
        out.write(version & 0xFF);
        out.write(body.length >> 8);
        out.write(body.length & 0xFF);
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] handshake(int type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.write(body.length >> 16);
        out.write((body.length >> 8) & 0xFF);
        out.write(body.length & 0xFF);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** A TLS 1.3 ServerHello selecting 0x1301 with supported_versions 0x0304. */
    static byte[] serverHello13(byte[] sessionId) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(3);
        b.write(3);
        b.writeBytes(new byte[32]);
        b.write(sessionId.length);
        b.writeBytes(sessionId);
        b.write(0x13);
        b.write(0x01);
        b.write(0);
        byte[] ext = {0, 0x2b, 0, 2, 3, 4, 0, 0x33, 0, 2, 0, 0x1d};
        b.write(0);
        b.write(ext.length);
        b.writeBytes(ext);
        return handshake(2, b.toByteArray());
    }

    private static TlsParser feed(byte[] toServer, byte[] toClient, int chunk) {
        TlsParser t = new TlsParser();
        for (int i = 0; i < toServer.length; i += chunk) {
            t.onData(true, toServer, i, Math.min(chunk, toServer.length - i));
        }
        for (int i = 0; toClient != null && i < toClient.length; i += chunk) {
            t.onData(false, toClient, i, Math.min(chunk, toClient.length - i));
        }
        return t;
    }

    @Test
    void clientHelloFieldsAreTheSameForEverySplit() {
        byte[] ch = Tls.clientHello("www.example.net", 42);
        byte[] sh = record(22, 0x0303, serverHello13(new byte[0]));
        String reference = null;
        for (int chunk = 1; chunk <= ch.length; chunk += 7) {
            TlsParser t = feed(ch, sh, chunk);
            ClientHello c = t.clientHello();
            assertTrue(c.present);
            assertEquals("www.example.net", t.sni().toString());
            assertEquals(0x0303, c.legacyVersion);
            assertEquals(32, c.random.length);
            assertEquals(14, c.ciphers.length);
            assertEquals("TLS 1.3", t.versionString());
            assertEquals(0x0304, t.serverHello().selectedVersion);
            String all = t.ja3() + "|" + t.ja3Hash() + "|" + t.ja4() + "|" + t.ja3s();
            if (reference == null) {
                reference = all;
            }
            assertEquals(reference, all, "chunk " + chunk);
            assertFalse(t.hasEvents());
        }
        // values worked out by hand from the synthetic hello's lists
        assertTrue(reference.startsWith("771,4865-4866-4867-49195-49199-49196-49200,0-10-11-13-16-43-51,29-23,0|"));
        assertTrue(reference.contains("|t13d0707h2_"), reference);
        assertTrue(reference.endsWith("|771,4865,43-51"), reference);
    }

    @Test
    void handshakeMessageSplitAcrossRecordsIsReassembled() {
        byte[] msg = Arrays.copyOfRange(Tls.clientHello("split.example", 1), 5, Tls.clientHello("split.example", 1).length);
        int cut = 40;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(record(22, 0x0301, Arrays.copyOfRange(msg, 0, cut)));
        out.writeBytes(record(22, 0x0301, Arrays.copyOfRange(msg, cut, msg.length)));
        TlsParser t = feed(out.toByteArray(), null, 3);
        assertEquals("split.example", t.sni().toString());
        assertEquals(TlsParser.STATE_CLIENT_HELLO, t.stateFlags() & TlsParser.STATE_CLIENT_HELLO);
    }

    @Test
    void versionIsUndeterminedUntilTheServerSpeaks() {
        TlsParser t = feed(Tls.clientHello("a.example", 3), null, 1000);
        assertEquals("UNDETERMINED", t.versionString());
        assertEquals(0x0303, t.clientVersion());
    }

    @Test
    void invalidRecordTypeStopsTheDirection() {
        byte[] bad = record(99, 0x0303, new byte[] {1, 2, 3});
        byte[] after = Tls.clientHello("late.example", 5);
        byte[] both = new byte[bad.length + after.length];
        System.arraycopy(bad, 0, both, 0, bad.length);
        System.arraycopy(after, 0, both, bad.length, after.length);
        TlsParser t = feed(both, null, 4);
        assertEquals(1, t.eventCount(TlsEvent.INVALID_RECORD_TYPE));
        assertTrue(t.sni().isEmpty());
    }

    @Test
    void recordVersionAndLengthAreChecked() {
        assertEquals(1, feed(record(22, 0x0203, new byte[4]), null, 9).eventCount(TlsEvent.INVALID_RECORD_VERSION));
        byte[] hdr = {22, 3, 3, (byte) 0xFF, (byte) 0xFF};
        assertEquals(1, feed(hdr, null, 9).eventCount(TlsEvent.INVALID_RECORD_LENGTH));
    }

    @Test
    void unknownHandshakeTypeIsAnEvent() {
        TlsParser t = feed(record(22, 0x0303, handshake(99, new byte[3])), null, 2);
        assertEquals(1, t.eventCount(TlsEvent.INVALID_HANDSHAKE_MESSAGE));
    }

    @Test
    void afterChangeCipherSpecHandshakeRecordsAreNotParsed() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(record(20, 0x0303, new byte[] {1}));
        out.writeBytes(record(22, 0x0303, new byte[] {(byte) 0xEE, 0x12, 0x34, 0x56, 7, 7, 7}));
        TlsParser t = feed(out.toByteArray(), null, 1);
        assertTrue(t.encrypted(true));
        assertFalse(t.hasEvents());
        assertEquals(TlsParser.STATE_CLIENT_CCS, t.stateFlags() & TlsParser.STATE_CLIENT_CCS);
    }

    @Test
    void oversizedHandshakeMessageHitsTheBoundOnce() {
        // header announcing a message just over the bound, then a little of it
        byte[] body = {1, (byte) ((TlsParser.MAX_HANDSHAKE_MESSAGE + 1) >> 16), 0, 1, 0, 0};
        TlsParser t = feed(record(22, 0x0303, body), null, 2);
        assertEquals(1, t.eventCount(TlsEvent.HANDSHAKE_LIMIT_REACHED));
    }

    @Test
    void duplicateSniExtensionIsAnEvent() {
        byte[] sni = {0, 0, 0, 8, 0, 6, 0, 0, 3, 'a', '.', 'b'};
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {3, 3});
        b.writeBytes(new byte[32]);
        b.writeBytes(new byte[] {0, 0, 2, 0x13, 0x01, 1, 0});
        b.write(0);
        b.write(sni.length * 2);
        b.writeBytes(sni);
        b.writeBytes(sni);
        TlsParser t = feed(record(22, 0x0301, handshake(1, b.toByteArray())), null, 1);
        assertEquals(1, t.eventCount(TlsEvent.MULTIPLE_SNI_EXTENSIONS));
        assertEquals("a.b", t.sni().toString());
    }

    @Test
    void sessionResumedWhenTheServerEchoesTheSessionId() {
        byte[] sid = new byte[32];
        Arrays.fill(sid, (byte) 7);
        byte[] hello = Tls.clientHello("r.example", 9);
        // patch the empty session id of the synthetic hello into a 32-byte one
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] body = Arrays.copyOfRange(hello, 9, hello.length);
        b.writeBytes(Arrays.copyOfRange(body, 0, 34));
        b.write(32);
        b.writeBytes(sid);
        b.writeBytes(Arrays.copyOfRange(body, 35, body.length));
        byte[] ch = record(22, 0x0301, handshake(1, b.toByteArray()));
        TlsParser t = feed(ch, record(22, 0x0303, serverHello13(sid)), 11);
        assertTrue(t.sessionResumed());
        assertEquals(32, t.clientHello().sessionId.length);
    }

    @Test
    void gapStopsParsing() {
        byte[] ch = Tls.clientHello("gap.example", 4);
        TlsParser t = new TlsParser();
        t.onData(true, ch, 0, 10);
        t.onGap(true);
        t.onData(true, ch, 10, ch.length - 10);
        assertTrue(t.gapSeen());
        assertTrue(t.sni().isEmpty());
        assertNull(t.ja3());
    }

    @Test
    void certificateChainIsKeptAsDer() {
        byte[] der = {0x30, 0x03, 0x02, 0x01, 0x05};
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int chain = 2 * (3 + der.length);
        b.writeBytes(new byte[] {0, 0, (byte) chain});
        for (int i = 0; i < 2; i++) {
            b.writeBytes(new byte[] {0, 0, (byte) der.length});
            b.writeBytes(der);
        }
        TlsParser t = feed(new byte[0], record(22, 0x0303, handshake(11, b.toByteArray())), 3);
        assertEquals(2, t.certificateCount());
        Slice s = t.certificate(1, new Slice());
        assertEquals(der.length, s.length);
        assertEquals(0x30, s.array[s.offset]);
        // not a certificate: the DER error is counted and no fields are exposed
        assertNull(t.serverCertificate());
        assertEquals(1, t.eventCount(TlsEvent.CERTIFICATE_INVALID_DER));
    }

    @Test
    void versionStringsFollowSuricata() {
        assertEquals("TLSv1", TlsParser.versionString(0x0301));
        assertEquals("SSLv3", TlsParser.versionString(0x0300));
        assertEquals("TLS 1.3 draft-23", TlsParser.versionString(0x7f17));
        assertEquals("0x0a0a", TlsParser.versionString(0x0a0a));
    }
}

package dev.rampart.engine.applayer.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.applayer.Slice;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SshSessionTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A binary packet: length, padding length, message code, body, padding. */
    static byte[] record(int code, int bodyLen) {
        int pad = 4;
        int len = 1 + bodyLen + pad + 1;
        byte[] r = new byte[4 + len];
        r[0] = (byte) (len >>> 24);
        r[1] = (byte) (len >>> 16);
        r[2] = (byte) (len >>> 8);
        r[3] = (byte) len;
        r[4] = (byte) pad;
        r[5] = (byte) code;
        return r;
    }

    private static String text(Slice s) {
        return s == null ? null : new String(s.array, s.offset, s.length, StandardCharsets.ISO_8859_1);
    }

    @Test
    void identificationLinesGiveProtoAndSoftwarePerSide() {
        SshSession s = new SshSession();
        assertNull(s.software(true, new Slice()));
        s.onData(false, b("SSH-2.0-OpenSSH_8.9p1 Ubuntu-3\r\n"), 0, 32);
        s.onData(true, b("SSH-1.99-libssh_0.9.6"), 0, 21);
        assertNull(s.software(true, new Slice()), "no newline yet");
        s.onData(true, b("\r\n"), 0, 2);
        assertEquals("2.0", text(s.proto(false, new Slice())));
        assertEquals("OpenSSH_8.9p1", text(s.software(false, new Slice())), "comments after the blank are not part of it");
        assertEquals("1.99", text(s.proto(true, new Slice())));
        assertEquals("libssh_0.9.6", text(s.software(true, new Slice())));
        assertEquals(0, s.parseErrors());
    }

    @Test
    void encryptedOnceBothSidesSentNewKeysWhateverTheSplit() {
        SshSession s = new SshSession();
        byte[] client = concat(b("SSH-2.0-a\r\n"), record(20, 300), record(30, 40), record(21, 0), b("encrypted..."));
        byte[] server = concat(b("SSH-2.0-b\n"), record(20, 200), record(31, 100), record(21, 0));
        for (int i = 0; i < client.length; i++) { // one byte at a time
            s.onData(true, client, i, 1);
        }
        assertTrue(s.txComplete(s, true));
        assertFalse(s.encrypted());
        assertFalse(s.payloadInspectionOff());
        s.onData(false, server, 0, server.length);
        assertTrue(s.encrypted());
        assertTrue(s.payloadInspectionOff());
        assertTrue(s.inspectsStoredStreamAtEnd());
        assertEquals("b", text(s.software(false, new Slice())));
        assertEquals(0, s.parseErrors());
    }

    @Test
    void badInputIsCountedAndEndsParsingOfThatSide() {
        SshSession s = new SshSession();
        s.onData(true, b("HELLO there\r\n"), 0, 13);
        assertEquals(1, s.parseErrors());
        assertNull(s.software(true, new Slice()));
        s.onData(true, b("SSH-2.0-late\r\n"), 0, 14);
        assertNull(s.software(true, new Slice()), "a dead side parses nothing more");
        // a record length below 2 is invalid
        s.onData(false, concat(b("SSH-2.0-x\r\n"), new byte[] {0, 0, 0, 1, 0, 21}), 0, 17);
        assertEquals(2, s.parseErrors());
        assertFalse(s.encrypted());
    }

    @Test
    void overlongIdentificationLineIsReadFromItsStart() {
        SshSession s = new SshSession();
        String line = "SSH-2.0-" + "v".repeat(300) + "\r\n";
        byte[] data = concat(b(line), record(21, 0));
        s.onData(true, data, 0, data.length);
        assertEquals(SshSession.MAX_BANNER - 8, s.software(true, new Slice()).length);
        assertTrue(s.txComplete(s, true), "the records after the long line are still read");
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String md5(String s) throws Exception {
        byte[] d = java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        StringBuilder b = new StringBuilder();
        for (byte x : d) {
            b.append(String.format("%02x", x));
        }
        return b.toString();
    }

    @Test
    void hasshTakesEachSidesOwnDirectionsLists() throws Exception {
        SshSession s = new SshSession();
        byte[] kex = SshKexInit.sample();
        byte[] banner = "SSH-2.0-client\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        s.onData(true, banner, 0, banner.length);
        dev.rampart.engine.applayer.Slice out = new dev.rampart.engine.applayer.Slice();
        assertNull(s.hassh(true, out), "none before the KEXINIT");
        // in pieces: the record is collected across segments
        for (int i = 0; i < kex.length; i += 7) {
            s.onData(true, kex, i, Math.min(7, kex.length - i));
        }
        assertEquals("kex1,kex2;enc-cs;mac-cs;comp-cs", s.hasshString(true, out).toString());
        assertEquals(md5("kex1,kex2;enc-cs;mac-cs;comp-cs"), s.hassh(true, out).toString());
        byte[] sb = "SSH-2.0-server\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        s.onData(false, sb, 0, sb.length);
        s.onData(false, kex, 0, kex.length);
        assertEquals("kex1,kex2;enc-sc;mac-sc;comp-sc", s.hasshString(false, out).toString());
        assertEquals(md5("kex1,kex2;enc-sc;mac-sc;comp-sc"), s.hassh(false, out).toString());
    }

    @Test
    void aKexInitWithListsRunningPastItsEndGivesNoHassh() {
        SshSession s = new SshSession();
        byte[] banner = "SSH-2.0-client\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        s.onData(true, banner, 0, banner.length);
        byte[] kex = SshKexInit.sample();
        kex[5 + 1 + 16 + 3] = (byte) 0x7f; // the first list's length now runs past the record
        s.onData(true, kex, 0, kex.length);
        assertNull(s.hassh(true, new dev.rampart.engine.applayer.Slice()));
        assertEquals(0, s.parseErrors(), "a record is still walked by its length");
    }
}

package dev.rampart.engine.applayer;

import static dev.rampart.engine.applayer.AppProtoDetector.MIDSTREAM_CONFIG;
import static dev.rampart.engine.applayer.AppProtoDetector.MIDSTREAM_SESSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.applayer.smb.SmbBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** SMB detection and the direction its probe reports on midstream sessions (Suricata's rust smb probe). */
class SmbDetectionTest {
    private static final int MID = MIDSTREAM_CONFIG | MIDSTREAM_SESSION;

    /** Detects bytes flowing {@code toServer} between client port 49216 and server port {@code server}. */
    private static int detect(boolean toServer, byte[] b, int server, int flags) {
        int sp = toServer ? 49216 : server;
        int dp = toServer ? server : 49216;
        return AppProtoDetector.detectTcp(toServer, b, 0, b.length, sp, dp, flags);
    }

    private static AppProto proto(int r) {
        return AppProtoDetector.protoOf(r);
    }

    @Test
    void smb1ReplySentToTheServerSideOfAMidstreamSessionReversesTheFlow() {
        // smb1-03-midstream: the capture starts with the server's SESSION_SETUP reply
        int r = detect(true, SmbBytes.smb1(true, 100), 49216, MID);
        assertEquals(AppProto.SMB, proto(r));
        assertTrue(AppProtoDetector.reversed(r));
        // the same bytes on a session that saw its handshake: SMB, direction as given
        r = detect(true, SmbBytes.smb1(true, 100), 49216, 0);
        assertEquals(AppProto.SMB, proto(r));
        assertFalse(AppProtoDetector.reversed(r));
    }

    @Test
    void requestsAndRepliesInTheirOwnDirectionKeepIt() {
        assertEquals(AppProto.SMB.ordinal(), detect(true, SmbBytes.smb1(false, 10), 445, MID));
        assertEquals(AppProto.SMB.ordinal(), detect(false, SmbBytes.smb1(true, 10), 445, MID));
        assertEquals(AppProto.SMB.ordinal(), detect(true, SmbBytes.smb2(false, 10), 445, MID));
        assertEquals(AppProto.SMB.ordinal(), detect(false, SmbBytes.smb2(true, 10), 445, MID));
    }

    @Test
    void smb2FlagsTellTheDirection() {
        int r = detect(true, SmbBytes.smb2(true, 10), 445, MID);
        assertEquals(AppProto.SMB, proto(r));
        assertTrue(AppProtoDetector.reversed(r));
        r = detect(false, SmbBytes.smb1(false, 10), 445, MID);
        assertTrue(AppProtoDetector.reversed(r));
    }

    @Test
    void probesWaitForANetbiosAndAnSmbHeader() {
        byte[] rec = SmbBytes.smb1(false, 100);
        assertEquals(AppProto.UNKNOWN, proto(detect(true, Arrays.copyOf(rec, 35), 445, 0)));
        assertEquals(AppProto.SMB, proto(detect(true, Arrays.copyOf(rec, 36), 445, 0)));
    }

    @Test
    void portProbeAcceptsASmallNetbiosMessageBeforeTheFirstSmbOne() {
        byte[] b = SmbBytes.concat(SmbBytes.nbss(0x81, new byte[68]), SmbBytes.smb1(false, 10));
        assertEquals(AppProto.SMB, proto(detect(true, b, 445, 0)));
        // the default suricata.yaml also probes port 139; no pattern at offset 4 and no probing
        // parser on other ports
        assertEquals(AppProto.SMB, proto(detect(true, b, 139, 0)));
        assertEquals(AppProto.FAILED, proto(detect(true, b, 8445, 0)));
        byte[] junk = new byte[100];
        Arrays.fill(junk, (byte) 'x');
        assertEquals(AppProto.FAILED, proto(detect(true, junk, 445, 0)));
    }

    @Test
    void midstreamRetriesThePortProbeWithThePortsTheOtherWay() {
        // bytes from port 445 seen as to-server (the client port is 445): the probe searches for
        // an SMB header past some leftover bytes of an earlier record
        byte[] b = SmbBytes.concat(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, SmbBytes.smb1(true, 40));
        int r = AppProtoDetector.detectTcp(true, b, 0, b.length, 445, 49216, MID);
        assertEquals(AppProto.SMB, proto(r));
        assertTrue(AppProtoDetector.reversed(r));
        // without stream.midstream only the server port counts
        assertEquals(AppProto.FAILED, proto(AppProtoDetector.detectTcp(true, b, 0, b.length, 445, 49216, 0)));
    }

    @Test
    void smb3TransformFromPort445IsTheWrongWayRound() {
        byte[] h = new byte[52];
        h[0] = (byte) 0xFD;
        h[1] = 'S';
        h[2] = 'M';
        h[3] = 'B';
        byte[] b = SmbBytes.nbss(0, h);
        int r = AppProtoDetector.detectTcp(true, b, 0, b.length, 445, 49216, MID);
        assertEquals(AppProto.SMB, proto(r));
        assertTrue(AppProtoDetector.reversed(r));
        r = AppProtoDetector.detectTcp(true, b, 0, b.length, 49216, 445, MID);
        assertEquals(AppProto.SMB.ordinal(), r);
    }

    @Test
    void midstreamTriesTheOtherDirectionsPatterns() {
        byte[] response = "HTTP/1.1 200 OK\r\nServer: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        int r = AppProtoDetector.detectTcp(true, response, 0, response.length, 80, 40000, MIDSTREAM_CONFIG);
        assertEquals(AppProto.HTTP, proto(r));
        assertTrue(AppProtoDetector.reversed(r));
        assertEquals(AppProto.FAILED, proto(AppProtoDetector.detectTcp(true, response, 0, response.length, 80, 40000, 0)));
        byte[] request = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        r = AppProtoDetector.detectTcp(false, request, 0, request.length, 40000, 80, MIDSTREAM_CONFIG);
        assertEquals(AppProto.HTTP, proto(r));
        assertTrue(AppProtoDetector.reversed(r));
    }

    @Test
    void searchSkipsSmbWithoutAVersionByteAndAnSmbAtTheVeryStart() {
        byte[] b = "SMBxx\u00ffSMB".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(-1, AppProtoDetector.searchSmbHeader(b, 0, b.length)); // "SMB" at index 0 ends the search
        byte[] c = "aSMBxx\u00ffSMB".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(6, AppProtoDetector.searchSmbHeader(c, 0, c.length));
    }
}

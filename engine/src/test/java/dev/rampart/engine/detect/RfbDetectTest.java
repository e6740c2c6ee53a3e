package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.testutil.Http2Wire;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFB as detection sees it, on generated connections: 3.8 with VNC authentication, 3.3 where the
 * server decides VNC (type and challenge in one segment) or None, 3.8 with None followed by a
 * SecurityResult the parser does not expect (confused_state), a failed authentication with its
 * reason (and bytes after it), a server offering no type, a client choosing Tight (16), a 3.3
 * server deciding 18, an unknown security result, a reason that is no UTF-8, a ServerInit split over
 * three segments with a non-ASCII name on port 7000, a client that speaks first, a garbled and a
 * lower-case version line. Expected alerts ("sid@pcap_cnt#tx_id") are suricata 7.0.10's on the same
 * capture (-Drampart.rfbpcap=FILE writes it).
 */
class RfbDetectTest {
    private static int port = 42000;

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    static byte[] u32(long v) {
        return bytes((int) (v >>> 24) & 0xFF, (int) (v >>> 16) & 0xFF, (int) (v >>> 8) & 0xFF, (int) v & 0xFF);
    }

    static byte[] cat(byte[]... parts) {
        return Http2Wire.cat(parts);
    }

    static byte[] challenge(int seed) {
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i++) {
            b[i] = (byte) (seed + i * 17);
        }
        return b;
    }

    /** ServerInit: 1280x800, 32 bpp true colour, the name. */
    static byte[] serverInit(byte[] name) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(bytes(0x05, 0x00, 0x03, 0x20, 0x20, 0x18, 0x00, 0x01, 0x00, 0xff, 0x00, 0xff, 0x00, 0xff,
                0x10, 0x08, 0x00, 0x00, 0x00, 0x00));
        o.writeBytes(u32(name.length));
        o.writeBytes(name);
        return o.toByteArray();
    }

    static TcpSession session(Trace t, int serverPort) {
        port++;
        return new TcpSession(t, DetectHarness.CLIENT, port, DetectHarness.SERVER, serverPort, port * 10L, port * 20L)
                .handshake();
    }

    static Trace capture() {
        port = 42000;
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        // 3.8, VNC authentication, OK
        session(t, 5900).serverSends(ascii("RFB 003.008\n")).clientSends(ascii("RFB 003.008\n"))
                .serverSends(bytes(2, 2, 16)).clientSends(bytes(2)).serverSends(challenge(1))
                .clientSends(challenge(9)).serverSends(u32(0)).clientSends(bytes(0))
                .serverSends(serverInit(ascii("desk-one"))).clientSends(bytes(3, 0, 0, 0)).close();
        // 3.3, the server decides VNC and sends the challenge with it; shared desktop
        session(t, 5901).serverSends(ascii("RFB 003.003\n")).clientSends(ascii("RFB 003.003\n"))
                .serverSends(cat(u32(2), challenge(3))).clientSends(challenge(4)).serverSends(u32(0))
                .clientSends(bytes(1)).serverSends(serverInit(ascii("three-three"))).close();
        // 3.3 with no authentication
        session(t, 5902).serverSends(ascii("RFB 003.003\n")).clientSends(ascii("RFB 003.003\n"))
                .serverSends(u32(1)).clientSends(bytes(0)).serverSends(serverInit(ascii("open desk"))).close();
        // 3.8 with None, then a SecurityResult the parser does not expect (as 3.8 servers send it)
        session(t, 5902).serverSends(ascii("RFB 003.008\n")).clientSends(ascii("RFB 003.008\n"))
                .serverSends(bytes(1, 1)).clientSends(bytes(1)).serverSends(u32(0)).clientSends(bytes(0))
                .serverSends(serverInit(ascii("never read"))).close();
        // 3.8, VNC authentication fails with a reason, bytes after it, then another segment
        session(t, 5903).serverSends(ascii("RFB 003.008\n")).clientSends(ascii("RFB 003.008\n"))
                .serverSends(bytes(1, 2)).clientSends(bytes(2)).serverSends(challenge(5))
                .clientSends(challenge(6)).serverSends(u32(1))
                .serverSends(cat(u32(12), ascii("bad password"), ascii("junk")))
                .serverSends(cat(u32(5), ascii("again"))).close();
        // 3.7 server offering no security type: a reason follows
        session(t, 5904).serverSends(ascii("RFB 003.007\n")).clientSends(ascii("RFB 003.007\n"))
                .serverSends(cat(bytes(0), u32(9), ascii("go away!!"))).close();
        // 3.8, the client picks Tight (16): the handshake is not followed further
        session(t, 5905).serverSends(ascii("RFB 003.008\n")).clientSends(ascii("RFB 003.008\n"))
                .serverSends(bytes(2, 16, 2)).clientSends(bytes(16)).serverSends(bytes(0, 0, 0, 1))
                .clientSends(bytes(1)).close();
        // 3.3, the server decides type 18
        session(t, 5906).serverSends(ascii("RFB 003.003\n")).clientSends(ascii("RFB 003.003\n"))
                .serverSends(u32(18)).clientSends(bytes(1)).close();
        // unknown security result 5
        session(t, 5907).serverSends(ascii("RFB 003.008\n")).clientSends(ascii("RFB 003.008\n"))
                .serverSends(bytes(1, 2)).clientSends(bytes(2)).serverSends(challenge(7))
                .clientSends(challenge(8)).serverSends(u32(5)).clientSends(bytes(1)).close();
        // a failure reason that is no UTF-8
        session(t, 5908).serverSends(ascii("RFB 003.008\n")).clientSends(ascii("RFB 003.008\n"))
                .serverSends(bytes(0)).serverSends(cat(u32(3), bytes(0xff, 0xfe, 0x41))).close();
        // port 7000, ServerInit split over three segments, a name with a non-ASCII byte
        byte[] init = serverInit(cat(ascii("caf"), bytes(0xe9), ascii(".localdomain")));
        session(t, 7000).serverSends(ascii("RFB 003.008\n")).clientSends(ascii("RFB 003.008\n"))
                .serverSends(bytes(1, 1)).clientSends(bytes(1)).clientSends(bytes(0))
                .serverSends(java.util.Arrays.copyOfRange(init, 0, 7))
                .serverSends(java.util.Arrays.copyOfRange(init, 7, 26))
                .serverSends(java.util.Arrays.copyOfRange(init, 26, init.length)).close();
        // the client speaks first
        session(t, 5909).clientSends(ascii("RFB 003.008\n")).serverSends(ascii("RFB 003.008\n"))
                .serverSends(bytes(1, 1)).clientSends(bytes(1)).close();
        // a garbled version line, and a lower-case one
        session(t, 5900).serverSends(ascii("RFB 003x008\n")).clientSends(ascii("RFB 003.008\n")).close();
        session(t, 5900).serverSends(ascii("rfb 003.008\n")).clientSends(ascii("RFB 003.008\n")).close();
        return t;
    }

    static final String[] RULES = {
        "alert rfb any any -> any any (rfb.sectype:1; sid:1;)",
        "alert rfb any any -> any any (rfb.sectype:2; sid:2;)",
        "alert rfb any any -> any any (rfb.sectype:>2; sid:3;)",
        "alert rfb any any -> any any (rfb.sectype:!2; sid:4;)",
        "alert rfb any any -> any any (rfb.secresult:ok; sid:5;)",
        "alert rfb any any -> any any (rfb.secresult:fail; sid:6;)",
        "alert rfb any any -> any any (rfb.secresult:toomany; sid:7;)",
        "alert rfb any any -> any any (rfb.secresult:unknown; sid:8;)",
        "alert rfb any any -> any any (rfb.name; content:\"desk\"; sid:9;)",
        "alert rfb any any -> any any (rfb.name; content:\"|e9|.local\"; sid:10;)",
        "alert rfb any any -> any any (rfb.name; bsize:>0; sid:11;)",
        "alert rfb any any -> any any (app-layer-event:rfb.unimplemented_security_type; sid:20;)",
        "alert rfb any any -> any any (app-layer-event:rfb.unknown_security_result; sid:21;)",
        "alert rfb any any -> any any (app-layer-event:rfb.malformed_message; sid:22;)",
        "alert rfb any any -> any any (app-layer-event:rfb.confused_state; sid:23;)",
        "alert tcp any any -> any any (app-layer-protocol:rfb; sid:30;)",
        "alert rfb any any -> any any (rfb.secresult:OK; rfb.name; content:\"three\"; sid:31;)",
    };

    @Test
    void alertsAsTheReference() throws Exception {
        Trace t = capture();
        Http2Wire.writeIfAsked(t, "rampart.rfbpcap");
        DetectHarness h = new DetectHarness(RULES);
        List<String> got = h.sortedTxAlerts(t);
        assertEquals(EXPECTED, got);
    }

    /** suricata 7.0.10 on the capture: 57 alerts, their rfb objects equal too. */
    static final List<String> EXPECTED = List.of(
            "10@207#0", "11@207#0", "11@23#0", "11@45#0", "11@61#0", "1@205#0", "1@59#0", "1@75#0", "20@129#0",
            "20@131#0", "20@145#0", "20@147#0", "21@167#0", "21@169#0", "22@183#0", "22@185#0", "23@75#0", "23@77#0",
            "2@167#0", "2@21#0", "2@43#0", "30@113", "30@115", "30@125", "30@127", "30@143", "30@145", "30@157",
            "30@159", "30@179", "30@181", "30@193", "30@195", "30@215", "30@216", "30@229", "30@239", "30@33",
            "30@35", "30@53", "30@55", "30@69", "30@7", "30@71", "30@89", "30@9", "30@91", "31@45#0", "4@145#0",
            "4@183#0", "4@205#0", "4@59#0", "4@75#0", "5@23#0", "5@45#0", "9@23#0", "9@61#0");
}

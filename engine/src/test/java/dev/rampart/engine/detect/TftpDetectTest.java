package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.synth.Trace;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TFTP on UDP port 69: a datagram of at least 4 bytes starting with a zero byte makes the flow tftp;
 * anything else fails detection. Expectations: suricata 7.0.10's alerts (sid@packet#tx) on the same datagrams.
 */
class TftpDetectTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void requestsOnPort69AreTftp() {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        t.udp(DetectHarness.CLIENT, 40001, DetectHarness.SERVER, 69, 1, b("\0\1rfc1350.txt\0octet\0"));
        t.udp(DetectHarness.SERVER, 69, DetectHarness.CLIENT, 40001, 2, b("\0\5\0\1File not found\0"));
        t.udp(DetectHarness.CLIENT, 40001, DetectHarness.SERVER, 69, 3, b("\0\2upload.bin\0NetASCII\0"));
        t.udp(DetectHarness.CLIENT, 40002, DetectHarness.SERVER, 69, 4, b("\1\1junk\0"));
        t.udp(DetectHarness.CLIENT, 40002, DetectHarness.SERVER, 69, 5, b("\0\1after\0octet\0"));
        t.udp(DetectHarness.CLIENT, 40003, DetectHarness.SERVER, 69, 6, b("\0\1"));
        t.udp(DetectHarness.CLIENT, 40003, DetectHarness.SERVER, 69, 7, b("\0\1late.txt\0octet\0"));
        DetectHarness h = new DetectHarness(
                "alert tftp any any -> any any (pkt_data; content:\"rfc1350\"; sid:1;)",
                "alert tftp any any -> any any (content:\"|00|\"; sid:2;)",
                "alert udp any any -> any any (app-layer-protocol:tftp; sid:3;)",
                "alert udp any any -> any any (app-layer-protocol:failed; sid:4;)",
                "alert tftp any any -> any any (content:\"late\"; sid:5;)",
                "alert tftp any any -> any any (content:\"after\"; sid:6;)");
        h.run(t);
        assertEquals(List.of("1@1#0", "2@1#0", "3@1", "2@2#0", "3@2", "2@3#1", "3@3", "4@4", "4@5", "4@6", "4@7"), h.txAlerts);
    }
}

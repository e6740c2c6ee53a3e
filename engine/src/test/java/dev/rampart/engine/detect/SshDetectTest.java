package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SSH rules against suricata 7.0.10 on the same session (sid and pcap_cnt; 0: a flow-end pseudo
 * packet): ssh.software and ssh.proto of each side once its identification line is parsed, and
 * after both NEWKEYS no payload inspection; stream bytes stored before that are inspected only
 * when the flow ends (no parser asks for them), bytes after it never.
 */
class SshDetectTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void bannersThenNothingAfterNewKeys() {
        byte[] newKeys = newKeys();
        DetectHarness h = new DetectHarness(
                "alert ssh any any -> any any (ssh.software; content:\"OpenSSH\"; sid:20;)",
                "alert ssh any any -> any any (ssh.proto; content:\"2.0\"; sid:21;)",
                "alert ssh any any -> any any (content:\"marker\"; sid:22;)",
                "alert ssh any any -> any any (content:\"|15 00 00 00|\"; sid:23;)",
                "alert ssh any any -> any any (flow:to_server; ssh.software; content:\"libssh\"; sid:24;)",
                "alert ssh any any -> any any (ssh_proto; content:\"2.0\"; sid:25;)",
                "alert ssh any any -> any any (ssh.software; content:\"libssh_0.9.6\"; endswith; sid:26;)",
                "alert tcp any any -> any any (app-layer-protocol:ssh; content:\"SSH-\"; sid:30;)");
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, DetectHarness.CLIENT, 40004, DetectHarness.SERVER, 22, 1000, 5000).handshake()
                .serverSends(b("SSH-2.0-OpenSSH_8.9p1 Ubuntu-3\r\n"))
                .clientSends(b("SSH-2.0-libssh_0.9.6 extra\r\n"))
                .clientSends(newKeys)
                .serverSends(newKeys)
                .clientSends(b("after newkeys marker"))
                .serverSends(b("srv after marker"))
                .close();
        h.run(t);
        assertEquals(List.of("20@7", "21@7", "25@7", "21@8", "24@8", "25@8", "26@8", "23@0", "30@0", "23@0", "30@0"),
                h.alerts.stream().map(a -> a.sid() + "@" + a.pcapCnt()).toList());
    }

    /**
     * HASSH from each side's KEXINIT, in packets after the identification lines (the buffers are not
     * final with the banner): suricata 7.0.10 on the same session alerted 5@8, 1@11, 3@11, 2@13, 4@13.
     */
    @Test
    void hasshOfEachSidesKexInit() {
        byte[] newKeys = newKeys();
        byte[] kex = dev.rampart.engine.applayer.ssh.SshKexInit.sample();
        DetectHarness h = new DetectHarness(
                "alert ssh any any -> any any (ssh.hassh; content:\"fc22a1b6eca4ffaf070a1bf0b1a5daea\"; sid:1;)",
                "alert ssh any any -> any any (ssh.hassh.server; content:\"0b23480fe52dd9c899318e2461b602e2\"; sid:2;)",
                "alert ssh any any -> any any (ssh.hassh.string; content:\"enc-cs|3b|mac-cs\"; sid:3;)",
                "alert ssh any any -> any any (ssh.hassh.server.string; content:\"comp-sc\"; endswith; sid:4;)",
                "alert ssh any any -> any any (ssh.software; content:\"libssh\"; sid:5;)");
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, DetectHarness.CLIENT, 40020, DetectHarness.SERVER, 22, 1000, 5000).handshake()
                .serverSends(b("SSH-2.0-OpenSSH_8.9\r\n"))
                .clientSends(b("SSH-2.0-libssh_0.9.6\r\n"))
                .clientSends(kex)
                .serverSends(kex)
                .clientSends(newKeys)
                .serverSends(newKeys)
                .close();
        h.run(t);
        assertEquals(List.of("5@8#0", "1@11#0", "3@11#0", "2@13#0", "4@13#0"), h.txAlerts);
    }

    /** An SSH_MSG_NEWKEYS binary packet (length 12, padding 10). */
    private static byte[] newKeys() {
        byte[] r = new byte[16];
        r[3] = 12;
        r[4] = 10;
        r[5] = 21;
        return r;
    }
}

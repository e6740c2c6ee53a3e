package dev.rampart.engine.applayer;

import static dev.rampart.engine.applayer.AppProtoDetector.IPPROTO_TCP;
import static dev.rampart.engine.applayer.AppProtoDetector.IPPROTO_UDP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.capture.synth.Dns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AppProtoDetectorTest {

    private static AppProto tcp(boolean toServer, byte[] b, int len, int sp, int dp) {
        return AppProtoDetector.detect(IPPROTO_TCP, toServer, b, 0, len, sp, dp);
    }

    /** Real TLS stream starts (tls-alpn-log-detect-02), any port. */
    @Test
    void tlsFromTheFirstRecordHeader() throws Exception {
        Path pcap = PcapStreams.sv("tls-alpn-log-detect-02", "input.pcap");
        assumeTrue(pcap != null, "shared suricata-verify captures not present");
        PcapStreams.TcpFlow f = PcapStreams.tcp(pcap).get(0);
        byte[] c = f.toServer.toByteArray();
        byte[] s = f.toClient.toByteArray();
        assertEquals(AppProto.UNKNOWN, tcp(true, c, 2, 55349, 443));
        assertEquals(AppProto.TLS, tcp(true, c, 3, 55349, 443));
        assertEquals(AppProto.TLS, tcp(true, c, c.length, 1234, 8080));
        assertEquals(AppProto.TLS, tcp(false, s, s.length, 8080, 1234));
        assertEquals("tls", AppProto.TLS.suricataName());
    }

    /**
     * Suricata 7.0.10's TLS patterns toward the server on port 5555: "01 03 0x" at offset 0 and
     * SSLv2's "01 00 02" at offset 2 are TLS; an SSLv2-framed hello with a 3.x version is TLS only on
     * port 443 (its probe, which wants the length's high bit). Before, the 3.x-framed hello was TLS
     * on any port and the two patterns were not.
     */
    @Test
    void sslv2StylePatternsAndTheTlsProbe() {
        byte[] v3 = {0x01, 0x03, 0x00};
        byte[] v12 = {0x01, 0x03, 0x03, 'a', 'b'};
        byte[] v13 = {0x01, 0x03, 0x04, 'x', 'x'};
        byte[] sslv2 = {(byte) 0x80, 0x2e, 0x01, 0x00, 0x02, 'A'};
        byte[] framedV31 = {(byte) 0x80, 0x2e, 0x01, 0x03, 0x01, 'A'};
        byte[] framedNoHighBit = {0x00, 0x2e, 0x01, 0x03, 0x01, 'A'};
        assertEquals(AppProto.TLS, tcp(true, v3, v3.length, 41001, 5555));
        assertEquals(AppProto.TLS, tcp(true, v12, v12.length, 41002, 5555));
        assertEquals(AppProto.TLS, tcp(true, sslv2, sslv2.length, 41004, 5555));
        assertEquals(false, tcp(true, v13, v13.length, 41005, 5555) == AppProto.TLS);
        assertEquals(false, tcp(true, framedV31, framedV31.length, 41003, 5555) == AppProto.TLS);
        assertEquals(AppProto.TLS, tcp(true, framedV31, framedV31.length, 41011, 443));
        assertEquals(false, tcp(true, framedNoHighBit, framedNoHighBit.length, 41014, 443) == AppProto.TLS);
    }

    /** Real HTTP request and response starts (http-auth-bearer). */
    @Test
    void httpFromMethodAndStatusLine() throws Exception {
        Path pcap = PcapStreams.sv("http-auth-bearer", "input.pcap");
        assumeTrue(pcap != null, "shared suricata-verify captures not present");
        PcapStreams.TcpFlow f = PcapStreams.tcp(pcap).get(0);
        byte[] c = f.toServer.toByteArray();
        byte[] s = f.toClient.toByteArray();
        assertEquals(AppProto.HTTP, tcp(true, c, c.length, 40000, 9999));
        assertEquals(AppProto.HTTP, tcp(false, s, s.length, 9999, 40000));
        assertEquals(AppProto.UNKNOWN, tcp(true, c, 2, 40000, 9999));
    }

    @Test
    void methodsAreCaseInsensitiveAndNeedABlank() {
        byte[] lower = "get /x HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(AppProto.HTTP, tcp(true, lower, lower.length, 1, 2));
        byte[] noBlank = "GETX/ HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(AppProto.FAILED, tcp(true, noBlank, noBlank.length, 1, 2));
        byte[] tab = "POST\t/ HTTP/1.0\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(AppProto.HTTP, tcp(true, tab, tab.length, 1, 2));
    }

    /** Suricata 7.0.10 on the same first bytes (app_proto of each flow's EVE record), any port. */
    @Test
    void smtpAndFtpFromClientCommandsAndTheVsftpdBanner() {
        assertEquals(AppProto.SMTP, tcp(true, ascii("EHLO client.example\r\n"), 21, 40000, 25));
        assertEquals(AppProto.SMTP, tcp(true, ascii("ehlo lower\r\n"), 12, 40000, 25));
        assertEquals(AppProto.SMTP, tcp(true, ascii("HELOX\r\n"), 7, 40000, 8080));
        assertEquals(AppProto.SMTP, tcp(true, ascii("QUIT\r\n"), 6, 40000, 2525));
        assertEquals(AppProto.FTP, tcp(true, ascii("user bob\r\n"), 10, 40000, 21));
        assertEquals(AppProto.FTP, tcp(true, ascii("FEAT\r\n"), 6, 40000, 21));
        assertEquals(AppProto.FTP, tcp(true, ascii("PASS x@y\r\n"), 10, 40000, 9999));
        assertEquals(AppProto.FTP, tcp(false, ascii("220 (vsFTPd 3.0.3)\r\n"), 20, 21, 40000));
        // a server banner of any other kind is nothing (the client's command decides)
        byte[] postfix = ascii("220 mx.example.com ESMTP Postfix\r\n");
        assertEquals(AppProto.FAILED, tcp(false, postfix, postfix.length, 25, 40000));
        byte[] proftpd = ascii("220 ProFTPD Server ready.\r\n");
        assertEquals(AppProto.FAILED, tcp(false, proftpd, proftpd.length, 21, 40000));
        // "USER" needs its blank; "PASSWORD" is not "PASS "
        byte[] noBlank = ascii("USERX bob\r\n\r\n\r\n\r\n\r\n");
        assertEquals(AppProto.FAILED, tcp(true, noBlank, noBlank.length, 40000, 21));
        assertEquals(AppProto.UNKNOWN, tcp(true, ascii("EHL"), 3, 40000, 25));
    }

    @Test
    void sshFromEitherIdentificationLine() {
        assertEquals(AppProto.SSH, tcp(false, ascii("SSH-2.0-OpenSSH_8.9\r\n"), 21, 22, 40000));
        assertEquals(AppProto.SSH, tcp(true, ascii("ssh-2.0-x\r\n"), 11, 40000, 2222));
        assertEquals(AppProto.UNKNOWN, tcp(true, ascii("SSH"), 3, 40000, 22));
        byte[] notSsh = ascii("SSH2.0-x\r\n\r\n\r\n\r\n\r\n");
        assertEquals(AppProto.FAILED, tcp(true, notSsh, notSsh.length, 40000, 22));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void unknownBytesFailOnceThePatternDepthIsReached() {
        byte[] junk = new byte[64];
        new Random(3).nextBytes(junk);
        junk[0] = 0x42; // not a record type
        assertEquals(AppProto.UNKNOWN, tcp(true, junk, AppProtoDetector.TO_SERVER_PM_DEPTH - 1, 5000, 6000));
        assertEquals(AppProto.FAILED, tcp(true, junk, AppProtoDetector.TO_SERVER_PM_DEPTH, 5000, 6000));
        assertEquals(AppProto.FAILED, tcp(false, junk, junk.length, 6000, 5000));
    }

    /** dns-opcode/dns-notify.pcap: a NOTIFY query and its answer over UDP port 53. */
    @Test
    void dnsOverUdpOnPort53() throws Exception {
        Path pcap = PcapStreams.sv("dns-opcode", "dns-notify.pcap");
        assumeTrue(pcap != null, "shared suricata-verify captures not present");
        List<PcapStreams.Datagram> d = PcapStreams.udp(pcap);
        assertEquals(2, d.size());
        for (PcapStreams.Datagram g : d) {
            byte[] p = g.payload();
            assertEquals(AppProto.DNS, AppProtoDetector.detect(IPPROTO_UDP, g.toServer(), p, 0, p.length, g.srcPort(), g.dstPort()));
            // Suricata's DNS probing parser is registered for port 53 only
            assertEquals(AppProto.FAILED, AppProtoDetector.detect(IPPROTO_UDP, g.toServer(), p, 0, p.length, 5353, 5354));
        }
    }

    @Test
    void dnsOverTcpIsLengthFramed() {
        byte[] q = Dns.query(0x77, "example.com", Dns.TYPE_A);
        byte[] framed = new byte[q.length + 2];
        framed[0] = (byte) (q.length >> 8);
        framed[1] = (byte) q.length;
        System.arraycopy(q, 0, framed, 2, q.length);
        assertEquals(AppProto.UNKNOWN, tcp(true, framed, 6, 40000, 53));
        assertEquals(AppProto.DNS, tcp(true, framed, 14, 40000, 53)); // header alone when the rest is missing
        assertEquals(AppProto.DNS, tcp(true, framed, framed.length, 40000, 53));
        // an implausible record count for the message length is not DNS
        framed[2 + 7] = (byte) 0xFF; // ancount
        assertEquals(AppProto.FAILED, tcp(true, framed, framed.length, 40000, 53));
    }

    @Test
    void tooShortUdpDatagramIsNotDns() {
        byte[] d = {1, 2, 3, 4, 5};
        assertEquals(AppProto.FAILED, AppProtoDetector.detect(IPPROTO_UDP, true, d, 0, d.length, 1000, 53));
    }
}

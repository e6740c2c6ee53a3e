package dev.rampart.engine.applayer.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.engine.applayer.PcapStreams;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fields of real handshakes compared with what Suricata 7.0.10 logged for the same captures
 * (values copied from the oracle's eve.json; see the test comments for the command).
 */
class TlsParserOracleTest {

    private static TlsParser parse(PcapStreams.TcpFlow f, int chunk) {
        TlsParser t = new TlsParser();
        byte[] c = f.toServer.toByteArray();
        byte[] s = f.toClient.toByteArray();
        // interleave the directions in chunks: the client speaks first in TLS
        int ci = 0;
        int si = 0;
        while (ci < c.length || si < s.length) {
            int n = Math.min(chunk, c.length - ci);
            t.onData(true, c, ci, n);
            ci += n;
            n = Math.min(chunk, s.length - si);
            t.onData(false, s, si, n);
            si += n;
        }
        return t;
    }

    /**
     * suricata-oracle -r tls-alpn-log-detect-02/input.pcap with
     * {@code ja3-fingerprints=yes}: event_type tls.
     */
    @Test
    void icloudHandshakeMatchesSuricata() throws Exception {
        Path pcap = PcapStreams.sv("tls-alpn-log-detect-02", "input.pcap");
        assumeTrue(pcap != null, "shared suricata-verify captures not present");
        List<PcapStreams.TcpFlow> flows = PcapStreams.tcp(pcap);
        assertEquals(1, flows.size());
        for (int chunk : new int[] {1, 7, 100, 1 << 20}) {
            TlsParser t = parse(flows.get(0), chunk);
            assertEquals("p130-contacts.icloud.com", t.sni().toString());
            assertEquals("TLS 1.2", t.versionString());
            assertEquals("771,4865-4866-4867-49196-49195-52393-49200-49199-52392-49162-49161-49172-49171-157-156-53-47"
                    + "-49160-49170-10,0-23-65281-10-11-16-5-13-18-51-45-43-27-21,29-23-24-25,0", t.ja3());
            assertEquals("773906b0efdefa24a7f2b8eb6985bf37", t.ja3Hash());
            assertEquals("771,49196,65281-0-11-5-16-23", t.ja3s());
            assertEquals("9b340edddb1203ae20167d3089fa10af", t.ja3sHash());
            X509Certificate cert = t.serverCertificate();
            assertNotNull(cert, "chunk " + chunk);
            assertEquals("C=US, ST=California, O=Apple Inc., CN=p127-contacts.icloud.com", cert.subject);
            assertEquals("CN=Apple IST CA 2 - G1, OU=Certification Authority, O=Apple Inc., C=US", cert.issuer);
            assertEquals("4A:96:B3:D3:5F:90:E4:49:E4:D7:ED:85:D4:9E:09:43", cert.serial);
            assertEquals("30:83:82:c5:9d:c2:3b:b4:a9:a6:1a:f2:29:3d:ea:2d:84:1a:19:2e", t.certificateFingerprint());
            assertEquals("2023-10-23T11:42:34", TlsEveJson.isoTime(cert.notBefore));
            assertEquals("2024-11-21T11:42:33", TlsEveJson.isoTime(cert.notAfter));
            assertEquals(true, cert.subjectAltNames.contains("p142-contacts.icloud.com"));
            assertEquals(false, t.hasEvents());
            assertEquals(TlsParser.STATE_CLIENT_HELLO | TlsParser.STATE_SERVER_HELLO,
                    t.stateFlags() & (TlsParser.STATE_CLIENT_HELLO | TlsParser.STATE_SERVER_HELLO));
        }
    }

    /** suricata-oracle -r ja4-rules/input.pcap -S ja4-rules/test.rules: sid 2 (ja4.hash content) alerts. */
    @Test
    void ja4EqualsTheHashSuricataMatched() throws Exception {
        Path pcap = PcapStreams.sv("ja4-rules", "input.pcap");
        assumeTrue(pcap != null, "shared suricata-verify captures not present");
        List<PcapStreams.TcpFlow> flows = PcapStreams.tcp(pcap);
        assertEquals(1, flows.size());
        TlsParser t = parse(flows.get(0), 5);
        assertEquals("t13d1516h2_8daaf6152771_e5627efa2ab1", t.ja4());
        assertEquals("cloudflare-quic.com", t.sni().toString());
        assertEquals("TLS 1.3", t.versionString());
    }

    /**
     * suricata-oracle on tls-duplicate-hello/input.pcap (HelloRetryRequest: two ClientHellos):
     * the tls record has version "TLS 1.3", this ja3 string and ja3s "771,4865,43-51".
     */
    @Test
    void helloRetryKeepsTheFirstClientHello() throws Exception {
        Path pcap = PcapStreams.sv("tls-duplicate-hello", "input.pcap");
        assumeTrue(pcap != null, "shared suricata-verify captures not present");
        List<PcapStreams.TcpFlow> flows = PcapStreams.tcp(pcap);
        assertEquals(1, flows.size());
        for (int chunk : new int[] {1, 1 << 20}) {
            TlsParser t = parse(flows.get(0), chunk);
            assertEquals("771,4866-4867-4865-4868-49196-52393-49325-49162-49195-49324-49161-49200-52392-49172-49199"
                    + "-49171-157-49309-53-156-49308-47-159-52394-49311-57-158-49310-51,5-10-11-13-22-23-35-51-43-65281"
                    + "-0-45,23,0", t.ja3());
            assertEquals("43202faa1c8c1760d6f7f4bd9adde4ab", t.ja3Hash());
            assertEquals("771,4865,43-51", t.ja3s());
            assertEquals("f4febc55ea12b31ae17cfb7e614afda8", t.ja3sHash());
            assertEquals("TLS 1.3", t.versionString());
            assertEquals("localhost", t.sni().toString());
        }
    }
}

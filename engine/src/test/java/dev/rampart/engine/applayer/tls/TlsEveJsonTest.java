package dev.rampart.engine.applayer.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.engine.applayer.PcapStreams;
import dev.rampart.eve.JsonBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The "tls" object next to Suricata 7.0.10's alert records (copied from the oracle's eve.json). */
class TlsEveJsonTest {

    private static TlsParser parse(PcapStreams.TcpFlow f, boolean serverToo) {
        TlsParser t = new TlsParser();
        byte[] c = f.toServer.toByteArray();
        t.onData(true, c, 0, c.length);
        if (serverToo) {
            byte[] s = f.toClient.toByteArray();
            t.onData(false, s, 0, s.length);
        }
        return t;
    }

    private static String render(TlsParser t, boolean ja3) {
        JsonBuffer b = new JsonBuffer(512);
        TlsEveJson.write(b, t, ja3, false);
        return b.toString();
    }

    /**
     * suricata-oracle -r tls-alpn-log-detect-02/input.pcap, rule {@code tls.cert_subject;
     * content:"=";}, with and without {@code --set app-layer.protocols.tls.ja3-fingerprints=yes}.
     */
    @Test
    void alertObjectEqualsSuricatas() throws Exception {
        Path pcap = PcapStreams.sv("tls-alpn-log-detect-02", "input.pcap");
        assumeTrue(pcap != null, "shared suricata-verify captures not present");
        TlsParser t = parse(PcapStreams.tcp(pcap).get(0), true);
        String base = "{\"subject\":\"C=US, ST=California, O=Apple Inc., CN=p127-contacts.icloud.com\","
                + "\"issuerdn\":\"CN=Apple IST CA 2 - G1, OU=Certification Authority, O=Apple Inc., C=US\","
                + "\"serial\":\"4A:96:B3:D3:5F:90:E4:49:E4:D7:ED:85:D4:9E:09:43\","
                + "\"fingerprint\":\"30:83:82:c5:9d:c2:3b:b4:a9:a6:1a:f2:29:3d:ea:2d:84:1a:19:2e\","
                + "\"sni\":\"p130-contacts.icloud.com\",\"version\":\"TLS 1.2\","
                + "\"notbefore\":\"2023-10-23T11:42:34\",\"notafter\":\"2024-11-21T11:42:33\"";
        assertEquals(base + "}", render(t, false));
        assertEquals(base + ",\"ja3\":{\"hash\":\"773906b0efdefa24a7f2b8eb6985bf37\",\"string\":\"771,4865-4866-4867-"
                + "49196-49195-52393-49200-49199-52392-49162-49161-49172-49171-157-156-53-47-49160-49170-10,0-23-65281-"
                + "10-11-16-5-13-18-51-45-43-27-21,29-23-24-25,0\"},\"ja3s\":{\"hash\":\"9b340edddb1203ae20167d3089fa10af\","
                + "\"string\":\"771,49196,65281-0-11-5-16-23\"}}", render(t, true));
    }

    /** tls-duplicate-hello: the alert raised on the ClientHello, before the server answered. */
    @Test
    void beforeTheServerHelloVersionIsUndetermined() throws Exception {
        Path pcap = PcapStreams.sv("tls-duplicate-hello", "input.pcap");
        assumeTrue(pcap != null, "shared suricata-verify captures not present");
        TlsParser t = parse(PcapStreams.tcp(pcap).get(0), false);
        assertEquals("{\"sni\":\"localhost\",\"version\":\"UNDETERMINED\",\"ja3\":{\"hash\":\"43202faa1c8c1760d6f7f4bd9adde4ab\","
                + "\"string\":\"771,4866-4867-4865-4868-49196-52393-49325-49162-49195-49324-49161-49200-52392-49172-49199-"
                + "49171-157-49309-53-156-49308-47-159-52394-49311-57-158-49310-51,5-10-11-13-22-23-35-51-43-65281-0-45,"
                + "23,0\"}}", render(t, true));
    }

    private static byte[] resource(String name) throws Exception {
        try (var in = TlsEveJsonTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    /**
     * Handshakes of our own (openssl-made certificates: a comma inside O=, multi-valued RDN,
     * Email, serialNumber, UTF-8 L=, title, an OID without short name, streetAddress), written
     * to a pcap and run through suricata-oracle with ja3 on; the alert objects are copied here.
     */
    @Test
    void syntheticHandshakesEqualSuricatas() throws Exception {
        byte[] client = resource("handshake1.client");
        String ja3 = ",\"ja3\":{\"hash\":\"13abc58616bd1c463d21154d3d982985\",\"string\":\"771,49195-49199,0-10-11,23,0\"},"
                + "\"ja3s\":{\"hash\":\"f9a66afdd1f499d415ca470974ec00c8\",\"string\":\"771,49195,65281-11\"}}";
        String name1 = "C=DE, ST=Berlin, O=Rampart Test, Inc., OU=IDS, CN=seed.example.test";
        String name2 = "DC=com, DC=example, CN=multi + OU=valued, Email=x@y.test, serialNumber=1234, L=K\u00f6ln, title=Dr, "
                + "OID(2.5.4.97)=VATDE-1, streetAddress=Main St 1";
        String[][] cases = {
            {"handshake1.server", "{\"subject\":\"" + name1 + "\",\"issuerdn\":\"" + name1 + "\","
                + "\"serial\":\"5A:40:2A:A5:4B:2E:76:CD:3D:03:63:25:86:70:F0:FE:AA:3A:3D:F5\","
                + "\"fingerprint\":\"2e:70:45:5b:e3:e1:21:41:91:2c:05:38:b9:5b:03:4d:52:f2:6d:55\","
                + "\"sni\":\"seed.example.test\",\"version\":\"TLS 1.2\",\"notbefore\":\"2026-11-28T09:56:23\","
                + "\"notafter\":\"2028-01-02T09:56:23\"" + ja3},
            {"handshake2.server", "{\"subject\":\"" + name2 + "\",\"issuerdn\":\"" + name2 + "\","
                + "\"serial\":\"60:21:05:62:40:E2:56:F9:B2:A5:6B:16:7A:24:4E:A5:1E:C8:36:0F\","
                + "\"fingerprint\":\"86:30:13:fb:bc:c2:31:e1:0d:f0:e1:e9:43:a0:ca:0e:dd:7e:df:90\","
                + "\"sni\":\"seed.example.test\",\"version\":\"TLS 1.2\",\"notbefore\":\"2026-11-28T09:56:35\","
                + "\"notafter\":\"2026-12-28T09:56:35\"" + ja3},
        };
        for (String[] c : cases) {
            byte[] server = resource(c[0]);
            TlsParser t = new TlsParser();
            t.onData(true, client, 0, client.length);
            for (int i = 0; i < server.length; i += 100) {
                t.onData(false, server, i, Math.min(100, server.length - i));
            }
            assertEquals(c[1], render(t, true), c[0]);
            assertEquals(2, t.certificateCount());
        }
    }
}

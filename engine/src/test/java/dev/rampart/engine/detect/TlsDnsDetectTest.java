package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.synth.Dns;
import dev.rampart.capture.synth.Host;
import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Tls;
import dev.rampart.capture.synth.Trace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TLS and DNS transaction keywords end to end: rule text in, synthetic traffic through the packet path, alerts out. */
class TlsDnsDetectTest {
    private static final Host CLIENT = Host.of("10.0.0.1", "02:00:00:00:00:01");
    private static final Host SERVER = Host.of("192.0.2.10", "02:00:00:00:00:02");

    /** One DNS query datagram per name, each from its own source port; {@code opcodes[i]} goes into the header. */
    private static Trace dnsQueries(String[] names, int[] opcodes) {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        for (int i = 0; i < names.length; i++) {
            byte[] q = Dns.query(0x100 + i, names[i], Dns.TYPE_A);
            q[2] |= (byte) ((opcodes[i] & 0xF) << 3);
            t.udp(CLIENT, 40000 + i, SERVER, 53, i + 1, q);
        }
        return t;
    }

    private static Trace dnsQueries(String... names) {
        return dnsQueries(names, new int[names.length]);
    }

    private static Trace tlsClientHello() {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, CLIENT, 50000, SERVER, 443, 1000, 9000).handshake()
                .clientSends(Tls.clientHello("www.example.com", 7)).close();
        return t;
    }

    private static long count(List<DetectHarness.Alert> alerts, long sid) {
        return alerts.stream().filter(a -> a.sid() == sid).count();
    }

    @Test
    void dnsOpcodeMatchesTheHeaderOpcodeAndItsNegation() {
        DetectHarness h = new DetectHarness(
                "alert dns any any -> any any (dns.opcode:4; sid:1;)",
                "alert dns any any -> any any (dns.opcode:!0; sid:2;)",
                "alert dns any any -> any any (dns.opcode:0; sid:3;)");
        List<DetectHarness.Alert> a = h.run(dnsQueries(new String[] {"a.example", "b.example"}, new int[] {0, 4}));
        assertTrue(h.plan.skipped().isEmpty(), () -> h.plan.skipped().toString());
        assertEquals(1, count(a, 1));
        assertEquals(2, a.stream().filter(x -> x.sid() == 1).findFirst().orElseThrow().pcapCnt());
        assertEquals(1, count(a, 2));
        assertEquals(1, count(a, 3));
        assertEquals(1, a.stream().filter(x -> x.sid() == 3).findFirst().orElseThrow().pcapCnt());
    }

    @Test
    void datasetSetMatchesOnlyWhenTheValueIsNewAndIssetSeesWhatWasAdded() {
        DetectHarness h = new DetectHarness(
                "alert dns any any -> any any (dns.query; dataset:set,seen, type string; sid:1;)",
                "alert dns any any -> any any (dns.query; content:\"b.\"; dataset:isset,seen; sid:2;)",
                "alert dns any any -> any any (dns.query; dataset:isnotset,never, type string; sid:3;)");
        List<DetectHarness.Alert> a = h.run(dnsQueries("a.example", "a.example", "b.example", "b.example"));
        assertEquals(List.of(1L, 3L), a.stream().filter(x -> x.sid() == 1).map(DetectHarness.Alert::pcapCnt).toList());
        // sid 1 is evaluated before sid 2 (plan order), so the first b.example is already in the set
        assertEquals(List.of(3L, 4L), a.stream().filter(x -> x.sid() == 2).map(DetectHarness.Alert::pcapCnt).toList());
        assertEquals(4, count(a, 3));
    }

    @Test
    void datasetWithASetFileIsReportedNotLoaded() {
        DetectHarness h = new DetectHarness(
                "alert dns any any -> any any (dns.query; dataset:isset,bad, type string, load bad.lst; sid:9;)");
        assertEquals(1, h.plan.skipped().size());
        assertTrue(h.plan.skipped().get(0).reason().contains("dataset"), h.plan.skipped().get(0).reason());
    }

    @Test
    void contentBeforeATransformInspectsThePlainBufferAndAfterItTheTransformedOne() {
        // ET Open sid 2044076 is written this way; Suricata 7.0.10 alerts on rs-ab.rustdesk.com only
        DetectHarness h = new DetectHarness("alert dns any any -> any any (dns.query; content:\"rs-\"; startswith; "
                + "dotprefix; content:\".rustdesk.com\"; endswith; sid:1;)");
        List<DetectHarness.Alert> a = h.run(dnsQueries("rs-ab.rustdesk.com", "ab.rustdesk.com", "rs-ab.rustdesk.org"));
        assertTrue(h.plan.skipped().isEmpty(), () -> h.plan.skipped().toString());
        assertEquals(List.of(1L), a.stream().map(DetectHarness.Alert::pcapCnt).toList());
    }

    @Test
    void tlsAlpnOfTheClientIsAMultiBufferToServer() {
        DetectHarness h = new DetectHarness(
                "alert tls any any -> any any (tls.alpn; content:\"http/1.1\"; bsize:8; sid:1;)",
                "alert tls any any -> any any (tls.alpn; content:\"h2\"; bsize:2; sid:2;)",
                "alert tls any any -> any any (tls.alpn; content:\"h3\"; sid:3;)",
                "alert tls any any -> any any (tls.alpn; content:\"h2\"; flow:to_client; sid:4;)");
        List<DetectHarness.Alert> a = h.run(tlsClientHello());
        assertEquals(1, count(a, 1));
        assertEquals(1, count(a, 2));
        assertEquals(0, count(a, 3));
        assertEquals(0, count(a, 4));
        assertTrue(a.stream().allMatch(DetectHarness.Alert::toServer));
    }

    @Test
    void clientVersionComesFromSupportedVersions() {
        // the hello's legacy version is 1.2, its supported_versions list starts with 1.3
        DetectHarness h = new DetectHarness(
                "alert tls any any -> any any (tls.version:1.3; flow:to_server; sid:1;)",
                "alert tls any any -> any any (tls.version:1.2; flow:to_server; sid:2;)",
                "alert tls any any -> any any (ssl_version:tls1.3; flow:to_server; sid:3;)",
                "alert tls any any -> any any (ssl_version:!tls1.2; flow:to_server; sid:4;)");
        List<DetectHarness.Alert> a = h.run(tlsClientHello());
        assertEquals(1, count(a, 1));
        assertEquals(0, count(a, 2));
        assertEquals(1, count(a, 3));
        assertEquals(0, count(a, 4), "a negated ssl_version never matches in Suricata");
    }

    @Test
    void sslStateSeesTheClientHelloOnceAndItsNegationLater() {
        DetectHarness h = new DetectHarness(
                "alert tls any any -> any any (ssl_state:client_hello; sid:1;)",
                "alert tls any any -> any any (ssl_state:server_hello; sid:2;)");
        List<DetectHarness.Alert> a = h.run(tlsClientHello());
        assertTrue(count(a, 1) >= 1 && count(a, 1) <= 2, a::toString); // at most once per direction
        assertEquals(0, count(a, 2));
    }

    @Test
    void transactionalRuleLoadsAndReadsEachBufferFromItsOwnSide() {
        DetectHarness h = new DetectHarness(
                "alert tls any any => any any (tls.sni; content:\"example\"; ja3s.hash; content:\"00\"; sid:1;)",
                "alert tls any any => any any (tls.sni; content:\"example\"; tls.alpn; content:\"h2\"; sid:2;)");
        assertTrue(h.plan.skipped().isEmpty(), () -> h.plan.skipped().toString());
        List<DetectHarness.Alert> a = h.run(tlsClientHello());
        assertEquals(0, count(a, 1), "no server hello: the to-client side never matches");
        assertEquals(1, count(a, 2), "a => rule alerts once per transaction, not once per direction");
    }

    @Test
    void tlsAppLayerEventMatchesWhenTheParserRaisedIt() {
        byte[] hello = Tls.clientHello("www.example.com", 7);
        byte[] bad = {(byte) 0x99, 3, 3, 0, 1, 0}; // a record of an unknown content type
        byte[] both = new byte[hello.length + bad.length];
        System.arraycopy(hello, 0, both, 0, hello.length);
        System.arraycopy(bad, 0, both, hello.length, bad.length);
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, CLIENT, 50000, SERVER, 443, 1000, 9000).handshake().clientSends(both).close();
        DetectHarness h = new DetectHarness(
                "alert tls any any -> any any (app-layer-event:tls.invalid_record_type; sid:1;)",
                "alert tls any any -> any any (app-layer-event:tls.invalid_handshake_message; sid:2;)");
        assertTrue(h.plan.skipped().isEmpty(), () -> h.plan.skipped().toString());
        List<DetectHarness.Alert> a = h.run(t);
        assertTrue(count(a, 1) >= 1, a::toString);
        assertEquals(0, count(a, 2));
        DetectHarness clean = new DetectHarness(
                "alert tls any any -> any any (app-layer-event:tls.invalid_record_type; sid:1;)");
        assertEquals(0, clean.run(tlsClientHello()).size());
        assertEquals(1, new DetectHarness("alert tls any any -> any any (app-layer-event:tls.no_such_event; sid:3;)")
                .plan.skipped().size());
    }

    @Test
    void everyDnsMessageOfOneTcpDeliveryIsInspected() {
        byte[] q1 = Dns.query(1, "first.example", Dns.TYPE_A);
        byte[] q2 = Dns.query(2, "second.example", Dns.TYPE_A);
        byte[] seg = new byte[4 + q1.length + q2.length];
        seg[0] = (byte) (q1.length >>> 8);
        seg[1] = (byte) q1.length;
        System.arraycopy(q1, 0, seg, 2, q1.length);
        seg[2 + q1.length] = (byte) (q2.length >>> 8);
        seg[3 + q1.length] = (byte) q2.length;
        System.arraycopy(q2, 0, seg, 4 + q1.length, q2.length);
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, CLIENT, 50001, SERVER, 53, 1000, 9000).handshake().clientSends(seg).close();
        DetectHarness h = new DetectHarness(
                "alert dns any any -> any any (dns.query; content:\"first\"; sid:1;)",
                "alert dns any any -> any any (dns.query; content:\"second\"; sid:2;)");
        List<DetectHarness.Alert> a = h.run(t);
        assertEquals(1, count(a, 1), a::toString);
        assertEquals(1, count(a, 2), a::toString);
    }

    @Test
    void tagKeywordLoadsWithoutChangingAlerts() {
        DetectHarness h = new DetectHarness(
                "alert dns any any -> any any (dns.query; content:\"mail\"; tag:host,100,packets,src; tag:session; sid:1;)");
        List<DetectHarness.Alert> a = h.run(dnsQueries("mail.example", "www.example"));
        assertTrue(h.plan.skipped().isEmpty(), () -> h.plan.skipped().toString());
        assertEquals(List.of(1L), a.stream().map(DetectHarness.Alert::pcapCnt).toList());
    }
}

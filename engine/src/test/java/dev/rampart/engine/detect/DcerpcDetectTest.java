package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.applayer.dcerpc.DcerpcPdus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * DCERPC over TCP end to end: each expectation is the alerts (sid@packet#transaction) suricata
 * 7.0.10 gave on the same session (written with the same framing: each data segment acknowledged
 * by the next packet). The bind is transaction 0; a request and its response are the next one.
 */
class DcerpcDetectTest {
    private static final String A = "11111111-2222-3333-4444-555555555555";
    private static final String B = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private static final String[] RULES = {
        "alert dcerpc any any -> any any (flow:to_server; dcerpc.opnum:5; sid:1;)",
        "alert dcerpc any any -> any any (dcerpc.iface:" + A + "; sid:2;)",
        "alert dcerpc any any -> any any (flow:to_server; dcerpc.iface:" + B + ",>1; sid:4;)",
        "alert dcerpc any any -> any any (flow:to_server; dcerpc.stub_data; content:\"MARKREQ\"; sid:7;)",
        "alert dcerpc any any -> any any (flow:to_client; dcerpc.stub_data; content:\"MARKRESP\"; sid:8;)",
        // no direction: once per direction of a transaction
        "alert tcp any any -> any any (dce_opnum:0-100; sid:11;)",
        "alert dcerpc any any -> any any (flow:to_server; dcerpc.iface:99999999-2222-3333-4444-555555555555; sid:12;)"};

    private static List<String> run(Consumer<TcpSession> steps) {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        TcpSession s = new TcpSession(t, DetectHarness.CLIENT, 43001, DetectHarness.SERVER, 135, 1000, 5000).mss(1400)
                .handshake();
        steps.accept(s);
        s.close();
        DetectHarness h = new DetectHarness(RULES);
        assertEquals(List.of(), h.plan.skipped(), "the dcerpc keywords load");
        h.run(t);
        List<String> out = new ArrayList<>(h.txAlerts);
        Collections.sort(out);
        return out;
    }

    private static List<String> sorted(String... alerts) {
        List<String> l = new ArrayList<>(List.of(alerts));
        Collections.sort(l);
        return l;
    }

    private static byte[] b(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static TcpSession bound(TcpSession s) {
        return s.clientSends(DcerpcPdus.bind(1, 3, DcerpcPdus.item(0, A, 1))).serverSends(DcerpcPdus.bindAck(1, 0));
    }

    @Test
    void theRequestsContextPicksTheInterfaceAndItsVersion() {
        assertEquals(sorted("11@9#1", "11@11#1", "1@11#1", "4@11#1", "7@11#1", "8@13#1"),
                run(s -> s.clientSends(DcerpcPdus.bind(1, 3, DcerpcPdus.item(0, A, 1), DcerpcPdus.item(1, B, 2)))
                        .serverSends(DcerpcPdus.bindAck(1, 0, 0))
                        .clientSends(DcerpcPdus.request(2, 1, 5, 3, b("MARKREQ-basic")))
                        .serverSends(DcerpcPdus.response(2, b("MARKRESP-basic")))));
    }

    @Test
    void aRejectedContextIsNoInterface() {
        assertEquals(sorted("11@9#1", "11@11#1", "1@11#1", "7@11#1", "8@13#1"),
                run(s -> s.clientSends(DcerpcPdus.bind(1, 3, DcerpcPdus.item(0, A, 1), DcerpcPdus.item(1, B, 2)))
                        .serverSends(DcerpcPdus.bindAck(1, 0, 2))
                        .clientSends(DcerpcPdus.request(2, 1, 5, 3, b("MARKREQ-rej")))
                        .serverSends(DcerpcPdus.response(2, b("MARKRESP-rej")))));
    }

    @Test
    void aBindWithoutTheFirstFragmentFlagMatchesAnyInterfaceAsSuricata7Does() {
        // the 7.0 walk ends on an interface it passed over and answers "match": the unbound B and the
        // dummy UUID alert too
        assertEquals(sorted("11@9#1", "2@9#1", "11@11#1", "12@11#1", "1@11#1", "2@11#1", "4@11#1", "7@11#1", "8@13#1"),
                run(s -> s.clientSends(DcerpcPdus.bind(1, 2, DcerpcPdus.item(0, A, 1))).serverSends(DcerpcPdus.bindAck(1, 0))
                        .clientSends(DcerpcPdus.request(2, 0, 5, 3, b("MARKREQ-noff")))
                        .serverSends(DcerpcPdus.response(2, b("MARKRESP-noff")))));
    }

    @Test
    void aSecondPduInTheSameChunkIsDropped() {
        // the second request is dropped; the responses' chunk outnumbers the first one's stub: an
        // error, so no response is parsed at all
        assertEquals(sorted("11@9#1", "2@9#1", "11@11#1", "1@11#1", "2@11#1", "7@11#1"),
                run(s -> bound(s)
                        .clientSends(concat(DcerpcPdus.request(2, 0, 5, 3, b("MARKREQ-m1")),
                                DcerpcPdus.request(3, 0, 6, 3, b("MARKREQ-m2"))))
                        .serverSends(concat(DcerpcPdus.response(2, b("MARKRESP-m1")), DcerpcPdus.response(3, b("MARKRESP-m2"))))));
    }

    @Test
    void aFaultEndsDcerpcParsing() {
        assertEquals(sorted("11@9#1", "2@9#1", "11@11#1", "1@11#1", "7@11#1"),
                run(s -> bound(s).clientSends(DcerpcPdus.request(2, 0, 5, 3, b("MARKREQ-pf")))
                        .serverSends(DcerpcPdus.fault(2))
                        .clientSends(DcerpcPdus.request(3, 0, 5, 3, b("MARKREQ-af")))
                        .serverSends(DcerpcPdus.response(3, b("MARKRESP-af")))));
    }

    @Test
    void anAlteredContextReplacesTheBoundInterfaces() {
        assertEquals(sorted("11@13#2", "11@15#2", "1@15#2", "7@15#2", "11@17#3", "8@17#2", "11@19#3", "1@19#3", "4@19#3",
                "7@19#3", "8@21#3"),
                run(s -> bound(s)
                        .clientSends(DcerpcPdus.alterContext(2, DcerpcPdus.item(1, B, 2)))
                        .serverSends(DcerpcPdus.alterContextResp(2, 0))
                        .clientSends(DcerpcPdus.request(3, 0, 5, 3, b("MARKREQ-alt0")))
                        .serverSends(DcerpcPdus.response(3, b("MARKRESP-alt0")))
                        .clientSends(DcerpcPdus.request(4, 1, 5, 3, b("MARKREQ-alt1")))
                        .serverSends(DcerpcPdus.response(4, b("MARKRESP-alt1")))));
    }

    @Test
    void eachFragmentOfARequestIsATransactionOfItsOwn() {
        assertEquals(sorted("11@9#1", "2@9#1", "11@10#1", "1@10#1", "2@10#1", "7@10#1", "11@11#2", "2@11#2", "11@13#2",
                "1@13#2", "2@13#2", "7@13#2", "8@15#1"),
                run(s -> bound(s).clientSends(DcerpcPdus.request(2, 0, 5, 1, b("MARKREQ-f1")))
                        .clientSends(DcerpcPdus.request(2, 0, 5, 2, b("MARKREQ-f2")))
                        .serverSends(DcerpcPdus.response(2, b("MARKRESP-f")))));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}

package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.synth.Host;
import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.applayer.AppProto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Body buffers that hold the same bytes in a direction (http.response_body, file.data and
 * file.data pinned to that side; http.request_body and file.data to server) share one prefilter,
 * so a body is scanned once per inspection; rules of every name still get their candidates.
 */
class SharedBodyPrefilterTest {
    private static final Host CLIENT = Host.of("10.0.0.1", "02:00:00:00:00:01");
    private static final Host SERVER = Host.of("192.0.2.10", "02:00:00:00:00:02");

    private static final String[] RULES = {
        "alert http any any -> any any (flow:to_client; file.data; content:\"alpha\"; sid:1;)",
        "alert http any any -> any any (flow:to_client; http.response_body; content:\"bravo\"; sid:2;)",
        "alert http any any -> any any (flow:to_client; http.response_body; content:\"alpha\"; sid:3;)",
        "alert http any any => any any (http.uri; content:\"/get\"; file.data: to_client; content:\"charlie\"; fast_pattern; sid:4;)",
        "alert http any any -> any any (flow:to_client; file.data; content:\"zulu\"; sid:5;)",
        "alert http any any -> any any (flow:to_client; file.data; to_uppercase; content:\"DELTA\"; sid:6;)",
        "alert http any any -> any any (flow:to_server; http.request_body; content:\"echo\"; sid:7;)",
        "alert http any any -> any any (flow:to_server; file.data; content:\"foxtrot\"; sid:8;)",
        "alert http any any -> any any (flow:to_client; http.stat_code; content:\"200\"; sid:9;)",
    };

    private static List<String> prefilterNames(DetectionPlan plan, boolean toServer) {
        TxGroup g = plan.txGroups[AppProto.HTTP.ordinal()][toServer ? 0 : 1];
        List<String> names = new ArrayList<>();
        for (RuleGroup pf : g.prefilters) {
            names.add(pf.name);
        }
        return names;
    }

    private static Set<Long> sids(DetectionPlan plan, RuleGroup g) {
        Set<Long> out = new HashSet<>();
        for (int[] orders : g.patternRules) {
            for (int o : orders) {
                out.add(plan.rule(o).sid());
            }
        }
        return out;
    }

    @Test
    void bodyBuffersOfOneSideShareOnePrefilterUnlessTransformed() {
        DetectHarness h = new DetectHarness(RULES);
        assertEquals(List.of("http/tc/file.data+http.response_body", "http/tc/file.data", "http/tc/http.stat_code"),
                prefilterNames(h.plan, false));
        TxGroup tc = h.plan.txGroups[AppProto.HTTP.ordinal()][1];
        assertEquals(Set.of(1L, 2L, 3L, 5L), sids(h.plan, tc.prefilters[0]));
        assertEquals(Set.of(6L), sids(h.plan, tc.prefilters[1]));
        TxGroup ts = h.plan.txGroups[AppProto.HTTP.ordinal()][0];
        assertEquals(Set.of(7L, 8L), sids(h.plan, ts.prefilters[0]), prefilterNames(h.plan, true).toString());
    }

    @Test
    void everyBodyBufferNameStillAlertsFromTheSharedScan() {
        DetectHarness h = new DetectHarness(RULES);
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        String body = "alpha bravo charlie delta";
        new TcpSession(t, CLIENT, 40000, SERVER, 80, 1000, 5000).handshake()
                .clientSends(("POST /get HTTP/1.1\r\nHost: h\r\nContent-Length: 12\r\n\r\necho foxtrot")
                        .getBytes(StandardCharsets.ISO_8859_1))
                .serverSends(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.ISO_8859_1))
                .close();
        h.run(t);
        assertEquals(List.of(1L, 2L, 3L, 4L, 6L, 7L, 8L, 9L), h.sids().stream().sorted().toList());
    }

    @Test
    void aBodyGrowingOverSegmentsKeepsEarlierCandidatesAndFindsPatternsAcrossTheSeam() {
        DetectHarness h = new DetectHarness(
                // fast pattern in the first segment, the rest of the rule only in the last one
                "alert http any any -> any any (flow:to_client; file.data; content:\"alphabet\"; fast_pattern; content:\"omega\"; distance:0; sid:1;)",
                // a fast pattern that straddles the seam between the second and third segment
                "alert http any any -> any any (flow:to_client; http.response_body; content:\"straddled\"; sid:2;)",
                "alert http any any -> any any (flow:to_client; file.data; content:\"nowhere\"; sid:3;)");
        String[] parts = {"head alphabet ", "middle stra", "ddled tail omega"};
        int length = 0;
        for (String p : parts) {
            length += p.length();
        }
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        TcpSession session = new TcpSession(t, CLIENT, 40000, SERVER, 80, 1000, 5000).handshake()
                .clientSends("GET / HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))
                .serverSends(("HTTP/1.1 200 OK\r\nContent-Length: " + length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        for (String p : parts) {
            session.serverSends(p.getBytes(StandardCharsets.ISO_8859_1));
        }
        session.close();
        h.run(t);
        assertEquals(List.of(1L, 2L), h.sids().stream().sorted().toList());
    }

    /**
     * A header buffer is final once its side's headers are: it is scanned at the transaction's
     * first inspection and its patterns are replayed at the later ones (each body chunk), so a
     * rule whose fast pattern is in a header and whose body part arrives later still alerts, once.
     */
    @Test
    void aFinalHeaderBufferKeepsItsCandidatesWhileTheBodyGrows() {
        DetectHarness h = new DetectHarness(
                "alert http any any -> any any (flow:to_client; http.server; content:\"nginx\"; fast_pattern; file.data; content:\"omega\"; sid:1;)",
                "alert http any any -> any any (flow:to_client; http.stat_code; content:\"200\"; file.data; content:\"psi\"; sid:2;)",
                "alert http any any -> any any (flow:to_client; http.server; content:\"apache\"; sid:3;)",
                "alert http any any -> any any (flow:to_server; http.user_agent; content:\"curl\"; http.request_body; content:\"late\"; sid:4;)");
        String[] parts = {"alpha ", "beta psi ", "gamma ", "delta omega"};
        int length = 0;
        for (String p : parts) {
            length += p.length();
        }
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        TcpSession session = new TcpSession(t, CLIENT, 40000, SERVER, 80, 1000, 5000).handshake()
                .clientSends("POST / HTTP/1.1\r\nHost: h\r\nUser-Agent: curl\r\nContent-Length: 9\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1))
                .clientSends("body ".getBytes(StandardCharsets.ISO_8859_1))
                .clientSends("late".getBytes(StandardCharsets.ISO_8859_1))
                .serverSends(("HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Length: " + length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        for (String p : parts) {
            session.serverSends(p.getBytes(StandardCharsets.ISO_8859_1));
        }
        session.close();
        h.run(t);
        assertEquals(List.of(1L, 2L, 4L), h.sids().stream().sorted().toList());
    }
}

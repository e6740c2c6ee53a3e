package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.synth.Host;
import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Rule profiling counts through the whole packet path: checks, matches, ticks, prefilter scans, merge, JSON. */
class RuleProfilerTest {
    private static final Host CLIENT = Host.of("10.0.0.1", "02:00:00:00:00:01");
    private static final Host SERVER = Host.of("192.0.2.10", "02:00:00:00:00:02");

    private static final String[] RULES = {
        // fast pattern "abcd"; verified on each packet holding it, matches when XYZ follows
        "alert udp any any -> any 9999 (msg:\"abcd then XYZ\"; content:\"abcd\"; content:\"XYZ\"; distance:0; sid:1;)",
        // its fast pattern never occurs: never verified
        "alert udp any any -> any 9999 (msg:\"never\"; content:\"neverthere\"; sid:2;)",
        // no content: no prefilter, verified on every packet of its group
        "alert udp any any -> any 9999 (msg:\"dsize\"; dsize:>5; sid:3;)",
    };

    /** Payload sizes 7, 7, 5, 9, 4, 4 = 36 bytes; "abcd" in 5 packets, "abcd..XYZ" in 2; dsize > 5 in 3. */
    private static final String[] PAYLOADS = {"abcdXYZ", "abcd---", "hello", "xxabcdXYZ", "abcd", "abcd"};

    private static Trace udpTrace() {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        int id = 1;
        for (String p : PAYLOADS) {
            t.udp(CLIENT, 40000, SERVER, 9999, id++, p.getBytes(StandardCharsets.ISO_8859_1));
        }
        return t;
    }

    private static RuleProfiler profile(DetectHarness h, Trace t) {
        h.profiler = new RuleProfiler(h.plan);
        h.run(t);
        return h.profiler;
    }

    @Test
    void checksAndMatchesAreCountedPerRule() {
        DetectHarness h = new DetectHarness(RULES);
        RuleProfiler p = profile(h, udpTrace());
        assertEquals(5, p.checks(1));
        assertEquals(2, p.matches(1));
        assertEquals(0, p.checks(2));
        assertEquals(0, p.matches(2));
        assertEquals(6, p.checks(3));
        assertEquals(3, p.matches(3));
        // the alerts the profile counts are those raised
        assertEquals(List.of(1L, 3L, 3L, 1L, 3L), h.sids());
    }

    @Test
    void checkedRulesHaveTicksAndNeverCheckedRulesNone() {
        RuleProfiler p = profile(new DetectHarness(RULES), udpTrace());
        assertTrue(p.ticks(1) > 0, "ticks of a checked rule");
        assertTrue(p.ticks(3) > 0);
        assertTrue(p.ticksMax(1) > 0 && p.ticksMax(1) <= p.ticks(1));
        assertEquals(0, p.ticks(2));
        assertEquals(0, p.ticksMax(2));
        assertEquals(p.ticks(1) + p.ticks(3), p.totalRuleTicks());
    }

    @Test
    void packetPrefilterCountsScansBytesAndCandidates() {
        RuleProfiler p = profile(new DetectHarness(RULES), udpTrace());
        long[] pkt = p.prefilterTotals(null, "packet");
        assertEquals(6, pkt[0], "one scan per packet with payload");
        assertEquals(36, pkt[1], "bytes scanned");
        assertEquals(5, pkt[2], "rules the scans made candidates");
        assertTrue(pkt[3] > 0);
        assertArrayEquals(new long[4], p.prefilterTotals(null, "stream"), "UDP has no stream scans");
    }

    @Test
    void disabledProfilingChangesNoAlert() {
        DetectHarness off = new DetectHarness(RULES);
        off.run(udpTrace());
        DetectHarness on = new DetectHarness(RULES);
        profile(on, udpTrace());
        assertEquals(off.alerts, on.alerts);
    }

    @Test
    void workersProfilesAreSummed() {
        DetectHarness h = new DetectHarness(RULES);
        RuleProfiler a = profile(h, udpTrace());
        RuleProfiler b = profile(h, udpTrace());
        RuleProfiler m = RuleProfiler.merge(List.of(a, b));
        assertEquals(10, m.checks(1));
        assertEquals(4, m.matches(1));
        assertEquals(a.ticks(1) + b.ticks(1), m.ticks(1));
        assertEquals(Math.max(a.ticksMax(1), b.ticksMax(1)), m.ticksMax(1));
        assertEquals(12, m.prefilterTotals(null, "packet")[0]);
    }

    @Test
    void transactionRulesAreCheckedPerTransactionPrefilterHit() {
        DetectHarness h = new DetectHarness(
                "alert http any any -> any any (msg:\"admin\"; http.uri; content:\"/admin\"; sid:10;)",
                "alert http any any -> any any (msg:\"never\"; http.uri; content:\"/nothing-like-it\"; sid:11;)");
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, CLIENT, 40000, SERVER, 80, 1000, 5000).handshake()
                .clientSends(b("GET /index.html HTTP/1.1\r\nHost: a\r\n\r\n"))
                .serverSends(b("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))
                .clientSends(b("GET /admin/x HTTP/1.1\r\nHost: a\r\n\r\n"))
                .serverSends(b("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))
                .close();
        RuleProfiler p = profile(h, t);
        assertEquals(List.of(10L), h.sids());
        assertEquals(1, p.checks(10));
        assertEquals(1, p.matches(10));
        assertEquals(0, p.checks(11));
        assertTrue(p.ticks(10) > 0);
        long[] uri = p.prefilterTotals("http/ts", "http.uri");
        assertTrue(uri[0] >= 2, "one scan per inspected transaction at least: " + uri[0]);
        assertEquals(1, uri[2], "the /admin transaction made sid 10 a candidate once");
    }

    @Test
    void jsonListsEveryRuleSortedByTicks() throws Exception {
        DetectHarness h = new DetectHarness(RULES);
        RuleProfiler p = profile(h, udpTrace());
        StringWriter w = new StringWriter();
        p.writeJson(w, 1);
        String json = w.toString();
        assertTrue(json.startsWith("{\"timestamp\":\""), json);
        assertTrue(json.contains("\"sort\":\"ticks\""));
        Matcher m = Pattern.compile("\\{\"signature_id\":(\\d+),\"gid\":1,\"rev\":\\d+,\"checks\":(\\d+),"
                + "\"matches\":(\\d+),\"ticks_total\":(\\d+)").matcher(json);
        List<long[]> rows = new ArrayList<>();
        while (m.find()) {
            rows.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4))});
        }
        assertEquals(3, rows.size(), json);
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1)[3] >= rows.get(i)[3], "sorted by ticks: " + json);
        }
        long[] never = rows.get(2);
        assertArrayEquals(new long[] {2, 0, 0, 0}, never);
        assertTrue(json.contains("\"msg\":\"abcd then XYZ\""));
        assertTrue(json.contains("\"prefilters\":[\n{\"group\":\""), json);
        assertTrue(json.contains("\"buffer\":\"packet\",\"scans\":6,\"bytes\":36,\"candidates\":5,"), json);
    }

    @Test
    void jsonNamesTheFlowbitsOfRulesThatHaveThem() throws Exception {
        DetectHarness h = new DetectHarness(
                "alert udp any any -> any 9999 (msg:\"setter\"; content:\"abcd\"; flowbits:set,seen; flowbits:noalert; sid:1;)",
                "alert udp any any -> any 9999 (msg:\"checker\"; content:\"XYZ\"; flowbits:isset,seen; sid:2;)");
        RuleProfiler p = profile(h, udpTrace());
        StringWriter w = new StringWriter();
        p.writeJson(w, 1);
        assertTrue(w.toString().contains("\"msg\":\"setter\",\"flowbits\":[\"set,seen\",\"noalert\"]}"), w.toString());
        assertTrue(w.toString().contains("\"msg\":\"checker\",\"flowbits\":[\"isset,seen\"]}"), w.toString());
        // the checker alerts on both XYZ packets: the setter matched "abcd" on each before it
        assertEquals(List.of(2L, 2L), h.sids());
        assertEquals(5, p.matches(1));
    }

    @Test
    void percentHasFourDecimals() {
        assertEquals("60.0000", percent(6000, 10000));
        assertEquals("0.0005", percent(5, 1_000_000));
        assertEquals("33.3333", percent(1, 3));
        assertEquals("100.0000", percent(7, 7));
        assertEquals("0", percent(0, 0));
    }

    private static String percent(long part, long total) {
        StringBuilder sb = new StringBuilder();
        RuleProfiler.appendPercent(sb, part, total);
        return sb.toString();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}

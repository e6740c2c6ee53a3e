package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.detect.mpm.MpmKind;
import dev.rampart.engine.testutil.TestPackets;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParser;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Rules reach evaluation only where they can match: protocol, source index per group, payload gates. */
class CandidateNarrowingTest {
    private static final long CLIENT = TestPackets.ip(10, 0, 0, 1);
    private static final long SERVER = TestPackets.ip(192, 0, 2, 7);

    private static DetectionPlan plan(String... rules) throws Exception {
        List<Rule> parsed = new ArrayList<>();
        for (String r : rules) {
            parsed.add(new RuleParser().parse(r));
        }
        return DetectionPlan.build(parsed, RuleEnvironment.suricataDefaults(), MpmKind.AHO_CORASICK, null);
    }

    private static Set<Long> sids(DetectionPlan plan, int[] orders) {
        Set<Long> out = new HashSet<>();
        for (int o : orders) {
            out.add(plan.rule(o).sid());
        }
        return out;
    }

    private static Packet tcp(long src, int sp, long dst, int dp) {
        return TestPackets.tcp(new Packet(), ByteBuffer.allocate(2048), src, sp, dst, dp, 0x02, 1, 0, 1000,
                new byte[0], 0);
    }

    @Test
    void anIpRuleWithAnExactIpProtoJoinsOnlyThatProtocolsClass() throws Exception {
        DetectionPlan plan = plan(
                "alert ip any any -> any any (msg:\"6in4\"; ip_proto:41; sid:1;)",
                "alert ip any any -> any any (msg:\"not 41\"; ip_proto:!41; sid:2;)",
                "alert ip any any -> any any (msg:\"tcp by number\"; ip_proto:6; sid:3;)");
        assertEquals(Set.of(2L, 3L), sids(plan, plan.groups[DetectionPlan.TCP].unfiltered));
        assertEquals(Set.of(2L), sids(plan, plan.groups[DetectionPlan.UDP].unfiltered));
        assertEquals(Set.of(1L, 2L), sids(plan, plan.groups[DetectionPlan.OTHER_IP].unfiltered));
        CompiledRule r1 = null;
        for (int o = 0; o < plan.ruleCount(); o++) {
            if (plan.rule(o).sid() == 1) {
                r1 = plan.rule(o);
            }
        }
        assertNotNull(r1);
        assertTrue(r1.admitsProto(41));
        assertFalse(r1.admitsProto(6));
        assertTrue(r1.admitsOtherProto());
    }

    @Test
    void theSharedSourceIndexHandsAGroupOnlyItsOwnRules() throws Exception {
        DetectionPlan plan = plan(
                "alert tcp [10.0.0.0/8] any -> any 1433 (msg:\"1433\"; flow:to_server; flags:S; sid:20;)",
                "alert tcp [10.0.0.0/8] any -> any 80 (msg:\"80\"; flow:to_server; flags:S; sid:21;)",
                "alert tcp [10.0.0.0/8] any -> any any (msg:\"any port\"; flow:to_server; flags:S; sid:22;)");
        RuleGroup web = plan.groupFor(tcp(CLIENT, 40000, SERVER, 80), true, true);
        assertNotNull(web.bySource);
        assertEquals(Set.of(20L, 21L, 22L), sids(plan, web.bySource.lookupV4(CLIENT)), "the index is the class's");
        assertNotNull(web.bySourceMembers);
        Set<Long> admitted = Arrays.stream(web.bySource.lookupV4(CLIENT))
                .filter(o -> (web.bySourceMembers[o >>> 6] & 1L << o) != 0)
                .mapToObj(o -> plan.rule(o).sid()).collect(Collectors.toSet());
        assertEquals(Set.of(21L, 22L), admitted);

        DetectHarness h = new DetectHarness(
                "alert tcp [10.0.0.0/8] any -> any 1433 (msg:\"1433\"; flow:to_server; flags:S; sid:20;)",
                "alert tcp [10.0.0.0/8] any -> any 80 (msg:\"80\"; flow:to_server; flags:S; sid:21;)",
                "alert tcp [10.0.0.0/8] any -> any any (msg:\"any port\"; flow:to_server; flags:S; sid:22;)");
        List<Long> sids = h.run(DetectHarness.httpExchange("GET / HTTP/1.1\r\nHost: a\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")).stream().map(DetectHarness.Alert::sid).sorted().toList();
        assertEquals(List.of(21L, 22L), sids);
    }

    private static final String GATED = "alert http any any -> any any (msg:\"payload fast pattern\"; "
            + "flow:to_server,established; content:\"secret-token\"; fast_pattern; http.method; content:\"POST\"; "
            + "http.request_body; content:\"user=\"; sid:30;)";

    @Test
    void aTransactionRuleWithAPayloadFastPatternIsPrefilteredByIt() throws Exception {
        DetectionPlan plan = plan(GATED);
        TxGroup g = plan.txGroups[AppProto.HTTP.ordinal()][0];
        assertNotNull(g);
        assertEquals(0, g.unfiltered.length, "not evaluated on every transaction change any more");
        assertNotNull(g.payloadGates);
        assertEquals(1, g.payloadGates.patternCount());
    }

    @Test
    void thePayloadGateKeepsTheAlertWhereThePatternIsAndOnlyThere() {
        String body = "user=alice&secret-token=1";
        String with = "POST /login HTTP/1.1\r\nHost: a\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        String resp = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        List<DetectHarness.Alert> hit = new DetectHarness(GATED).run(DetectHarness.httpExchange(with, resp));
        assertEquals(List.of(30L), hit.stream().map(DetectHarness.Alert::sid).toList());

        String other = "user=alice&other-token=1";
        String without = "POST /login HTTP/1.1\r\nHost: a\r\nContent-Length: " + other.length() + "\r\n\r\n" + other;
        assertEquals(List.of(), new DetectHarness(GATED).run(DetectHarness.httpExchange(without, resp)));
    }
}

package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.detect.mpm.MpmKind;
import dev.rampart.engine.testutil.TestPackets;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParser;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rule groups by flow direction and server port: a packet's group must hold every rule that can match it. */
class RuleGroupingTest {
    private static final long CLIENT = TestPackets.ip(10, 0, 0, 1);
    private static final long SERVER = TestPackets.ip(192, 0, 2, 7);

    private static DetectionPlan plan(List<String> rules) throws Exception {
        List<Rule> parsed = new ArrayList<>();
        for (String r : rules) {
            parsed.add(new RuleParser().parse(r));
        }
        return DetectionPlan.build(parsed, RuleEnvironment.suricataDefaults(), MpmKind.AHO_CORASICK, null);
    }

    /** Sids of the rules a group can hand to evaluation (behind any pattern, or unfiltered). */
    private static Set<Long> sids(DetectionPlan plan, RuleGroup g) {
        Set<Long> out = new HashSet<>();
        for (int[] orders : g.patternRules) {
            for (int o : orders) {
                out.add(plan.rule(o).sid());
            }
        }
        for (int o : g.unfiltered) {
            out.add(plan.rule(o).sid());
        }
        return out;
    }

    private static Packet tcp(long src, int sp, long dst, int dp) {
        return TestPackets.tcp(new Packet(), ByteBuffer.allocate(2048), src, sp, dst, dp, 0x18, 1, 1, 1000,
                "x".getBytes(), 0);
    }

    @Test
    void groupsOfOneClassShareEqualPatternRuleLists() throws Exception {
        DetectionPlan plan = plan(List.of(
                "alert tcp any any -> any 80 (flow:to_server; content:\"GET\"; sid:1;)",
                "alert tcp any any -> any [80,81] (flow:to_server; content:\"PUT\"; sid:2;)"));
        RuleGroup g80 = plan.groupFor(tcp(CLIENT, 40000, SERVER, 80), true, true);
        RuleGroup g81 = plan.groupFor(tcp(CLIENT, 40000, SERVER, 81), true, true);
        org.junit.jupiter.api.Assertions.assertNotSame(g80, g81);
        assertEquals(Set.of(1L, 2L), sids(plan, g80));
        assertEquals(Set.of(2L), sids(plan, g81));
        int[] put80 = null;
        int[] put81 = null;
        for (int i = 0; i < g80.patternRules.length; i++) {
            if (g80.patternRules[i].length == 1 && plan.rule(g80.patternRules[i][0]).sid() == 2) {
                put80 = g80.patternRules[i];
                put81 = g81.patternRules[i];
            }
        }
        org.junit.jupiter.api.Assertions.assertNotNull(put80);
        org.junit.jupiter.api.Assertions.assertSame(put80, put81, "sid 2's list is one array in both groups");
    }

    @Test
    void directionAndServerPortSelectTheRules() throws Exception {
        DetectionPlan plan = plan(List.of(
                "alert tcp any any -> any 80 (flow:to_server; content:\"GET\"; sid:1;)",
                "alert tcp any 80 -> any any (flow:to_client; content:\"HTTP/1.1\"; sid:2;)",
                "alert tcp any any -> any any (content:\"anywhere\"; sid:3;)",
                "alert tcp any any <> any 6667 (content:\"NICK\"; sid:4;)",
                "alert tcp any any -> any [8000:8100] (flow:established,to_server; dsize:>0; sid:5;)"));
        Packet req = tcp(CLIENT, 40000, SERVER, 80);
        assertEquals(Set.of(1L, 3L, 4L), sids(plan, plan.groupFor(req, true, true)));
        Packet resp = tcp(SERVER, 80, CLIENT, 40000);
        assertEquals(Set.of(2L, 3L, 4L), sids(plan, plan.groupFor(resp, true, false)));
        Packet other = tcp(CLIENT, 40000, SERVER, 8050);
        assertEquals(Set.of(3L, 4L, 5L), sids(plan, plan.groupFor(other, true, true)));
        assertEquals(Set.of(3L, 4L), sids(plan, plan.groupFor(tcp(CLIENT, 40000, SERVER, 81), true, true)));
        // no flow: the whole class (flow:to_server rules then fail in their matcher, not here)
        assertEquals(Set.of(1L, 2L, 3L, 4L, 5L), sids(plan, plan.groupFor(req, false, true)));
        assertTrue(plan.groupCount() > 2, plan.describe());
        // the groups of one direction share that direction's matcher; each direction has its own
        // (here each lacks more than a tenth of the class's rules)
        assertTrue(plan.groupFor(req, true, true).mpm == plan.groupFor(other, true, true).mpm);
        assertTrue(plan.groupFor(req, true, true).mpm != plan.groupFor(resp, true, false).mpm);
        // to client: HTTP/1.1, anywhere, NICK; the class's matcher (packets without a flow) has GET too
        assertEquals(3, plan.groupFor(resp, true, false).mpm.patternCount());
        assertEquals(4, plan.groupFor(req, false, true).mpm.patternCount());
    }

    /**
     * A TCP group's prefilter for payloads that went into the stream holds exactly its rules that
     * inspect the packet too (dsize, anchored contents); the class's other rules are not in it.
     */
    @Test
    void streamedPacketPrefilterHoldsTheRulesThatRequireThePacket() throws Exception {
        DetectionPlan plan = plan(List.of(
                "alert tcp any any -> any 80 (flow:to_server; content:\"GET\"; depth:3; sid:1;)",
                "alert tcp any any -> any 80 (flow:to_server; content:\"evil\"; sid:2;)",
                "alert tcp any any -> any any (flow:to_server; content:\"ping\"; dsize:<10; sid:3;)",
                "alert tcp any any -> any any (flow:to_server; content:\"other\"; sid:4;)",
                "alert tcp any any -> any any (flow:to_client; content:\"HTTP/1.\"; startswith; sid:5;)",
                "alert udp any any -> any any (content:\"ping\"; dsize:<10; sid:6;)"));
        RuleGroup web = plan.groupFor(tcp(CLIENT, 40000, SERVER, 80), true, true);
        assertEquals(Set.of(1L, 2L, 3L, 4L), sids(plan, web));
        assertEquals(Set.of(1L, 3L), sids(plan, web.packetPayload));
        assertEquals(2, web.packetPayload.mpm.patternCount());
        RuleGroup toClient = plan.groupFor(tcp(SERVER, 80, CLIENT, 40000), true, false);
        assertEquals(Set.of(5L), sids(plan, toClient.packetPayload));
        // packets without a flow never go into a stream: the class's group has none (and no matcher built for it)
        assertEquals(Set.of(1L, 2L, 3L, 4L, 5L), sids(plan, plan.groupFor(tcp(CLIENT, 40000, SERVER, 80), false, true)));
        assertEquals(null, plan.groupFor(tcp(CLIENT, 40000, SERVER, 80), false, true).packetPayload);
        // UDP payloads never go into a stream
        Packet udp = TestPackets.udp(new Packet(), ByteBuffer.allocate(2048), CLIENT, 40000, SERVER, 53,
                "ping".getBytes(), 0);
        assertEquals(null, plan.groupFor(udp, true, true).packetPayload);
    }

    @Test
    void fragmentsWithoutPortsGetTheirDirectionGroup() throws Exception {
        DetectionPlan plan = plan(List.of(
                "alert tcp any any -> any 80 (flow:to_server; content:\"GET\"; sid:1;)",
                "alert tcp any any -> any any (flow:to_client; content:\"x\"; sid:2;)"));
        Packet frag = tcp(CLIENT, 40000, SERVER, 80);
        frag.fragment = true;
        assertEquals(Set.of(1L), sids(plan, plan.groupFor(frag, true, true)));
        assertEquals(Set.of(2L), sids(plan, plan.groupFor(frag, true, false)));
    }

    /**
     * Random rules and packets: whenever a rule's header matches a packet (in the direction its
     * flow keyword allows), the packet's group holds the rule.
     */
    @Test
    void groupsHoldEveryRuleWhoseHeaderMatches() throws Exception {
        Random rnd = new Random(7);
        String[] ports = {"any", "80", "!80", "[80,443]", "[1024:]", "[:1023]", "$HTTP_PORTS", "6666:6669", "53",
            "![53,80]", "5060"};
        String[] flows = {"", "flow:to_server; ", "flow:to_client; ", "flow:established,to_server; ",
            "flow:established; "};
        String[] protos = {"tcp", "udp", "ip"};
        List<String> rules = new ArrayList<>();
        for (int sid = 1; sid <= 300; sid++) {
            String dir = rnd.nextInt(10) == 0 ? "<>" : "->";
            rules.add("alert " + protos[rnd.nextInt(protos.length)] + " any " + ports[rnd.nextInt(ports.length)] + " "
                    + dir + " any " + ports[rnd.nextInt(ports.length)] + " (" + flows[rnd.nextInt(flows.length)]
                    + (rnd.nextBoolean() ? "content:\"p" + rnd.nextInt(20) + "\"; " : "") + "sid:" + sid + ";)");
        }
        DetectionPlan plan = plan(rules);
        int[] interesting = {0, 1, 52, 53, 54, 79, 80, 81, 443, 1023, 1024, 1025, 5060, 6666, 6669, 6670, 8080, 40000,
            65535};
        int checked = 0;
        for (int i = 0; i < 3000; i++) {
            int sp = rnd.nextBoolean() ? interesting[rnd.nextInt(interesting.length)] : rnd.nextInt(65536);
            int dp = rnd.nextBoolean() ? interesting[rnd.nextInt(interesting.length)] : rnd.nextInt(65536);
            Packet p = rnd.nextBoolean() ? tcp(CLIENT, sp, SERVER, dp)
                    : TestPackets.udp(new Packet(), ByteBuffer.allocate(2048), CLIENT, sp, SERVER, dp, "x".getBytes(), 0);
            boolean toServer = rnd.nextBoolean();
            Set<Long> group = sids(plan, plan.groupFor(p, true, toServer));
            for (int o = 0; o < plan.ruleCount(); o++) {
                CompiledRule r = plan.rule(o);
                boolean dirOk = r.flowDirection < 0 || (r.flowDirection == 0) == toServer;
                if (dirOk && r.headerMatches(p)) {
                    checked++;
                    assertTrue(group.contains(r.sid()), () -> r + " missing for " + p.srcPort + "->"
                            + p.dstPort + " toServer=" + toServer);
                }
            }
            assertFalse(group.size() > plan.ruleCount());
        }
        assertTrue(checked > 1000, "too few matching headers to mean anything: " + checked);
    }
}

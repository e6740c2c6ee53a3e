package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.testutil.TestPackets;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParser;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The IP-only index hands the first packet of a flow direction exactly the IP-only rules whose
 * header can match it, in plan order: for random reputation-style rules (lists on either side,
 * $HOME_NET, any, negations, {@code <>}) and random packets, its candidates filtered by the header
 * check equal every IP-only rule filtered by it, and no rule whose header matches is missing.
 */
class IpOnlyIndexTest {
    private static String list(Random rnd) {
        switch (rnd.nextInt(8)) {
            case 0:
                return "any";
            case 1:
                return "$HOME_NET";
            case 2:
                return "$EXTERNAL_NET";
            case 3:
                return "!" + host(rnd);
            default:
                StringBuilder sb = new StringBuilder("[");
                int n = 1 + rnd.nextInt(12);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," : "").append(host(rnd));
                    if (rnd.nextInt(5) == 0) {
                        sb.append('/').append(16 + rnd.nextInt(17));
                    }
                }
                return sb.append(']').toString();
        }
    }

    private static String host(Random rnd) {
        return (rnd.nextBoolean() ? "10." : "198.") + rnd.nextInt(3) + "." + rnd.nextInt(3) + "." + rnd.nextInt(256);
    }

    private static long addr(Random rnd) {
        long first = rnd.nextBoolean() ? 10 : 198;
        return first << 24 | (long) rnd.nextInt(3) << 16 | (long) rnd.nextInt(3) << 8 | rnd.nextInt(256);
    }

    @Test
    void candidatesAreTheRulesWhoseHeaderMatches() throws Exception {
        Random rnd = new Random(11);
        RuleParser parser = new RuleParser(RuleEnvironment.suricataDefaults());
        List<Rule> rules = new ArrayList<>();
        for (int sid = 1; sid <= 300; sid++) {
            String dir = rnd.nextInt(8) == 0 ? "<>" : "->";
            rules.add(parser.parse("alert ip " + list(rnd) + " any " + dir + " " + list(rnd) + " any (msg:\"r\"; sid:"
                    + sid + ";)"));
        }
        DetectionPlan plan = DetectionPlan.build(rules, RuleEnvironment.suricataDefaults());
        assertTrue(plan.ipOnly.length == 300, "all IP-only");
        assertNotNull(plan.ipOnlyIndex);
        int[] out = new int[plan.ipOnly.length];
        Packet p = new Packet();
        ByteBuffer buf = ByteBuffer.allocate(2048);
        int matching = 0;
        long handed = 0;
        for (int probe = 0; probe < 4000; probe++) {
            long src = addr(rnd);
            long dst = addr(rnd);
            TestPackets.tcp(p, buf, src, 1000 + rnd.nextInt(1000), dst, 80, 0x18, 1, 1, 1000, null, 0);
            int[] expected = Arrays.stream(plan.ipOnly).filter(o -> plan.rule(o).headerMatches(p)).toArray();
            int n = plan.ipOnlyIndex.candidates(src, dst, out);
            int[] candidates = Arrays.copyOf(out, n);
            for (int i = 1; i < n; i++) {
                assertTrue(candidates[i - 1] < candidates[i], "plan order");
            }
            int[] got = Arrays.stream(candidates).filter(o -> plan.rule(o).headerMatches(p)).toArray();
            assertArrayEquals(expected, got, "packet " + src + " -> " + dst);
            assertTrue(n <= plan.ipOnly.length);
            matching += expected.length;
            handed += n;
        }
        assertTrue(matching > 1000, "the probes hit rules: " + matching);
        // and it narrows: most rules name a few hosts on one side
        assertTrue(handed < 4000L * 300 / 2, "candidates handed out: " + handed);
    }
}

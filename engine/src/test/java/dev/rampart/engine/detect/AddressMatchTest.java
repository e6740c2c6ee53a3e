package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Long IPv4 lists are sorted, merged and binary searched: membership must equal the list's. */
class AddressMatchTest {
    @Test
    void sortingAndMergingKeepsTheSameSet() {
        long[] pairs = {50, 60, 10, 20, 21, 30, 55, 70, 100, 100, 5, 5};
        assertArrayEquals(new long[] {5, 5, 10, 30, 50, 70, 100, 100}, AddressMatch.sortedMerged(pairs));
    }

    @Test
    void aLongListMatchesExactlyItsAddresses() throws Exception {
        Random rnd = new Random(11);
        RuleParser parser = new RuleParser(RuleEnvironment.suricataDefaults());
        for (int round = 0; round < 20; round++) {
            List<long[]> ranges = new ArrayList<>();
            StringBuilder src = new StringBuilder("[");
            int n = 10 + rnd.nextInt(300);
            for (int i = 0; i < n; i++) {
                int a = rnd.nextInt(3);
                int b = rnd.nextInt(256);
                int prefix = rnd.nextInt(5) == 0 ? 24 + rnd.nextInt(9) : 32;
                long addr = (10L << 24) | ((long) a << 16) | ((long) b << 8) | rnd.nextInt(256);
                long size = 1L << (32 - prefix);
                long from = addr & ~(size - 1);
                ranges.add(new long[] {from, from + size - 1});
                src.append(i > 0 ? "," : "").append("10.").append(a).append('.').append(b).append('.')
                        .append(addr & 0xff).append(prefix < 32 ? "/" + prefix : "");
            }
            src.append(']');
            CompiledRule r = DetectionPlan.build(List.of(parser.parse(
                    "alert ip " + src + " any -> any any (msg:\"list\"; sid:1;)")), RuleEnvironment.suricataDefaults())
                    .rule(0);
            for (int probe = 0; probe < 3000; probe++) {
                long addr = (10L << 24) | ((long) rnd.nextInt(3) << 16) | ((long) rnd.nextInt(256) << 8)
                        | rnd.nextInt(256);
                if (probe % 3 == 0) {
                    long[] pick = ranges.get(rnd.nextInt(ranges.size()));
                    addr = rnd.nextBoolean() ? pick[0] : pick[1] + (rnd.nextBoolean() ? 1 : 0);
                }
                boolean expected = false;
                for (long[] g : ranges) {
                    expected |= addr >= g[0] && addr <= g[1];
                }
                assertEquals(expected, r.src.matches(4, 0, addr), "address " + addr + " in round " + round);
            }
        }
    }
}

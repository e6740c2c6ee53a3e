package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.testutil.TestPackets;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleParser;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The geoip keyword against the database suricata-verify's geoip test ships (FR and DE addresses). */
class GeoipRuleTest {
    static final long FR = TestPackets.ip(123, 125, 71, 29);
    static final long DE = TestPackets.ip(82, 165, 177, 154);
    static final long LAN = TestPackets.ip(192, 168, 1, 2);

    private static Path database() {
        Path shared = Path.of(System.getProperty("rampart.shared", "../../shared"));
        Path db = shared.resolve("conformance/suricata-verify/tests/geoip/test.mmdb");
        Assumptions.assumeTrue(Files.isRegularFile(db), "suricata-verify not available");
        return db;
    }

    private static List<Long> run(DetectionPlan plan, long src, long dst) {
        List<Long> sids = new ArrayList<>();
        DetectStage stage = new DetectStage(plan, (e, r) -> sids.add(r.sid()));
        Packet p = new Packet();
        TestPackets.udp(p, ByteBuffer.allocate(2048), src, 1234, dst, 53, new byte[] {1, 2, 3}, 1_000_000_000L);
        p.index = 1;
        stage.inspect(p);
        return sids;
    }

    @Test
    void directionAndNegationSelectTheAddress() throws Exception {
        RuleParser parser = new RuleParser();
        List<Rule> rules = List.of(
                parser.parse("alert udp any any -> any any (geoip:dst,FR; sid:1;)"),
                parser.parse("alert udp any any -> any any (geoip:src,DE; sid:2;)"),
                parser.parse("alert udp any any -> any any (geoip:both,FR,DE; sid:3;)"),
                parser.parse("alert udp any any -> any any (geoip:!src,FR,DE; sid:4;)"));
        DetectionPlan plan = DetectionPlan.build(rules, parser.env(), new DetectSettings(null, null, database()));
        assertEquals(0, plan.skipped().size(), () -> "skipped: " + plan.skipped());
        assertEquals(List.of(1L, 2L, 3L), run(plan, DE, FR));
        assertEquals(List.of(1L, 4L), run(plan, LAN, FR));
    }

    @Test
    void withoutADatabaseTheRuleIsNotLoaded() throws Exception {
        RuleParser parser = new RuleParser();
        DetectionPlan plan = DetectionPlan.build(List.of(parser.parse("alert udp any any -> any any (geoip:dst,FR; sid:1;)")),
                parser.env());
        assertEquals(1, plan.skipped().size());
        assertTrue(plan.skipped().get(0).reason().contains("geoip"));
    }
}

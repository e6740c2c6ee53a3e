package dev.rampart.alerts.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.alerts.AlertRecord;
import dev.rampart.alerts.IncidentRecord;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ScoringTest {
    private static final long SECOND = 1_000_000_000L;
    private static final int A = 0x0A000001;
    private static final int B = 0xC0A80001;
    private static final int C = 0xC0A80002;

    private long nextId;

    private AlertRecord alert(long sid, String severityWord, int priority, long flow, int src, int dst, long tsSeconds) {
        AlertRecord a = new AlertRecord();
        a.alertId = ++nextId;
        a.sid = sid;
        a.rev = 1;
        a.flowId = flow;
        a.srcV4(src).dstV4(dst);
        a.timestampNanos = tsSeconds * SECOND;
        a.severity = priority;
        AlertRecord.set(a.classtype, "trojan-activity");
        AlertRecord.set(a.category, "A Network Trojan was detected");
        if (severityWord != null) {
            AlertRecord.set(a.metadata, "affected_product Any, signature_severity " + severityWord + ", updated_at 2024_01_01");
        }
        return a;
    }

    @Test
    void signatureSeverityIsReadFromMetadataText() {
        assertEquals(SignatureSeverity.MAJOR, SignatureSeverity.of("attack_target Client_Endpoint, signature_severity Major"));
        assertEquals(SignatureSeverity.CRITICAL, SignatureSeverity.of("signature_severity critical"));
        assertEquals(SignatureSeverity.INFORMATIONAL, SignatureSeverity.of(" signature_severity  Informational ,x y"));
        assertNull(SignatureSeverity.of("signature_severity_x Major"));
        assertNull(SignatureSeverity.of("signature_severity Majorly"));
        assertNull(SignatureSeverity.of(""));
    }

    @Test
    void defaultsScoreBySeverityThenPriority() {
        RuleScorer s = new RuleScorer(ScoreConfig.defaults());
        assertEquals(100, s.score(alert(1, "Critical", 3, 1, A, B, 0)));
        assertEquals(50, s.score(alert(2, "Major", 3, 1, A, B, 0)));
        assertEquals(10, s.score(alert(3, "Minor", 1, 1, A, B, 0)), "severity wins over priority");
        assertEquals(0, s.score(alert(4, "Informational", 1, 1, A, B, 0)));
        assertEquals(50, s.score(alert(5, null, 1, 1, A, B, 0)));
        assertEquals(2, s.score(alert(6, null, 3, 1, A, B, 0)));
        assertEquals(0, s.score(alert(7, null, 4, 1, A, B, 0)));
    }

    @Test
    void overridesBySidThenClasstypeThenCategory() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader("sid.2=7\nclasstype.trojan-activity=33\ncategory.A\\ Network\\ Trojan\\ was\\ detected=44\n"
                + "severity.minor=12\npriority.3=3\nthreshold=80\nwindow=PT30S\n"));
        ScoreConfig cfg = ScoreConfig.fromProperties(p);
        assertEquals(80, cfg.flowThreshold());
        assertEquals(80, cfg.hostPairThreshold());
        assertEquals(30 * SECOND, cfg.windowNanos());
        RuleScorer s = new RuleScorer(cfg);
        assertEquals(7, s.score(alert(2, "Major", 1, 1, A, B, 0)));
        assertEquals(33, s.score(alert(3, "Major", 1, 1, A, B, 0)));
        AlertRecord other = alert(4, "Minor", 3, 1, A, B, 0);
        AlertRecord.set(other.classtype, "bad-unknown");
        assertEquals(44, s.score(other));
        AlertRecord.set(other.category, "Potentially Bad Traffic");
        other.rev = 2; // another rule revision: not the cached score
        assertEquals(12, s.score(other));

        Properties bad = new Properties();
        bad.setProperty("severity.huge", "3");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScoreConfig.fromProperties(bad));
        assertTrue(e.getMessage().contains("severity.huge"), e.getMessage());
    }

    @Test
    void oneMajorAlertIsAnIncidentAndInformationalNoiseIsNot() {
        ScoreConfig cfg = ScoreConfig.defaults();
        RuleScorer scorer = new RuleScorer(cfg);
        IncidentTracker t = new IncidentTracker(cfg);
        for (int i = 0; i < 1000; i++) {
            AlertRecord noise = alert(100, "Informational", 3, 5, A, B, i);
            noise.score = scorer.score(noise);
            assertFalse(t.add(noise));
            assertEquals(AlertRecord.NO_INCIDENT, noise.incidentId);
        }
        AlertRecord major = alert(200, "Major", 1, 6, C, B, 1000);
        major.score = scorer.score(major);
        assertTrue(t.add(major));
        IncidentRecord inc = t.raised();
        assertEquals(major.alertId, inc.incidentId);
        assertEquals(major.incidentId, inc.incidentId);
        assertEquals(50, inc.score);
        assertEquals(1, inc.alertCount);
        assertTrue(inc.hasAlert(major.alertId));
        assertEquals(1, inc.sidCount);
        assertEquals(200, inc.sids[0]);
        assertEquals(IncidentRecord.KEY_HOST_PAIR, inc.keyKind, "both keys crossed: one host-pair incident");
        assertTrue(inc.hasHost(4, 0, C & 0xFFFF_FFFFL) && inc.hasHost(4, 0, B & 0xFFFF_FFFFL));
    }

    @Test
    void minorAlertsAccumulateWithinTheWindowOnly() {
        ScoreConfig cfg = ScoreConfig.defaults().window(Duration.ofSeconds(60));
        IncidentTracker t = new IncidentTracker(cfg);
        // 4 minor alerts 30 s apart: never 5 within 60 s
        for (int i = 0; i < 4; i++) {
            AlertRecord a = alert(300, "Minor", 2, 9, A, B, i * 30L);
            a.score = 10;
            assertFalse(t.add(a), "alert " + i);
        }
        // now 5 within 60 s: incident once; the second burst in the same window joins it
        long first = 0;
        for (int i = 0; i < 5; i++) {
            AlertRecord a = alert(301 + i, "Minor", 2, 9, A, B, 200 + i);
            a.score = 10;
            boolean raised = t.add(a);
            assertEquals(i == 4, raised, "alert " + i);
            if (raised) {
                first = a.incidentId;
                assertEquals(5, t.raised().alertCount);
                assertEquals(200 * SECOND, t.raised().firstSeenNanos);
                assertEquals(204 * SECOND, t.raised().lastSeenNanos);
                assertEquals(5, t.raised().sidCount);
            }
        }
        for (int i = 0; i < 10; i++) {
            AlertRecord a = alert(400, "Minor", 2, 9, A, B, 210 + i);
            a.score = 10;
            assertFalse(t.add(a), "once per key per window");
            assertEquals(first, a.incidentId);
        }
        // a window after the raise, a new burst raises a new incident
        long second = 0;
        for (int i = 0; i < 5; i++) {
            AlertRecord a = alert(500, "Minor", 2, 9, A, B, 300 + i);
            a.score = 10;
            if (t.add(a)) {
                second = a.incidentId;
            }
        }
        assertTrue(second > first, "second incident " + second + " after " + first);
        assertEquals(2, t.incidentsRaised());
    }

    @Test
    void hostPairAccumulatesAcrossFlowsAndIsUnordered() {
        ScoreConfig cfg = ScoreConfig.defaults().flowThreshold(1000);
        IncidentTracker t = new IncidentTracker(cfg);
        for (int i = 0; i < 4; i++) {
            AlertRecord a = alert(600, "Minor", 2, 20 + i, i % 2 == 0 ? A : B, i % 2 == 0 ? B : A, i);
            a.score = 10;
            assertFalse(t.add(a));
        }
        AlertRecord fifth = alert(600, "Minor", 2, 99, B, A, 5);
        fifth.score = 10;
        assertTrue(t.add(fifth));
        assertEquals(IncidentRecord.KEY_HOST_PAIR, t.raised().keyKind);
        assertEquals(A & 0xFFFF_FFFFL, t.raised().hostALo, "lower address first");
        assertEquals(50, t.raised().score);
        // an unrelated pair is not affected
        AlertRecord other = alert(600, "Minor", 2, 100, A, C, 6);
        other.score = 10;
        assertFalse(t.add(other));
        assertEquals(AlertRecord.NO_INCIDENT, other.incidentId);
    }

    @Test
    void flowThresholdBelowPairThresholdRaisesAFlowIncident() {
        ScoreConfig cfg = ScoreConfig.defaults().flowThreshold(20).hostPairThreshold(1000);
        IncidentTracker t = new IncidentTracker(cfg);
        AlertRecord a1 = alert(700, "Minor", 2, 42, A, B, 0);
        a1.score = 10;
        assertFalse(t.add(a1));
        AlertRecord a2 = alert(701, "Minor", 2, 42, A, B, 1);
        a2.score = 10;
        assertTrue(t.add(a2));
        assertEquals(IncidentRecord.KEY_FLOW, t.raised().keyKind);
        assertEquals(42, t.raised().flowId);
        assertTrue(t.raised().hasAlert(a1.alertId) && t.raised().hasAlert(a2.alertId));
    }

    @Test
    void memoryIsBoundedAndLimitsAreCounted() {
        ScoreConfig cfg = ScoreConfig.defaults().threshold(1_000_000).limits(8, 4);
        IncidentTracker t = new IncidentTracker(cfg);
        for (int i = 0; i < 100; i++) {
            AlertRecord a = alert(800, "Minor", 2, i, A + i, B, i);
            a.score = 10;
            t.add(a);
        }
        assertEquals(8, t.keysTracked());
        assertTrue(t.keysEvicted() >= 190, "evicted " + t.keysEvicted());
        for (int i = 0; i < 10; i++) {
            AlertRecord a = alert(801, "Minor", 2, 1234, A, C, 200);
            a.score = 10;
            t.add(a);
        }
        assertEquals(12, t.windowOverflows(), "10 alerts into 4 slots, flow and pair keys");
    }

    @Test
    void masksFlagAlertsBeforeScoring() {
        MaskSet masks = new MaskSet();
        AlertRecord a = alert(900, "Major", 1, 1, A, B, 0);
        assertFalse(masks.matches(a));
        MaskSet.Mask bySid = masks.maskSid(900);
        assertTrue(masks.matches(a));
        assertTrue(masks.remove(bySid));
        assertFalse(masks.matches(a));

        masks.maskSidHost(900, 4, 0, B & 0xFFFF_FFFFL);
        assertTrue(masks.matches(a), "destination host");
        assertFalse(masks.matches(alert(901, "Major", 1, 1, A, B, 0)), "another rule");
        assertFalse(masks.matches(alert(900, "Major", 1, 1, A, C, 0)), "other hosts");

        MaskSet bySrc = new MaskSet();
        bySrc.suppress(900, MaskSet.Track.BY_SRC, 4, 0, B & 0xFFFF_FFFFL);
        assertFalse(bySrc.matches(a), "B is the destination, not the source");
        assertTrue(bySrc.matches(alert(900, "Major", 1, 1, B, A, 0)));

        IncidentRecord inc = new IncidentRecord();
        inc.incidentId = 5;
        inc.keyKind = IncidentRecord.KEY_HOST_PAIR;
        inc.hostALo = A & 0xFFFF_FFFFL;
        inc.hostBLo = B & 0xFFFF_FFFFL;
        MaskSet byIncident = new MaskSet();
        byIncident.maskIncident(inc);
        assertTrue(byIncident.matches(alert(1, "Minor", 1, 7, B, A, 0)));
        assertFalse(byIncident.matches(alert(1, "Minor", 1, 7, A, C, 0)));
    }
}

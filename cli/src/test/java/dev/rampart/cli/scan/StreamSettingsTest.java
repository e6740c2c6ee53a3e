package dev.rampart.cli.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.stream.StreamConfig;
import dev.rampart.rules.config.SuricataConfig;
import org.junit.jupiter.api.Test;

class StreamSettingsTest {
    @Test
    void setOverridesReachTheStreamConfig() {
        SuricataConfig c = SuricataConfig.defaults()
                .set("stream.midstream=true")
                .set("stream.reassembly.depth=0")
                .set("stream.checksum-validation=no");
        StreamConfig sc = new StreamConfig();
        assertEquals("", StreamSettings.apply(c, sc));
        assertTrue(sc.midstream);
        assertEquals(0, sc.depth);
        assertFalse(sc.checksumValidation);
    }

    @Test
    void absentKeysKeepTheDefaults() {
        StreamConfig sc = new StreamConfig();
        StreamSettings.apply(SuricataConfig.defaults(), sc);
        assertFalse(sc.midstream);
        assertEquals(1024 * 1024, sc.depth);
        assertTrue(sc.checksumValidation);
    }

    @Test
    void sizesTakeSuricataUnits() {
        StringBuilder warn = new StringBuilder();
        SuricataConfig c = SuricataConfig.defaults()
                .set("stream.reassembly.depth=1mb")
                .set("stream.reassembly.toserver-chunk-size=64 KiB")
                .set("stream.reassembly.toclient-chunk-size=lots");
        assertEquals(1 << 20, StreamSettings.size(c, "stream.reassembly.depth", warn));
        assertEquals(64 << 10, StreamSettings.size(c, "stream.reassembly.toserver-chunk-size", warn));
        assertEquals(-1, StreamSettings.size(c, "stream.reassembly.toclient-chunk-size", warn));
        assertTrue(warn.toString().contains("toclient-chunk-size"));
    }

    @Test
    void aDropMidstreamPolicyFailsClosedOnlyInIpsModeWithoutMidstream() {
        SuricataConfig c = SuricataConfig.defaults().set("stream.midstream-policy=drop-flow");
        StreamConfig sc = new StreamConfig();
        StreamSettings.applyPolicies(c, sc, true);
        assertTrue(sc.midstreamFailClosed);
        StreamSettings.applyPolicies(c, sc, false);
        assertFalse(sc.midstreamFailClosed);
        sc.midstream = true;
        StreamSettings.applyPolicies(c, sc, true);
        assertFalse(sc.midstreamFailClosed);
        StreamConfig other = new StreamConfig();
        StreamSettings.applyPolicies(SuricataConfig.defaults().set("stream.midstream-policy=ignore"), other, true);
        assertFalse(other.midstreamFailClosed);
    }
}

package dev.rampart.rules.keyword.flow;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.rules.keyword.flow.ThresholdOption.Track;
import dev.rampart.rules.keyword.flow.ThresholdOption.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ThresholdDetectionFilterTest {

    @Test
    void thresholdFields() throws Exception {
        assertEquals(new ThresholdOption(Type.LIMIT, Track.BY_SRC, 1, 3600, 0), option("tcp",
                "threshold:type limit, count 1, seconds 3600, track by_src;", ThresholdOption.class));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "type both,track by_dst,count 5,seconds 60|threshold:type both, track by_dst, count 5, seconds 60",
        "track by_rule, type threshold, seconds 60, count 10|threshold:type threshold, track by_rule, count 10, seconds 60",
        " type  limit , track by_src,count 1,seconds 5 |threshold:type limit, track by_src, count 1, seconds 5",
        "type limit, track by_src, count 0, seconds 0|threshold:type limit, track by_src, count 0, seconds 0",
        "type limit,track by_src,count 1,seconds 5,|threshold:type limit, track by_src, count 1, seconds 5",
        // text after the fourth pair is ignored, as Suricata does (seen in ET Open: a missing ';')
        "type limit, count 1, seconds 60, track by_src reference:url,x.com/|threshold:type limit, track by_src, count 1, seconds 60",
        "type limit, track by_src, count 1, seconds 60x|threshold:type limit, track by_src, count 1, seconds 60",
        "type limit, track by_flow, count 1, seconds 60|threshold:type limit, track by_flow, count 1, seconds 60",
        "type backoff, track by_flow, count 1, multiplier 10|threshold:type backoff, track by_flow, count 1, multiplier 10",
    })
    void thresholdForms(String value, String canon) throws Exception {
        assertEquals(canon, canonical(option("tcp", "threshold:" + value + ";", ThresholdOption.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"type limit, track by_src, count 1", "type limit, track by_src, count 1, seconds 60, count 2",
        "type foo, track by_src, count 1, seconds 60", "Type limit,track by_src,count 1,seconds 5",
        "type limit track by_src,count 1,seconds 5,x", "type limit,track by_src,count 4294967296,seconds 5",
        "type limit, track by_src, count 1x, seconds 60", "type limit, track by_any, count 1, seconds 60",
        "type backoff, track by_src, count 1, multiplier 10", "type backoff, track by_flow, count 1, multiplier 1",
        "type backoff, track by_flow, count 1, seconds 10"})
    void thresholdRefused(String value) {
        rejected("tcp", "threshold:" + value + ";", "threshold");
    }

    @Test
    void detectionFilterFields() throws Exception {
        assertEquals(new DetectionFilterOption(Track.BY_DST, 4, 20, null), option("tcp",
                "detection_filter:track by_dst, count 4, seconds 20;", DetectionFilterOption.class));
        assertEquals("detection_filter:track by_dst, count 1, seconds 5", canonical(option("tcp",
                "detection_filter:seconds 5,count 1,track by_dst;", DetectionFilterOption.class)));
        assertEquals("src_port", option("tcp", "detection_filter:track by_src, count 1, seconds 60, unique_on src_port;",
                DetectionFilterOption.class).uniqueOn());
    }

    @ParameterizedTest
    @ValueSource(strings = {"track by_rule, count 1, seconds 60", "track by_both, count 1, seconds 60",
        "track by_src, count 0, seconds 60", "track by_src, count 1, seconds 0", "track by_src, count 1",
        "track by_src, count 1, count 2, seconds 60", "track by_src, count 1, seconds 60, foo"})
    void detectionFilterRefused(String value) {
        rejected("tcp", "detection_filter:" + value + ";", "detection_filter");
    }

    @Test
    void onePerRuleAndNotBoth() {
        String t = "threshold:type limit, track by_src, count 1, seconds 60;";
        String d = "detection_filter:track by_src, count 1, seconds 60;";
        rejected("tcp", t + " " + t, "multiple");
        rejected("tcp", d + " " + d, "at most one");
        rejected("tcp", t + " " + d, "not allowed in the same rule");
        rejected("tcp", d + " " + t, "not allowed in the same rule");
    }
}

package dev.rampart.rules.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.config.ThresholdConfig.Command;
import dev.rampart.rules.config.ThresholdConfig.NewAction;
import dev.rampart.rules.config.ThresholdConfig.RateFilter;
import dev.rampart.rules.config.ThresholdConfig.Suppress;
import dev.rampart.rules.config.ThresholdConfig.Threshold;
import dev.rampart.rules.config.ThresholdConfig.Track;
import dev.rampart.rules.config.ThresholdConfig.Type;
import dev.rampart.rules.header.AddressExpr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThresholdConfigTest {

    private static ThresholdConfig parse(String text) {
        return ThresholdConfig.parse("threshold.config", text, RuleEnvironment.suricataDefaults());
    }

    private static String onlyError(String line) {
        ThresholdConfig c = parse(line);
        assertEquals(0, c.entries().size(), "no entry expected for: " + line);
        assertEquals(1, c.errors().size(), c.errors().toString());
        return c.errors().get(0);
    }

    @Test
    void thresholdAndEventFilter() {
        ThresholdConfig c = parse("""
                # a comment

                threshold gen_id 1, sig_id 2404000, type limit, track by_src, count 1, seconds 60
                event_filter gen_id 0, sig_id 0, type both, track by_rule, count 10, seconds 3600
                THRESHOLD gen_id 1,sig_id 5,type threshold,track by_both,count 3,seconds 1
                threshold gen_id 1, sig_id 6, type threshold, track by_dst, count 3, seconds 0
                """);
        assertEquals(List.of(), c.errors());
        assertEquals(List.of(
                new Threshold(Command.THRESHOLD, 1, 2404000, Type.LIMIT, Track.BY_SRC, 1, 60, 3),
                new Threshold(Command.EVENT_FILTER, 0, 0, Type.BOTH, Track.BY_RULE, 10, 3600, 4),
                new Threshold(Command.THRESHOLD, 1, 5, Type.THRESHOLD, Track.BY_BOTH, 3, 1, 5),
                new Threshold(Command.THRESHOLD, 1, 6, Type.THRESHOLD, Track.BY_DST, 3, 0, 6)), c.entries());
    }

    @Test
    void suppressForms() {
        ThresholdConfig c = parse("""
                suppress gen_id 1, sig_id 2009557
                suppress gen_id 1, sig_id 2009557, track by_src, ip 217.110.97.128/25
                suppress gen_id 0, sig_id 0, track by_dst, ip 10.88.0.14
                suppress gen_id 1, sig_id 7, track by_either, ip [10.0.0.0/8, 192.168.1.1]
                suppress gen_id 1, sig_id 8, track by_src, ip $HOME_NET
                suppress gen_id 1, sig_id 9, track by_dst, ip fe80::/10
                """);
        assertEquals(List.of(), c.errors());
        assertEquals(6, c.entries().size());
        Suppress whole = (Suppress) c.entries().get(0);
        assertTrue(whole.wholeRule());
        assertNull(whole.ip());
        Suppress bySrc = (Suppress) c.entries().get(1);
        assertEquals(Track.BY_SRC, bySrc.track());
        assertEquals("217.110.97.128/25", bySrc.ip().text());
        Suppress list = (Suppress) c.entries().get(3);
        assertEquals(Track.BY_EITHER, list.track());
        assertTrue(list.ip() instanceof AddressExpr.Group);
        assertEquals(new AddressExpr.Var("HOME_NET"), ((Suppress) c.entries().get(4)).ip());
        assertEquals(2, c.entries().get(1).line());
    }

    @Test
    void rateFilter() {
        ThresholdConfig c = parse("""
                rate_filter gen_id 1, sig_id 1000, track by_rule, count 100, seconds 60, \\
                  new_action alert, timeout 30
                rate_filter gen_id 1, sig_id 1001, track by_src, count 1, seconds 1, new_action drop, timeout 5
                rate_filter gen_id 1, sig_id 1002, track by_dst, count 1, seconds 1, new_action SDROP, timeout 5
                """);
        assertEquals(List.of(), c.errors());
        assertEquals(new RateFilter(1, 1000, Track.BY_RULE, 100, 60, NewAction.ALERT, 30, 1), c.entries().get(0));
        assertEquals(NewAction.DROP, ((RateFilter) c.entries().get(1)).newAction());
        assertEquals(3, c.entries().get(1).line(), "line numbers count the continuation line");
        assertEquals(NewAction.SDROP, ((RateFilter) c.entries().get(2)).newAction());
    }

    @Test
    void errorsNameFileAndLineAndKeepGoodLines() {
        ThresholdConfig c = parse("""
                suppress gen_id 1, sig_id 1
                supress gen_id 1, sig_id 2
                threshold gen_id 1, sig_id 3, type limit, track by_src, count 1, seconds 60
                """);
        assertEquals(2, c.entries().size());
        assertEquals(List.of("threshold.config:2: unknown command \"supress\" (expected threshold, event_filter, "
                + "suppress or rate_filter)"), c.errors());
    }

    @Test
    void badValues() {
        assertEquals("threshold.config:1: threshold: invalid type \"sometimes\" (limit, threshold or both)",
                onlyError("threshold gen_id 1, sig_id 1, type sometimes, track by_src, count 1, seconds 1"));
        assertEquals("threshold.config:1: threshold: invalid track \"by_either\" (by_src, by_dst, by_rule, by_both "
                + "or by_flow)", onlyError("threshold gen_id 1, sig_id 1, type limit, track by_either, count 1, seconds 1"));
        assertEquals("threshold.config:1: threshold: count must be greater than 0",
                onlyError("threshold gen_id 1, sig_id 1, type limit, track by_src, count 0, seconds 1"));
        assertEquals("threshold.config:1: threshold: count \"x\" is not a valid number",
                onlyError("threshold gen_id 1, sig_id 1, type limit, track by_src, count x, seconds 1"));
        assertEquals("threshold.config:1: threshold: count \"-1\" is not a valid number",
                onlyError("threshold gen_id 1, sig_id 1, type limit, track by_src, count -1, seconds 1"));
        assertEquals("threshold.config:1: threshold: expected type as field 3, found \"track\"",
                onlyError("threshold gen_id 1, sig_id 1, track by_src, type limit, count 1, seconds 1"));
        assertEquals("threshold.config:1: threshold: expected gen_id, sig_id, type, track, count, seconds (6 fields), "
                + "found 5", onlyError("threshold gen_id 1, sig_id 1, type limit, track by_src, count 1"));
        assertEquals("event_filter: sig_id 5 with gen_id 0 is not allowed",
                onlyError("event_filter gen_id 0, sig_id 5, type limit, track by_src, count 1, seconds 1")
                        .substring("threshold.config:1: ".length()));
        assertEquals("threshold.config:1: suppress: invalid track \"by_rule\" (by_src, by_dst or by_either)",
                onlyError("suppress gen_id 1, sig_id 1, track by_rule, ip 1.2.3.4"));
        assertEquals("threshold.config:1: suppress: expected gen_id, sig_id[, track, ip] (4 fields), found 3",
                onlyError("suppress gen_id 1, sig_id 1, track by_src"));
        assertTrue(onlyError("suppress gen_id 1, sig_id 1, track by_src, ip 1.2.3.400").startsWith(
                "threshold.config:1: "));
        assertEquals("threshold.config:1: undefined address variable $NO_SUCH_NET",
                onlyError("suppress gen_id 1, sig_id 1, track by_src, ip $NO_SUCH_NET"));
        assertEquals("threshold.config:1: rate_filter: invalid new_action \"explode\" (alert, drop, pass, log, sdrop "
                + "or reject)", onlyError("rate_filter gen_id 1, sig_id 1, track by_src, count 1, seconds 1, "
                        + "new_action explode, timeout 1"));
        assertEquals("threshold.config:1: threshold: empty field (stray comma?)",
                onlyError("threshold gen_id 1,, sig_id 1"));
        assertEquals("threshold.config:1: threshold: sig_id needs a value",
                onlyError("threshold gen_id 1, sig_id"));
        assertEquals("threshold.config:1: suppress: sig_id 9999999999 is out of range",
                onlyError("suppress gen_id 1, sig_id 9999999999"));
        assertEquals("threshold.config:1: line continued with '\\' at the end of the file",
                onlyError("suppress gen_id 1, \\"));
    }

    @Test
    void withoutEnvironmentVariablesAreNotResolved() {
        ThresholdConfig c = ThresholdConfig.parse("t", "suppress gen_id 1, sig_id 1, track by_src, ip $ANY_NAME\n", null);
        assertEquals(List.of(), c.errors());
    }

    @Test
    void loadFromFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("threshold.config");
        Files.writeString(f, "suppress gen_id 1, sig_id 1\r\nbogus\r\n");
        ThresholdConfig c = ThresholdConfig.load(f, null);
        assertEquals(1, c.entries().size());
        assertEquals(List.of(f + ":2: unknown command \"bogus\" (expected threshold, event_filter, suppress or "
                + "rate_filter)"), c.errors());
    }
}

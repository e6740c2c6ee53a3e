package dev.rampart.engine.detect.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of the Suricata-derived case table, through the compiled program. */
class PayloadCaseTableTest {

    static Stream<Arguments> cases() {
        return IntStream.range(0, PayloadCases.CASES.size())
                .mapToObj(i -> Arguments.of(i + 1, PayloadCases.CASES.get(i).options(), PayloadCases.CASES.get(i)));
    }

    @ParameterizedTest(name = "sid {0}: {1}")
    @MethodSource("cases")
    void matchesWhatSuricataDid(int sid, String options, PayloadCases.Case c) throws Exception {
        PayloadProgram program = PayloadCases.program(c, sid);
        assertTrue(program.isCompilable(), () -> String.valueOf(program.uncompilableReason()));
        byte[] payload = c.bytes();
        InspectScratch scratch = new InspectScratch();
        if (negatedFastPatternOccurs(c, sid, payload)) {
            // Suricata's prefilter drops a rule whose negated fast pattern is present; the program
            // alone is not asked (CompiledRule applies the same rule)
            assertFalse(c.suricataAlerts(), c.why() + " (dropped by the negated fast pattern)");
            return;
        }
        assertEquals(c.suricataAlerts(), program.match(payload, 0, payload.length, scratch), c.why());
        // the same buffer at an offset inside a larger array gives the same answer
        byte[] padded = new byte[payload.length + 7];
        System.arraycopy(payload, 0, padded, 3, payload.length);
        padded[0] = 'a';
        padded[padded.length - 1] = 'c';
        assertEquals(c.suricataAlerts(), program.match(padded, 3, payload.length, scratch), c.why() + " (offset)");
    }

    private static boolean negatedFastPatternOccurs(PayloadCases.Case c, int sid, byte[] payload) throws Exception {
        dev.rampart.rules.Rule rule = new dev.rampart.rules.RuleParser().parse(c.rule(sid, 20000 + sid));
        dev.rampart.engine.detect.mpm.FastPatternSelector.Selection fp =
                dev.rampart.engine.detect.mpm.FastPatternSelector.select(rule);
        if (fp == null || !fp.negated() || fp.content().offset() != null || fp.content().depth() != null
                || fp.content().distance() != null || fp.content().within() != null || fp.content().startsWith()) {
            return false;
        }
        String hay = new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1);
        String needle = new String(fp.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        return fp.nocase() ? hay.toLowerCase(java.util.Locale.ROOT).contains(needle.toLowerCase(java.util.Locale.ROOT))
                : hay.contains(needle);
    }

    @Test
    void tableCoversTheTrickyFamilies() {
        assertTrue(PayloadCases.CASES.size() >= 40);
        long negated = PayloadCases.CASES.stream().filter(c -> c.options().contains("!\"")).count();
        long relative = PayloadCases.CASES.stream().filter(c -> c.options().contains("within")).count();
        assertTrue(negated >= 8 && relative >= 15, negated + " negated, " + relative + " within");
    }
}

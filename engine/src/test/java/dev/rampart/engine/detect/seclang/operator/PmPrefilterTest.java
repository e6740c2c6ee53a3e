package dev.rampart.engine.detect.seclang.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** @pm's Hyperscan prefilter on long values never changes a verdict or TX.0 of ModSecurity's ACMP. */
class PmPrefilterTest {
    private static final List<String> PHRASES = List.of("ora-01756", "You have an error in your SQL syntax", "abcd",
            "bc", "<?php", "\u00e9t\u00e9", "x\u0000y");

    private static String capture(Operator op, String value) {
        String[] tx0 = new String[1];
        boolean m = op.matches(value, new OperatorContext() {
            @Override
            public String expand(String text) {
                return text;
            }

            @Override
            public boolean capturing() {
                return true;
            }

            @Override
            public void capture(int index, String v) {
                tx0[0] = v;
            }
        });
        return m ? "match:" + tx0[0] : "none";
    }

    @Test
    void longValuesGiveAcmpsAnswerWithAndWithoutAPhrase() {
        Pm pm = new Pm(PHRASES);
        Acmp plain = new Acmp(PHRASES);
        Random r = new Random(7);
        String alphabet = "abcdxyz <>?phpORA-0175 \u00e9t\u0000\u00c9T";
        for (int round = 0; round < 3000; round++) {
            StringBuilder b = new StringBuilder();
            int n = Pm.PREFILTER_FROM + r.nextInt(600);
            for (int i = 0; i < n; i++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            if (round % 3 == 0) {
                String p = PHRASES.get(r.nextInt(PHRASES.size()));
                int at = r.nextInt(b.length());
                b.insert(at, round % 2 == 0 ? p.toUpperCase(java.util.Locale.ROOT) : p);
            }
            String v = b.toString();
            String found = plain.find(v);
            assertEquals(found == null ? "none" : "match:" + found, capture(pm, v), v);
        }
        // the long value cases the prefilter answers alone
        String benign = "The quick brown fox ".repeat(40);
        assertEquals("none", capture(pm, benign));
        // TX.0 is the phrase as the list writes it, whatever the case in the value
        assertEquals("match:You have an error in your SQL syntax",
                capture(pm, benign + "YOU HAVE AN ERROR IN YOUR SQL SYNTAX"));
    }
}

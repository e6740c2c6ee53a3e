package dev.rampart.rules.seclang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Input: any bytes, read as Latin-1 configuration text. Invariants: {@link SecLangParser#parse}
 * returns directives (each with the file name and a line within the text) or throws
 * {@link SecLangException} naming a line within the text, nothing else; the list parsers return or
 * throw {@link IllegalArgumentException}. Texts with Include are skipped (they would read the
 * machine's files; Include has its own tests).
 */
class SecLangParserFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyTextParsesOrFailsWithFileAndLine(byte[] in) {
        String text = new String(in, StandardCharsets.ISO_8859_1);
        if (text.toLowerCase(Locale.ROOT).contains("include")) {
            return;
        }
        int lines = 1 + (int) text.chars().filter(c -> c == '\n').count();
        try {
            List<SecDirective> d = SecLangParser.parse(text, "fuzz.conf");
            for (SecDirective x : d) {
                assertNotNull(x);
                assertEquals("fuzz.conf", x.file());
                assertTrue(x.line() >= 1 && x.line() <= lines, x.toString());
                if (x instanceof SecRule r) {
                    assertTrue(r.id() != 0 || r.action("id") != null, "a rule starter without id");
                }
            }
        } catch (SecLangException e) {
            assertEquals("fuzz.conf", e.file());
            assertTrue(e.line() >= 1 && e.line() <= lines, e.getMessage());
        }
        for (int kind = 0; kind < 3; kind++) {
            try {
                switch (kind) {
                    case 0 -> SecLangParser.parseActions(text);
                    case 1 -> SecLangParser.parseVariables(text);
                    default -> SecLangParser.parseOperator(text);
                }
            } catch (IllegalArgumentException expected) {
                assertNotNull(expected.getMessage());
            }
        }
    }
}

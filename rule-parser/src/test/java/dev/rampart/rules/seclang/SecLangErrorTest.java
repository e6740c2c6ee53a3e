package dev.rampart.rules.seclang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What ModSecurity refuses to load gives a SecLangException naming file:line and the cause. */
class SecLangErrorTest {

    private static SecLangException error(String text, int line, String contains) {
        SecLangException e = assertThrows(SecLangException.class, () -> SecLangParser.parse(text, "bad.conf"));
        assertEquals("bad.conf", e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.conf:" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(contains), e.getMessage());
        return e;
    }

    @Test
    void unterminatedQuote() {
        error("SecMarker A\n\nSecRule ARGS \"@rx a\" \\\n  \"id:1\nSecMarker B\n", 3, "unterminated double quote");
        error("SecRule ARGS '@rx a id:1", 1, "unterminated single quote");
    }

    @Test
    void openChainAtEndOfFile() {
        error("SecRule ARGS a \"id:1,chain\"\nSecRule ARGS b \"chain\"\n", 2, "chain left open");
    }

    @Test
    void unknownDirective() {
        error("SecRuleEngine On\nSecNoSuchThing x\n", 2, "unknown directive SecNoSuchThing");
    }

    @Test
    void unknownAction() {
        error("\nSecRule ARGS a \"id:1,\\\n  nosuchaction\"\n", 2, "unknown action 'nosuchaction'");
        error("SecDefaultAction \"phase:2,bogus\"\n", 1, "unknown action 'bogus'");
    }

    @Test
    void badVariables() {
        error("SecRule NOSUCHVAR a id:1", 1, "unknown variable 'NOSUCHVAR'");
        error("SecRule &REQUEST_URI a id:1", 1, "& applies to collections only");
        error("SecRule TX a id:1", 1, "variable TX needs a key");
        error("SecRule REQUEST_URI:x a id:1", 1, "REQUEST_URI takes no key");
        error("SecRule !&ARGS a id:1", 1, "unknown variable '!&ARGS'");
        error("SecRuleUpdateTargetById 1 \"!NOPE:x\"", 1, "unknown variable '!NOPE'");
    }

    @Test
    void argumentCountsAndRuleShape() {
        error("SecRule ARGS", 1, "SecRule takes 2 to 3 argument(s), got 1");
        error("SecRule ARGS a id:1 extra", 1, "got 4");
        error("SecAction", 1, "SecAction takes 1 argument(s), got 0");
        error("SecRule ARGS a \"phase:2,deny\"", 1, "no id action");
        error("SecRule ARGS a", 1, "no id action");
        error("SecRule ARGS a \"id:1,chain\"\nSecRule ARGS b \"id:2\"", 2, "chained rule cannot have the id");
        error("SecRule ARGS a \"id:1,chain\"\nSecRule ARGS b \"phase:1\"", 2, "phase");
        error("SecRule ARGS a \"id:1,chain\"\nSecMarker X\nSecRule ARGS b", 2, "SecMarker inside an open chain");
        error("SecRule ARGS \"@nope x\" id:1", 1, "unknown operator @nope");
        error("SecAction id:7\nSecMarker M\nSecRule ARGS a \"id:007\"", 3, "rule id 7 already used at bad.conf:1");
    }

    @Test
    void errorsInIncludedFilesNameThatFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("inner.conf"), "SecMarker A\n\nSecBogus\n");
        SecLangException e = assertThrows(SecLangException.class,
                () -> SecLangParser.parse("Include inner.conf", dir.resolve("outer.conf").toString()));
        assertEquals(dir.resolve("inner.conf").toString(), e.file());
        assertEquals(3, e.line());
    }
}

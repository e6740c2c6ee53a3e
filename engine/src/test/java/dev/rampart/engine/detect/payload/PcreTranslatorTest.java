package dev.rampart.engine.detect.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PcreTranslatorTest {

    private static PcreTranslator.Result plain(String re) {
        return PcreTranslator.translate(re, false, false, false, false, false, false, false);
    }

    private static boolean finds(PcreTranslator.Result r, String text) {
        return r.pattern().matcher(new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1))
                .find();
    }

    @ParameterizedTest
    @ValueSource(strings = {"(?R)", "a(?1)", "(?(1)a|b)", "(*FAIL)", "a\\Kb", "\\p{L}", "(?U)a+", "(?x) a", "(?|a)",
            "(?&n)", "\\x{100}"})
    void unsupportedConstructsAreUncompilableWithAReason(String re) {
        PcreTranslator.Result r = plain(re);
        assertFalse(r.ok(), re);
        assertNotNull(r.uncompilableReason());
    }

    @Test
    void javaRefusalIsAReasonNotACrash() {
        PcreTranslator.Result r = plain("(a");
        assertFalse(r.ok());
        assertTrue(r.uncompilableReason().contains("java.util.regex"), r.uncompilableReason());
    }

    @Test
    void classesTakeBracketsAndAmpersandsLiterally() {
        assertTrue(finds(plain("[[]"), "["));
        assertTrue(finds(plain("[a&&b]"), "&"));
        assertTrue(finds(plain("[]x]"), "]"));
        assertTrue(finds(plain("[[:xdigit:]]+"), "F0"));
        assertFalse(finds(plain("[[:^space:]]"), " \t"));
    }

    @Test
    void nonAsciiRuleTextIsMatchedAsItsUtf8Bytes() {
        assertTrue(finds(plain("é"), "\u00c3\u00a9"));
        assertFalse(finds(plain("é"), "\u00e9"));
    }

    @Test
    void ungreedyFlipsEveryQuantifier() {
        var r = PcreTranslator.translate("xa+?b*", false, false, false, false, false, false, true);
        var m = r.pattern().matcher("xaaabbb");
        assertTrue(m.find());
        assertEquals("xaaa", m.group(), "a+? is greedy and b* lazy under /G");
    }

    @Test
    void dollarEndOnlyAndExtended() {
        var e = PcreTranslator.translate("a$", false, false, false, false, false, true, false);
        assertFalse(finds(e, "a\n"));
        var em = PcreTranslator.translate("a$", false, false, true, false, false, true, false);
        assertTrue(finds(em, "a\nb"), "E is ignored with m, as in PCRE");
        var x = PcreTranslator.translate("a # comment\n b", false, false, false, true, false, false, false);
        assertTrue(finds(x, "ab"));
    }

    @Test
    void namedGroupsBecomeNumbered() {
        assertTrue(finds(plain("(?P<a_1>x)(?P=a_1)"), "xx"));
        assertTrue(finds(plain("(?<n>x)\\k<n>\\g{n}\\g{-1}"), "xxxx"));
        assertTrue(finds(plain("(?'n'x)\\k{n}"), "xx"));
    }

    /** The reference's PCRE2 reads {,n} as {0,n} (ET sid 2038696's [^<]{,100}, measured with suricata 7.0.10). */
    @Test
    void braceWithOnlyAnUpperBoundIsZeroToN() {
        var r = plain("^x[^<]{,3}'");
        assertTrue(finds(r, "x'"), "zero");
        assertTrue(finds(r, "xabc'"), "three");
        assertFalse(finds(r, "xabcd'"), "four is past the bound");
        assertFalse(finds(r, "x{,3}"), "not a literal");
        assertTrue(finds(plain("a{,}"), "a{,}"), "{,} stays a literal");
        assertTrue(finds(plain("^a{,2}?b"), "ab"), "a lazy suffix is kept");
    }

    /**
     * Assertion conditionals (shipped-disabled ET sids 2058059/60) become an alternation of mutually
     * exclusive branches; each case here as PCRE2 decides it.
     */
    @Test
    void assertionConditionalsAreExclusiveAlternatives() {
        var r = plain("^\\s*[^\\x29]*\\x29\\s*(?(?=\\x7b)\\x7b[^\\x7d]*\\x7d|\\S[^\\x3b]*\\x3b)");
        assertTrue(r.ok(), String.valueOf(r.uncompilableReason()));
        assertTrue(finds(r, "f(x) {a}"), "condition holds: the yes branch");
        assertFalse(finds(r, "f(x) {a;"), "condition holds, yes fails: no fallback to the no branch");
        assertTrue(finds(r, "f(x) a;"), "condition fails: the no branch");
        assertTrue(finds(plain("^(?(?!a)b|a)$"), "b"));
        assertTrue(finds(plain("^(?(?!a)b|a)$"), "a"));
        assertFalse(finds(plain("^x(?(?<=x)y)$"), "x"), "no 'no' branch: the condition held, y is needed");
        assertTrue(finds(plain("^x(?(?<=x)y)$"), "xy"));
        assertTrue(finds(plain("^(?(?=[)|])\\W|\\w)"), "|"), "bars and parens in a class are not the group's");
        assertFalse(plain("(?(?=(a))a|b)").ok(), "a capturing condition is refused (it would be numbered twice)");
        assertFalse(plain("(?(1)a|b)").ok(), "group-number conditions stay refused");
    }
}

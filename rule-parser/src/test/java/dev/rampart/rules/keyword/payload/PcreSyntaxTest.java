package dev.rampart.rules.keyword.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The PCRE2 syntax check. The expectations were taken from libpcre2 itself (pcre2_compile on
 * each pattern), with the behaviour of PCRE2 10.43+ where releases differ (\x needs hex digits).
 */
class PcreSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "abc", "^GET\\s+/[a-z]+\\.php\\?id=\\d{1,5}$", "(?:a|b)+?", "a*+", "a{2}?", "a{2}+", "a{65535}",
        "(?=a)*", "a(?#comment)*", "(*ACCEPT)a", "\\Q*\\E", "a\\Q\\E*", "a+\\E?", "\\o{12}", "\\x{41}", "\\x41",
        "\\xa", "\\0", "\\012", "\\10", "\\cA", "\\c!", "\\e\\C\\N", "(a)\\g{-1}", "\\g1(a)", "\\k<x>(?<x>a)",
        "(?P<n>a)(?P=n)", "(?P>n)(?<n>a)", "(?R)", "(?1)(a)", "(?+1)(a)", "(?(1)a|b)(c)", "(?(<n>)a)(?<n>b)",
        "(?(R)a)", "(?(DEFINE)(?<n>a))", "(?(?=a)a|b)", "(?C)a", "(?C1)a", "(?>a)", "(?|(?<n>a)|(?<n>b))",
        "(?J)(?<n>a)(?<n>b)", "(?i-s:a)", "(?^i)a", "[\\8]", "[\\b]", "[\\g]", "[\\Qa]\\E]", "[\\w-]", "[--a]",
        "[%--]", "[a-]", "[-a]", "[]a]", "[^]a]", "[[:alpha:]]", "[[:^alpha:]]", "[:a]", "[a:b:]", "[[:a]",
        "(?<=a|bc)", "(?<=(a)\\1)", "(?<=^a)", "(?<!a|bc)", "(?<=a(b|cd))", "(?<=a{1,3})", "ab\\\\",
        "(?x) a + b # comment", "(?x)[ ]*", "(?-x) +", "\\p{L}", "\\pL", "[\\p{L}]", "()*", "(a|)*", "(a)\\1",
        "(?<n>x)\\1", "x{a}", "{", "a{", "a{1", "a{,}", "a{}", "{,2}", "a{1, 2}*", "[a-z-0]", "[\\x00-\\x1f]",
        "\\/\\.\\-\\\"\\;", "[^\\x22\\x27]+\\x22", "(?:\\x2ax3f){7}", "(?i)abc", "(?s).+", "dl\\x41|update"
    })
    void acceptsWhatPcre2Accepts(String pattern) {
        try {
            PcreSyntax.check(pattern, false);
        } catch (PcreSyntax.Failure f) {
            throw new AssertionError(pattern + " refused: " + f.getMessage() + " at " + f.offset());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // the failure of ET sid 2002385: \x not followed by hex digits
        "dl\\x|update", "\\x", "\\x{}", "\\x{4g}", "\\x{100}", "\\400",
        // parentheses
        "ab(c", "(", ")", "a)", "(?", "(?i",
        // quantifiers
        "*a", "+", "?", "{2}", "a**", "a*?+", "a???", "a{2}{3}", "a{3,2}", "a{65536}", "^*", "$?", "\\b+", "\\B+",
        "\\A*", "\\z*", "\\G*", "a\\K*", "(?#x)*", "(?i)*", "a(?i)*", "|*", "(|*)", "(*)", "a(*FAIL)*",
        // escapes
        "\\i", "\\I", "\\j", "\\m", "\\y", "\\u", "\\U", "\\l", "\\L", "\\F", "\\o12", "\\g", "\\c", "\\",
        "a\\", "\\N{U+41}",
        // classes
        "[a", "[a\\]", "[\\", "[]", "[^]", "[\\E]", "[\\d-a]", "[\\w-.]", "[a-\\d]", "[z-a]", "[[:foo:]]",
        "[[:alpha:]-a]", "[a-[:alpha:]]", "[[.a.]]", "[[=a=]]", "[:alpha:]", "[\\B]", "[\\R]", "[\\X]",
        "[\\N]", "[\\A]", "[\\z]", "[\\K]", "[\\k]", "[\\i]",
        // references
        "\\1", "(a)\\2", "(?:a)\\1", "\\8", "\\g{-1}(a)", "(a)\\g{-2}", "\\k<x>", "(?P=n)", "(?1)", "(?-1)",
        "(?&n)", "(?(2)a|b)(c)", "(?(x)a)",
        // groups
        "(?<n>a)(?<n>b)", "(?<1n>a)", "(?<>a)", "(?<n-x>a)", "(?Px)", "(?z)a", "(*FOO)",
        "(?(1)a|b|c)(c)", "(?(DEFINE)a|b)", "(?(?:a)b)",
        // lookbehind
        "(?<=a+)b", "(?<=a*)b", "(?<=\\X)", "(?<=a{1,300})", "(?<=a\\Kb)"
    })
    void refusesWhatPcre2Refuses(String pattern) {
        assertThrows(PcreSyntax.Failure.class, () -> PcreSyntax.check(pattern, false), pattern);
    }

    @Test
    void extendedModeIgnoresWhiteSpaceAndComments() throws PcreSyntax.Failure {
        PcreSyntax.check("a +  # a comment with ( and [\n b", true);
        assertThrows(PcreSyntax.Failure.class, () -> PcreSyntax.check("a + (", true));
        // without x, the space is a literal and the + applies to it
        PcreSyntax.check("a +", false);
        assertThrows(PcreSyntax.Failure.class, () -> PcreSyntax.check("(?x) *", false));
    }

    @Test
    void countsCaptureGroupsAndNames() throws PcreSyntax.Failure {
        PcreSyntax.Info info = PcreSyntax.check("(a)(?:b)(?<n>c)(?|(d)|(e))(?=(f))", false);
        assertEquals(4, info.captureCount()); // (a), (?<n>c), one for the branch reset, (f)
        assertTrue(info.names().contains("n"));
        assertEquals(0, PcreSyntax.check("(?n)(a)(b)", false).captureCount());
    }

    @Test
    void reportsPcre2Wording() {
        PcreSyntax.Failure f = assertThrows(PcreSyntax.Failure.class, () -> PcreSyntax.check("ab(c", false));
        assertEquals("missing closing parenthesis", f.getMessage());
        f = assertThrows(PcreSyntax.Failure.class, () -> PcreSyntax.check("*a", false));
        assertEquals("quantifier does not follow a repeatable item", f.getMessage());
        assertEquals(0, f.offset());
    }

    @Test
    void nonAsciiTextIsCheckedAsItsUtf8Bytes() throws PcreSyntax.Failure {
        // U+00E9 is C3 A9 in UTF-8: a range from the second byte down to the first is out of order
        PcreSyntax.check("caf\u00e9+", false);
        assertThrows(PcreSyntax.Failure.class, () -> PcreSyntax.check("[\\xff-\u00e9]", false));
    }
}

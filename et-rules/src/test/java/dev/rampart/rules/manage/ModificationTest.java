package dev.rampart.rules.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ModificationTest {

    private static String run(String line, String text) {
        return Modification.parse(line, "modify.conf:1").apply(text);
    }

    @Test
    void replacesEveryMatch() {
        assertEquals("b b b", run("* \"a\" \"b\"", "a a b"));
    }

    @Test
    void backslashAndOinkmasterBackrefs() {
        assertEquals("sid:1; rev:2;", run("* \"rev:(\\d+);\" \"rev:2;\"", "sid:1; rev:1;"));
        assertEquals("[x-y]", run("* \"(\\w)-(\\w)\" \"\\2-\\1\"", "[y-x]"));
        assertEquals("[x-y]", run("* \"(\\w)-(\\w)\" \"${2}-${1}\"", "[y-x]"));
        assertEquals("[x-y]", run("* \"(\\w)-(\\w)\" \"\\g<2>-\\g<1>\"", "[y-x]"));
        assertEquals("[x-y]", run("* \"(?P<a>\\w)-(?P<b>\\w)\" \"\\g<b>-\\g<a>\"", "[y-x]"));
    }

    @Test
    void oinkmasterBraceKeepsFollowingDigitsLiteral() {
        // ${1}0 is group 1 then "0" (suricata-update would read \10, i.e. group 10)
        assertEquals("a0", run("* \"(a)\" \"${1}0\"", "a"));
    }

    @Test
    void dollarWithoutBracesIsLiteral() {
        assertEquals("$1", run("* \"(a)\" \"$1\"", "a"));
    }

    @Test
    void escapesInReplacement() {
        assertEquals("a\\&b", run("* \"x\" \"\\&\"", "axb"), "Python keeps unknown non-letter escapes");
        assertEquals("a\tb", run("* \"x\" \"\\t\"", "axb"));
        assertEquals("a\\b", run("* \"x\" '\\\\'", "axb"));
    }

    @Test
    void unmatchedGroupBecomesEmpty() {
        assertEquals("[]", run("* \"(q)?x\" \"[\\1]\"", "x"));
    }

    @Test
    void regexIsCaseSensitive() {
        assertEquals("ALERT tcp", run("* \"alert\" \"drop\"", "ALERT tcp"));
    }

    @Test
    void noMatchReturnsSameText() {
        String t = "alert tcp any any -> any any (sid:1;)";
        assertEquals(t, run("* \"nomatch\" \"x\"", t));
    }
}

package dev.rampart.rules.keyword.payload;

import static dev.rampart.rules.RuleAssertions.rejects;
import static dev.rampart.rules.RuleAssertions.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.NumOrVar;
import dev.rampart.rules.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** nocase, depth, offset, distance, within, startswith, endswith, rawbytes, fast_pattern. */
class ContentModifiersTest {

    private static List<ContentOption> contents(String body) {
        return rule(body).optionsOf(ContentOption.class);
    }

    @Test
    void absoluteModifiers() {
        ContentOption c = contents("content:\"abc\"; nocase; offset:2; depth:10;").get(0);
        assertTrue(c.nocase());
        assertEquals(NumOrVar.of(2), c.offset());
        assertEquals(NumOrVar.of(10), c.depth());
        assertNull(c.distance());
    }

    @Test
    void relativeModifiersApplyToTheLastContent() {
        List<ContentOption> cs = contents("content:\"a\"; content:\"bc\"; distance:-1; within:5;");
        assertNull(cs.get(0).distance());
        assertEquals(NumOrVar.of(-1), cs.get(1).distance());
        assertEquals(NumOrVar.of(5), cs.get(1).within());
    }

    @Test
    void modifierAfterAnotherPayloadKeywordStillTargetsLastContent() {
        ContentOption c = contents("content:\"abc\"; content:\"d\"; isdataat:!1,relative; nocase;").get(1);
        assertTrue(c.nocase());
    }

    @Test
    void startsAndEndsWith() {
        ContentOption c = contents("content:\"x\"; startswith; endswith;").get(0);
        assertTrue(c.startsWith());
        assertTrue(c.endsWith());
        rejects("content:\"x\"; depth:3; startswith;", "startswith");
        rejects("content:\"x\"; startswith; offset:1;", "startswith");
    }

    @Test
    void rawbytesOnlyOnPayload() {
        assertTrue(contents("content:\"x\"; rawbytes;").get(0).rawbytes());
        rejects("http.uri; content:\"x\"; rawbytes;", "rawbytes");
    }

    @Test
    void fastPatternForms() {
        assertEquals(ContentOption.FastPattern.PLAIN, contents("content:\"abcd\"; fast_pattern;").get(0).fastPattern());
        assertEquals(ContentOption.FastPattern.ONLY, contents("content:\"abcd\"; fast_pattern:only;").get(0).fastPattern());
        ContentOption.FastPattern chop = contents("content:\"abcdef\"; fast_pattern:1,3;").get(0).fastPattern();
        assertTrue(chop.isChop());
        assertEquals(1, chop.chopOffset());
        assertEquals(3, chop.chopLength());
        rejects("content:\"abc\"; fast_pattern:2,3;", "exceeds");
        rejects("content:\"a\"; fast_pattern; content:\"b\"; fast_pattern;", "only one");
        rejects("content:!\"a\"; fast_pattern:only;", "negated");
    }

    @Test
    void variablesFromByteExtractAreAccepted() {
        rejects("content:\"a\"; depth:len;", "unknown variable");
    }

    @Test
    void conflicts() {
        rejects("nocase;", "preceding content");
        rejects("content:\"a\"; nocase; nocase;", "multiple nocase");
        rejects("content:\"abc\"; depth:2;", "smaller than the content length");
        rejects("content:\"abc\"; within:2;", "less than the content length");
        rejects("content:\"a\"; depth:3; distance:1;", "relative");
        rejects("content:\"a\"; within:3; offset:1;", "relative");
        rejects("content:\"a\"; depth:3; depth:4;", "multiple depths");
        rejects("content:\"a\"; offset:70000;", "out of range");
    }

    @Test
    void canonicalOrderRoundTrips() {
        Rule r = rule("content:\"abc\"; fast_pattern; within:10; distance:2; nocase;");
        assertEquals("alert tcp any any -> any any (content:\"abc\"; nocase; distance:2; within:10; fast_pattern; sid:1;)",
                r.toCanonicalText());
    }
}

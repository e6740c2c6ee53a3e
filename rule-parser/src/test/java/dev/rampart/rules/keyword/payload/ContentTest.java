package dev.rampart.rules.keyword.payload;

import static dev.rampart.rules.RuleAssertions.rejects;
import static dev.rampart.rules.RuleAssertions.rule;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.Rule;
import org.junit.jupiter.api.Test;

class ContentTest {

    private static ContentOption only(Rule r) {
        return r.optionsOf(ContentOption.class).get(0);
    }

    @Test
    void literalHexAndEscapes() {
        ContentOption c = only(rule("content:\"GET |20 2f|a\\;b\\\"c\\\\d\\:e\";"));
        assertArrayEquals("GET  /a;b\"c\\d:e".getBytes(), c.pattern().toByteArray());
        assertFalse(c.negated());
        assertEquals(Buffer.PAYLOAD, c.buffer());
    }

    @Test
    void hexBlockWithoutSpacesAndMixedCase() {
        assertArrayEquals(new byte[] {0x0d, 0x0a, (byte) 0xff, 'x'}, only(rule("content:\"|0D0a ff|x\";")).pattern().toByteArray());
    }

    @Test
    void negation() {
        ContentOption c = only(rule("content:!\"abc\";"));
        assertTrue(c.negated());
        assertEquals("content:!\"abc\"; ", print(c));
    }

    @Test
    void canonicalPrintUsesHexForSpecialBytes() {
        assertEquals("content:\"a|3b 22|b|00|\"; ", print(only(rule("content:\"a\\;\\\"b|00|\";"))));
    }

    @Test
    void nonAsciiTextIsUtf8() {
        assertArrayEquals("é".getBytes(java.nio.charset.StandardCharsets.UTF_8), only(rule("content:\"é\";")).pattern().toByteArray());
    }

    @Test
    void errors() {
        rejects("content:abc;", "double quotes");
        rejects("content:\"\";", "empty");
        rejects("content:\"|4|\";", "hex");
        rejects("content:\"|4g|\";", "invalid hex");
        rejects("content:\"|41\";", "unterminated");
        rejects("content:\"a\\x\";", "not a valid escape");
        rejects("content:\"a\"b\";", "double quote");
    }

    @Test
    void uricontentGoesToHttpUri() {
        assertEquals("http.uri", only(rule("uricontent:\"/x\";")).buffer().name());
    }

    static String print(ContentOption c) {
        StringBuilder sb = new StringBuilder();
        c.appendTo(sb);
        return sb.toString();
    }
}

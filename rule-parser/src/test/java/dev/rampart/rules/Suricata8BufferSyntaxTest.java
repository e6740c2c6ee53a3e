package dev.rampart.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rampart.rules.keyword.payload.AbsentOption;
import org.junit.jupiter.api.Test;

/** Suricata 8 buffer syntax: "buffer: to_client;" and "absent[: or_else];". */
class Suricata8BufferSyntaxTest {
    private final RuleParser parser = new RuleParser();

    @Test
    void pinnedBuffersAndAbsentRoundTrip() throws Exception {
        String text = "alert http any any => any any (http.uri; content:\"/d\"; file.data:to_client; absent:or_else; "
                + "content:!\"abc\"; http.referer; absent; sid:1;)";
        Rule r = parser.parse(text);
        assertEquals("file.data@to_client", r.optionsOf(AbsentOption.class).get(0).buffer().name());
        assertEquals(true, r.optionsOf(AbsentOption.class).get(0).orElse());
        assertEquals(false, r.optionsOf(AbsentOption.class).get(1).orElse());
        Rule again = parser.parse(r.toCanonicalText());
        assertEquals(r.toCanonicalText(), again.toCanonicalText());
    }

    @Test
    void badValuesAreErrors() {
        assertThrows(RuleParseException.class,
                () -> parser.parse("alert http any any -> any any (http.referer; absent:maybe; sid:1;)"));
        assertThrows(RuleParseException.class,
                () -> parser.parse("alert http any any -> any any (file.data:both; content:\"x\"; sid:1;)"));
    }
}

package dev.rampart.rules.keyword.payload;

import static dev.rampart.rules.keyword.payload.PayloadRules.fails;
import static dev.rampart.rules.keyword.payload.PayloadRules.option;
import static dev.rampart.rules.keyword.payload.PayloadRules.rule;
import static dev.rampart.rules.keyword.payload.PayloadRules.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleParseException;
import org.junit.jupiter.api.Test;

/** base64_decode and base64_data. */
class Base64OptionsTest {

    @Test
    void decodeOptions() throws RuleParseException {
        Base64DecodeOption all = option(Base64DecodeOption.class,
                "content:\"x\"; base64_decode:bytes 150, offset 4, relative; base64_data; content:\"a\";");
        assertEquals(150L, all.bytes());
        assertEquals(4L, all.offset());
        assertTrue(all.relative());
        assertEquals("base64_decode:bytes 150,offset 4,relative;", text(all));
        Base64DecodeOption none = option(Base64DecodeOption.class, "base64_decode; base64_data; content:\"a\";");
        assertNull(none.bytes());
        assertNull(none.offset());
        assertFalse(none.relative());
        assertEquals("base64_decode;", text(none));
        assertEquals(2L, option(Base64DecodeOption.class, "base64_decode:offset 2 relative;").offset());
    }

    @Test
    void decodeErrors() {
        fails("base64_decode:bytes 1, offset 2, relatve;", "invalid argument");
        fails("base64_decode:offset 2, bytes 1;", "invalid argument");
        fails("base64_decode:byts 1;", "invalid argument");
        fails("base64_decode:bytes 99999999999;", "bad value");
    }

    @Test
    void decodeFollowsTheBufferOfThePreviousMatch() throws RuleParseException {
        assertEquals("http.request_body", option(Base64DecodeOption.class, "http",
                "content:\"a\"; http_client_body; base64_decode:relative;").buffer().name());
        assertEquals("http.uri", option(Base64DecodeOption.class, "http", "http.uri; base64_decode;").buffer().name());
        assertEquals(Buffer.PAYLOAD, option(Base64DecodeOption.class, "base64_decode;").buffer());
    }

    @Test
    void dataIsAStickyBufferAfterDecode() throws RuleParseException {
        Rule r = rule("http", "http.uri; content:\"x\"; base64_decode:bytes 10,relative; base64_data; "
                + "content:\"secret\";");
        ContentOption last = r.optionsOf(ContentOption.class).get(1);
        assertEquals(Base64Data.BUFFER, last.buffer().name());
        fails("base64_data; content:\"a\";", "without a preceding base64_decode");
        fails("base64_decode; base64_data;", "no matches");
        fails("http", "base64_decode; base64_data; to_lowercase; content:\"a\";", "does not support transforms");
        fails("http", "base64_decode; base64_data; content:\"a\"; http.uri; content:\"b\";", "cannot be reset");
        // a buffer that already had matches before base64_data may get more
        rule("http", "http.uri; content:\"u\"; base64_decode; base64_data; content:\"a\"; http.uri; content:\"b\";");
    }
}

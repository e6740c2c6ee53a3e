package dev.rampart.rules.keyword.buffer;

import static dev.rampart.rules.RuleAssertions.rejects;
import static dev.rampart.rules.RuleAssertions.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.rules.Rule;
import dev.rampart.rules.keyword.payload.ContentOption;
import java.util.List;
import org.junit.jupiter.api.Test;

class StickyBufferTest {

    private static List<String> buffers(Rule r) {
        return r.optionsOf(ContentOption.class).stream().map(c -> c.buffer().name()).toList();
    }

    @Test
    void stickyBufferAppliesUntilTheNextOne() {
        Rule r = rule("http.uri; content:\"/a\"; content:\"b\"; http.host; content:\"h\"; pkt_data; content:\"p\";");
        assertEquals(List.of("http.uri", "http.uri", "http.host", "pkt_data"), buffers(r));
    }

    @Test
    void legacyModifierMovesThePreviousContent() {
        Rule r = rule("content:\"GET\"; http_method; content:\"/x\"; http_uri; content:\"raw\";");
        assertEquals(List.of("http.method", "http.uri", "pkt_data"), buffers(r));
        // canonical text uses the sticky spelling and reparses to the same model
        assertEquals("alert tcp any any -> any any (http.method; content:\"GET\"; http.uri; content:\"/x\"; "
                + "pkt_data; content:\"raw\"; sid:1;)", r.toCanonicalText());
    }

    @Test
    void aliasesSelectTheSameBuffer() {
        assertEquals(List.of("dns.query", "tls.sni", "file.data"),
                buffers(rule("dns_query; content:\"a\"; tls_sni; content:\"b\"; file_data; content:\"c\";")));
    }

    @Test
    void errors() {
        rejects("http.uri; sid:2;", "may appear only once");
        rejects("http.uri;", "no matches");
        rejects("http.uri; http.host; content:\"x\";", "no matches");
        rejects("http.uri; content:\"a\"; content:\"b\"; http_header;", "sticky buffer");
        rejects("http_uri;", "preceding content");
        rejects("content:\"a\"; http_uri; http_header;", "already in buffer");
    }
}

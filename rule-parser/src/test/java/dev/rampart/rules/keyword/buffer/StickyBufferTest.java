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
        assertEquals(List.of("dns.query"), buffers(rule("dns_query; content:\"a\";")));
        assertEquals(List.of("tls.sni", "file.data"), buffers(rule("tls_sni; content:\"b\"; file_data; content:\"c\";")));
    }

    @Test
    void newerUnderscoreNamesAreStickyAliasesAsInSuricata7() {
        Rule r = rule("content:\"a\"; http_uri; http_referer; content:\"b\"; http_start; content:\"c\";");
        assertEquals(List.of("http.uri", "http.referer", "http.start"), buffers(r));
    }

    @Test
    void legacyModifierTakesTheLastPayloadContent() {
        Rule r = rule("content:\"a\"; http.uri; content:\"b\"; pkt_data; http_header;");
        assertEquals(List.of("http.header", "http.uri"), buffers(r));
    }

    @Test
    void appProtocolConflicts() {
        rejects("http.uri; content:\"a\"; tls.sni; content:\"b\";", "can't set rule app proto to tls");
        dev.rampart.rules.RuleAssertions.rejectsRule(
                "alert http any any -> any any (dns.query; content:\"a\"; sid:1;)", "rule protocol is http");
        dev.rampart.rules.RuleAssertions.parseRule("alert http2 any any -> any any (http.uri; content:\"a\"; sid:1;)");
    }

    @Test
    void rawHeadersNeedAFlowDirection() {
        rejects("content:\"a\"; http_raw_header;", "flow direction");
        rule("flow:to_server; content:\"a\"; http_raw_header;");
    }

    @Test
    void errors() {
        rejects("http.uri; sid:2;", "may appear only once");
        rejects("http.uri;", "no matches");
        rejects("http.uri; http.host; content:\"x\";", "no matches");
        rejects("http.uri; content:\"a\"; content:\"b\"; http_header;", "sticky buffer");
        rejects("http_uri;", "without a content context");
        rejects("content:\"a\"; http_uri; http_header;", "without a content context");
        rejects("content:\"a\"; http_referer;", "no matches");
    }
}

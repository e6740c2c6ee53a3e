package dev.rampart.rules.keyword.buffer;

import static dev.rampart.rules.RuleAssertions.parseRule;
import static dev.rampart.rules.RuleAssertions.rejectsRule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.rules.Rule;
import dev.rampart.rules.keyword.payload.ContentOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frame keyword's accepted and rejected forms, each checked with suricata-oracle (7.0.10). */
class FrameBufferTest {

    private static List<String> buffers(Rule r) {
        return r.optionsOf(ContentOption.class).stream().map(c -> c.buffer().name()).toList();
    }

    @Test
    void longNameInAnHttpRuleAndShortNameInAnHttp1Rule() {
        assertEquals(List.of("frame:http1.request"),
                buffers(parseRule("alert http any any -> any any (frame:http1.request; content:\"GET\"; sid:1;)")));
        assertEquals(List.of("frame:http1.response"),
                buffers(parseRule("alert http1 any any -> any any (frame:response; content:\"uid\"; sid:1;)")));
        // a protocol-free header takes the keyword's protocol; canonical text round-trips (parseRule checks)
        Rule r = parseRule("alert tcp any any -> any any (frame:http1.stream; strip_whitespace; content:\"a\"; sid:1;)");
        assertEquals(List.of("frame:http1.stream"), buffers(r));
        assertEquals(1, r.optionsOf(ContentOption.class).get(0).buffer().transforms().size());
    }

    @Test
    void shortNameNeedsTheRuleProtocol() {
        rejectsRule("alert tcp any any -> any any (frame:request; content:\"a\"; sid:1;)", "rule protocol unknown");
    }

    @Test
    void plainHttpHasNoRequestFrame() {
        // oracle: "unknown frame 'request' for protocol 'http'" for both spellings
        rejectsRule("alert http any any -> any any (frame:request; content:\"a\"; sid:1;)", "unknown frame 'request'");
        rejectsRule("alert http any any -> any any (frame:http.request; content:\"a\"; sid:1;)", "unknown frame");
        rejectsRule("alert http1 any any -> any any (frame:http1.pdu; content:\"a\"; sid:1;)", "unknown frame 'pdu'");
    }

    @Test
    void protocolMustAgreeWithTheRule() {
        rejectsRule("alert tls any any -> any any (frame:http1.request; content:\"a\"; sid:1;)", "can't set rule app proto");
    }

    @Test
    void cannotMixWithPayloadOrAppLayerBuffers() {
        rejectsRule("alert http1 any any -> any any (content:\"GET\"; frame:http1.request; content:\"GET\"; sid:1;)",
                "can't mix pure content and frame inspection");
        rejectsRule("alert http1 any any -> any any (frame:http1.request; content:\"GET\"; http.method; content:\"GET\"; sid:1;)",
                "can't mix app-layer buffer and frame inspection");
    }

    @Test
    void udpOnlyRulesHaveNoTcpFrames() {
        rejectsRule("alert icmp any any -> any any (frame:http1.request; content:\"a\"; sid:1;)", "only supported for TCP");
        // UDP rules take frames (Suricata 7.0.10 loads this one); a UDP rule has no protocol for a shorthand
        assertEquals(2, parseRule("alert udp any any -> any any (frame:dns.pdu; content:\"a\"; sid:2;)").sid());
        rejectsRule("alert udp any any -> any any (frame:stream; content:\"a\"; sid:3;)", "rule protocol unknown");
    }
}

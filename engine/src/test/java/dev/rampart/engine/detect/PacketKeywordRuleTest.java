package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Packet keywords (ttl, id, window, seq, ip_proto, packet header buffers ...) make a rule's payload
 * per packet, as Suricata's SIG_FLAG_REQUIRE_PACKET; a rule cannot combine them with app-layer
 * buffers or flow:only_stream; flow:only_stream without a payload of the rule's own never matches.
 * Expected values are suricata 7.0.10's on the same session: "xxAD" and "MINyy" from the client in
 * two segments (packets 4 and 6), "ok" back, a close (the stream is inspected at packet 10).
 * Before, the packet keywords left the payload on the stream ("ADMIN" matched across the segments,
 * at packet 10) and the invalid combinations loaded and alerted.
 */
class PacketKeywordRuleTest {
    private static Trace splitSession() {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, DetectHarness.CLIENT, 40000, DetectHarness.SERVER, 9999, 1000, 5000).handshake()
                .clientSends("xxAD".getBytes(StandardCharsets.ISO_8859_1))
                .clientSends("MINyy".getBytes(StandardCharsets.ISO_8859_1))
                .serverSends("ok".getBytes(StandardCharsets.ISO_8859_1)).close();
        return t;
    }

    @Test
    void packetKeywordsInspectThePacketPayloadOnly() {
        DetectHarness h = new DetectHarness(
                "alert ip any any -> any any (content:\"ADMIN\"; sid:53;)",
                "alert tcp any any -> any any (seq:1005; content:\"MIN\"; sid:54;)",
                "alert tcp any any -> any any (ttl:64; content:\"MIN\"; sid:55;)",
                "alert tcp any any -> any any (ttl:64; content:\"MIN\"; content:\"yy\"; distance:0; sid:56;)",
                "alert tcp any any -> any any (ttl:64; content:\"AD\"; sid:57;)",
                "alert ip any any -> any any (ip_proto:6; content:\"AD\"; sid:58;)",
                "alert ip any any -> any any (ttl:64; content:\"ADMIN\"; sid:59;)",
                "alert tcp any any -> any any (window:!0; content:\"ADMIN\"; sid:61;)",
                "alert tcp any any -> any any (id:1; content:\"ADMIN\"; sid:62;)",
                "alert tcp any any -> any any (tcp.hdr; content:\"|50|\"; pkt_data; content:\"ADMIN\"; sid:63;)",
                "alert tcp any any -> any any (stream_size:server,>,0; content:\"ADMIN\"; sid:64;)");
        h.run(splitSession());
        List<String> got = new ArrayList<>(h.txAlerts);
        got.sort(null);
        assertEquals(List.of("53@10", "54@6", "55@6", "56@6", "57@4", "58@4", "64@10"), got);
    }

    @Test
    void onlyStreamWithoutAPayloadOfItsOwnNeverMatches() {
        Trace t = DetectHarness.httpExchange("PUT /_users/ HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\n_admin",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        DetectHarness h = new DetectHarness(
                "alert http any any -> any any (flow:established,to_server,only_stream; http.method; content:\"PUT\"; sid:1;)",
                "alert http any any -> any any (flow:established,to_server,only_stream; content:\"PUT\"; http.uri; content:\"/_users/\"; sid:7;)",
                "alert tcp any any -> any 80 (flow:established,to_server,only_stream; sid:5;)",
                "alert tcp any any -> any 80 (flow:established,to_server,only_stream; content:\"PUT\"; sid:3;)",
                "alert http any any -> any any (flow:established,to_server; http.method; content:\"PUT\"; sid:26;)");
        h.run(t);
        List<Long> sids = new ArrayList<>(h.sids());
        sids.sort(null);
        assertEquals(List.of(3L, 26L), sids);
    }

    @Test
    void invalidCombinationsAreNotLoaded() {
        RuleParser parser = new RuleParser(RuleEnvironment.suricataDefaults());
        String[] refused = {
            "alert http any any -> any any (dsize:>10; http.method; content:\"PUT\"; sid:101;)",
            "alert http any any -> any any (ttl:64; http.method; content:\"PUT\"; sid:103;)",
            "alert http any any -> any any (sameip; http.uri; content:\"x\"; sid:114;)",
            "alert http any any -> any any (tcp.hdr; content:\"x\"; http.method; content:\"PUT\"; sid:118;)",
            "alert dns any any -> any any (dsize:>1; dns.opcode:0; sid:214;)",
            "alert http any any -> any any (dsize:>1; urilen:>1; sid:213;)",
            "alert http any any -> any any (dsize:>1; filestore; sid:212;)",
            "alert http any any -> any any (flow:no_stream; app-layer-event:http.request_field_too_long; sid:42;)",
            "alert tcp any any -> any any (ttl:64; content:\"ADMIN\"; flow:only_stream; sid:60;)",
        };
        String[] loaded = {
            "alert http any any -> any any (stream_size:server,>,1; http.method; content:\"PUT\"; sid:113;)",
            "alert http any any -> any any (flow:only_stream; http.method; content:\"PUT\"; sid:122;)",
            "alert http any any -> any any (urilen:>1; http.method; content:\"PUT\"; sid:126;)",
            "alert tls any any -> any any (dsize:>1; tls.store; sid:215;)",
            "alert tcp any any -> any any (dsize:>1; base64_decode; base64_data; content:\"x\"; sid:221;)",
        };
        List<Rule> rules = new ArrayList<>();
        for (String r : refused) {
            rules.add(parse(parser, r));
        }
        for (String r : loaded) {
            rules.add(parse(parser, r));
        }
        List<Long> skipped = DetectionPlan.check(rules, RuleEnvironment.suricataDefaults(), DetectSettings.DEFAULT)
                .stream().map(s -> s.rule().sid()).sorted().toList();
        assertEquals(List.of(42L, 60L, 101L, 103L, 114L, 118L, 212L, 213L, 214L), skipped);
        DetectionPlan.check(rules, RuleEnvironment.suricataDefaults(), DetectSettings.DEFAULT)
                .forEach(s -> assertTrue(s.reason().startsWith("invalid: "), s.reason()));
    }

    private static Rule parse(RuleParser parser, String text) {
        try {
            return parser.parse(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}

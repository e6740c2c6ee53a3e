package dev.rampart.rules.keyword.app;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.parse;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.keyword.app.AppLayerProtocolOption.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** app-layer-event, app-layer-protocol, decode-event and stream-event. */
class AppLayerKeywordsTest {

    @Test
    void appLayerEvent() throws Exception {
        AppLayerEventOption e = option("http", "app-layer-event:http.invalid_transfer_encoding_value_in_request;",
                AppLayerEventOption.class);
        assertEquals("http", e.protocol());
        assertEquals("invalid_transfer_encoding_value_in_request", e.name());
        AppLayerEventOption d = option("tcp", "app-layer-event:applayer_mismatch_protocol_both_directions;",
                AppLayerEventOption.class);
        assertNull(d.protocol());
        // unknown event names only draw a warning in Suricata: the text is kept
        assertEquals("tls.foo_bar", option("tcp", "app-layer-event:tls.foo_bar;", AppLayerEventOption.class).event());
        assertEquals("app-layer-event:http.request_auth_unrecognized", canonical(option("tcp",
                "app-layer-event: http.request_auth_unrecognized ;", AppLayerEventOption.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "foo.bar", "HTTP.request_auth_unrecognized", "\"http.request_auth_unrecognized\"",
        "http."})
    void appLayerEventRefused(String value) {
        rejected("tcp", "app-layer-event:" + value + ";", "app-layer-event");
    }

    @Test
    void appLayerEventProtocolMustFitTheRule() throws Exception {
        parse("tls", "app-layer-event:tls.invalid_record_type;");
        parse("http", "app-layer-event:http2.userinfo_in_uri;");
        rejected("tls", "app-layer-event:http.request_auth_unrecognized;", "can't set rule app proto");
    }

    @Test
    void appLayerProtocol() throws Exception {
        AppLayerProtocolOption p = option("tcp", "app-layer-protocol:!http;", AppLayerProtocolOption.class);
        assertTrue(p.negated());
        assertEquals(List.of("http"), p.protocols());
        assertNull(p.mode());
        assertFalse(p.exact());
        AppLayerProtocolOption q = option("tcp", "app-layer-protocol:!tls,either;", AppLayerProtocolOption.class);
        assertEquals(Mode.EITHER, q.mode());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "' ! http' => app-layer-protocol:!http",
        "\"http\" => app-layer-protocol:http",
        "failed => app-layer-protocol:failed",
        "http,final => app-layer-protocol:http,final",
        "http1,to_server => app-layer-protocol:http1,to_server",
        "dns,exact => app-layer-protocol:dns,exact",
        "tls|dns,either,exact => app-layer-protocol:tls|dns,either,exact",
        "unknown|tls => app-layer-protocol:unknown|tls",
        "bittorrent-dht => app-layer-protocol:bittorrent-dht",
    })
    void appLayerProtocolForms(String value, String canon) throws Exception {
        assertEquals(canon, canonical(option("tcp", "app-layer-protocol:" + value + ";",
                AppLayerProtocolOption.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "HTTP", "http-any", "http,foo", "!unknown", "http,final,either", "http,exact,exact"})
    void appLayerProtocolRefused(String value) {
        rejected("tcp", "app-layer-protocol:" + value + ";", "app-layer-protocol");
    }

    @Test
    void appLayerProtocolCombinations() throws Exception {
        parse("tcp", "app-layer-protocol:!http; app-layer-protocol:!tls;");
        parse("tcp", "app-layer-protocol:http1,to_server; app-layer-protocol:ssh,to_client;");
        rejected("tcp", "app-layer-protocol:http; app-layer-protocol:tls;", "can't mix");
        rejected("tcp", "app-layer-protocol:!smtp; app-layer-protocol:http;", "can't mix");
        rejected("http", "app-layer-protocol:tls;", "can't set rule app proto");
    }

    @Test
    void decodeAndStreamEvents() throws Exception {
        DecodeEventOption d = option("ip", "decode-event:ipv6.rh_type_0;", DecodeEventOption.class);
        assertEquals("decoder.ipv6.rh_type_0", d.event());
        assertEquals("decode-event:ipv4.pkt_too_small",
                canonical(option("ip", "decode-event:IPV4.PKT_TOO_SMALL;", DecodeEventOption.class)));
        DecodeEventOption s = option("tcp", "stream-event:3whs_syn_flood;", DecodeEventOption.class);
        assertEquals("stream.3whs_syn_flood", s.event());
        assertEquals("stream-event:3whs_syn_flood", canonical(s));
        assertTrue(DecodeEventOption.isKnown("decoder.tcp.opt_invalid_len"));
        for (String bad : new String[] {"ipv4.foo", "foo", "stream.3whs_syn_flood", "\"ipv4.pkt_too_small\""}) {
            rejected("ip", "decode-event:" + bad + ";", "decode-event");
        }
        for (String bad : new String[] {"foo", "stream.3whs_syn_flood", "reassembly.depth"}) {
            rejected("tcp", "stream-event:" + bad + ";", "stream-event");
        }
    }
}

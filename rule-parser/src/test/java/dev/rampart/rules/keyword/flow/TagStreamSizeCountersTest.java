package dev.rampart.rules.keyword.flow;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.parse;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.keyword.FlagOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.UintOption;
import dev.rampart.rules.keyword.flow.StreamSizeOption.Side;
import dev.rampart.rules.keyword.flow.TagOption.Metric;
import dev.rampart.rules.keyword.flow.TagOption.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TagStreamSizeCountersTest {

    @Test
    void tag() throws Exception {
        assertEquals(new TagOption(Type.SESSION, 5, Metric.PACKETS, null),
                option("tcp", "tag:session,5,packets;", TagOption.class));
        assertEquals(new TagOption(Type.HOST, 0, null, null), option("tcp", "tag:host;", TagOption.class));
        assertEquals("tag:host,100,packets,src", canonical(option("tcp", "tag:host,100,packets,src;", TagOption.class)));
        assertEquals("tag:session,20,packets", canonical(option("tcp", "tag: session , 20 , packets ;", TagOption.class)));
        // Suricata only warns about a direction on a session tag
        assertEquals(TagOption.Direction.SRC, option("tcp", "tag:session,5,seconds,src;", TagOption.class).direction());
    }

    @ParameterizedTest
    @ValueSource(strings = {"host,5,minutes", "session,5", "Session,5,packets", "session,5,packets,both",
        "session,,packets", "host,4294967296,packets", "\"session\""})
    void tagRefused(String value) {
        rejected("tcp", "tag:" + value + ";", "tag");
    }

    @Test
    void streamSize() throws Exception {
        StreamSizeOption s = option("tcp", "stream_size:server,<,5;", StreamSizeOption.class);
        assertEquals(Side.SERVER, s.side());
        assertEquals(new Uint(Uint.Mode.LT, 5, 5), s.value());
        assertEquals("stream_size:client,!=,39",
                canonical(option("tcp", "stream_size:client, != , 39;", StreamSizeOption.class)));
        // Suricata takes comparisons that can never match
        assertEquals(0, option("tcp", "stream_size:either,<,0;", StreamSizeOption.class).value().value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"server,<>,5", "foo,<,5", "Server,<,5", "server,5", "server,<5", "server,1-5",
        "server,=,0x10", "server,==,5", "server,<,4294967296", "server,<,5,6"})
    void streamSizeRefused(String value) {
        rejected("tcp", "stream_size:" + value + ";", "stream_size");
    }

    @Test
    void flowCounters() throws Exception {
        assertEquals(new UintOption("flow.age", new Uint(Uint.Mode.RANGE, 1, 10)),
                option("tcp", "flow.age:1-10;", UintOption.class));
        FlowCounterOption c = option("tcp", "flow.pkts:toclient,=10;", FlowCounterOption.class);
        assertEquals(FlowCounterOption.Direction.TOCLIENT, c.direction());
        assertEquals(Uint.eq(10), c.value());
        assertEquals("flow.bytes:either,>3000", canonical(option("tcp", "flow.bytes:either,>3000;",
                FlowCounterOption.class)));
        assertEquals("flow.pkts_toserver", option("tcp", "flow.pkts_toserver:10;", UintOption.class).keyword());
        rejected("tcp", "flow.pkts:both,5;", "direction");
        rejected("tcp", "flow.age:\"5\";", "quoted");
    }

    @Test
    void noalert() throws Exception {
        assertEquals(new FlagOption("noalert"), option("tcp", "noalert;", FlagOption.class));
        assertTrue(parse("tcp", "noalert; noalert;").toCanonicalText().contains("noalert; noalert;"));
        rejected("tcp", "noalert:1;", "takes no argument");
    }
}

package dev.rampart.rules.keyword.flow;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.rules.keyword.flow.HostbitsOption.Direction;
import dev.rampart.rules.keyword.flow.XbitsOption.Command;
import dev.rampart.rules.keyword.flow.XbitsOption.Track;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class XbitsHostbitsTest {

    @Test
    void xbitsFields() throws Exception {
        assertEquals(new XbitsOption(Command.SET, "ET.infostealer.pattern.2", Track.IP_PAIR, 15L),
                option("tcp", "xbits:set,ET.infostealer.pattern.2,track ip_pair,expire 15;", XbitsOption.class));
        assertEquals(new XbitsOption(Command.ISSET, "ET.CVE-2023-46604.attempt", Track.IP_DST, null),
                option("tcp", "xbits:isset,ET.CVE-2023-46604.attempt, track ip_dst;", XbitsOption.class));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "set, ET.PROPFIND, track ip_src, expire 360|xbits:set,ET.PROPFIND,track ip_src,expire 360",
        "toggle,a,track ip_src|xbits:toggle,a,track ip_src",
        "set,a,track ip_src,expire  10|xbits:set,a,track ip_src,expire 10",
        "set,a,track ip_src,expire 10,foo|xbits:set,a,track ip_src,expire 10",
        "set,a,track ip_src,foo 10|xbits:set,a,track ip_src",
        "set,a ,track ip_src|xbits:set,a ,track ip_src",
        "isset,a b,track ip_src|xbits:isset,a b,track ip_src",
    })
    void xbitsForms(String value, String canon) throws Exception {
        assertEquals(canon, canonical(option("tcp", "xbits:" + value + ";", XbitsOption.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"set,a", "set,a,track ip_src,expire 0", "set,a,track flow", "set,a,track ip_dst,expire x",
        "noalert", "noalert,a,track ip_src", "set,a,expire 10,track ip_src", "set,a,track ip_src ,expire 10",
        "set,a,track ip_src,expire 4294967296", "set,a,track ip_src,expire 0x10", "set,track ip_src",
        "set,a,trackip_src", "set,a,track by_src"})
    void xbitsRefused(String value) {
        rejected("tcp", "xbits:" + value + ";", "xbits");
    }

    @Test
    void hostbitsFields() throws Exception {
        assertEquals(new HostbitsOption(HostbitsOption.Command.SET, "a", Direction.DST),
                option("tcp", "hostbits:set, a , dst;", HostbitsOption.class));
        assertEquals(new HostbitsOption(HostbitsOption.Command.NOALERT, null, null),
                option("tcp", "hostbits:noalert;", HostbitsOption.class));
        assertEquals("hostbits:toggle,a", canonical(option("tcp", "hostbits:toggle,a;", HostbitsOption.class)));
        assertEquals("hostbits:set,a|b", canonical(option("tcp", "hostbits:set,a|b;", HostbitsOption.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"set,a,both", "set,a,src,3600", "set,a b", "set,a,track ip_src", "set,a,expire 10",
        "Set,a", "noalert,a", "set"})
    void hostbitsRefused(String value) {
        rejected("tcp", "hostbits:" + value + ";", "hostbits");
    }
}

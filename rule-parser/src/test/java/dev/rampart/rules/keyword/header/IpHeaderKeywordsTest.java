package dev.rampart.rules.keyword.header;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.parse;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.rules.keyword.FlagOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.UintOption;
import dev.rampart.rules.keyword.header.FragbitsOption.Modifier;
import dev.rampart.rules.keyword.header.IpoptsOption.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ttl, id, tos, ipopts, fragbits, fragoffset, sameip and the checksum keywords. */
class IpHeaderKeywordsTest {

    @Test
    void ttl() throws Exception {
        assertEquals(new UintOption("ttl", new Uint(Uint.Mode.GT, 220, 220)),
                option("ip", "ttl:>220;", UintOption.class));
        assertEquals("ttl:1<>3", canonical(option("ip", "ttl:1-3;", UintOption.class)));
        for (String bad : new String[] {"256", "<0", "5-6", "\"5\"", "+5", "5<>"}) {
            rejected("ip", "ttl:" + bad + ";", "ttl");
        }
    }

    @Test
    void id() throws Exception {
        assertEquals(new IdOption(13170), option("ip", "id:13170;", IdOption.class));
        assertEquals(new IdOption(5), option("ip", "id: 5 ;", IdOption.class));
        for (String bad : new String[] {"65536", "\"5\"", ">5", "0x10", "+5"}) {
            rejected("ip", "id:" + bad + ";", "id");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "8 => tos:8", "!8 => tos:!8", "! 8 => tos:!8", "x10 => tos:16", "!x10 => tos:!16", "X1f => tos:31",
        "\"8\" => tos:8", "008 => tos:8",
    })
    void tos(String value, String canon) throws Exception {
        assertEquals(canon, canonical(option("ip", "tos:" + value + ";", TosOption.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x10", "256", ">8", "x100", "!!8", "0008"})
    void tosRefused(String value) {
        rejected("ip", "tos:" + value + ";", "tos");
    }

    @Test
    void ipopts() throws Exception {
        assertEquals(new IpoptsOption(Option.LSRR), option("ip", "ipopts:lsrr;", IpoptsOption.class));
        assertEquals("ipopts:rr", canonical(option("ip", "ipopts:RR;", IpoptsOption.class)));
        assertEquals(Option.ANY, option("ip", "ipopts:any;", IpoptsOption.class).option());
        for (String bad : new String[] {"!rr", "rr,ts", "foo", "\"rr\""}) {
            rejected("ip", "ipopts:" + bad + ";", "ipopts");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "M => fragbits:M", "!D => fragbits:!D", "*MD => fragbits:*MD", "MDR => fragbits:MDR", "+M => fragbits:+M",
        // as in Suricata, anything after the bit letters is ignored (Snort's trailing modifier too)
        "M+ => fragbits:M", "D! => fragbits:D", "M,D => fragbits:M", "MM => fragbits:M", "' !D ' => fragbits:!D",
        "* M => fragbits:*M",
    })
    void fragbits(String value, String canon) throws Exception {
        assertEquals(canon, canonical(option("ip", "fragbits:" + value + ";", FragbitsOption.class)));
    }

    @Test
    void fragbitsFields() throws Exception {
        assertEquals(new FragbitsOption(Modifier.NOT, FragbitsOption.DONT_FRAGMENT),
                option("ip", "fragbits:!D;", FragbitsOption.class));
        for (String bad : new String[] {"m", "+!M", "X", "*", "XM", "\"M\""}) {
            rejected("ip", "fragbits:" + bad + ";", "fragbits");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "0 => fragoffset:0", ">0 => fragoffset:>0", "<5 => fragoffset:<5", "> 5 => fragoffset:>5",
        "!5 => fragoffset:!5", "8192 => fragoffset:8192", "1-5 => fragoffset:1", "5x => fragoffset:5",
    })
    void fragoffset(String value, String canon) throws Exception {
        assertEquals(canon, canonical(option("ip", "fragoffset:" + value + ";", FragoffsetOption.class)));
    }

    @Test
    void fragoffsetRefused() {
        for (String bad : new String[] {"65536", ">=5", "x5", "<>5", "\"5\""}) {
            rejected("ip", "fragoffset:" + bad + ";", "fragoffset");
        }
    }

    @Test
    void sameip() throws Exception {
        assertEquals(new FlagOption("sameip"), option("ip", "sameip;", FlagOption.class));
        assertEquals(2, parse("ip", "sameip; sameip;").optionsOf(FlagOption.class).size());
        rejected("ip", "sameip:1;", "no argument");
    }

    @Test
    void checksums() throws Exception {
        assertEquals(new ChecksumOption("ipv4-csum", true), option("ip", "ipv4-csum:Valid;", ChecksumOption.class));
        assertEquals("tcpv4-csum:invalid", canonical(option("tcp", "tcpv4-csum: invalid ;", ChecksumOption.class)));
        for (String k : new String[] {"tcpv6-csum", "udpv4-csum", "udpv6-csum", "icmpv4-csum", "icmpv6-csum"}) {
            assertEquals(k, option("ip", k + ":valid;", ChecksumOption.class).keyword());
        }
        rejected("ip", "ipv4-csum:foo;", "valid or invalid");
        rejected("ip", "ipv4-csum:\"valid\";", "quoted");
    }
}

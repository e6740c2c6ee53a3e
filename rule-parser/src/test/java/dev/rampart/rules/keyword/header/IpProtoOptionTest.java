package dev.rampart.rules.keyword.header;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.parse;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.rules.keyword.header.IpProtoOption.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpProtoOptionTest {

    @ParameterizedTest
    @CsvSource({
        "6, EQ, 6", "tcp, EQ, 6", "TCP, EQ, 6", "gre, EQ, 47", "ipv6-icmp, EQ, 58", "IPv6-ICMP, EQ, 58",
        "!tcp, NOT, 6", "'! 6', NOT, 6", ">134, GT, 134", "<5, LT, 5", "esp, EQ, 50", "ipencap, EQ, 4",
        "manet, EQ, 138", "ospf, EQ, 89", "255, EQ, 255", "'\"6\"', EQ, 6", "ip, EQ, 0",
    })
    void values(String value, Op op, int proto) throws Exception {
        assertEquals(new IpProtoOption(op, proto), option("ip", "ip_proto:" + value + ";", IpProtoOption.class));
    }

    @Test
    void canonicalIsNumeric() throws Exception {
        assertEquals("ip_proto:!17", canonical(option("ip", "ip_proto:!UDP;", IpProtoOption.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"256", "foo", ">=5", "6x", "ipv6-Icmp", "IP-ENCAP", "ospfigp", "mptcp", "ipsec-esp", "!",
        "6 x"})
    void refused(String value) {
        rejected("ip", "ip_proto:" + value + ";", "ip_proto");
    }

    @Test
    void onlyForIpRules() throws Exception {
        parse("ipv4", "ip_proto:6;");
        parse("ipv6", "ip_proto:6;");
        parse("pkthdr", "ip_proto:6;");
        rejected("tcp", "ip_proto:17;", "only allowed");
        rejected("udp", "ip_proto:6;", "only allowed");
    }

    @Test
    void combinations() throws Exception {
        parse("ip", "ip_proto:!6; ip_proto:!17;");
        parse("ip", "ip_proto:>6; ip_proto:<17;");
        parse("ip", "ip_proto:<17; ip_proto:>6;");
        parse("ip", "ip_proto:>6; ip_proto:!17;");
        rejected("ip", "ip_proto:6; ip_proto:17;", "equality");
        rejected("ip", "ip_proto:!6; ip_proto:6;", "equality");
        rejected("ip", "ip_proto:6; ip_proto:!17;", "!");
        rejected("ip", "ip_proto:>6; ip_proto:>17;", ">");
        rejected("ip", "ip_proto:<6; ip_proto:>17;", "above");
    }
}

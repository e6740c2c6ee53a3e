package dev.rampart.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpNetTest {
    @ParameterizedTest
    @CsvSource({
            "192.0.2.1, 192.0.2.1",
            "0.0.0.0, 0.0.0.0",
            "255.255.255.255, 255.255.255.255",
            "198.51.100.0/24, 198.51.100.0/24",
            "10.0.0.0/8, 10.0.0.0/8",
            "192.0.2.7/32, 192.0.2.7",
            "2001:DB8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
            "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
            "2001:db8::/32, 2001:db8::/32",
            "::, ::",
            "::1, ::1",
            "1::, 1::",
            "1:0:0:2:0:0:0:3, 1:0:0:2::3",
            "1:0:0:2:0:0:3:4, 1::2:0:0:3:4",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "::ffff:192.0.2.1, 192.0.2.1",
            "::FFFF:c000:201, 192.0.2.1",
            "::ffff:10.0.0.0/104, 10.0.0.0/8",
            "::fffe:0:0/95, ::fffe:0:0/95",
            "::fffe:192.0.2.1, ::fffe:c000:201",
            "fe80::/10, fe80::/10",
            "2001:db8::1/128, 2001:db8::1",
    })
    void parsesAndPrintsCanonically(String text, String canonical) {
        IpNet net = IpNet.parse(text);
        assertEquals(canonical, net.toString());
        assertEquals(net, IpNet.parse(net.toString()), "canonical text parses back to the same network");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "localhost", "example.com", "10.0.0.1; flush ruleset", "10.0.0.1 }", "10.0.0.1\n", " 10.0.0.1",
            "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.04", "1..2.3", "1.2.3.", "0x7f.0.0.1",
            "10.0.0.1/33", "10.0.0.1/", "10.0.0.1/-1", "10.0.0.1/8x", "10.0.0.0/0", "::/0", "::ffff:0.0.0.0/96",
            "\u0661.\u0662.\u0663.\u0664", "\uff11.2.3.4", "1:2:3:4:5:6:7:\u0664",
            "fe80::1%eth0", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "::1:2:3:4:5:6:7:8",
            "12345::", "::g", "1:2:3:4:5:6:1.2.3.4:5", "::1.2.3", "2001:db8::/129", ":1::", "1::2:"
    })
    void refusesAnythingButALiteral(String text) {
        assertThrows(PolicyValidationException.class, () -> IpNet.parse(text));
    }

    @Test
    void refusesHostBitsUnderThePrefixAndNamesTheNetwork() {
        PolicyValidationException e = assertThrows(PolicyValidationException.class, () -> IpNet.parse("10.1.2.3/16"));
        assertTrue(e.getMessage().contains("10.1.0.0/16"), e.getMessage());
        assertThrows(PolicyValidationException.class, () -> IpNet.parse("2001:db8::1/64"));
    }

    @Test
    void containment() {
        IpNet net = IpNet.parse("10.1.0.0/16");
        assertTrue(net.contains(IpNet.parse("10.1.255.3")));
        assertTrue(net.contains(IpNet.parse("10.1.128.0/17")));
        assertTrue(net.contains(net));
        assertFalse(net.contains(IpNet.parse("10.2.0.1")));
        assertFalse(net.contains(IpNet.parse("10.0.0.0/8")));
        assertFalse(net.contains(IpNet.parse("::a01:1")), "families never contain each other");
        assertTrue(net.contains(IpNet.parse("::ffff:10.1.0.1")), "an IPv4-mapped address is IPv4");
        assertTrue(IpNet.parse("2001:db8::/32").contains(IpNet.parse("2001:db8:ffff::1")));
    }

    @Test
    void familyAndHost() {
        assertTrue(IpNet.parse("2001:db8::1").isV6());
        assertFalse(IpNet.parse("192.0.2.1").isV6());
        assertTrue(IpNet.parse("192.0.2.1").isHost());
        assertFalse(IpNet.parse("192.0.2.0/31").isHost());
        assertEquals(31, IpNet.parse("192.0.2.0/31").prefix());
    }
}

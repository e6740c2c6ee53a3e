package dev.rampart.rules.header;

import static dev.rampart.rules.RuleAssertions.parseRule;
import static dev.rampart.rules.RuleAssertions.rejectsRule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.Action;
import dev.rampart.rules.Direction;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParseException;
import org.junit.jupiter.api.Test;

class HeaderTest {
    private final AddressResolver addr = new AddressResolver(RuleEnvironment.defaultAddressVars()::get);
    private final PortResolver ports = new PortResolver(RuleEnvironment.defaultPortVars()::get);

    private AddressSet a(String s) throws RuleParseException {
        return addr.resolve(AddressParser.parse(s));
    }

    private static IpAddress ip(String s) throws RuleParseException {
        return IpAddress.parse(s);
    }

    @Test
    void actionsProtocolsDirections() {
        Rule r = parseRule("rejectboth http1 any any <> any any (sid:1;)");
        assertEquals(Action.REJECTBOTH, r.header().action());
        assertEquals("http1", r.header().protocol());
        assertEquals(Direction.BOTH, r.header().direction());
        parseRule("pass tcp-stream any any -> any any (sid:1;)");
        rejectsRule("alarm tcp any any -> any any (sid:1;)", "unknown action");
        rejectsRule("alert foo any any -> any any (sid:1;)", "unknown protocol");
        rejectsRule("alert tcp any any >> any any (sid:1;)", "invalid direction");
        rejectsRule("alert tcp any any -> any (sid:1;)", "7 fields");
    }

    @Test
    void addressForms() throws Exception {
        assertTrue(a("10.1.2.3").contains(ip("10.1.2.3")));
        assertFalse(a("10.1.2.3").contains(ip("10.1.2.4")));
        assertTrue(a("10.1.2.99/24").contains(ip("10.1.2.255")));
        assertTrue(a("10.0.0.0/255.0.0.0").contains(ip("10.200.0.1")));
        assertTrue(a("1.1.1.1-1.1.1.5").contains(ip("1.1.1.4")));
        assertTrue(a("2001:db8::/32").contains(ip("2001:db8:ffff::1")));
        assertFalse(a("2001:db8::/32").contains(ip("2001:db9::1")));
        assertTrue(a("[1.2.3.4, 5.6.7.0/24]").contains(ip("5.6.7.8")));
    }

    @Test
    void listMergedOnceEqualsItemByItemUnion() throws Exception {
        // the resolver merges a list's items in one pass; the sets must equal pairwise unions
        java.util.Random r = new java.util.Random(11);
        for (int round = 0; round < 200; round++) {
            // one item outside the negated net below, so that no list resolves to nothing
            java.util.List<AddressSet> items = new java.util.ArrayList<>(java.util.List.of(a("192.168.5.0/24")));
            StringBuilder list = new StringBuilder("[192.168.5.0/24");
            int n = 1 + r.nextInt(12);
            for (int i = 0; i < n; i++) {
                String item = r.nextInt(4) == 0 ? "2001:db8::" + Integer.toHexString(r.nextInt(16)) + "/" + (120 + r.nextInt(9))
                        : "10.0." + r.nextInt(4) + "." + r.nextInt(256) + "/" + (22 + r.nextInt(11));
                items.add(a(item));
                list.append(',').append(item);
            }
            AddressSet pairwise = items.get(0);
            for (int i = 1; i < items.size(); i++) {
                pairwise = pairwise.union(items.get(i));
            }
            assertEquals(pairwise, AddressSet.union(items));
            assertEquals(pairwise, a(list.append(']').toString()));
            AddressSet negated = a(list.substring(0, list.length() - 1) + ",!10.0.1.0/24]");
            assertEquals(pairwise.minus(a("10.0.1.0/24")), negated);
        }
    }

    @Test
    void variablesAndNegation() throws Exception {
        AddressSet external = a("$EXTERNAL_NET");
        assertTrue(external.contains(ip("8.8.8.8")));
        assertFalse(external.contains(ip("192.168.1.1")));
        assertTrue(external.contains(ip("::1")), "IPv6 space is outside HOME_NET");
        AddressSet g = a("[$HOME_NET,!192.168.1.0/24]");
        assertTrue(g.contains(ip("10.0.0.1")));
        assertFalse(g.contains(ip("192.168.1.7")));
        assertTrue(g.contains(ip("192.168.2.7")));
        AddressSet onlyNeg = a("[!10.0.0.0/8,!$SMTP_SERVERS]");
        assertTrue(onlyNeg.contains(ip("8.8.8.8")));
        assertFalse(onlyNeg.contains(ip("172.16.0.1")));
        assertTrue(a("![1.2.3.4,[5.6.7.8]]").contains(ip("1.2.3.5")));
    }

    @Test
    void addressErrors() {
        assertThrows(RuleParseException.class, () -> a("!any"));
        assertThrows(RuleParseException.class, () -> a("$NOPE"));
        assertThrows(RuleParseException.class, () -> a("[1.2.3.4,!1.2.3.4]"));
        assertThrows(RuleParseException.class, () -> a("1.2.3"));
        assertThrows(RuleParseException.class, () -> a("1.2.3.256"));
        assertThrows(RuleParseException.class, () -> a("1.2.3.4/33"));
        assertThrows(RuleParseException.class, () -> a("1.2.3.9-1.2.3.1"));
        assertThrows(RuleParseException.class, () -> a("[1.2.3.4"));
        assertThrows(RuleParseException.class, () -> a("1::2::3"));
    }

    @Test
    void portForms() throws Exception {
        PortSet p = ports.resolve(PortParser.parse("[80,8000:8080,!8001,$SSH_PORTS]"));
        assertTrue(p.contains(80));
        assertTrue(p.contains(8080));
        assertFalse(p.contains(8001));
        assertTrue(p.contains(22));
        assertTrue(ports.resolve(PortParser.parse("1024:")).contains(65535));
        assertFalse(ports.resolve(PortParser.parse(":1023")).contains(1024));
        assertFalse(ports.resolve(PortParser.parse("$SHELLCODE_PORTS")).contains(80));
        assertTrue(ports.resolve(PortParser.parse("[5060, 5061]")).contains(5061));
        assertThrows(RuleParseException.class, () -> PortParser.parse("70000"));
        assertThrows(RuleParseException.class, () -> PortParser.parse("90:80"));
        assertThrows(RuleParseException.class, () -> ports.resolve(PortParser.parse("!any")));
    }

    @Test
    void equalPortSetsAreOneObject() throws Exception {
        PortSet web = ports.resolve(PortParser.parse("[80,443]"));
        assertSame(web, ports.resolve(PortParser.parse("[80,443]")));
        assertSame(web, ports.resolve(PortParser.parse("[443,80]")));
        assertNotSame(web, ports.resolve(PortParser.parse("[80,444]")));
        assertFalse(web.isAny());
        assertEquals(2, web.cardinality());
        // a list that covers every port is "any", whatever its text
        PortSet all = ports.resolve(PortParser.parse("[0:1023,1024:]"));
        assertTrue(all.isAny());
        assertSame(PortSet.ANY, all);
        assertFalse(ports.resolve(PortParser.parse("!0")).isAny());
        // an empty set is an error each time, not a remembered result
        assertThrows(RuleParseException.class, () -> ports.resolve(PortParser.parse("[80,!80]")));
        assertThrows(RuleParseException.class, () -> ports.resolve(PortParser.parse("[80,!80]")));
    }

    @Test
    void addressResultsAreRemembered() throws Exception {
        assertSame(a("[10.0.0.0/8,!10.1.0.0/16]"), a("[10.0.0.0/8,!10.1.0.0/16]"));
        assertTrue(a("[10.0.0.0/8,!10.1.0.0/16]").contains(ip("10.2.0.1")));
        assertFalse(a("[10.0.0.0/8,!10.1.0.0/16]").contains(ip("10.1.0.1")));
        assertThrows(RuleParseException.class, () -> a("[1.2.3.4,!1.2.3.4]"));
        assertThrows(RuleParseException.class, () -> a("[1.2.3.4,!1.2.3.4]"));
    }

    @Test
    void headerRoundTripKeepsVariables() {
        Rule r = parseRule("alert tcp [$HOME_NET,!10.0.0.1] ![80,443] -> $EXTERNAL_NET 1024: (sid:1;)");
        assertEquals("alert tcp [$HOME_NET,!10.0.0.1] ![80,443] -> $EXTERNAL_NET 1024:65535 (sid:1;)", r.toCanonicalText());
    }

    @Test
    void ipv6Printing() throws Exception {
        assertEquals("2001:db8::1", ip("2001:0db8:0:0:0:0:0:1").toString());
        assertEquals("::ffff:102:304", ip("::ffff:1.2.3.4").toString());
        assertEquals("::", ip("::").toString());
    }
}

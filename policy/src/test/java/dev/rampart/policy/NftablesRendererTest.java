package dev.rampart.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Structure checks on rendered scripts; NetnsBlockTest loads them into a real kernel. */
class NftablesRendererTest {
    private static final Instant T = Instant.parse("2026-11-28T12:00:00Z");

    private static BlockPolicy.Builder policy() {
        return BlockPolicy.builder("incident_42").address("203.0.113.5").address("198.51.100.0/24")
                .address("2001:db8::5").createdAt(T).reason("incident 42");
    }

    /** Script lines that are not comments, trimmed. */
    private static List<String> code(String script) {
        return script.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** The rule lines of one chain (between its type line and its closing brace). */
    private static List<String> chainRules(String script, String chain) {
        List<String> lines = code(script);
        int start = lines.indexOf("chain " + chain + " {");
        assertTrue(start >= 0, "chain " + chain + " in\n" + script);
        assertEquals("type filter hook " + chain + " priority filter - 10; policy accept;", lines.get(start + 1));
        List<String> rules = new ArrayList<>();
        for (int i = start + 2; !lines.get(i).equals("}"); i++) {
            rules.add(lines.get(i));
        }
        return rules;
    }

    @Test
    void replacesItsOwnTableInOneTransaction() {
        List<String> lines = code(NftablesRenderer.render(policy().build()));
        assertEquals("table inet rampart_incident_42", lines.get(0));
        assertEquals("delete table inet rampart_incident_42", lines.get(1));
        assertEquals("table inet rampart_incident_42 {", lines.get(2));
        assertEquals("}", lines.get(lines.size() - 1));
        // nothing but this one table is named, created, flushed or deleted
        for (String l : lines) {
            assertFalse(l.startsWith("flush") || l.contains("ruleset"), l);
            if (l.startsWith("table") || l.startsWith("delete")) {
                assertTrue(l.contains("inet rampart_incident_42"), l);
            }
        }
    }

    @Test
    void setsHoldTheCanonicalAddressesAndPorts() {
        String s = NftablesRenderer.render(policy().port("443").port("8000-8100").protocol(BlockProtocol.TCP).build());
        assertTrue(s.contains("set block_v4 {\n\t\ttype ipv4_addr\n\t\tflags interval\n\t\telements = { 198.51.100.0/24, 203.0.113.5 }\n\t}\n"), s);
        assertTrue(s.contains("set block_v6 {\n\t\ttype ipv6_addr\n\t\tflags interval\n\t\telements = { 2001:db8::5 }\n\t}\n"), s);
        assertTrue(s.contains("set block_ports {\n\t\ttype inet_service\n\t\tflags interval\n\t\telements = { 443, 8000-8100 }\n\t}\n"), s);
    }

    @Test
    void inboundDropsBySourceInInputAndForward() {
        String s = NftablesRenderer.render(policy().direction(BlockDirection.INBOUND).build());
        assertEquals(List.of("ip saddr @block_v4 counter drop", "ip6 saddr @block_v6 counter drop"), chainRules(s, "input"));
        assertEquals(List.of("ip saddr @block_v4 counter drop", "ip6 saddr @block_v6 counter drop"), chainRules(s, "forward"));
        assertEquals(List.of(), chainRules(s, "output"));
    }

    @Test
    void outboundDropsByDestinationInOutputAndForward() {
        String s = NftablesRenderer.render(policy().direction(BlockDirection.OUTBOUND).build());
        assertEquals(List.of(), chainRules(s, "input"));
        assertEquals(List.of("ip daddr @block_v4 counter drop", "ip6 daddr @block_v6 counter drop"), chainRules(s, "forward"));
        assertEquals(List.of("ip daddr @block_v4 counter drop", "ip6 daddr @block_v6 counter drop"), chainRules(s, "output"));
    }

    @Test
    void bothWaysWithPortsAndProtocol() {
        String s = NftablesRenderer.render(policy().direction(BlockDirection.BOTH).port(22).protocol(BlockProtocol.TCP).build());
        assertEquals(List.of("ip saddr @block_v4 meta l4proto tcp th dport @block_ports counter drop",
                "ip6 saddr @block_v6 meta l4proto tcp th dport @block_ports counter drop"), chainRules(s, "input"));
        assertEquals(4, chainRules(s, "forward").size());
        assertEquals(List.of("ip daddr @block_v4 meta l4proto tcp th dport @block_ports counter drop",
                "ip6 daddr @block_v6 meta l4proto tcp th dport @block_ports counter drop"), chainRules(s, "output"));
    }

    @Test
    void anyProtocolWithPortsMeansTcpAndUdp() {
        BlockPolicy p = BlockPolicy.builder("dns").address("192.0.2.53").port(53).direction(BlockDirection.OUTBOUND).createdAt(T).build();
        String s = NftablesRenderer.render(p);
        assertEquals(List.of("ip daddr @block_v4 meta l4proto { tcp, udp } th dport @block_ports counter drop"), chainRules(s, "output"));
        assertFalse(s.contains("block_v6"), "no IPv6 set or rule without IPv6 addresses");
    }

    @Test
    void protocolWithoutPorts() {
        BlockPolicy p = BlockPolicy.builder("u").address("192.0.2.53").protocol(BlockProtocol.UDP).createdAt(T).build();
        assertEquals(List.of("ip saddr @block_v4 meta l4proto udp counter drop"), chainRules(NftablesRenderer.render(p), "input"));
        assertFalse(NftablesRenderer.render(p).contains("block_ports"));
    }

    @Test
    void bracesBalanceAndEveryCodeLineUsesOnlyNftSyntaxCharacters() {
        String s = NftablesRenderer.render(policy().reason("x } { ; \" flush ruleset caf\u00e9").port("1-65535").build());
        int depth = 0;
        Pattern allowed = Pattern.compile("[a-z0-9_ .:/@{},;=\\-]+");
        for (String l : code(s)) {
            Matcher m = allowed.matcher(l);
            assertTrue(m.matches(), "unexpected character in " + l);
            for (char c : l.toCharArray()) {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                assertTrue(depth >= 0, l);
            }
        }
        assertEquals(0, depth);
        // the reason only in its comment line, as printable ASCII
        List<String> reason = s.lines().filter(l -> l.contains("flush ruleset")).toList();
        assertEquals(List.of("# reason: x } { ; \" flush ruleset caf?"), reason);
    }

    @Test
    void manyElementsAreWrappedAndAllPresent() {
        BlockPolicy.Builder b = BlockPolicy.builder("many").createdAt(T);
        for (int i = 1; i <= 20; i++) {
            b.address("192.0.2." + i);
        }
        String s = NftablesRenderer.render(b.build());
        Matcher m = Pattern.compile("elements = \\{([^}]*)\\}").matcher(s);
        assertTrue(m.find());
        List<String> elements = List.of(m.group(1).replaceAll("\\s", "").split(","));
        assertEquals(20, elements.size());
        assertEquals("192.0.2.1", elements.get(0));
        assertEquals("192.0.2.20", elements.get(19));
    }

    @Test
    void deleteScriptNamesOnlyARampartTable() {
        assertEquals("delete table inet rampart_incident_42\n", NftablesRenderer.renderDelete("incident_42"));
        assertThrows(PolicyValidationException.class, () -> NftablesRenderer.renderDelete("x; flush ruleset"));
    }
}

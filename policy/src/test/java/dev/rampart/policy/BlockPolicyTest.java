package dev.rampart.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockPolicyTest {
    private static final Instant T = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void addressesSortedDeduplicatedAndCoveredOnesDropped() {
        BlockPolicy p = BlockPolicy.builder("x").address("2001:db8::1").address("10.1.2.3").address("10.1.0.0/16")
                .address("192.0.2.1").address("192.0.2.1").address("2001:db8::/32").address("10.2.0.1").createdAt(T).build();
        assertEquals(List.of("10.1.0.0/16", "10.2.0.1", "192.0.2.1", "2001:db8::/32"),
                p.addresses().stream().map(IpNet::toString).toList());
        assertEquals(List.of("10.1.0.0/16", "10.2.0.1", "192.0.2.1"), p.v4().stream().map(IpNet::toString).toList());
        assertEquals(List.of("2001:db8::/32"), p.v6().stream().map(IpNet::toString).toList());
    }

    @Test
    void portRangesMergedWhenTheyOverlapOrTouch() {
        BlockPolicy p = BlockPolicy.builder("x").address("192.0.2.1").port("8050-8200").port(443).port("8000-8100")
                .port("80").port("81-90").port(443).port("9000").createdAt(T).build();
        assertEquals(List.of("80-90", "443", "8000-8200", "9000"), p.ports().stream().map(PortRange::toString).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-1", "80-", "-80", "90-80", "8o", "80 ", "1-2-3", "+80", "\u0668\u0660", "123456"})
    void refusesBadPorts(String port) {
        assertThrows(PolicyValidationException.class, () -> PortRange.parse(port));
    }

    @Test
    void portBounds() {
        assertEquals(new PortRange(1, 65535), PortRange.parse("1-65535"));
        assertEquals(PortRange.of(22), PortRange.parse("22"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Incident", "a-b", "a b", "a;b", "x}", "a.b", "../etc", "\u00e9t\u00e9",
            "a123456789012345678901234567890123456789012345678"})
    void refusesNamesNftOrTheStoreCouldMisread(String name) {
        assertThrows(PolicyValidationException.class, () -> BlockPolicy.builder(name).address("192.0.2.1").build());
    }

    @Test
    void reasonIsOneLineOfPrintableText() {
        assertThrows(PolicyValidationException.class,
                () -> BlockPolicy.builder("x").address("192.0.2.1").reason("ok\nflush ruleset").build());
        assertThrows(PolicyValidationException.class,
                () -> BlockPolicy.builder("x").address("192.0.2.1").reason("ok\rflush").build());
        assertThrows(PolicyValidationException.class,
                () -> BlockPolicy.builder("x").address("192.0.2.1").reason("ok\u2028flush").build());
        assertThrows(PolicyValidationException.class,
                () -> BlockPolicy.builder("x").address("192.0.2.1").reason("r".repeat(201)).build());
        assertEquals("ET TROJAN caf\u00e9 }; {", BlockPolicy.builder("x").address("192.0.2.1").reason("ET TROJAN caf\u00e9 }; {").build().reason());
    }

    @Test
    void needsAnAddress() {
        assertThrows(PolicyValidationException.class, () -> BlockPolicy.builder("x").build());
    }

    @Test
    void forIncidentBlocksBothWaysOnEveryPort() {
        BlockPolicy p = BlockPolicy.forIncident(42, List.of("203.0.113.5", "2001:db8::5"), T);
        assertEquals("incident_42", p.name());
        assertEquals("rampart_incident_42", p.tableName());
        assertEquals(BlockDirection.BOTH, p.direction());
        assertEquals(BlockProtocol.ANY, p.protocol());
        assertTrue(p.ports().isEmpty());
        assertEquals("incident 42", p.reason());
        assertEquals(T, p.createdAt());
        assertThrows(PolicyValidationException.class, () -> BlockPolicy.forIncident(0, List.of("203.0.113.5"), T));
    }
}

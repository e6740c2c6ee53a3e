package dev.rampart.rules.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfilesTest {
    private static final String HUNT = "alert http $HOME_NET any -> $EXTERNAL_NET any (msg:\"ET HUNTING x\"; "
            + "content:\"h\"; sid:2000010; rev:1; metadata:signature_severity Major, confidence Medium;)";
    private static final String LOW_CONF = "alert http $HOME_NET any -> $EXTERNAL_NET any (msg:\"ET MALWARE y\"; "
            + "content:\"y\"; sid:2000011; rev:1; metadata:signature_severity Critical, confidence Low;)";
    private static final String RETIRED = "alert tcp $EXTERNAL_NET any -> $HOME_NET any (msg:\"ET old\"; "
            + "content:\"o\"; sid:2000012; rev:1; metadata:signature_severity Major;)";

    private final ManagedRule info = Fixtures.rule("emerging-info.rules", Fixtures.INFO_1);
    private final ManagedRule heavy = Fixtures.rule("emerging-exploit.rules", Fixtures.EXPLOIT_3);
    private final ManagedRule major = Fixtures.rule("emerging-exploit.rules", Fixtures.EXPLOIT_4);
    private final ManagedRule hunting = Fixtures.rule("emerging-hunting.rules", HUNT);
    private final ManagedRule lowConf = Fixtures.rule("emerging-malware.rules", LOW_CONF);
    private final ManagedRule retired = Fixtures.rule("emerging-retired.rules", RETIRED);

    @Test
    void fullKeepsEveryEnabledRule() {
        for (ManagedRule r : List.of(info, heavy, major, hunting, lowConf, retired)) {
            ProfileDecision d = Profiles.FULL.decide(r);
            assertTrue(d.included());
            assertEquals("profile keeps every enabled rule", d.reason());
        }
        ProfileDecision off = Profiles.FULL.decide(Fixtures.disabledRule("x.rules", Fixtures.INFO_2_DISABLED));
        assertFalse(off.included());
        assertEquals("rule is disabled: disabled (commented out) in x.rules:1", off.reason());
    }

    @Test
    void balanced() {
        assertTrue(Profiles.BALANCED.decide(info).included());
        assertEquals("no exclude filter matches", Profiles.BALANCED.decide(info).reason());
        assertTrue(Profiles.BALANCED.decide(hunting).included());
        ProfileDecision d = Profiles.BALANCED.decide(heavy);
        assertFalse(d.included());
        assertEquals("excluded by built-in profile balanced (metadata: performance_impact Significant)", d.reason());
        assertEquals("metadata: performance_impact Significant", d.filter().matcher().text());
        assertEquals("excluded by built-in profile balanced (group:*retired*)",
                Profiles.BALANCED.decide(retired).reason());
    }

    @Test
    void minimal() {
        assertTrue(Profiles.MINIMAL.decide(major).included());
        assertFalse(Profiles.MINIMAL.decide(info).included());
        assertFalse(Profiles.MINIMAL.decide(heavy).included());
        assertEquals("excluded by built-in profile minimal (group:*hunting*)", Profiles.MINIMAL.decide(hunting).reason());
        assertEquals("excluded by built-in profile minimal (metadata: confidence Low)",
                Profiles.MINIMAL.decide(lowConf).reason());
        assertFalse(Profiles.MINIMAL.decide(retired).included());
    }

    @Test
    void builtInsByName() {
        assertSame(Profiles.MINIMAL, Profiles.builtIn("minimal"));
        assertNull(Profiles.builtIn("nope"));
        assertSame(Profiles.BALANCED, Profiles.resolve("balanced", Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Profiles.resolve("fast", Map.of()));
        assertEquals("unknown profile \"fast\" (known: minimal, balanced, full)", e.getMessage());
    }

    @Test
    void directionSets() {
        Profile in = Profiles.FULL.withDirection(TrafficDirection.Filter.INBOUND);
        Profile out = Profiles.FULL.withDirection(TrafficDirection.Filter.OUTBOUND);
        assertEquals("full/inbound", in.name());
        // info: $HOME_NET -> $EXTERNAL_NET (outbound); major: $EXTERNAL_NET -> $HOME_NET (inbound)
        assertFalse(in.decide(info).included());
        assertEquals("direction outbound ($HOME_NET -> $EXTERNAL_NET) is not in the inbound set",
                in.decide(info).reason());
        assertTrue(in.decide(major).included());
        assertTrue(out.decide(info).included());
        assertFalse(out.decide(major).included());
        ManagedRule anyAny = Fixtures.rule("x.rules", "alert tcp any any -> any any (msg:\"a\"; content:\"a\"; sid:9;)");
        assertTrue(in.decide(anyAny).included());
        assertTrue(out.decide(anyAny).included());
    }

    @Test
    void aProfilePerDirection() {
        // minimal for inbound rules, full for outbound ones
        Profile p = Profiles.byDirection(Profiles.MINIMAL, Profiles.FULL);
        assertEquals("minimal inbound, full outbound", p.name());
        // info: outbound, not minimal -> kept by full/outbound
        assertTrue(p.decide(info).included());
        assertEquals("kept by full/outbound: profile keeps every enabled rule", p.decide(info).reason());
        // heavy: inbound, excluded by minimal; full/outbound does not take inbound rules
        ProfileDecision d = p.decide(heavy);
        assertFalse(d.included());
        assertTrue(d.reason().startsWith("minimal/inbound: excluded by built-in profile minimal"), d.reason());
        assertTrue(d.reason().contains("full/outbound: direction inbound"), d.reason());
        // major: inbound and minimal keeps it
        assertTrue(p.decide(major).included());
        // any -> any: either direction, kept when one of them keeps it
        ManagedRule anyAny = Fixtures.rule("emerging-info.rules",
                "alert tcp any any -> any any (msg:\"a\"; content:\"a\"; sid:9; metadata:signature_severity Informational;)");
        assertFalse(Profiles.MINIMAL.decide(anyAny).included());
        assertTrue(p.decide(anyAny).included());
        assertFalse(Profiles.byDirection(Profiles.MINIMAL, Profiles.MINIMAL).decide(anyAny).included());
        assertSame(Profiles.BALANCED, Profiles.byDirection(Profiles.BALANCED, Profiles.BALANCED));
        assertFalse(p.decide(Fixtures.disabledRule("x.rules", Fixtures.INFO_2_DISABLED)).included());
    }

    @Test
    void yamlProfiles() throws Exception {
        Map<String, Profile> ps = Profiles.parseYaml("profiles.yaml", """
                profiles:
                  dmz:
                    description: internet-facing servers
                    base: balanced
                    direction: inbound
                    include:
                      - group:emerging-exploit.rules
                      - "metadata: signature_severity Critical"
                    exclude:
                      - re:three
                    always:
                      - 2000011
                  dmz-strict:
                    base: dmz
                    exclude:
                      - metadata: confidence Low
                """);
        assertEquals(List.of("dmz", "dmz-strict"), List.copyOf(ps.keySet()));
        Profile dmz = ps.get("dmz");
        assertEquals("internet-facing servers", dmz.description());
        assertSame(Profiles.BALANCED, dmz.base());
        assertEquals(TrafficDirection.Filter.INBOUND, dmz.direction());
        assertEquals("profiles.yaml:7 include", dmz.include().get(0).origin());

        assertTrue(dmz.decide(major).included());
        assertEquals("included by profiles.yaml:7 include (group:emerging-exploit.rules); base profile balanced: "
                + "no exclude filter matches", dmz.decide(major).reason());
        assertEquals("base profile balanced: excluded by built-in profile balanced (metadata: performance_impact "
                + "Significant)", dmz.decide(heavy).reason());
        assertFalse(dmz.decide(info).included(), "not in an include filter");
        assertTrue(dmz.decide(lowConf).included(), "always wins over direction (outbound) and include");
        assertEquals("kept by always filter profiles.yaml:12 always (2000011)", dmz.decide(lowConf).reason());

        Profile strict = ps.get("dmz-strict");
        assertSame(dmz, strict.base());
        assertEquals("metadata: confidence Low", strict.exclude().get(0).matcher().text(),
                "an unquoted 'metadata: k v' item (a YAML mapping) is read as the selector");
        assertTrue(strict.decide(major).included());
        // the base's "always" only overrides the base's own filters; a derived profile may still exclude
        assertEquals("excluded by profiles.yaml:16 exclude (metadata: confidence Low)", strict.decide(lowConf).reason());
        assertSame(strict, Profiles.resolve("dmz-strict", ps));
    }

    @Test
    void yamlErrorsHaveLines() {
        RuleConfigException e = assertThrows(RuleConfigException.class, () -> Profiles.parseYaml("p.yaml", """
                profiles:
                  a:
                    base: nosuch
                  minimal:
                    include: [1]
                  b:
                    direction: sideways
                    include:
                      - "20194O1"
                    colour: red
                  c:
                    exclude: [[1, 2]]
                  d:
                    include: {x: 1}
                other: 1
                """));
        List<String> msgs = e.problems().stream().map(ConfigProblem::toString).toList();
        assertTrue(msgs.contains("p.yaml:15: unknown key \"other\" (expected 'profiles')"), msgs.toString());
        assertTrue(msgs.contains("p.yaml:14: profile \"d\": include must be a list of selectors"), msgs.toString());
        assertTrue(msgs.contains("p.yaml:4: profile \"minimal\" is built in; choose another name"), msgs.toString());
        assertTrue(msgs.contains("p.yaml:7: direction must be inbound, outbound or any, not \"sideways\""),
                msgs.toString());
        assertTrue(msgs.stream().anyMatch(m -> m.startsWith("p.yaml:9: profile \"b\": not a rule selector")),
                msgs.toString());
        assertTrue(msgs.stream().anyMatch(m -> m.startsWith("p.yaml:10: profile \"b\": unknown key \"colour\"")),
                msgs.toString());
        assertTrue(msgs.stream().anyMatch(m -> m.startsWith("p.yaml:12: profile \"c\": exclude entries must be strings")),
                msgs.toString());
        assertTrue(msgs.contains("p.yaml:3: profile \"a\": unknown base profile \"nosuch\""), msgs.toString());
        assertEquals(8, msgs.size(), msgs.toString());
    }

    @Test
    void yamlCyclesAndSyntax() {
        RuleConfigException e = assertThrows(RuleConfigException.class, () -> Profiles.parseYaml("p.yaml", """
                profiles:
                  a: {base: b}
                  b: {base: a}
                """));
        assertTrue(e.getMessage().contains("base profiles form a cycle"), e.getMessage());
        e = assertThrows(RuleConfigException.class, () -> Profiles.parseYaml("p.yaml", "profiles:\n  a: [\n"));
        assertTrue(e.getMessage().startsWith("p.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("invalid YAML"), e.getMessage());
    }

    @Test
    void emptyFileHasNoProfiles() throws Exception {
        assertTrue(Profiles.parseYaml("p.yaml", "").isEmpty());
        assertTrue(Profiles.parseYaml("p.yaml", "# nothing\n").isEmpty());
    }
}

package dev.rampart.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.keyword.app.RequiresOption;
import org.junit.jupiter.api.Test;

/** Suricata 8 evaluates requires before the rest of a rule (suricata-verify requires-ok). */
class RequiresFirstTest {
    private final RuleParser parser = new RuleParser();

    @Test
    void anUnparsableRuleWithAnUnmetVersionBecomesAPlaceholderKeepingItsRequires() throws Exception {
        Rule r = parser.parse("alert vxlan any any -> any any (msg:\"new\"; requires: version >= 10; sid:1; rev:2;)");
        assertEquals(1, r.sid());
        assertEquals(2, r.rev());
        assertEquals("new", r.msg());
        assertEquals(">= 10", r.option(RequiresOption.class).requirements().get(0).value());
        Rule k = parser.parse("alert udp any any -> any any (vxlan_vni:10; requires: version >= 10; sid:2;)");
        assertEquals(2, k.sid());
    }

    @Test
    void aMetVersionOrNoRequiresKeepsTheParseError() {
        assertThrows(RuleParseException.class,
                () -> parser.parse("alert vxlan any any -> any any (requires: version >= 7; sid:1;)"));
        assertThrows(RuleParseException.class, () -> parser.parse("alert vxlan any any -> any any (sid:1;)"));
    }

    @Test
    void versionExpressionsAgainstTheEmulatedVersion() {
        assertTrue(RequiresOption.versionUnmet("version >= 7 < 8"));
        assertFalse(RequiresOption.versionUnmet("version >= 7.0.3 < 8 | >= 8"));
        assertTrue(RequiresOption.versionUnmet("feature x, version >= 9.0.0"));
        assertFalse(RequiresOption.versionUnmet("keyword foobar"));
        assertFalse(RequiresOption.versionUnmet("version >= x")); // malformed: the parse error stands
    }
}

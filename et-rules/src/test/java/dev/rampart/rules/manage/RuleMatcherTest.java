package dev.rampart.rules.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RuleMatcherTest {
    private final ManagedRule info = Fixtures.rule("rules/emerging-info.rules", Fixtures.INFO_1);
    private final ManagedRule exploit = Fixtures.rule("/x/emerging-exploit.rules", Fixtures.EXPLOIT_3);

    @Test
    void sampleRulesParse() {
        assertNull(info.error());
        assertNull(exploit.error());
        assertTrue(info.active());
    }

    @Test
    void all() {
        assertInstanceOf(RuleMatcher.All.class, RuleMatcher.parse(" * "));
        assertTrue(RuleMatcher.parse("*").matches(info));
    }

    @Test
    void sidGidSidAndRev() {
        assertTrue(RuleMatcher.parse("1000001").matches(info));
        assertTrue(RuleMatcher.parse("1:1000001").matches(info));
        assertFalse(RuleMatcher.parse("3:1000001").matches(info), "gid must match");
        assertTrue(RuleMatcher.parse("1:1000003:2").matches(exploit));
        assertFalse(RuleMatcher.parse("1:1000003:1").matches(exploit), "rev must match when given");
    }

    @Test
    void commaSeparatedSids() {
        RuleMatcher m = RuleMatcher.parse("1000009, 1000003 ,1:1000001");
        assertInstanceOf(RuleMatcher.Ids.class, m);
        assertTrue(m.matches(info));
        assertTrue(m.matches(exploit));
        assertEquals(3, ((RuleMatcher.Ids) m).ids().size());
    }

    @Test
    void regexIsCaseInsensitiveOnRuleText() {
        assertTrue(RuleMatcher.parse("re:et info ONE").matches(info));
        assertTrue(RuleMatcher.parse("re:\\|FF\\|smb").matches(exploit));
        assertFalse(RuleMatcher.parse("re:exploit").matches(info));
    }

    @Test
    void pythonNamedGroupsAreAccepted() {
        assertTrue(RuleMatcher.parse("re:(?P<w>ET) (?P=w)?INFO").matches(info));
    }

    @Test
    void groupMatchesBaseNameWithOrWithoutExtension() {
        assertTrue(RuleMatcher.parse("group:emerging-info.rules").matches(info));
        assertTrue(RuleMatcher.parse("group:emerging-info").matches(info));
        assertTrue(RuleMatcher.parse("group:*info*").matches(info));
        assertTrue(RuleMatcher.parse("group:emerging-*").matches(exploit));
        assertFalse(RuleMatcher.parse("group:*deleted*").matches(info));
        assertFalse(RuleMatcher.parse("group:rules/emerging-info.rules").matches(info), "base name only");
        // suricata-update: a bare NAME.rules is a group selector
        RuleMatcher bare = RuleMatcher.parse("emerging-exploit.rules");
        assertInstanceOf(RuleMatcher.Group.class, bare);
        assertTrue(bare.matches(exploit));
    }

    @Test
    void globCharacterClasses() {
        assertTrue(RuleMatcher.parse("group:emerging-[ei]*").matches(info));
        assertFalse(RuleMatcher.parse("group:emerging-[!ei]*").matches(info));
        assertTrue(RuleMatcher.parse("group:emerging-inf?.rules").matches(info));
    }

    @Test
    void filenameMatchesTheWholeName() {
        assertTrue(RuleMatcher.parse("filename:rules/emerging-info.rules").matches(info));
        assertTrue(RuleMatcher.parse("filename:*/emerging-exploit.rules").matches(exploit));
        assertFalse(RuleMatcher.parse("filename:emerging-info.rules").matches(info));
    }

    @Test
    void metadataKeyAndValueIgnoreCase() {
        assertTrue(RuleMatcher.parse("metadata: signature_severity Critical").matches(exploit));
        assertTrue(RuleMatcher.parse("metadata: Signature_Severity critical").matches(exploit));
        assertTrue(RuleMatcher.parse("metadata: performance_impact Significant").matches(exploit));
        assertFalse(RuleMatcher.parse("metadata: performance_impact Significant").matches(info));
        assertFalse(RuleMatcher.parse("metadata: signature_severity Crit").matches(exploit), "whole value");
    }

    @Test
    void matchesRulesThatDoNotParse() {
        ManagedRule bad = Fixtures.rule("emerging-exploit.rules", Fixtures.EXPLOIT_5_BAD);
        assertTrue(bad.error().contains("no_such_keyword"), bad.error());
        assertTrue(RuleMatcher.parse("1000005").matches(bad));
        assertTrue(RuleMatcher.parse("group:emerging-exploit").matches(bad));
    }

    @Test
    void malformedSelectors() {
        assertThrows(IllegalArgumentException.class, () -> RuleMatcher.parse(""));
        assertThrows(IllegalArgumentException.class, () -> RuleMatcher.parse("20194O1"));
        assertThrows(IllegalArgumentException.class, () -> RuleMatcher.parse("1000001,"));
        assertThrows(IllegalArgumentException.class, () -> RuleMatcher.parse("1:2:3:4"));
        assertThrows(IllegalArgumentException.class, () -> RuleMatcher.parse("re:"));
        assertThrows(IllegalArgumentException.class, () -> RuleMatcher.parse("re:(unclosed"));
        assertThrows(IllegalArgumentException.class, () -> RuleMatcher.parse("group:"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RuleMatcher.parse("metadata: deployment"));
        assertTrue(e.getMessage().contains("KEY VALUE"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RuleMatcher.parse("sid:2019401"));
        assertTrue(e.getMessage().startsWith("not a rule selector"), e.getMessage());
    }
}

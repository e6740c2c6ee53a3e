package dev.rampart.rules.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleFactsTest {

    @Test
    void readsIdsHeaderAndMetadata() {
        RuleFacts f = RuleFacts.scan("alert http [$HOME_NET, 10.0.0.1] any -> $EXTERNAL_NET any (msg:\"a \\\"q\\\"\\; b\"; "
                + "gid:3; sid:42; rev:7; classtype:trojan-activity; metadata:former_category INFO, "
                + "signature_severity Major, tag; metadata:deployment Perimeter;)");
        assertEquals("alert", f.action());
        assertEquals("http", f.protocol());
        assertEquals("[$HOME_NET, 10.0.0.1]", f.source());
        assertEquals("->", f.direction());
        assertEquals("$EXTERNAL_NET", f.destination());
        assertEquals(3, f.gid());
        assertEquals(42, f.sid());
        assertEquals(7, f.rev());
        assertEquals("3:42", f.id());
        assertEquals("a \"q\"; b", f.msg());
        assertEquals("trojan-activity", f.classtype());
        assertEquals(List.of("Major"), f.metadataValues("SIGNATURE_SEVERITY"));
        assertEquals(List.of("Perimeter"), f.metadataValues("deployment"));
        assertEquals(new RuleFacts.Meta("tag", ""), f.metadata().get(2));
        assertFalse(f.noalert());
    }

    @Test
    void flowbitsAndNoalert() {
        RuleFacts f = RuleFacts.scan("alert tcp any any -> any any (flowbits:set,a; flowbits: noalert; sid:1;)");
        assertEquals(List.of("set,a", "noalert"), f.flowbits());
        assertTrue(f.noalert());
        assertTrue(RuleFacts.scan("alert tcp any any -> any any (noalert; sid:1;)").noalert());
    }

    @Test
    void neverFails() {
        RuleFacts f = RuleFacts.scan("this is not a rule");
        assertEquals(0, f.sid());
        assertEquals(1, f.gid());
        assertEquals("", f.destination());
        RuleFacts g = RuleFacts.scan("alert tcp any any -> any any (sid:notanumber; msg:\"x\"");
        assertEquals(0, g.sid());
        assertEquals("x", g.msg());
    }
}

package dev.rampart.rules.keyword.meta;

import static dev.rampart.rules.RuleAssertions.parseRule;
import static dev.rampart.rules.RuleAssertions.rejects;
import static dev.rampart.rules.RuleAssertions.rejectsRule;
import static dev.rampart.rules.RuleAssertions.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.RuleParser;
import dev.rampart.rules.config.ClassificationConfig;
import dev.rampart.rules.config.ReferenceConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** msg, sid, rev, gid, classtype, reference, metadata, priority, target. */
class MetaKeywordsTest {

    @Test
    void identityAndMessage() {
        Rule r = parseRule("alert tcp any any -> any any (msg:\"a \\\"quoted\\\" \\; text\"; gid:3; sid:42; rev:7;)");
        assertEquals("a \"quoted\" ; text", r.msg());
        assertEquals(42, r.sid());
        assertEquals(3, r.gid());
        assertEquals(7, r.rev());
    }

    @Test
    void defaultsWhenAbsent() {
        Rule r = rule("");
        assertEquals(1, r.gid());
        assertEquals(0, r.rev());
        assertEquals("", r.msg());
    }

    @Test
    void sidRules() {
        rejectsRule("alert tcp any any -> any any (msg:\"x\";)", "no sid");
        rejectsRule("alert tcp any any -> any any (sid:0;)", "out of range");
        rejectsRule("alert tcp any any -> any any (sid:x;)", "invalid number");
        rejects("sid:2;", "only once");
    }

    @Test
    void metadataEntries() {
        MetadataOption m = rule("metadata:signature_severity Major, created_at 2020_01_01, tag Foo_Bar;").option(MetadataOption.class);
        assertEquals(List.of("Major"), m.values("signature_severity"));
        assertEquals(3, m.entries().size());
    }

    @Test
    void metadataKeptAsWrittenSplitsLikeTheEntriesItStandsFor() {
        MetadataOption m = rule("metadata: a  1 ,, b\t2,c ,d x y;").option(MetadataOption.class);
        List<MetadataOption.Entry> expected = List.of(new MetadataOption.Entry("a", "1"),
                new MetadataOption.Entry("b", "2"), new MetadataOption.Entry("c", ""), new MetadataOption.Entry("d", "x y"));
        assertEquals(expected, m.entries());
        // equal to the option made from those entries, and printed the same canonical way
        MetadataOption made = new MetadataOption(expected);
        assertEquals(made, m);
        assertEquals(made.hashCode(), m.hashCode());
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        m.appendValue(a);
        made.appendValue(b);
        assertEquals("a 1, b 2, c, d x y", a.toString());
        assertEquals(b.toString(), a.toString());
        rejects("metadata: , ,;", "no entries");
    }

    @Test
    void referenceAndClasstypeCheckedAgainstTablesWhenLoaded() throws Exception {
        RuleEnvironment env = RuleEnvironment.suricataDefaults()
                .withClassification(ClassificationConfig.parse("c", "config classification: trojan-activity,A Network Trojan was detected,1\n"))
                .withReferences(ReferenceConfig.parse("r", "config reference: url http://\n"));
        RuleParser p = new RuleParser(env);
        Rule ok = p.parse("alert tcp any any -> any any (classtype:Trojan-Activity; reference:url,example.com/a\\;b; sid:1;)");
        assertEquals("example.com/a;b", ok.option(ReferenceOption.class).id());
        assertEquals("x.org/q", p.parse("alert tcp any any -> any any (reference:url,\"x.org/q\"; sid:1;)")
                .option(ReferenceOption.class).id());
        assertThrows(RuleParseException.class, () -> p.parse("alert tcp any any -> any any (classtype:nope; sid:1;)"));
        assertThrows(RuleParseException.class, () -> p.parse("alert tcp any any -> any any (reference:cve,2020-1; sid:1;)"));
    }

    @Test
    void priorityAndTarget() {
        Rule r = rule("priority:2; target:dest_ip;");
        assertEquals(2, r.option(PriorityOption.class).priority());
        assertEquals(true, r.option(TargetOption.class).destination());
        rejects("priority:0;", "out of range");
        rejects("target:both;", "src_ip or dest_ip");
        rejects("target:src_ip; target:dest_ip;", "conflicting");
        rule("target:src_ip; target:src_ip;");
    }
}

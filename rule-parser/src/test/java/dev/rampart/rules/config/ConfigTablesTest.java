package dev.rampart.rules.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.rules.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** classification.config and reference.config line syntax. */
class ConfigTablesTest {

    @Test
    void referenceNamesEndAtSpaceOrTab() {
        ReferenceConfig r = ReferenceConfig.parse("reference.config", """
                # comment
                config reference: cve       https://cve.mitre.org/cgi-bin/cvename.cgi?name=
                config reference: md5\thttps://www.threatexpert.com/report.aspx?md5=
                CONFIG  Reference :bid \t https://www.securityfocus.com/bid/
                config reference: bare
                """);
        assertEquals(List.of(), r.errors());
        assertTrue(r.has("md5"));
        assertTrue(r.has("MD5"));
        assertEquals("https://www.threatexpert.com/report.aspx?md5=", r.urlPrefix("md5"));
        assertEquals("https://www.securityfocus.com/bid/", r.urlPrefix("bid"));
        assertEquals("", r.urlPrefix("bare"));
    }

    @Test
    void referenceErrors() {
        ReferenceConfig r = ReferenceConfig.parse("ref", "config reference:\nconfigreference: x y\nhello\n");
        assertEquals(List.of("ref:1: missing reference system name", "ref:2: not a 'config reference:' line",
                "ref:3: not a 'config reference:' line"), r.errors());
    }

    @Test
    void classificationDescriptionMayHoldCommas() {
        ClassificationConfig c = ClassificationConfig.parse("classification.config", """
                config classification: not-suspicious,Not Suspicious Traffic,3
                config classification:  odd ,Attempted Login, with commas, really ,  2
                config   classification : spaced,Spaced,1
                """);
        assertEquals(List.of(), c.errors());
        assertEquals(3, c.size());
        assertEquals(new ClassificationConfig.ClassType("odd", "Attempted Login, with commas, really", 2), c.get("ODD"));
        assertEquals(1, c.get("spaced").priority());
        assertNull(c.get("nope"));
    }

    @Test
    void classificationErrors() {
        ClassificationConfig c = ClassificationConfig.parse("cls", """
                config classification: a,b
                config classification: a,b,high
                config classification: ,b,1
                classification: a,b,1
                """);
        assertEquals(List.of("cls:1: expected 'name,description,priority'", "cls:2: priority is not a number",
                "cls:3: missing classtype name", "cls:4: not a 'config classification:' line"), c.errors());
    }

    @Test
    void sharedSuricata8TablesLoadCleanly() {
        Path shared = Corpus.shared();
        assumeTrue(shared != null, "shared folder not found");
        Path data = shared.resolve("tools/sv-check-data");
        assumeTrue(Files.isDirectory(data));
        ReferenceConfig r = ReferenceConfig.load(data.resolve("reference.config"));
        assertEquals(List.of(), r.errors());
        for (String s : List.of("cve", "url", "md5", "bid", "et", "etpro", "exploitdb")) {
            assertTrue(r.has(s), s);
        }
        ClassificationConfig c = ClassificationConfig.load(data.resolve("classification.config"));
        assertEquals(List.of(), c.errors());
        assertEquals(1, c.get("trojan-activity").priority());
        assertTrue(c.size() > 30, "classtypes: " + c.size());
    }
}

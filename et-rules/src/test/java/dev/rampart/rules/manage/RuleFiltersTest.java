package dev.rampart.rules.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFiltersTest {

    @Test
    void selectorFileSkipsCommentsAndBlankLines() throws Exception {
        RuleFilters f = RuleFilters.builder().disable("disable.conf", """
                # suricata-update - disable.conf

                1:2019401
                2019402   # inline comment
                re:heartbleed
                group:emerging-icmp.rules
                metadata: deployment perimeter
                \t
                """).build();
        List<FilterEntry> d = f.disable();
        assertEquals(5, d.size());
        assertEquals("disable.conf:3", d.get(0).origin());
        assertEquals("2019402", d.get(1).matcher().text());
        assertEquals("disable.conf:4", d.get(1).origin());
        assertEquals("disable.conf:7 (metadata: deployment perimeter)", d.get(4).describe());
    }

    @Test
    void everyMalformedLineIsReportedWithFileAndLine() {
        RuleConfigException e = assertThrows(RuleConfigException.class, () -> RuleFilters.builder()
                .enable("enable.conf", "2019401\nsid:5\n")
                .disable("disable.conf", "group:x\n\nre:(\nmetadata: onlykey\n")
                .modify("modify.conf", "2019401 \"a\"\n2019401 \"(a)\" \"\\2\"\n")
                .build());
        List<String> msgs = e.problems().stream().map(ConfigProblem::toString).toList();
        assertEquals(5, msgs.size(), msgs.toString());
        assertTrue(msgs.get(0).startsWith("enable.conf:2: not a rule selector"), msgs.get(0));
        assertTrue(msgs.get(1).startsWith("disable.conf:3: re: invalid regular expression"), msgs.get(1));
        assertTrue(msgs.get(2).startsWith("disable.conf:4: metadata: needs a key and a value"), msgs.get(2));
        assertTrue(msgs.get(3).startsWith("modify.conf:1: expected <selector>"), msgs.get(3));
        assertTrue(msgs.get(4).startsWith("modify.conf:2: invalid group reference 2"), msgs.get(4));
        assertTrue(e.getMessage().contains("\n"), "one problem per line of the message");
    }

    @Test
    void loadsFilesFromDisk(@TempDir Path tmp) throws Exception {
        Path dis = Files.writeString(tmp.resolve("disable.conf"), "group:emerging-info.rules\n");
        Path en = Files.writeString(tmp.resolve("enable.conf"), "1000002\n");
        Path drop = Files.writeString(tmp.resolve("drop.conf"), "re:exploit\n");
        Path mod = Files.writeString(tmp.resolve("modify.conf"), "* \"rev:1;\" \"rev:9;\"\n");
        RuleFilters f = RuleFilters.load(en, dis, drop, mod);
        assertEquals(1, f.enable().size());
        assertEquals(1, f.disable().size());
        assertEquals(1, f.drop().size());
        assertEquals(1, f.modify().size());
        assertEquals(dis + ":1", f.disable().get(0).origin());
        RuleFilters none = RuleFilters.load(null, null, null, null);
        assertTrue(none.isEmpty());
    }

    @Test
    void modifyLineForms() throws Exception {
        RuleFilters f = RuleFilters.builder().modify("modify.conf", """
                # Format: <sid> "<from>" "<to>"
                2019401 "seconds \\d+" "seconds 3600"
                re:classtype:trojan-activity "(alert)(.*)" "drop\\\\2"
                modifysid * "^drop(.*)noalert(.*)" | "alert${1}noalert${2}"
                """).build();
        assertEquals(3, f.modify().size());
        Modification m0 = f.modify().get(0);
        assertEquals("seconds \\d+", m0.from().pattern());
        assertEquals("x; seconds 3600, count 1", m0.apply("x; seconds 60, count 1"));
        Modification m1 = f.modify().get(1);
        assertEquals("drop tcp a", m1.apply("alert tcp a"));
        Modification m2 = f.modify().get(2);
        assertEquals("alert tcp (noalert; sid:1;)", m2.apply("drop tcp (noalert; sid:1;)"));
        assertEquals("modify.conf:4", m2.origin());
    }

    @Test
    void escapedDollarMeansDollar() throws Exception {
        // as in suricata-update: "\$" becomes "$" first, so a literal '$' in the regex is written "\\$"
        Modification m = Modification.parse("1 \"\\\\$HOME_NET\" \"\\$HTTP_SERVERS\"", "m:1");
        assertEquals("\\$HOME_NET", m.from().pattern());
        assertEquals("alert tcp $HTTP_SERVERS any", m.apply("alert tcp $HOME_NET any"));
        // a bare "$" in the regex is the end anchor, in Python as here
        assertEquals("ab!", Modification.parse("1 \"\\$\" \"!\"", "m:1").apply("ab"));
    }

    @Test
    void modifyArgumentErrors() {
        assertThrows(IllegalArgumentException.class, () -> Modification.parse("1 \"a\" \"b", "m:1"), "unclosed quote");
        assertThrows(IllegalArgumentException.class, () -> Modification.parse("1 \"(\" \"b\"", "m:1"), "bad regex");
        assertThrows(IllegalArgumentException.class, () -> Modification.parse("x:y \"a\" \"b\"", "m:1"), "bad selector");
        assertThrows(IllegalArgumentException.class, () -> Modification.parse("1 \"a\" \"\\q\"", "m:1"),
                "unknown letter escape, as Python rejects it");
        assertThrows(IllegalArgumentException.class, () -> Modification.parse("1 \"(a)\" \"${2}\"", "m:1"));
        assertThrows(IllegalArgumentException.class, () -> Modification.parse("modifysid 1 \"a\" \"b\" \"c\"", "m:1"));
    }
}

package dev.rampart.rules.seclang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SecLang syntax, rule by rule, as ModSecurity 2.9 under Apache reads it. */
class SecLangParserTest {

    private static SecVariable var(String c, String key) {
        return new SecVariable(c, key, false, false, false);
    }

    private static SecActionItem a(String name, String value) {
        return new SecActionItem(name, value);
    }

    private static SecRule only(String text) throws SecLangException {
        List<SecDirective> d = SecLangParser.parse(text, "t.conf");
        assertEquals(1, d.size(), d.toString());
        return (SecRule) d.get(0);
    }

    @Test
    void basicRule() throws Exception {
        SecRule r = only("SecRule ARGS \"@rx ^a b\" \"id:1,phase:2,deny\"");
        assertEquals(new SecRule("t.conf", 1, List.of(var("ARGS", null)), new SecOperator("rx", "^a b", false),
                List.of(a("id", "1"), a("phase", "2"), a("deny", null)), null, false), r);
    }

    @Test
    void commentsAndBlankLinesAreSkippedAndLinesCounted() throws Exception {
        SecRule r = only("# a comment\n\n   # indented comment\n\tSecRule ARGS x id:7\n");
        assertEquals(4, r.line());
        assertEquals(new SecOperator("rx", "x", false), r.operator());
        assertEquals(List.of(a("id", "7")), r.actions());
    }

    @Test
    void continuationKeepsTheNextLinesLeadingWhitespace() throws Exception {
        // The backslash goes, the continuation's indentation stays (inside the quotes it shows).
        SecRule r = only("SecRule ARGS \"@rx a\\\n   b\" \\\n  \"id:2,\\\n  msg:'x\\\n  y'\"\n");
        assertEquals(1, r.line());
        assertEquals(new SecOperator("rx", "a   b", false), r.operator());
        assertEquals(List.of(a("id", "2"), a("msg", "x  y")), r.actions());
    }

    @Test
    void backslashBeforeSpaceOrCrLfContinuation() throws Exception {
        SecRule r = only("SecRule ARGS \"@rx a\" \\\r\n \"id:3\"\r\n");
        assertEquals(List.of(a("id", "3")), r.actions());
        // a backslash followed by a space is no continuation: the next line is a directive of its own
        SecLangException e = assertThrows(SecLangException.class,
                () -> SecLangParser.parse("SecRule ARGS \"@rx a\" \\ \n\"id:3\"\n", "t.conf"));
        assertEquals(1, e.line());
    }

    @Test
    void commentEndingInBackslashSwallowsTheNextLine() throws Exception {
        List<SecDirective> d = SecLangParser.parse("# off: \\\nSecRule ARGS a id:1\nSecMarker M\n", "t.conf");
        assertEquals(List.of(new SecMarker("t.conf", 3, "M")), d);
    }

    @Test
    void quotedArgumentsWithEscapes() throws Exception {
        SecRule r = only("SecRule ARGS \"@rx \\\"q\\\" \\\\d\" 'id:4,msg:\\'hi\\''");
        assertEquals(new SecOperator("rx", "\"q\" \\d", false), r.operator());
        assertEquals(List.of(a("id", "4"), a("msg", "hi")), r.actions());
        // outside quotes, \\ is one backslash and other backslashes stay
        SecRule u = only("SecRule ARGS \\\\d\\w id:5");
        assertEquals(new SecOperator("rx", "\\d\\w", false), u.operator());
    }

    @Test
    void secRuleWithTwoArgumentsHasNoActionsWhenChained() throws Exception {
        SecRule r = only("SecRule ARGS a \"id:1,chain\"\nSecRule ARGS_NAMES b\n");
        assertEquals(List.of(), r.chained().actions());
        assertEquals(new SecOperator("rx", "b", false), r.chained().operator());
    }

    @Test
    void secAction() throws Exception {
        SecRule r = only("SecAction \"id:900000,phase:1,pass,nolog,setvar:tx.paranoia_level=1\"");
        assertEquals(new SecRule("t.conf", 1, List.of(), new SecOperator("unconditionalMatch", "", false),
                List.of(a("id", "900000"), a("phase", "1"), a("pass", null), a("nolog", null),
                        a("setvar", "tx.paranoia_level=1")), null, true), r);
    }

    @Test
    void variablesWithSelectorsExclusionsAndCounts() {
        assertEquals(List.of(
                var("ARGS", null),
                new SecVariable("ARGS", "foo", false, false, true),
                new SecVariable("TX", "score", false, true, false),
                new SecVariable("REQUEST_HEADERS", "^x-", true, false, false),
                new SecVariable("REQUEST_COOKIES", "__utm", true, false, true),
                var("XML", "/*"),
                var("REQUEST_HEADERS", "User-Agent")),
                SecLangParser.parseVariables(
                        "ARGS|!ARGS:foo|&TX:score|REQUEST_HEADERS:/^x-/|!REQUEST_COOKIES:/__utm/|XML:/*|HTTP_User-Agent"));
    }

    @Test
    void variableNamesIgnoreCaseAndListsSplitOnCommaAndSpaceToo() {
        assertEquals(List.of(var("ARGS", "a"), var("REQUEST_URI", null), var("TX", "b")),
                SecLangParser.parseVariables("args:a, request_uri tx:b"));
    }

    @Test
    void aPipeEndsASelectorUnlessQuoted() {
        // ModSecurity splits ARGS:/a|b/ into ARGS:/a and the unknown variable b/
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SecLangParser.parseVariables("ARGS:/a|b/"));
        assertTrue(e.getMessage().contains("unknown variable 'b/'"), e.getMessage());
        assertEquals(List.of(new SecVariable("ARGS", "a|b", true, false, false)),
                SecLangParser.parseVariables("ARGS:'/a|b/'"));
        // "//" is too short to be a regex
        assertEquals(List.of(var("ARGS", "//")), SecLangParser.parseVariables("ARGS://"));
    }

    @Test
    void operators() {
        assertEquals(new SecOperator("rx", "^foo", false), SecLangParser.parseOperator("^foo"));
        assertEquals(new SecOperator("rx", "^foo", true), SecLangParser.parseOperator("!^foo"));
        assertEquals(new SecOperator("within", "%{tx.allowed_methods}", true),
                SecLangParser.parseOperator("!@within %{tx.allowed_methods}"));
        assertEquals(new SecOperator("within", "x", true), SecLangParser.parseOperator("! @within x"));
        // all the whitespace after the name goes; the argument keeps its own
        assertEquals(new SecOperator("pm", "a  b ", false), SecLangParser.parseOperator("@pm   a  b "));
        assertEquals(new SecOperator("detectSQLi", "", false), SecLangParser.parseOperator("@detectSQLi"));
        // names are looked up ignoring case and kept as written
        assertEquals(new SecOperator("PMFROMFILE", "f.data", false), SecLangParser.parseOperator("@PMFROMFILE f.data"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SecLangParser.parseOperator("@nosuch x"))
                .getMessage().contains("unknown operator @nosuch"));
        // a space before '!' makes the whole text a regex, as in ModSecurity
        assertEquals(new SecOperator("rx", " !@eq 1", false), SecLangParser.parseOperator(" !@eq 1"));
    }

    @Test
    void actions() {
        assertEquals(List.of(a("id", "1"), a("msg", "a, b 'c'"), a("t", "none"), a("chain", null),
                a("setvar", "tx.x=+1"), a("logdata", "")),
                SecLangParser.parseActions(" id:1 , msg:'a, b \\'c\\'',t:none,chain, setvar:tx.x=+1,logdata:''"));
        assertEquals(List.of(a("ctl", "ruleRemoveTargetById=942100;ARGS:pwd")),
                SecLangParser.parseActions("ctl:ruleRemoveTargetById=942100;ARGS:pwd"));
        assertEquals(List.of(a("Phase", "request")), SecLangParser.parseActions("Phase:request"));
    }

    @Test
    void badActionLists() {
        assertThrows(IllegalArgumentException.class, () -> SecLangParser.parseActions("msg:'open"));
        assertThrows(IllegalArgumentException.class, () -> SecLangParser.parseActions("msg:'a\\b'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SecLangParser.parseActions("id: 1"))
                .getMessage().contains("unknown action '1'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SecLangParser.parseActions("t:"))
                .getMessage().contains("t needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SecLangParser.parseActions("deny:1"))
                .getMessage().contains("deny takes no value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SecLangParser.parseActions("t:nosuch"))
                .getMessage().contains("unknown transformation"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SecLangParser.parseActions("phase:6"))
                .getMessage().contains("invalid phase"));
    }

    @Test
    void chainsNest() throws Exception {
        SecRule r = only("SecRule ARGS a \"id:1,phase:2,deny,chain\"\n"
                + "  SecRule ARGS b \"chain\"\n  SecAction \"setvar:tx.x=1\"\n");
        assertEquals(1, r.line());
        SecRule b = r.chained();
        assertEquals(2, b.line());
        assertEquals(new SecOperator("rx", "b", false), b.operator());
        SecRule c = b.chained();
        assertEquals(3, c.line());
        assertTrue(c.isAction());
        assertNull(c.chained());
        assertEquals(1, r.id());
    }

    @Test
    void settingsAndMarkersInOrderWithNamesIgnoringCase() throws Exception {
        List<SecDirective> d = SecLangParser.parse("secruleengine DetectionOnly\n"
                + "SecRule ARGS a \"id:1,chain\"\nSecDefaultAction \"phase:2,pass\"\nSecRule ARGS b\n"
                + "SECMARKER 'END-X'\nSecRuleUpdateTargetById 942100 \"!ARGS:foo\"\n", "t.conf");
        assertEquals(new SecSetting("t.conf", 1, "secruleengine", List.of("DetectionOnly")), d.get(0));
        assertEquals(2, d.get(1).line());
        assertEquals(new SecSetting("t.conf", 3, "SecDefaultAction", List.of("phase:2,pass")), d.get(2));
        assertEquals(new SecMarker("t.conf", 5, "END-X"), d.get(3));
        assertEquals(new SecSetting("t.conf", 6, "SecRuleUpdateTargetById", List.of("942100", "!ARGS:foo")), d.get(4));
        assertEquals(5, d.size());
    }

    @Test
    void includeRelativeToTheIncludingFileWithGlobAndCycleCheck(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectory(dir.resolve("rules"));
        Files.writeString(sub.resolve("b.conf"), "SecMarker B\n");
        Files.writeString(sub.resolve("a.conf"), "SecMarker A\n");
        Files.writeString(sub.resolve("c.data"), "not a conf\n");
        Files.writeString(dir.resolve("main.conf"), "SecMarker START\nInclude rules/*.conf\nSecMarker END\n");
        List<SecDirective> d = SecLangParser.parseFiles(List.of(dir.resolve("main.conf")));
        assertEquals(List.of("START", "A", "B", "END"), d.stream().map(x -> ((SecMarker) x).name()).toList());
        assertEquals(sub.resolve("a.conf").toString(), d.get(1).file());

        Files.writeString(sub.resolve("b.conf"), "SecMarker B\nInclude ../main.conf\n");
        SecLangException e = assertThrows(SecLangException.class,
                () -> SecLangParser.parseFiles(List.of(dir.resolve("main.conf"))));
        assertEquals(2, e.line());
        assertEquals(sub.resolve("b.conf").toString(), e.file());
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());

        assertEquals(List.of(), SecLangParser.parse("IncludeOptional nothing/*.conf", dir.resolve("x.conf").toString()));
        assertTrue(assertThrows(SecLangException.class,
                () -> SecLangParser.parse("Include nothing/*.conf", dir.resolve("x.conf").toString()))
                .getMessage().contains("no file matches"));
    }
}

package dev.rampart.engine.detect.seclang.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorsTest {
    private static final TestContext NONE = new TestContext(false);

    private static boolean m(String op, String arg, String value) throws OperatorException {
        return Operators.compile(op, arg, null).matches(value, NONE);
    }

    @Test
    void rxFindsFirstMatchWithDotallAndDollarEndOnly() throws Exception {
        assertTrue(m("rx", "^a.b$", "a\nb"));
        // DOLLAR_ENDONLY: $ does not match before a final newline
        assertFalse(m("rx", "b$", "ab\n"));
        assertTrue(m("RX", "(?i)SELECT", "xselectx"));
        assertFalse(m("rx", "SELECT", "select"));
    }

    @Test
    void rxCapturesGroupsUpToHighestParticipating() throws Exception {
        TestContext ctx = new TestContext(true);
        assertTrue(Operators.compile("rx", "(a)(x)?(c)", null).matches("zacz", ctx));
        assertEquals(Map.of(0, "ac", 1, "a", 2, "", 3, "c"), ctx.captures);
        TestContext trailing = new TestContext(true);
        assertTrue(Operators.compile("rx", "(a)(x)?", null).matches("ab", trailing));
        assertEquals(Map.of(0, "a", 1, "a"), trailing.captures);
        TestContext off = new TestContext(false);
        assertTrue(Operators.compile("rx", "(a)", null).matches("a", off));
        assertTrue(off.captures.isEmpty());
    }

    @Test
    void rxGroupPastNineTakingPartStoresNothing() throws Exception {
        TestContext ctx = new TestContext(true);
        assertTrue(Operators.compile("rx", "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)", null).matches("abcdefghij", ctx));
        assertTrue(ctx.captures.isEmpty());
    }

    @Test
    void rxExpandsMacrosAtEachEvaluation() throws Exception {
        Operator op = Operators.compile("rx", "^%{tx.x}$", null);
        TestContext ctx = new TestContext(false);
        ctx.vars.put("tx.x", "ab+");
        assertTrue(op.matches("abbb", ctx));
        ctx.vars.put("tx.x", "c");
        assertFalse(op.matches("abbb", ctx));
        assertTrue(op.matches("c", ctx));
    }

    @Test
    void rxUntranslatablePatternIsRefusedWithReason() {
        OperatorException e = assertThrows(OperatorException.class, () -> Operators.compile("rx", "a(?R)?b", null));
        assertTrue(e.getMessage().startsWith("@rx a(?R)?b: "), e.getMessage());
        assertThrows(OperatorException.class, () -> Operators.compile("rx", "(unclosed", null));
    }

    @Test
    void rxCatastrophicPatternGivesUpFastAsNoMatch() throws Exception {
        Operator op = Operators.compile("rx", "^(a+)+$", null);
        String value = "a".repeat(40) + "b";
        long t0 = System.nanoTime();
        assertFalse(op.matches(value, NONE));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
        assertTrue(op.matches("aaaa", NONE));
    }

    @Test
    void pmIsCaseInsensitiveAndCapturesThePhraseAsWritten() throws Exception {
        TestContext ctx = new TestContext(true);
        Operator op = Operators.compile("pm", "WebKit Android", null);
        assertTrue(op.matches("Mozilla AppleWEBKIT/537", ctx));
        assertEquals(Map.of(0, "WebKit"), ctx.captures);
        assertFalse(op.matches("Mozilla Gecko", ctx));
        assertFalse(op.matches("", ctx));
    }

    @Test
    void pmOverlappingPhrasesFollowAcmp() throws Exception {
        TestContext ctx = new TestContext(true);
        Operator op = Operators.compile("pm", "abcd bc", null);
        // "bc" ends inside the "abcd" branch: ACMP reports the branch node's own text
        assertTrue(op.matches("xabcx", ctx));
        assertEquals("abc", ctx.captures.get(0));
        TestContext ctx2 = new TestContext(true);
        assertTrue(Operators.compile("pm", "he she hers", null).matches("ushers", ctx2));
        assertEquals("she", ctx2.captures.get(0));
        assertFalse(op.matches("abxd", NONE));
        // ACMP's one-step failure link: "bba" fails to the root, not to "a", so "a" is missed here
        assertFalse(Operators.compile("pm", "aba a bbab", null).matches("bbba", NONE));
        assertTrue(Operators.compile("pm", "aba a bbab", null).matches("ba", NONE));
    }

    @Test
    void pmHexSpansAndQuotesAndOnlyAsciiFolding() throws Exception {
        assertTrue(m("pm", "|41 42|c", "xxabcxx"));
        assertTrue(m("pm", "\"( )\"", "a ( b"));
        assertTrue(m("pm", "( )", "f(x)"));
        // C tolower folds only ASCII: Latin-1 letters keep their case
        assertFalse(m("pm", "\u00e9t\u00e9", "\u00c9T\u00c9"));
        assertThrows(OperatorException.class, () -> Operators.compile("pm", "", null));
        // no conversion: ModSecurity keeps its in-place buffer whole, pipes and all
        assertTrue(m("pm", "a|b", "xa|by"));
        // a bad escape makes ModSecurity fall back to the raw argument
        assertTrue(m("pm", "\\d", "x\\dy"));
        assertTrue(m("pm", "a\\;b", "a;b"));
    }

    @Test
    void pmFromFileSkipsCommentsAndBlankLinesAndReadsSeveralFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.data"), "# comment\n\n  /etc/passwd  \r\nboot.ini\n");
        Files.writeString(dir.resolve("b.data"), "WEB-INF\n");
        Operator op = Operators.compile("pmFromFile", "a.data b.data", dir);
        assertTrue(op.matches("GET /ETC/PASSWD", NONE));
        assertTrue(op.matches("x/web-inf/y", NONE));
        assertFalse(op.matches("# comment", NONE));
        assertTrue(Operators.compile("pmf", "b.data", dir).matches("WEB-INF", NONE));
        OperatorException e = assertThrows(OperatorException.class, () -> Operators.compile("pmFromFile", "none.data", dir));
        assertTrue(e.getMessage().contains("none.data"));
    }

    @Test
    void stringOperatorsFollowModSecurityEmptyRules() throws Exception {
        assertTrue(m("beginsWith", "GET", "GET /"));
        assertFalse(m("beginsWith", "GET", "GE"));
        assertTrue(m("beginsWith", "", "anything"));
        assertTrue(m("endsWith", ".php", "/index.php"));
        assertFalse(m("endsWith", ".php", "/index.php5"));
        assertTrue(m("contains", "", ""));
        assertTrue(m("contains", "ab", "xaby"));
        assertFalse(m("contains", "AB", "xaby"));
        assertTrue(m("streq", "", ""));
        assertFalse(m("streq", "a", "A"));
        assertTrue(m("strmatch", "|61|bc", "xabc"));
        assertFalse(m("strmatch", "abc", "ABC"));
    }

    @Test
    void containsWordNeedsNonWordNeighbours() throws Exception {
        assertTrue(m("containsWord", "select", "x select y"));
        assertTrue(m("containsWord", "select", "select"));
        assertTrue(m("containsWord", "select", "(select)"));
        assertFalse(m("containsWord", "select", "selection"));
        assertFalse(m("containsWord", "select", "_select"));
        assertTrue(m("containsWord", "select", "selection select"));
    }

    @Test
    void withinIsASubstringOfTheArgumentAndEmptyValueMatches() throws Exception {
        String methods = " GET HEAD POST OPTIONS ";
        assertTrue(m("within", methods, "GET"));
        assertTrue(m("within", methods, "ET"));
        assertFalse(m("within", methods, "DELETE"));
        assertTrue(m("within", methods, ""));
        assertTrue(m("within", "", ""));
        assertFalse(m("within", "", "a"));
        TestContext ctx = new TestContext(false);
        ctx.vars.put("tx.allowed_methods", "GET HEAD");
        assertTrue(Operators.compile("within", "%{tx.allowed_methods}", null).matches("HEAD", ctx));
        assertFalse(Operators.compile("within", "%{tx.allowed_methods}", null).matches("PUT", ctx));
    }

    @Test
    void numbersAreReadLikeAtoi() throws Exception {
        assertEquals(12, CNumber.atoi("  12abc"));
        assertEquals(0, CNumber.atoi(""));
        assertEquals(0, CNumber.atoi("abc"));
        assertEquals(-7, CNumber.atoi("\t-7"));
        assertEquals(5, CNumber.atoi("+5 6"));
        assertEquals(1, CNumber.atoi("4294967297")); // strtol then truncation to int
        assertEquals(-1, CNumber.atoi("99999999999999999999")); // saturates at LONG_MAX
        assertTrue(m("eq", "0", "abc"));
        assertTrue(m("eq", "12", "  12abc"));
        assertTrue(m("gt", "1", "2"));
        assertFalse(m("gt", "2", "2"));
        assertTrue(m("ge", "2", "2"));
        assertTrue(m("lt", "0", "-1"));
        assertTrue(m("le", "-1", "-1"));
        assertFalse(m("le", "-2", "-1"));
        TestContext ctx = new TestContext(false);
        ctx.vars.put("tx.max", "255");
        assertTrue(Operators.compile("gt", "%{tx.max}", null).matches("256", ctx));
    }

    @Test
    void ipMatchHandlesV4V6AndCidr() throws Exception {
        Operator op = Operators.compile("ipMatch", "127.0.0.1,::1,10.0.0.0/8,2001:db8::/32", null);
        assertTrue(op.matches("127.0.0.1", NONE));
        assertTrue(op.matches("::1", NONE));
        assertTrue(op.matches("0:0:0:0:0:0:0:1", NONE));
        assertTrue(op.matches("10.200.3.4", NONE));
        assertTrue(op.matches("2001:db8:ffff::7", NONE));
        assertFalse(op.matches("2001:db9::7", NONE));
        assertFalse(op.matches("11.0.0.1", NONE));
        assertFalse(op.matches("localhost", NONE));
        assertFalse(op.matches("127.0.0.01", NONE)); // inet_pton refuses leading zeros
        assertFalse(op.matches("", NONE));
        assertTrue(Operators.compile("ipMatch", "::ffff:1.2.3.4", null).matches("::ffff:1.2.3.4", NONE));
        assertThrows(OperatorException.class, () -> Operators.compile("ipMatch", "1.2.3.4/33", null));
        assertThrows(OperatorException.class, () -> Operators.compile("ipMatch", "1.2.3", null));
        // TreeAddIP refuses a zero prefix, a dotted mask and (not cutting at '/') an IPv6 /128
        assertThrows(OperatorException.class, () -> Operators.compile("ipMatch", "0.0.0.0/0", null));
        assertThrows(OperatorException.class, () -> Operators.compile("ipMatch", "10.0.0.0/255.0.0.0", null));
        assertThrows(OperatorException.class, () -> Operators.compile("ipMatch", "::1/128", null));
        assertTrue(Operators.compile("ipMatch", "::/1", null).matches("7fff::1", NONE));
    }

    @Test
    void ipMatchFromFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ips.txt"), "# bad hosts\n192.168.1.0/24\n\n  fe80::/10 \n");
        Operator op = Operators.compile("ipMatchF", "ips.txt", dir);
        assertTrue(op.matches("192.168.1.77", NONE));
        assertTrue(op.matches("fe80::1", NONE));
        assertFalse(op.matches("192.168.2.1", NONE));
    }

    @Test
    void validateByteRangeCoversZeroAnd255() throws Exception {
        Operator op = Operators.compile("validateByteRange", "1-255", null);
        assertTrue(op.matches("ab\u0000", NONE));
        assertFalse(op.matches("ab\u00ff", NONE));
        assertFalse(op.matches("", NONE));
        Operator printable = Operators.compile("validateByteRange", "32-126,9,10", null);
        assertFalse(printable.matches("a b\t\n~", NONE));
        assertTrue(printable.matches("a\r", NONE));
        assertTrue(printable.matches("\u00ff", NONE));
        assertTrue(Operators.compile("validateByteRange", "0", null).matches("\u00ff", NONE));
        assertThrows(OperatorException.class, () -> Operators.compile("validateByteRange", "0-256", null));
        assertThrows(OperatorException.class, () -> Operators.compile("validateByteRange", "20-10", null));
        // the start is atoi of the whole token: "-5" starts at -5
        assertThrows(OperatorException.class, () -> Operators.compile("validateByteRange", "-5", null));
    }

    @Test
    void validateUrlEncoding() throws Exception {
        assertFalse(m("validateUrlEncoding", "", "a%20b%7E"));
        assertTrue(m("validateUrlEncoding", "", "a%2"));
        assertTrue(m("validateUrlEncoding", "", "%"));
        assertTrue(m("validateUrlEncoding", "", "%zz"));
        assertFalse(m("validateUrlEncoding", "", "100"));
    }

    @Test
    void validateUtf8Encoding() throws Exception {
        assertFalse(m("validateUtf8Encoding", "", "caf\u00c3\u00a9 \u00e2\u0082\u00ac \u00f0\u009f\u0098\u0080"));
        assertTrue(m("validateUtf8Encoding", "", "\u00c0\u0080")); // overlong NUL
        assertTrue(m("validateUtf8Encoding", "", "\u00e0\u0080\u00af")); // overlong '/'
        assertTrue(m("validateUtf8Encoding", "", "x\u00e2\u0082")); // truncated euro sign
        assertTrue(m("validateUtf8Encoding", "", "\u0080")); // lone continuation byte
        assertTrue(m("validateUtf8Encoding", "", "\u00ed\u00a0\u0080")); // surrogate U+D800
        assertTrue(m("validateUtf8Encoding", "", "\u00f5\u0080\u0080\u0080"));
        assertTrue(m("validateUtf8Encoding", "", "\u00c3x"));
        assertFalse(m("validateUtf8Encoding", "", "\u00f4\u0090\u0080\u0080")); // ModSecurity lets it pass
        assertFalse(m("validateUtf8Encoding", "", ""));
    }

    @Test
    void unconditionalNoMatchAndVerifyCc() throws Exception {
        assertTrue(m("unconditionalMatch", "", "x"));
        assertFalse(m("noMatch", "", "x"));
        TestContext ctx = new TestContext(true);
        Operator cc = Operators.compile("verifyCC", "\\d{13,16}", null);
        assertTrue(cc.matches("card 4111111111111111 end", ctx));
        assertEquals("4111111111111111", ctx.captures.get(0));
        assertFalse(cc.matches("card 4111111111111112 end", NONE));
    }

    @Test
    void unknownAndUnsupportedOperatorsAreRefused() {
        OperatorException e = assertThrows(OperatorException.class, () -> Operators.compile("detectSQLi", "", null));
        assertTrue(e.getMessage().startsWith("@detectSQLi is not supported: "));
        assertThrows(OperatorException.class, () -> Operators.compile("rbl", "sbl.example", null));
        assertThrows(OperatorException.class, () -> Operators.compile("nosuch", "", null));
    }
}

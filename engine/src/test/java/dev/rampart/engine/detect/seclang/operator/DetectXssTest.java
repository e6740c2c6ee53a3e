package dev.rampart.engine.detect.seclang.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.detect.seclang.operator.Html5Tokens.Start;
import dev.rampart.engine.detect.seclang.transform.Transformation;
import dev.rampart.engine.detect.seclang.transform.Transformations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DetectXssTest {

    private static boolean xss(String value) throws OperatorException {
        return Operators.compile("detectXSS", "", null).matches(value, new TestContext(false));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"  javascript:alert(1)\">",
        "<a href=\"\u0001\u00a0JaVaScRiPt:alert(1)\">",
        "<a href=\"&#106;avascript:alert(1)\">",
        "<a href=\"&#x6A;avascript:alert(1)\">",
        "<a href=\"&#32;&#x9;javascript:alert(1)\">",
        "<a href=\"jav&#x0A;ascript:alert(1)\">",
        "<a href=vbscript:msgbox(1)>",
        "<a href='view-source:http://x.example/'>",
        "<iframe src=\"data:text/html,<b>\"></iframe>",
        "<form><button formaction=javascript:alert(1)>",
        "<svg/onload=alert(1)>",
        "<svganything>",
        "<xsl:stylesheet>",
        "<scr\u0000ipt>",
        "<xss onbeforehellfreezes=alerw(1)>",
        "<div style=\"color:red\">",
        "<p filter=x>",
        "<a xmlns:x=\"http://www.w3.org/1999/xhtml\">",
        "<a xlinkhref=x>",
        "<x datasrc=#x>",
        "<animate attributeName=\"onclick\" to=\"x\">",
        "<set attributeName=href values=x>",
        "<!DOCTYPE html>",
        "<!doctype x",
        "<!--[if gte IE 4]><x><![endif]-->",
        "<!-- ` -->",
        "<?import namespace=\"t\" implementation=\"#default#time2\">",
        "<?xml version=\"1.0\"?>",
        "<!ENTITY x \"y\">",
        "<%xml something%>",
        "<a onabc=1>",
        // attribute contexts: a value that breaks out of a quoted or unquoted attribute
        "\" onmouseover=\"alert(1)",
        "' onfocus='alert(1)",
        "` onclick=`alert(1)",
        "x onload=alert(1)",
        "onmouseover=alert(1)",
        "\"><script>alert(1)</script>",
    })
    void libinjectionPositives(String value) throws Exception {
        assertTrue(xss(value), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "hello world",
        "<b>bold</b>",
        "a < b > c",
        "1 < 2",
        "http://example.org/?a=1",
        "<a href=\"http://example.org/\">link</a>",
        "<img src=\"image.png\" alt=\"x\">",
        "<p title=\"on my way\">",
        "javascript:alert(1)",
        "O'Reilly said \"hi\"",
        "john@example.org",
        "<a title=`x`>",
        // the on* rule needs at least 5 bytes of name
        "<a onab=1>",
        // other tags starting like blacklisted ones
        "<scripts>",
        "<base1>",
        // CDATA sections are text
        "<![CDATA[<script>]]>",
        // an end tag's name is not checked when it ends at '>'
        "</script>",
        // a URL attribute with an ordinary scheme
        "<a href=\"https://x.example/javascript\">",
    })
    void libinjectionNegatives(String value) throws Exception {
        assertFalse(xss(value), value);
    }

    @Test
    void attributeBreakoutsNeedTheirContext() {
        String dq = "\" onmouseover=\"alert(1)";
        assertFalse(DetectXss.isXss(dq, Start.DATA));
        assertTrue(DetectXss.isXss(dq, Start.VALUE_DOUBLE_QUOTE));
        String sq = "' onfocus='alert(1)";
        assertFalse(DetectXss.isXss(sq, Start.VALUE_DOUBLE_QUOTE));
        assertTrue(DetectXss.isXss(sq, Start.VALUE_SINGLE_QUOTE));
        assertTrue(DetectXss.isXss("x onload=alert(1)", Start.VALUE_NO_QUOTE));
        assertFalse(DetectXss.isXss("x onload=alert(1)", Start.DATA));
    }

    @Test
    void byteFfEndsTokenizingWhereWhiteSpaceIsSkipped() throws Exception {
        // libinjection reads 0xFF as a signed char -1, its end-of-input marker
        assertFalse(xss("<a \u00ff onclick=alert(1)>"));
        assertTrue(xss("<a \u00fe onclick=alert(1)>"));
    }

    @Test
    void nulIsWhiteSpaceAfterAnAttributeName() throws Exception {
        // "on\0click" is two names, "on" (too short for the on* rule) and "click"
        assertFalse(xss("<a on\u0000click=alert(1)>"));
        assertTrue(xss("<a on\u0001click=alert(1)>"));
        // NULs inside a URL value's scheme are ignored
        assertTrue(xss("<a href=\"ja\u0000va:x\">"));
    }

    @Test
    void captureStoresTheValueUpToItsFirstNul() throws Exception {
        Operator op = Operators.compile("detectXSS", "", null);
        TestContext ctx = new TestContext(true);
        assertTrue(op.matches("<script>x\u0000y", ctx));
        assertEquals(Map.of(0, "<script>x"), ctx.captures);
        TestContext miss = new TestContext(true);
        assertFalse(op.matches("harmless", miss));
        assertTrue(miss.captures.isEmpty());
    }

    @Test
    void longAdversarialInputsAnswerQuickly() throws Exception {
        String[] seeds = {"/", "<a ", "<!--", "-", "<![CDATA[", "]", "<%", "&#", "\u0000", "<a b=\"", "</", "<<"};
        for (String seed : seeds) {
            String value = seed.repeat(200_000 / seed.length());
            long t0 = System.nanoTime();
            xss(value);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 2000, seed + " took " + ms + " ms");
        }
        assertTrue(xss("<a " + "/".repeat(500_000) + " onclick=x>"));
    }

    // ---- CRS regression payloads for 941100, as the rule sees them ----

    private static final List<String> RULE_TRANSFORMS = List.of(
            "utf8toUnicode", "urlDecodeUni", "htmlEntityDecode", "jsDecode", "cssDecode", "removeNulls");

    /** One go-ftw test: the request parts 941100 looks at and the verdict expected. */
    private record FtwTest(String file, String id, String uri, String userAgent, String contentType,
                           String data, Boolean expected) {
    }

    @Test
    void crsRegressionPayloadsOf941100() throws Exception {
        Path dir = Path.of(System.getProperty("rampart.shared", "../../shared"))
                .resolve("conformance/crs-regression/tests/REQUEST-941-APPLICATION-ATTACK-XSS");
        Assumptions.assumeTrue(Files.isDirectory(dir), "CRS regression tests not available under " + dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        Operator op = Operators.compile("detectXSS", "", null);
        List<String> wrong = new ArrayList<>();
        int positives = 0;
        int negatives = 0;
        for (Path file : files) {
            for (FtwTest t : parse(file)) {
                if (t.expected() == null) {
                    continue;
                }
                boolean got = false;
                for (String target : targets(t)) {
                    got |= op.matches(transform(target), new TestContext(false));
                }
                if (got != t.expected()) {
                    wrong.add(t.file() + " test " + t.id() + ": expected " + t.expected());
                }
                if (t.expected()) {
                    positives++;
                } else {
                    negatives++;
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(positives >= 5 && negatives >= 2, positives + " positive, " + negatives + " negative tests");
    }

    private static String transform(String value) {
        for (String name : RULE_TRANSFORMS) {
            Transformation t = Transformations.byName(name);
            value = t.apply(value);
        }
        return value;
    }

    /** The values 941100 inspects: User-Agent, ARGS and ARGS_NAMES (query and form body), XML attribute values. */
    private static List<String> targets(FtwTest t) {
        List<String> out = new ArrayList<>();
        if (t.userAgent() != null) {
            out.add(t.userAgent());
        }
        if (t.uri() != null && t.uri().indexOf('?') >= 0) {
            addArgs(t.uri().substring(t.uri().indexOf('?') + 1), out);
        }
        if (t.data() != null) {
            if (t.contentType() != null && t.contentType().contains("xml")) {
                // XML://@*: attribute values, entities resolved by the XML parser
                Matcher m = Pattern.compile("\\s[\\w:.-]+\\s*=\\s*(\"([^\"]*)\"|'([^']*)')").matcher(t.data());
                while (m.find()) {
                    out.add(xmlUnescape(m.group(2) != null ? m.group(2) : m.group(3)));
                }
            } else {
                addArgs(t.data(), out);
            }
        }
        return out;
    }

    /** ModSecurity's argument parsing: split on '&' and the first '=', names and values URL-decoded. */
    private static void addArgs(String text, List<String> out) {
        Transformation urlDecode = Transformations.byName("urlDecode");
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.add(urlDecode.apply(eq < 0 ? pair : pair.substring(0, eq)));
            out.add(eq < 0 ? "" : urlDecode.apply(pair.substring(eq + 1)));
        }
    }

    private static String xmlUnescape(String s) {
        Matcher m = Pattern.compile("&(lt|gt|amp|quot|apos|#x([0-9a-fA-F]+)|#([0-9]+));").matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String r = switch (m.group(1)) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "amp" -> "&";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> {
                    int cp = m.group(2) != null ? Integer.parseInt(m.group(2), 16) : Integer.parseInt(m.group(3));
                    // libxml2 hands the value on as UTF-8 bytes
                    yield new String(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8),
                            StandardCharsets.ISO_8859_1);
                }
            };
            m.appendReplacement(b, Matcher.quoteReplacement(r));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static final Pattern KEY = Pattern.compile("^\\s*(?:- )?([A-Za-z_-]+):\\s*(.*)$");

    /**
     * A minimal reading of go-ftw YAML: per test its id, uri, User-Agent and Content-Type headers,
     * data, and whether 941100 is expected (true), expected absent (false) or not mentioned (null).
     * Only single-line scalars are read.
     */
    private static List<FtwTest> parse(Path file) throws Exception {
        List<FtwTest> tests = new ArrayList<>();
        String id = null;
        String uri = null;
        String ua = null;
        String ctype = null;
        String data = null;
        Boolean expected = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher m = KEY.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String key = m.group(1);
            String raw = m.group(2).trim();
            if (key.equals("test_id")) {
                if (id != null) {
                    tests.add(new FtwTest(file.getFileName().toString(), id, uri, ua, ctype, data, expected));
                }
                id = raw;
                uri = ua = ctype = data = null;
                expected = null;
                continue;
            }
            switch (key) {
                case "uri" -> uri = unquote(raw);
                case "User-Agent" -> ua = unquote(raw);
                case "Content-Type" -> ctype = unquote(raw);
                case "data" -> data = unquote(raw);
                case "expect_ids" -> expected = raw.matches("\\[.*\\b941100\\b.*]") ? Boolean.TRUE : expected;
                case "no_expect_ids" -> expected = raw.matches("\\[.*\\b941100\\b.*]") ? Boolean.FALSE : expected;
                default -> {
                }
            }
        }
        if (id != null) {
            tests.add(new FtwTest(file.getFileName().toString(), id, uri, ua, ctype, data, expected));
        }
        return tests;
    }

    /** YAML flow scalars: '...' with '' for a quote, "..." with backslash escapes, or plain. */
    private static String unquote(String raw) {
        if (raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
            return raw.substring(1, raw.length() - 1).replace("''", "'");
        }
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            StringBuilder b = new StringBuilder();
            String s = raw.substring(1, raw.length() - 1);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c != '\\' || i + 1 >= s.length()) {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(++i);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case '0' -> b.append('\0');
                    case 'x' -> {
                        b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                        i += 2;
                    }
                    default -> b.append(e);
                }
            }
            return b.toString();
        }
        return raw;
    }
}

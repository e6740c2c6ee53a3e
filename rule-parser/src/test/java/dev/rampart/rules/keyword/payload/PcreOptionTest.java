package dev.rampart.rules.keyword.payload;

import static dev.rampart.rules.keyword.payload.PayloadRules.fails;
import static dev.rampart.rules.keyword.payload.PayloadRules.option;
import static dev.rampart.rules.keyword.payload.PayloadRules.rule;
import static dev.rampart.rules.keyword.payload.PayloadRules.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.payload.PcreOption.Flag;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcreOptionTest {

    @Test
    void parsesPatternFlagsAndNegation() throws RuleParseException {
        PcreOption p = option(PcreOption.class, "pcre:\"/NICK .*USA.*[0-9]{3,}/ism\";");
        assertEquals("NICK .*USA.*[0-9]{3,}", p.pattern());
        assertEquals(EnumSet.of(Flag.CASELESS, Flag.DOTALL, Flag.MULTILINE), p.flags());
        assertFalse(p.negated());
        assertEquals(Buffer.PAYLOAD, p.buffer());
        assertTrue(option(PcreOption.class, "pcre:!\"/x/\";").negated());
        assertTrue(option(PcreOption.class, "pcre: ! \"/x/\";").negated());
    }

    @Test
    void quotesAreOptional() throws RuleParseException {
        assertEquals("abc", option(PcreOption.class, "pcre:/abc/i;").pattern());
    }

    @Test
    void patternIsKeptAsWrittenBetweenTheOuterSlashes() throws RuleParseException {
        assertEquals("//([A-Z]{3}\\s)+RESTRICTED//X5",
                option(PcreOption.class, "pcre:\"///([A-Z]{3}\\s)+RESTRICTED//X5/ism\";").pattern());
        assertEquals("a\\/b", option(PcreOption.class, "pcre:\"/a\\/b/\";").pattern());
        assertEquals("a\\\\", option(PcreOption.class, "pcre:\"/a\\\\/\";").pattern());
        // escapes of the rule language stay: PCRE2 reads \; and \" as literal characters
        assertEquals("a\\;b\\\"c", option(PcreOption.class, "pcre:\"/a\\;b\\\"c/\";").pattern());
        // an unescaped quote inside the pattern is fine, as in ET rules
        assertEquals("name=[\"']?x", option(PcreOption.class, "pcre:\"/name=[\"']?x/\";").pattern());
    }

    @Test
    void canonicalText() throws RuleParseException {
        PcreOption p = option(PcreOption.class, "content:\"a\"; pcre:!\"/x y/Rsi\";");
        assertEquals("pcre:!\"/x y/isR\";", text(p));
    }

    @Test
    void bufferFlagsSelectHttpBuffers() throws RuleParseException {
        String[][] cases = {{"U", "http.uri"}, {"I", "http.uri.raw"}, {"P", "http.request_body"}, {"Q", "file.data"},
            {"H", "http.header"}, {"D", "http.header.raw"}, {"M", "http.method"}, {"C", "http.cookie"},
            {"S", "http.stat_code"}, {"Y", "http.stat_msg"}, {"V", "http.user_agent"}, {"W", "http.host"},
            {"Z", "http.host.raw"}};
        for (String[] c : cases) {
            PcreOption p = option(PcreOption.class, "http", "flow:to_server; pcre:\"/x/" + c[0] + "\";");
            assertEquals(c[1], p.buffer().name(), c[0]);
            assertEquals(c[1], p.bufferFlag().bufferName());
        }
    }

    @Test
    void bufferFlagMustMatchTheStickyBuffer() throws RuleParseException {
        assertEquals("http.uri", option(PcreOption.class, "http", "http.uri; pcre:\"/x/U\";").buffer().name());
        fails("http", "http.header; pcre:\"/x/U\";", "sticky buffer");
        // /Q looks at file_data, which http.response_body is the HTTP side of
        assertEquals("http.response_body",
                option(PcreOption.class, "http", "http.response_body; content:\"a\"; pcre:\"/x/Q\";").buffer().name());
        // a transformed buffer is another list
        fails("http", "http.uri; to_lowercase; pcre:\"/x/U\";", "sticky buffer");
        // without a flag, the pcre goes to the sticky buffer
        assertEquals("http.cookie", option(PcreOption.class, "http", "http.cookie; pcre:\"/x/\";").buffer().name());
    }

    @Test
    void flagConflicts() {
        fails("pcre:\"/x/UH\";", "only one pcre option to specify a buffer");
        fails("pcre:\"/x/BU\";", "inconsistent with 'B'");
        fails("pcre:\"/x/UB\";", "'B' inconsistent with chosen buffer");
        fails("pcre:\"/x/iq\";", "unknown regex modifier 'q'");
        fails("pcre:\"/x/i \";", "unknown regex modifier ' '");
    }

    @Test
    void hostPatternMustBeLowerCaseUnlessCaseless() throws RuleParseException {
        fails("http", "pcre:\"/Example\\.com/W\";", "uppercase");
        option(PcreOption.class, "http", "pcre:\"/Example\\.com/Wi\";");
        // the digits of a \x escape are not letters of the host
        option(PcreOption.class, "http", "pcre:\"/\\x2Eexample/W\";");
    }

    @Test
    void relativeNeedsAPrecedingMatchInTheSameBuffer() throws RuleParseException {
        fails("pcre:\"/x/R\";", "needs preceding match in the same buffer");
        fails("http", "content:\"a\"; pcre:\"/x/UR\";", "needs preceding match");
        fails("http", "content:\"a\"; http_uri; pcre:\"/x/R\";", "needs preceding match");
        option(PcreOption.class, "content:\"a\"; pcre:\"/x/R\";");
        option(PcreOption.class, "http", "content:\"a\"; http_uri; pcre:\"/x/UR\";");
        rule("pcre:\"/a/\"; pcre:\"/x/R\";");
        // newer Suricata also anchors on keywords that move the detection pointer
        rule("byte_jump:2,0; pcre:\"/x/R\";");
        // with a sticky buffer Suricata does not insist on a previous match
        option(PcreOption.class, "http", "http.uri; pcre:\"/x/R\";");
        // http_server_body and /Q are the same list
        rule("http", "content:\"a\"; http_server_body; pcre:\"/x/QR\";");
    }

    @Test
    void patternMustCompile() {
        fails("pcre:\"/dl\\x|update/i\";", "compile of");
        fails("pcre:\"/a(b/\";", "missing closing parenthesis");
        fails("pcre:\"/*a/\";", "quantifier does not follow a repeatable item");
    }

    @Test
    void malformedValues() {
        fails("pcre:\"abc\";", "parse error");
        fails("pcre:\"/abc\";", "parse error");
        fails("pcre:\"/abc\\/\";", "parse error");
    }

    @Test
    void captureVariables() throws RuleParseException {
        PcreOption p = option(PcreOption.class, "pcre:\"/(a+)(b+)/, flow:one, pkt:two\";");
        assertEquals("(a+)(b+)", p.pattern());
        assertEquals(List.of("flow:one", "pkt:two"), p.captures());
        assertEquals("pcre:\"/(a+)(b+)/,flow:one,pkt:two\";", text(p));
        fails("pcre:\"/(a)/,flow:one,flow:two\";", "more pkt/flow var capture names");
        fails("pcre:\"/(a)(b)/,flow:one,other\";", "must start with");
        // without a separator before it, "flow:" is part of the expression
        assertEquals("flow:x", option(PcreOption.class, "pcre:\"/flow:x/\";").pattern());
    }

    @Test
    void etOpenStyleRule() throws RuleParseException {
        Rule r = rule("http", "http.method; content:\"POST\"; http.uri; content:\"/webpost.cgi\"; "
                + "http.request_body; content:\"|7b 22|CfgType\"; fast_pattern; pcre:\"/^[^\\x22]*[\\x24\\x60]+/Ri\";");
        PcreOption p = r.option(PcreOption.class);
        assertEquals("http.request_body", p.buffer().name());
        assertTrue(p.isRelative());
    }
}

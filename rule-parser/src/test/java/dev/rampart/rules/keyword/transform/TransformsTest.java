package dev.rampart.rules.keyword.transform;

import static dev.rampart.rules.keyword.payload.PayloadRules.fails;
import static dev.rampart.rules.keyword.payload.PayloadRules.rule;
import static dev.rampart.rules.keyword.payload.PayloadRules.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.ByteString;
import dev.rampart.rules.NumOrVar;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.payload.ContentOption;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransformsTest {

    /** The transforms of the buffer of the first content. */
    private static List<TransformOption> transforms(String proto, String options) throws RuleParseException {
        Rule r = rule(proto, options);
        return r.option(ContentOption.class).buffer().transforms();
    }

    @Test
    void flagTransforms() throws RuleParseException {
        Object[][] cases = {
            {"to_lowercase", new ToLowercase()}, {"to_uppercase", new ToUppercase()}, {"dotprefix", new Dotprefix()},
            {"url_decode", new UrlDecode()}, {"strip_whitespace", new StripWhitespace()},
            {"compress_whitespace", new CompressWhitespace()}, {"to_md5", new ToMd5()}, {"to_sha1", new ToSha1()},
            {"to_sha256", new ToSha256()}, {"header_lowercase", new HeaderLowercase()},
            {"strip_pseudo_headers", new StripPseudoHeaders()}};
        for (Object[] c : cases) {
            List<TransformOption> t = transforms("http", "http.uri; " + c[0] + "; content:\"/1\";");
            assertEquals(List.of(c[1]), t, (String) c[0]);
            assertEquals(c[0] + ";", text(t.get(0)));
        }
        fails("http", "http.uri; to_md5:x; content:\"a\";", "takes no argument");
    }

    @Test
    void chainedTransformsKeepTheirOrder() throws RuleParseException {
        Rule r = rule("dns", "dns.query; dotprefix; to_lowercase; content:\".example.com\"; endswith;");
        assertEquals(List.of(new Dotprefix(), new ToLowercase()), r.option(ContentOption.class).buffer().transforms());
        assertTrue(r.toCanonicalText().contains("dns.query; dotprefix; to_lowercase; content:\".example.com\";"));
    }

    @Test
    void placement() throws RuleParseException {
        fails("content:\"a\"; to_lowercase;", "must follow a sticky buffer");
        fails("http", "http.uri; content:\"a\"; pkt_data; to_lowercase;", "must follow a sticky buffer");
        // a transform after matches applies to the matches after it (ET sid 2044076)
        Rule r = rule("dns", "dns.query; content:\"rs-\"; startswith; pcre:\"/[a-z]{2}/Ri\"; dotprefix; "
                + "content:\".rustdesk.com\"; endswith;");
        List<ContentOption> contents = r.optionsOf(ContentOption.class);
        assertEquals(Buffer.of("dns.query"), contents.get(0).buffer());
        assertEquals(List.of(new Dotprefix()), contents.get(1).buffer().transforms());
        // but not once a match has used transforms
        fails("http", "http.uri; to_lowercase; content:\"a\"; dotprefix; content:\"b\";", "directly follow");
        fails("http", "http.uri; content:\"a\"; to_lowercase; pkt_data; content:\"b\";", "not consumed");
    }

    @Test
    void pcrexform() throws RuleParseException {
        List<TransformOption> t = transforms("http", "http.request_line; pcrexform:\"[a-zA-Z]+\\s+(.*)\\s+HTTP\"; "
                + "content:\"/z4d4kWk.jpg\";");
        assertEquals(List.of(new Pcrexform("[a-zA-Z]+\\s+(.*)\\s+HTTP")), t);
        assertEquals("pcrexform:\"[a-zA-Z]+\\s+(.*)\\s+HTTP\";", text(t.get(0)));
        fails("http", "http.uri; pcrexform:\"abc\"; content:\"a\";", "exactly one substring capture, found 0");
        fails("http", "http.uri; pcrexform:\"(a)(b)\"; content:\"a\";", "found 2");
        fails("http", "http.uri; pcrexform:\"(a\"; content:\"a\";", "missing closing parenthesis");
        fails("http", "http.uri; pcrexform:(a); content:\"a\";", "double quotes");
    }

    @Test
    void xor() throws RuleParseException {
        List<TransformOption> t = transforms("http", "http.uri; xor:\"0d0AC8ff\"; content:\"a\";");
        assertEquals(List.of(new Xor(ByteString.copyOf(new byte[] {0x0d, 0x0a, (byte) 0xc8, (byte) 0xff}))), t);
        assertEquals("xor:\"0d0ac8ff\";", text(t.get(0)));
        assertEquals(t, transforms("http", "http.uri; xor:0d0ac8ff; content:\"a\";"));
        fails("http", "http.uri; xor:\"abc\"; content:\"a\";", "even number");
        fails("http", "http.uri; xor:\"zz\"; content:\"a\";", "not a valid hex key");
        fails("http", "http.uri; xor:\"\"; content:\"a\";", "xor");
    }

    @Test
    void fromBase64() throws RuleParseException {
        List<TransformOption> t = transforms("http", "http.uri; from_base64: offset 6, mode strict ; content:\"a\";");
        assertEquals(List.of(new FromBase64(null, NumOrVar.of(6), FromBase64.Mode.STRICT)), t);
        assertEquals("from_base64:offset 6, mode strict;", text(t.get(0)));
        assertEquals(List.of(new FromBase64(null, null, null)),
                transforms("http", "http.uri; from_base64; content:\"a\";"));
        assertEquals("from_base64;", text(new FromBase64(null, null, null)));
        Rule r = rule("http", "http.uri; content:\"x\"; byte_extract:1,0,n,relative; "
                + "http.header; from_base64:bytes n, offset 1, mode rfc2045; content:\"a\";");
        FromBase64 all = (FromBase64) r.optionsOf(ContentOption.class).get(1).buffer().transforms().get(0);
        assertEquals(NumOrVar.var("n"), all.bytes());
        fails("http", "http.uri; from_base64:bytes 4, offset 70000; content:\"a\";", "65535");
        fails("http", "http.uri; from_base64:mode unknown; content:\"a\";", "invalid mode");
        fails("http", "http.uri; from_base64:mode strict, mode rfc2045; content:\"a\";", "mode already set");
        fails("http", "http.uri; from_base64:bytes x; content:\"a\";", "unknown byte_extract");
        fails("http", "http.uri; from_base64:size 3; content:\"a\";", "unknown option");
    }

    @Test
    void contentsMustFitTheTransformedBuffer() throws RuleParseException {
        fails("http", "http.uri; to_lowercase; content:\"/Index\";", "incompatible with to_lowercase");
        fails("http", "http.uri; to_uppercase; content:\"/Index\";", "incompatible with to_uppercase");
        fails("http", "http.header; strip_whitespace; content:\"a b\";", "incompatible with strip_whitespace");
        fails("http", "http.header; compress_whitespace; content:\"a |09|b\";", "incompatible with compress_whitespace");
        // every transform of the chain checks, as in Suricata
        fails("http", "http.uri; to_lowercase; to_uppercase; content:\"ABC\";", "incompatible with to_lowercase");
        rule("http", "http.uri; to_lowercase; content:\"/index\"; http.header; compress_whitespace; content:\"a b\";");
        // contents before the transform are on the plain buffer
        rule("http", "http.uri; content:\"/Index\"; to_lowercase; content:\"/x\";");
    }

    @Test
    void atMostSixteenTransforms() throws RuleParseException {
        String sixteen = "to_lowercase; ".repeat(16);
        rule("http", "http.uri; " + sixteen + "content:\"a\";");
        fails("http", "http.uri; " + sixteen + "to_lowercase; content:\"a\";", "at most 16");
    }
}

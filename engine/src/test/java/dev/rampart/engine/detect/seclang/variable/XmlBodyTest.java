package dev.rampart.engine.detect.seclang.variable;

import static dev.rampart.engine.detect.seclang.variable.RawRequest.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class XmlBodyTest {

    private static HttpVariables post(String xml) {
        return RawRequest.of("POST /soap HTTP/1.1\r\nHost: h\r\nContent-Type: text/xml\r\n\r\n" + xml);
    }

    private static List<VarEntry> values(String... v) {
        return java.util.Arrays.stream(v).map(x -> new VarEntry("", x)).toList();
    }

    @Test
    void rootStringValueAndAttributes() {
        HttpVariables v = post("<?xml version=\"1.0\"?>\n<!-- c --><r xmlns=\"urn:x\" a=\"1\">"
                + "<b c='2&amp;3' d=\"x\ty\">hi &lt;there&gt;</b><![CDATA[<raw>]]><!-- no --><e/>tail&#65;&#x42;</r>\n");
        assertEquals(s("XML"), v.get("REQBODY_PROCESSOR"));
        assertEquals(s("0"), v.get("REQBODY_ERROR"));
        assertEquals(values("hi <there><raw>tailAB"), v.xml("/*"));
        assertEquals(values("1", "2&3", "x y"), v.xml("//@*"));
        assertEquals(s("[XML document tree]"), v.get("XML"));
        assertEquals(List.of(), v.get("ARGS"));
    }

    @Test
    void doctypeIsSkippedAndCharacterReferencesAreUtf8() {
        HttpVariables v = post("<!DOCTYPE r [<!ELEMENT r ANY>]><r>&#233;</r>");
        assertEquals(values("\u00C3\u00A9"), v.xml("/*"));
        assertEquals(List.of(), v.xml("//@*"));
    }

    @Test
    void malformedDocumentsGiveAnErrorAndNoValues() {
        for (String bad : List.of("<r>", "<r></s>", "<r a=1/>", "<r a='1' a='2'/>", "<r/><r/>", "text", "<r>&xxe;</r>",
                "<r>\u00FF</r>", "<r>]]></r>", "<r><!-- a -- b --></r>", "<r>&#0;</r>", "<1r/>")) {
            HttpVariables v = post(bad);
            assertEquals(s("1"), v.get("REQBODY_ERROR"), bad);
            assertEquals(s("XML parsing error: XML: Failed parsing document."), v.get("REQBODY_ERROR_MSG"), bad);
            assertEquals(List.of(), v.xml("/*"), bad);
            assertEquals(List.of(), v.get("XML"), bad);
        }
    }

    @Test
    void depthIsBounded() {
        assertEquals(s("0"), post("<a>".repeat(256) + "</a>".repeat(256)).get("REQBODY_ERROR"));
        assertEquals(s("1"), post("<a>".repeat(257) + "</a>".repeat(257)).get("REQBODY_ERROR"));
    }
}

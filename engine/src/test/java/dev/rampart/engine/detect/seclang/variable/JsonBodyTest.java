package dev.rampart.engine.detect.seclang.variable;

import static dev.rampart.engine.detect.seclang.variable.RawRequest.e;
import static dev.rampart.engine.detect.seclang.variable.RawRequest.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    private static HttpVariables post(String json) {
        return RawRequest.of("POST /api HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n\r\n" + json);
    }

    @Test
    void nestedObjectsJoinKeysWithDotsWithoutRootPrefix() {
        HttpVariables v = post("{\"a\":{\"b\":{\"c\":\"x\"},\"d\":1.5e3},\"e\":true,\"f\":null,\"g\":false}");
        assertEquals(e("a.b.c", "x", "a.d", "1.5e3", "e", "true", "f", "", "g", "false"), v.get("ARGS"));
        assertEquals(List.of(), v.get("ARGS_POST"));
        assertEquals(s("JSON"), v.get("REQBODY_PROCESSOR"));
        assertEquals(s("0"), v.get("REQBODY_ERROR"));
    }

    @Test
    void arrayElementsRepeatTheKeyAfterThePrefix() {
        HttpVariables v = post("{\"a\":[1,\"two\",[3]],\"b\":[{\"c\":4}],\"z\":0}");
        assertEquals(e("a.a", "1", "a.a", "two", "a.a.a", "3", "b.b.c", "4", "z", "0"), v.get("ARGS"));
    }

    @Test
    void aDotInsideAKeyConfusesThePrefixAsInModSecurity() {
        // end_map cuts the prefix at the last '.', so "a" survives the object closing
        assertEquals(e("a.b.c", "1", "a.d", "2"), post("{\"a.b\":{\"c\":1},\"d\":2}").get("ARGS"));
    }

    @Test
    void topLevelArrayAndScalar() {
        assertEquals(e("array.array", "1", "array.array", "x"), post("[1,\"x\"]").get("ARGS"));
        assertEquals(e("array.array.array", "1", "array.array.k", "v"), post("[[1],{\"k\":\"v\"}]").get("ARGS"));
        assertEquals(e("", "42"), post(" 42 ").get("ARGS"));
    }

    @Test
    void stringsAreUnescapedToUtf8Bytes() {
        HttpVariables v = post("{\"k\\u0041\":\"\\u00e9\\n\\\"\\ud83d\\ude00\\/\"}");
        assertEquals(e("kA", "\u00C3\u00A9\n\"\u00F0\u009F\u0098\u0080/"), v.get("ARGS"));
    }

    @Test
    void malformedBodiesSetTheErrorAndKeepEarlierArguments() {
        HttpVariables v = post("{\"a\":1,\"b\":}");
        assertEquals(s("1"), v.get("REQBODY_ERROR"));
        assertEquals(s("1"), v.get("REQBODY_PROCESSOR_ERROR"));
        assertEquals(s("JSON parsing error: parse error: unallowed token at this point in JSON text"),
                v.get("REQBODY_ERROR_MSG"));
        assertEquals(e("a", "1"), v.get("ARGS"));
        for (String bad : List.of("{\"a\":1", "{\"a\" 1}", "[1 2]", "{1:2}", "{} x", "\"\u00C3\"", "[-]", "[01.]",
                "{'a':1}", "/* c */ {}", "[tru]", "\"a\u0001\"", "\"\\x\"", "   ")) {
            assertEquals(s("1"), post(bad).get("REQBODY_ERROR"), bad);
        }
        assertEquals(s("0"), post("[\"\u00C3\u00A9\"]").get("REQBODY_ERROR"));
        // truncation is found by yajl_complete_parse, reported by ModSecurity as a "parser error"
        assertEquals(s("JSON parser error: parse error: premature EOF"), post("{\"a\":[1").get("REQBODY_ERROR_MSG"));
    }

    @Test
    void depthLimitIsAnErrorNotACrash() {
        String deep = "[".repeat(10001) + "]".repeat(10001);
        HttpVariables v = post(deep);
        assertEquals(s("1"), v.get("REQBODY_ERROR"));
        assertEquals(s("JSON parsing error: JSON depth limit exceeded"), v.get("REQBODY_ERROR_MSG"));
        assertEquals(s("0"), post("[".repeat(10000) + "]".repeat(10000)).get("REQBODY_ERROR"));
    }

    @Test
    void argumentLimitStopsTheParse() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) {
            b.append(i == 0 ? "" : ",").append(i);
        }
        HttpVariables v = post(b.append(']').toString());
        assertEquals(1000, v.get("ARGS").size());
        assertEquals(s("1"), v.get("REQBODY_ERROR"));
    }
}

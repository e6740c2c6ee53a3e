package dev.rampart.engine.detect.seclang.variable;

import static dev.rampart.engine.detect.seclang.variable.RawRequest.e;
import static dev.rampart.engine.detect.seclang.variable.RawRequest.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class HttpVariablesRequestTest {

    private static final String GET = "GET /app/a%20b/index.php?id=1+2&x=%41%zz&flag&&=v&id=3 HTTP/1.1\r\n"
            + "Host: WWW.Example.com:8080\r\nUser-Agent: OWASP CRS test agent\r\n"
            + "Cookie: sid=abc; theme = dark ;novalue; =x;;last=a=b\r\nAccept: */*\r\n\r\n";

    @Test
    void queryStringArgumentsInOrderDecodedLikeModSecurity() {
        HttpVariables v = RawRequest.of(GET);
        List<VarEntry> args = e("id", "1 2", "x", "A%zz", "flag", "", "", "", "", "v", "id", "3");
        assertEquals(args, v.get("ARGS"));
        assertEquals(args, v.get("ARGS_GET"));
        assertEquals(e("id", "id", "x", "x", "flag", "flag", "", "", "", "", "id", "id"), v.get("ARGS_NAMES"));
        assertEquals(v.get("ARGS_NAMES"), v.get("ARGS_GET_NAMES"));
        assertEquals(List.of(), v.get("ARGS_POST"));
        assertEquals(List.of(), v.get("ARGS_POST_NAMES"));
        // 2+3 + 1+4 + 4+0 + 0 + 0+1 + 2+1
        assertEquals(s("18"), v.get("ARGS_COMBINED_SIZE"));
        // "%zz" is an invalid escape
        assertEquals(s("1"), v.get("URLENCODED_ERROR"));
    }

    @Test
    void requestLineVariablesAreNotDecoded() {
        HttpVariables v = RawRequest.of(GET);
        assertEquals(s("id=1+2&x=%41%zz&flag&&=v&id=3"), v.get("QUERY_STRING"));
        assertEquals(s("/app/a%20b/index.php"), v.get("REQUEST_FILENAME"));
        assertEquals(s("index.php"), v.get("REQUEST_BASENAME"));
        assertEquals(s("/app/a%20b/index.php?id=1+2&x=%41%zz&flag&&=v&id=3"), v.get("REQUEST_URI"));
        assertEquals(v.get("REQUEST_URI"), v.get("REQUEST_URI_RAW"));
        assertEquals(s("GET /app/a%20b/index.php?id=1+2&x=%41%zz&flag&&=v&id=3 HTTP/1.1"), v.get("REQUEST_LINE"));
        assertEquals(s("GET"), v.get("REQUEST_METHOD"));
        assertEquals(s("HTTP/1.1"), v.get("REQUEST_PROTOCOL"));
        assertEquals(s("www.example.com"), v.get("SERVER_NAME"));
    }

    @Test
    void queryStringAbsentWithoutQuestionMarkEmptyWithBareOne() {
        HttpVariables none = RawRequest.of("GET /index.html HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(List.of(), none.get("QUERY_STRING"));
        assertEquals(s("/index.html"), none.get("REQUEST_URI"));
        HttpVariables bare = RawRequest.of("GET /index.html? HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(s(""), bare.get("QUERY_STRING"));
        assertEquals(s("/index.html?"), bare.get("REQUEST_URI"));
        assertEquals(List.of(), bare.get("ARGS"));
    }

    @Test
    void fragmentAndAbsoluteFormAreStrippedFromUriButNotFromRaw() {
        HttpVariables v = RawRequest.of("GET http://example.com:81/dir/file.txt?a=b#frag HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(s("/dir/file.txt"), v.get("REQUEST_FILENAME"));
        assertEquals(s("/dir/file.txt?a=b"), v.get("REQUEST_URI"));
        assertEquals(s("http://example.com:81/dir/file.txt?a=b#frag"), v.get("REQUEST_URI_RAW"));
        assertEquals(s("a=b"), v.get("QUERY_STRING"));
    }

    @Test
    void basenameTakesBackslashSegmentsToo() {
        HttpVariables v = RawRequest.of("GET /a/b\\c.asp HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(s("c.asp"), v.get("REQUEST_BASENAME"));
        HttpVariables dir = RawRequest.of("GET /a/ HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(s(""), dir.get("REQUEST_BASENAME"));
    }

    @Test
    void headersKeepOrderAndCase() {
        HttpVariables v = RawRequest.of(GET);
        assertEquals(e("Host", "WWW.Example.com:8080", "User-Agent", "OWASP CRS test agent", "Cookie",
                "sid=abc; theme = dark ;novalue; =x;;last=a=b", "Accept", "*/*"), v.get("REQUEST_HEADERS"));
        assertEquals(e("Host", "Host", "User-Agent", "User-Agent", "Cookie", "Cookie", "Accept", "Accept"),
                v.get("REQUEST_HEADERS_NAMES"));
    }

    @Test
    void cookiesFollowTheVersion0Parser() {
        HttpVariables v = RawRequest.of(GET);
        assertEquals(e("sid", "abc", "theme ", " dark ", "novalue", "", "last", "a=b"), v.get("REQUEST_COOKIES"));
        assertEquals(e("sid", "sid", "theme ", "theme ", "novalue", "novalue", "last", "last"),
                v.get("REQUEST_COOKIES_NAMES"));
    }

    @Test
    void getWithoutBody() {
        HttpVariables v = RawRequest.of(GET);
        assertEquals(List.of(), v.get("REQUEST_BODY"));
        assertEquals(s("0"), v.get("REQUEST_BODY_LENGTH"));
        assertEquals(s(""), v.get("REQBODY_PROCESSOR"));
        assertEquals(s("0"), v.get("REQBODY_ERROR"));
        assertEquals(s(""), v.get("REQBODY_ERROR_MSG"));
        assertEquals(List.of(), v.get("FILES"));
        assertEquals(s("0"), v.get("FILES_COMBINED_SIZE"));
        assertEquals(s("0"), v.get("MULTIPART_STRICT_ERROR"));
        assertEquals(List.of(), v.get("MULTIPART_NAME"));
        assertEquals(List.of(), v.get("XML"));
        assertEquals(List.of(), v.xml("/*"));
    }

    @Test
    void urlencodedBody() {
        HttpVariables v = RawRequest.of("POST /login?next=%2Fhome HTTP/1.1\r\nHost: h\r\n"
                + "Content-Type: application/x-www-form-urlencoded; charset=UTF-8\r\nContent-Length: 27\r\n\r\n"
                + "user=admin%27--&pass=a+b&x");
        assertEquals(s("URLENCODED"), v.get("REQBODY_PROCESSOR"));
        assertEquals(e("user", "admin'--", "pass", "a b", "x", ""), v.get("ARGS_POST"));
        assertEquals(e("next", "/home", "user", "admin'--", "pass", "a b", "x", ""), v.get("ARGS"));
        assertEquals(s("user=admin%27--&pass=a+b&x"), v.get("REQUEST_BODY"));
        assertEquals(s("26"), v.get("REQUEST_BODY_LENGTH"));
        assertEquals(s("0"), v.get("URLENCODED_ERROR"));
        assertEquals(s("POST /login?next=%2Fhome HTTP/1.1\nHost: h\n"
                + "Content-Type: application/x-www-form-urlencoded; charset=UTF-8\nContent-Length: 27\n\n"
                + "user=admin%27--&pass=a+b&x"), v.get("FULL_REQUEST"));
    }

    @Test
    void requestBodyOnlyWithUrlencodedOrForcedWithoutProcessor() {
        String raw = "POST / HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\n\r\nhello";
        HttpVariables v = RawRequest.of(raw);
        assertEquals(List.of(), v.get("REQUEST_BODY"));
        assertEquals(s("5"), v.get("REQUEST_BODY_LENGTH"));
        v.setForceRequestBodyVariable(true);
        assertEquals(s("hello"), v.get("REQUEST_BODY"));
        HttpVariables json = RawRequest.of("POST / HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n\r\n{}");
        json.setForceRequestBodyVariable(true);
        assertEquals(List.of(), json.get("REQUEST_BODY"));
        // a processor that failed on the bytes leaves the forced raw buffer
        HttpVariables bad = RawRequest.of("POST / HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n\r\n{x}");
        bad.setForceRequestBodyVariable(true);
        assertEquals(s("{x}"), bad.get("REQUEST_BODY"));
        // one that failed only at completion does not
        HttpVariables truncated = RawRequest.of("POST / HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n\r\n{");
        truncated.setForceRequestBodyVariable(true);
        assertEquals(List.of(), truncated.get("REQUEST_BODY"));
    }

    @Test
    void answersAreKeptUntilTheTransactionChanges() {
        HttpVariables v = RawRequest.of("GET /a%20b/c.php?x=1 HTTP/1.1\r\nHost: h\r\n\r\n");
        List<VarEntry> line = v.get("REQUEST_LINE");
        assertSame(line, v.get("REQUEST_LINE"), "built once, then kept");
        assertEquals(s("/a%20b/c.php"), v.get("REQUEST_FILENAME"));
        v.setPathDecoded(true);
        assertEquals(s("/a b/c.php"), v.get("REQUEST_FILENAME"), "phase 2 sees the decoded path");
        assertEquals(List.of(), v.get("RESPONSE_STATUS"));
        v.response("HTTP/1.1", 404, List.of(), null);
        assertEquals(s("404"), v.get("RESPONSE_STATUS"));
    }

    @Test
    void ctlRequestBodyProcessorReparses() {
        HttpVariables v = RawRequest.of("POST / HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\n\r\na=1&b=2");
        assertEquals(List.of(), v.get("ARGS"));
        assertEquals(true, v.setRequestBodyProcessor("URLENCODED"));
        assertEquals(e("a", "1", "b", "2"), v.get("ARGS_POST"));
        assertEquals(true, v.setRequestBodyProcessor("json"));
        assertEquals(s("JSON"), v.get("REQBODY_PROCESSOR"));
        assertEquals(List.of(), v.get("ARGS_POST"));
        assertEquals(s("1"), v.get("REQBODY_ERROR"));
        assertEquals(false, v.setRequestBodyProcessor("YAML"));
        assertEquals(s("JSON"), v.get("REQBODY_PROCESSOR"));
    }

    @Test
    void processorChosenFromContentTypeAsModSecurityAndRecommendedRules() {
        String[][] cases = {{"application/x-www-form-urlencoded", "URLENCODED"},
            {"Multipart/Form-Data; boundary=x", "MULTIPART"}, {"text/xml", "XML"}, {"application/xml", "XML"},
            {"application/soap+xml; charset=utf-8", "XML"}, {"application/atom+xml", ""},
            {"application/json", "JSON"}, {"application/json-patch+json", "JSON"}, {"application/ld+json", ""},
            {"text/plain", ""}};
        for (String[] c : cases) {
            HttpVariables v = RawRequest.of("GET / HTTP/1.1\r\nHost: h\r\nContent-Type: " + c[0] + "\r\n\r\n");
            assertEquals(s(c[1]), v.get("REQBODY_PROCESSOR"), c[0]);
        }
    }

    @Test
    void connectionAndMisc() {
        HttpVariables v = RawRequest.of("GET / HTTP/1.0\r\nAuthorization: Basic dXNlcjpwYXNz\r\n\r\n");
        assertEquals(s("192.0.2.7"), v.get("REMOTE_ADDR"));
        assertEquals(s("40000"), v.get("REMOTE_PORT"));
        assertEquals(s("198.51.100.1"), v.get("SERVER_ADDR"));
        assertEquals(s("80"), v.get("SERVER_PORT"));
        assertEquals(List.of(), v.get("SERVER_NAME"));
        assertEquals(s("Basic"), v.get("AUTH_TYPE"));
        assertEquals(1, v.get("UNIQUE_ID").size());
        assertNotEquals(v.get("UNIQUE_ID"), RawRequest.of("GET / HTTP/1.0\r\n\r\n").get("UNIQUE_ID"));
        assertEquals(s("GET / HTTP/1.0\n" + "Authorization: Basic dXNlcjpwYXNz\n\n"), v.get("FULL_REQUEST"));
        assertEquals(s("50"), v.get("FULL_REQUEST_LENGTH"));
    }

    @Test
    void evaluatorVariablesAreNotProvided() {
        HttpVariables v = RawRequest.of(GET);
        for (String name : List.of("TX", "IP", "GLOBAL", "SESSION", "MATCHED_VAR", "MATCHED_VARS", "RULE", "ENV",
                "TIME", "TIME_EPOCH", "DURATION", "args", "REQUEST_CONTENT_TYPE")) {
            assertNull(v.get(name), name);
        }
        assertNull(v.xml("//foo"));
    }

    @Test
    void responseVariables() {
        HttpVariables v = RawRequest.of(GET);
        assertEquals(List.of(), v.get("RESPONSE_HEADERS"));
        assertEquals(List.of(), v.get("RESPONSE_STATUS"));
        assertEquals(List.of(), v.get("RESPONSE_BODY"));
        v.response("HTTP/1.1", 404, e("Content-Type", "text/html; charset=UTF-8", "X-A", "1"), "<h1>nope</h1>");
        assertEquals(s("404"), v.get("RESPONSE_STATUS"));
        assertEquals(s("HTTP/1.1"), v.get("RESPONSE_PROTOCOL"));
        assertEquals(s("404 Not Found"), v.get("STATUS_LINE"));
        assertEquals(e("Content-Type", "text/html; charset=UTF-8", "X-A", "1"), v.get("RESPONSE_HEADERS"));
        assertEquals(e("Content-Type", "Content-Type", "X-A", "X-A"), v.get("RESPONSE_HEADERS_NAMES"));
        assertEquals(s("<h1>nope</h1>"), v.get("RESPONSE_BODY"));
        assertEquals(s("text/html; charset=UTF-8"), v.get("RESPONSE_CONTENT_TYPE"));
        assertEquals(s("13"), v.get("RESPONSE_CONTENT_LENGTH"));
    }
}

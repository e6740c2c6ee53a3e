package dev.rampart.engine.detect.seclang.variable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Input: {@code [processor selector][body bytes]}; the body goes, as a POST with the matching
 * Content-Type and in the query string, through each body processor. Invariants: nothing throws;
 * every provided variable answers a list of Latin-1 entries; REQBODY_ERROR is "0" or "1" and
 * REQBODY_ERROR_MSG is empty exactly when it is "0"; ARGS is ARGS_GET then the body arguments,
 * within the 1000-argument limit; ARGS_POST is empty unless URLENCODED or MULTIPART parsed cleanly.
 */
class HttpVariablesFuzzTest {

    private static final String[] TYPES = {"application/x-www-form-urlencoded", "multipart/form-data; boundary=b",
        "application/json", "text/xml", "text/plain"};

    @FuzzTest(maxDuration = "10m")
    void everyProcessorAnswersEveryVariable(byte[] in) {
        if (in.length < 1) {
            return;
        }
        String type = TYPES[(in[0] & 0xFF) % TYPES.length];
        String body = new String(in, 1, in.length - 1, StandardCharsets.ISO_8859_1);
        String target = "/p/" + body.replace(' ', '+').replace('\r', '_').replace('\n', '_').replace('#', '_');
        HttpVariables v = new HttpVariables();
        v.request("POST", target.length() > 200 ? target.substring(0, 200) : target, "HTTP/1.1",
                List.of(new VarEntry("Content-Type", type), new VarEntry("Cookie", body)), body);
        v.response("HTTP/1.1", 200, List.of(new VarEntry("Content-Type", "text/html")), body);
        check(v);
        for (String p : List.of("URLENCODED", "MULTIPART", "JSON", "XML")) {
            assertTrue(v.setRequestBodyProcessor(p));
            check(v);
        }
        v.setUploadExtractFiles(true);
        check(v);
    }

    private static void check(HttpVariables v) {
        for (String name : HttpVariables.provided()) {
            List<VarEntry> entries = v.get(name);
            assertNotNull(entries, name);
            for (VarEntry e : entries) {
                assertTrue(latin1(e.key()) && latin1(e.value()), name);
            }
        }
        assertNotNull(v.xml("/*"));
        assertNotNull(v.xml("//@*"));
        String error = v.get("REQBODY_ERROR").get(0).value();
        assertTrue(error.equals("0") || error.equals("1"));
        assertEquals(error.equals("0"), v.get("REQBODY_ERROR_MSG").get(0).value().isEmpty());
        List<VarEntry> args = v.get("ARGS");
        List<VarEntry> get = v.get("ARGS_GET");
        assertTrue(args.size() <= 1000);
        assertEquals(get, args.subList(0, get.size()));
        String processor = v.get("REQBODY_PROCESSOR").get(0).value();
        if (!v.get("ARGS_POST").isEmpty()) {
            assertTrue(processor.equals("URLENCODED") || processor.equals("MULTIPART") && error.equals("0"));
        }
        if (!processor.equals("MULTIPART")) {
            assertEquals(List.of(), v.get("FILES"));
        }
    }

    private static boolean latin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }
}

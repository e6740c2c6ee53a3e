package dev.rampart.engine.detect.seclang;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.engine.detect.seclang.variable.HttpVariables;
import dev.rampart.engine.detect.seclang.variable.VarEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * OWASP CRS v4 (paranoia level 4, all its phases) over fuzzed requests and responses: whatever the
 * bytes, the evaluation ends, in bounded time, without an exception, and every logged match names a
 * rule with an id. Input: {@code [content type][method]} then NUL-separated request target, a header
 * value (sent as Cookie, User-Agent and X-F), the request body and the response body. Skipped (returns)
 * when ../shared's CRS is missing.
 */
class SecLangCrsFuzzTest {
    private static final String[] TYPES = {"application/x-www-form-urlencoded", "multipart/form-data; boundary=b",
        "application/json", "text/xml", "text/plain", ""};
    private static final String[] METHODS = {"GET", "POST", "PUT", "OPTIONS", "G\u00e9T"};
    private static SecLangRules rules;
    private static boolean loaded;

    private static synchronized SecLangRules rules() throws Exception {
        if (!loaded) {
            loaded = true;
            Path crs = Path.of(System.getProperty("rampart.shared", "../../shared")).resolve("rulesets/crs");
            if (Files.isDirectory(crs.resolve("rules"))) {
                Path setup = Files.createTempFile("crs-fuzz", ".conf");
                Files.writeString(setup, "SecAction \"id:900005,phase:1,nolog,pass,setvar:tx.blocking_paranoia_level=4,"
                        + "setvar:tx.crs_validate_utf8_encoding=1,setvar:tx.arg_length=400\"\n"
                        + "SecResponseBodyMimeType text/plain text/html text/xml\n");
                rules = SecLangLoader.load(List.of(crs.resolve("crs-setup.conf.example"), setup, crs.resolve("rules")));
                Files.delete(setup);
            }
        }
        return rules;
    }

    @FuzzTest(maxDuration = "10m")
    void crsEvaluationEndsOnAnyRequest(byte[] in) throws Exception {
        SecLangRules r = rules();
        if (r == null || in.length < 2) {
            return;
        }
        String type = TYPES[(in[0] & 0xFF) % TYPES.length];
        String method = METHODS[(in[1] & 0xFF) % METHODS.length];
        String[] parts = new String(in, 2, in.length - 2, StandardCharsets.ISO_8859_1).split("\0", 4);
        String target = parts[0].isEmpty() ? "/" : parts[0].replace(' ', '+').replace('\r', '_').replace('\n', '_');
        String header = parts.length > 1 ? parts[1].replace('\r', ' ').replace('\n', ' ') : "";
        String body = parts.length > 2 ? parts[2] : null;
        String response = parts.length > 3 ? parts[3] : "";
        HttpVariables vars = new HttpVariables();
        vars.connection("192.0.2.1", 40000, "192.0.2.2", 80);
        List<VarEntry> headers = new ArrayList<>(List.of(new VarEntry("Host", "example.org"),
                new VarEntry("User-Agent", header), new VarEntry("Cookie", header), new VarEntry("X-F", header)));
        if (!type.isEmpty()) {
            headers.add(new VarEntry("Content-Type", type));
        }
        if (body != null) {
            headers.add(new VarEntry("Content-Length", Integer.toString(body.length())));
        }
        vars.request(method, target, "HTTP/1.1", headers, body);
        SecLangTx tx = new SecLangTx(r, SecLangTx.Variables.of(vars));
        long t0 = System.nanoTime();
        List<SecLangMatch> matches = new ArrayList<>();
        tx.runPhase(1, matches::add);
        vars.setPathDecoded(true);
        tx.runPhase(2, matches::add);
        vars.response("HTTP/1.1", 200, List.of(new VarEntry("Content-Type", "text/html")), response);
        tx.runPhase(3, matches::add);
        tx.runPhase(4, matches::add);
        tx.runPhase(5, matches::add);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 5_000, "CRS took " + ms + " ms");
        for (SecLangMatch m : matches) {
            assertTrue(m.rule().id() > 0 && m.msg() != null && m.logdata() != null, m.toString());
        }
    }
}

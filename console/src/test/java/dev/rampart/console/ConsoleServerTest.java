package dev.rampart.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rampart.alerts.AlertJournal;
import dev.rampart.alerts.AlertRecord;
import dev.rampart.alerts.JournalConfig;
import dev.rampart.alerts.JournalReader;
import dev.rampart.alerts.JournalSchema;
import dev.rampart.alerts.score.MaskFile;
import dev.rampart.alerts.score.MaskSet;
import dev.rampart.policy.CommandRunner;
import dev.rampart.policy.NftablesApplier;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server over HTTP: security, the API's paging and aggregation, and the actions. */
class ConsoleServerTest {
    static final String PASSWORD = "correct horse battery";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    Console console;
    ConsoleServer server;
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY).build();
    String base;
    /** Every nft command the console's block actions ran, and the script each got on stdin. */
    List<List<String>> commands = new ArrayList<>();
    List<String> scripts = new ArrayList<>();
    /** What the recording nft answers to {@code nft list tables}. */
    String loadedTables = "";
    boolean root = true;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (console != null) {
            console.close();
        }
    }

    /** The console's clock: system time plus what a test moved it forward by. */
    static final class TestClock extends java.time.Clock {
        private final java.util.concurrent.atomic.AtomicLong offsetMillis = new java.util.concurrent.atomic.AtomicLong();

        void advanceMillis(long ms) {
            offsetMillis.addAndGet(ms);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.ofEpochMilli(millis());
        }

        @Override
        public long millis() {
            return System.currentTimeMillis() + offsetMillis.get();
        }
    }

    final TestClock clock = new TestClock();

    void start(int alerts) throws IOException {
        Path journal = tmp.resolve("journal");
        TestJournal.write(journal, alerts);
        Path rules = tmp.resolve("rules");
        Files.createDirectories(rules);
        Files.writeString(rules.resolve("test.rules"), "alert http any any -> any any (msg:\"ET TEST rule 2019401\"; "
                + "content:\"evil\"; sid:2019401; rev:1;)\n# alert http any any -> any any (msg:\"off\"; sid:2019402; rev:1;)\n");
        ConsoleConfig cfg = ConsoleConfig.of(journal, tmp.resolve("state")).withPort(0).withRulesDir(rules)
                .withControlPort(freePort());
        console = new Console(cfg, new NftablesApplier((argv, stdin) -> {
            commands.add(argv);
            scripts.add(stdin);
            return new CommandRunner.Result(0, argv.equals(List.of("nft", "list", "tables")) ? loadedTables : "", "");
        }, () -> root), clock);
        server = new ConsoleServer(console);
        base = "http://127.0.0.1:" + server.start();
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A browser-like client: keeps the session cookie and the CSRF token of the last page. */
    final class Browser {
        String cookie;
        String csrf;

        HttpResponse<String> get(String path) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
            HttpResponse<String> r = send(b);
            Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(r.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return r;
        }

        HttpResponse<String> form(String path, Map<String, String> fields) throws Exception {
            String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        HttpResponse<String> api(String method, String path, String json, boolean withCsrf) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (withCsrf) {
                b.header("X-CSRF-Token", csrf);
            }
            return send(b);
        }

        JsonNode getJson(String path) throws Exception {
            HttpResponse<String> r = get(path);
            assertEquals(200, r.statusCode(), r.body());
            return JSON.readTree(r.body());
        }

        private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
            if (cookie != null) {
                b.header("Cookie", cookie);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            r.headers().firstValue("Set-Cookie").ifPresent(c -> {
                String v = c.substring(0, c.indexOf(';'));
                cookie = v.endsWith("=") ? null : v;
            });
            return r;
        }

        void login() throws Exception {
            get("/login");
            HttpResponse<String> r = form("/login", Map.of("_csrf", csrf, "user", "admin", "password", PASSWORD));
            assertEquals(302, r.statusCode(), r.body());
            get("/incidents");
        }
    }

    Browser setUpAndLogin() throws Exception {
        assertTrue(console.passwords.setInitial("admin", PASSWORD));
        Browser b = new Browser();
        b.login();
        return b;
    }

    @Test
    void firstStartSetsThePasswordHashedThenLoginNeedsIt() throws Exception {
        start(10);
        Browser b = new Browser();
        HttpResponse<String> r = b.get("/incidents");
        assertEquals(302, r.statusCode());
        assertEquals("/setup", r.headers().firstValue("Location").orElse(""));
        r = b.get("/setup");
        assertEquals(200, r.statusCode());
        assertNotNull(b.csrf);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        // too short: refused, nothing stored
        r = b.form("/setup", Map.of("_csrf", b.csrf, "user", "admin", "password", "short", "password2", "short"));
        assertEquals(400, r.statusCode());
        assertFalse(console.passwords.isSet());
        r = b.form("/setup", Map.of("_csrf", b.csrf, "user", "admin", "password", PASSWORD, "password2", PASSWORD));
        assertEquals(302, r.statusCode(), r.body());
        String stored = Files.readString(tmp.resolve("state/password"));
        assertTrue(stored.startsWith("admin:pbkdf2-sha256:600000:"), stored);
        assertFalse(stored.contains(PASSWORD));
        // setup cannot run twice
        Browser other = new Browser();
        other.get("/login");
        r = other.form("/setup", Map.of("_csrf", other.csrf, "user", "evil", "password", "0123456789ab", "password2", "0123456789ab"));
        assertEquals(403, r.statusCode());
        assertTrue(console.passwords.verify("admin", PASSWORD));
    }

    @Test
    void wrongPasswordMissingCsrfAndNoSessionAreRefused() throws Exception {
        start(50);
        console.passwords.setInitial("admin", PASSWORD);
        Browser b = new Browser();
        assertEquals(401, b.get("/api/incidents").statusCode(), "API without a session");
        assertEquals(302, b.get("/incidents").statusCode(), "page without a session goes to login");
        b.get("/login");
        String anonymousCookie = b.cookie;
        HttpResponse<String> r = b.form("/login", Map.of("_csrf", b.csrf, "user", "admin", "password", "wrong password!"));
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("wrong user name or password"));
        // login without the CSRF token: 403 even with the right password
        r = b.form("/login", Map.of("user", "admin", "password", PASSWORD));
        assertEquals(403, r.statusCode());
        b.get("/login");
        r = b.form("/login", Map.of("_csrf", b.csrf, "user", "admin", "password", PASSWORD));
        assertEquals(302, r.statusCode());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"), cookie);
        assertFalse(b.cookie.equals(anonymousCookie), "a new session id at login");
        assertTrue(b.cookie.substring(b.cookie.indexOf('=') + 1).length() >= 43, "256-bit id");
        b.get("/incidents");
        // mutations: no token, wrong token -> 403 and nothing done; with the header -> done
        assertEquals(403, b.api("POST", "/api/masks", "{\"kind\":\"sid\",\"sid\":2019402}", false).statusCode());
        String good = b.csrf;
        b.csrf = "forged";
        assertEquals(403, b.api("POST", "/api/masks", "{\"kind\":\"sid\",\"sid\":2019402}", true).statusCode());
        assertEquals(403, b.api("PUT", "/api/rules/2019402", "{\"enabled\":false}", true).statusCode());
        assertEquals(403, b.api("DELETE", "/api/masks/0", null, true).statusCode());
        assertEquals(403, b.form("/masks", Map.of("kind", "sid", "sid", "2019402")).statusCode());
        assertTrue(console.masks.list().isEmpty());
        assertFalse(Files.exists(console.disableConf.file()));
        b.csrf = good;
        assertEquals(201, b.api("POST", "/api/masks", "{\"kind\":\"sid\",\"sid\":2019402}", true).statusCode());
        // a session of another browser cannot use this token
        Browser other = new Browser();
        other.get("/login");
        other.csrf = good;
        assertEquals(403, other.api("POST", "/api/masks", "{\"kind\":\"sid\",\"sid\":1}", true).statusCode());
        // bad JSON is a client error
        assertEquals(400, b.api("POST", "/api/masks", "{not json", true).statusCode());
        // a script logs in through the API: the token from /api/session, the form with Accept: application/json
        Browser script = new Browser();
        JsonNode anon = script.getJson("/api/session");
        assertTrue(anon.get("user").isNull());
        script.csrf = anon.get("csrf").asText();
        HttpResponse<String> li = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Cookie", script.cookie).header("X-CSRF-Token", script.csrf).header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user=admin&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, li.statusCode(), li.body());
        String setCookie = li.headers().firstValue("Set-Cookie").orElseThrow();
        script.cookie = setCookie.substring(0, setCookie.indexOf(';'));
        script.csrf = JSON.readTree(li.body()).get("csrf").asText();
        assertEquals(200, script.get("/api/incidents").statusCode());
        // logout ends the session
        assertEquals(302, b.form("/logout", Map.of("_csrf", b.csrf)).statusCode());
        assertEquals(401, b.get("/api/incidents").statusCode());
        // the audit trail has the failed and the good login, and no password anywhere in the journal
        List<String> audit = actions();
        assertTrue(audit.contains("admin login-failed console"), audit.toString());
        assertTrue(audit.contains("admin login console"), audit.toString());
        assertTrue(audit.contains("admin mask sid:2019402"), audit.toString());
        for (Path f : Files.list(tmp.resolve("journal")).toList()) {
            String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertFalse(bytes.contains(PASSWORD), f.toString());
            assertFalse(bytes.contains("wrong password!"), f.toString());
        }
    }

    @Test
    void repeatedWrongPasswordsLockTheAddressOutBeforeTheHash() throws Exception {
        start(10);
        console.passwords.setInitial("admin", PASSWORD);
        Browser b = new Browser();
        b.get("/login");
        for (int i = 0; i < dev.rampart.console.security.LoginThrottle.FREE_FAILURES; i++) {
            assertEquals(401, b.form("/login", Map.of("_csrf", b.csrf, "user", "admin", "password", "guess " + i)).statusCode());
        }
        // one more failure starts a lock-out; then even the right password is refused with 429
        assertEquals(401, b.form("/login", Map.of("_csrf", b.csrf, "user", "admin", "password", "guess x")).statusCode());
        HttpResponse<String> r = b.form("/login", Map.of("_csrf", b.csrf, "user", "admin", "password", PASSWORD));
        assertEquals(429, r.statusCode(), r.body());
        assertEquals("1", r.headers().firstValue("Retry-After").orElse(""));
        assertTrue(r.body().contains("too many failed logins"), r.body());
        assertEquals(401, b.get("/api/incidents").statusCode(), "not logged in");
        List<String> audit = actions();
        assertEquals(6, audit.stream().filter(a -> a.equals("admin login-failed console")).count(), audit.toString());
        // after the lock-out the right password works and clears the count
        clock.advanceMillis(1100);
        r = b.form("/login", Map.of("_csrf", b.csrf, "user", "admin", "password", PASSWORD));
        assertEquals(302, r.statusCode(), r.body());
        assertEquals(0, console.loginThrottle.waitMillis("127.0.0.1"));
    }

    /** "actor action target" of each journaled operator action. */
    List<String> actions() {
        List<String> out = new ArrayList<>();
        try (JournalReader r = AlertJournal.openReader(JournalConfig.at(tmp.resolve("journal")))) {
            int tag;
            while ((tag = r.next()) != JournalReader.NONE) {
                if (tag == JournalSchema.TAG_ACTION) {
                    out.add(r.action().actor + " " + r.action().action + " " + r.action().target);
                }
            }
        }
        return out;
    }

    @Test
    void hundredThousandAlertsArePagedAndAggregatedOnTheServer() throws Exception {
        start(100_000);
        Browser b = setUpAndLogin();
        JsonNode page = b.getJson("/api/alerts?limit=100000");
        assertEquals(100_000, page.get("total").asLong());
        assertEquals(JournalIndexLimits.MAX_PAGE, page.get("items").size(), "a page is bounded whatever is asked");
        // newest first by default; the last alert is #100000
        assertEquals(100_000, page.get("items").get(0).get("id").asLong());
        page = b.getJson("/api/alerts?sid=2019403&offset=19990&limit=50&order=asc");
        assertEquals(20_000, page.get("total").asLong());
        assertEquals(10, page.get("items").size());
        assertEquals(2019403, page.get("items").get(0).get("sid").asLong());
        // host and severity filters: 10.0.3.1 is source of i%7==3; severity 1 is i%3==0
        long expected = 0;
        for (int i = 0; i < 100_000; i++) {
            if (i % 7 == 3 && i % 3 == 0) {
                expected++;
            }
        }
        assertEquals(expected, b.getJson("/api/alerts?host=10.0.3.1&severity=1&limit=1").get("total").asLong());
        // time range: the first second holds alerts 0..999
        assertEquals(1000, b.getJson("/api/alerts?from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00.999Z&limit=1").get("total").asLong());

        JsonNode stats = b.getJson("/api/stats");
        assertEquals(100_000, stats.get("alerts").asLong());
        long sum = 0;
        for (JsonNode k : stats.get("timeline")) {
            sum += k.get("count").asLong();
        }
        assertEquals(100_000, sum, "the timeline counts every alert once");
        assertTrue(stats.get("timeline").size() <= 49);
        assertEquals(5, stats.get("topRules").size());
        for (JsonNode r : stats.get("topRules")) {
            assertEquals(20_000, r.get("count").asLong());
        }
        JsonNode hosts = stats.get("topHosts");
        assertEquals("192.168.1.1", hosts.get(0).get("key").asText());
        assertEquals(100_000, hosts.get(0).get("count").asLong());

        JsonNode incidents = b.getJson("/api/incidents?limit=5");
        long raised = incidents.get("total").asLong();
        assertTrue(raised >= 7, "each host pair's Major alerts raise incidents: " + raised);
        assertEquals(5, incidents.get("items").size());
        assertEquals(console.index.incidentCount(), raised);
        JsonNode first = incidents.get("items").get(0);
        assertTrue(first.get("sids").toString().contains("2019401"));
        // the incident page and its alerts, paged
        JsonNode detail = b.getJson("/api/incidents/" + first.get("id").asLong() + "?limit=7");
        assertTrue(detail.get("alerts").get("total").asLong() >= 1);
        assertTrue(detail.get("alerts").get("items").size() <= 7);
        // the HTML list renders one page of rows, not 100k
        String html = b.get("/incidents").body();
        int rows = html.split("<tr class=\"incident").length - 1;
        assertTrue(rows > 0 && rows <= 50, "rows " + rows);
        assertTrue(html.contains("<svg class=\"chart\" id=\"chart-timeline\""));
        assertTrue(html.contains("id=\"alert-total\">100000<"), "totals are server-side");
    }

    @Test
    void alertDetailHasRuleTextFlowAndPayloadEscaped() throws Exception {
        start(20);
        Browser b = setUpAndLogin();
        JsonNode d = b.getJson("/api/alerts/1");
        assertEquals(2019401, d.get("alert").get("row").get("sid").asLong());
        assertTrue(d.get("rule").get("text").asText().contains("sid:2019401"));
        assertTrue(d.get("alert").get("payloadHex").asText().startsWith("47 45 54 20"), "GET ");
        assertTrue(d.get("alert").get("payloadText").asText().startsWith("GET /evil.php"));
        String html = b.get("/alerts/1").body();
        assertTrue(html.contains("ET TEST rule 2019401 &lt;script&gt;"), "msg escaped");
        assertFalse(html.contains("<script>"));
        assertTrue(html.contains("id=\"rule-text\">alert http any any"));
        assertTrue(html.contains("192.168.1.1:80"));
        assertEquals(404, b.get("/api/alerts/999").statusCode());
        // the incident page carries the rule texts and the first alert's flow and payload
        long incident = b.getJson("/api/incidents?sid=2019401&limit=1").get("items").get(0).get("id").asLong();
        String page = b.get("/incidents/" + incident).body();
        assertTrue(page.contains("<pre class=\"rule\" data-sid=\"2019401\">alert http any any -&gt; any any"), page);
        assertTrue(page.contains("GET /evil.php"), page);
        assertEquals(404, b.get("/incidents/424242").statusCode());
    }

    @Test
    void masksAreWrittenForTheSensorAndShownAndRemovable() throws Exception {
        start(100);
        Browser b = setUpAndLogin();
        assertEquals(0, b.getJson("/api/alerts?hideMasked=on&limit=1").get("total").asLong() - 100);
        assertEquals(201, b.api("POST", "/api/masks", "{\"kind\":\"sid\",\"sid\":2019402}", true).statusCode());
        assertEquals(201, b.api("POST", "/api/masks", "{\"kind\":\"sid-host\",\"sid\":2019403,\"host\":\"10.0.1.1\"}", true).statusCode());
        assertEquals(400, b.api("POST", "/api/masks", "{\"kind\":\"sid-host\",\"sid\":5,\"host\":\"not-an-ip\"}", true).statusCode());

        List<MaskSet.Mask> file = MaskFile.read(tmp.resolve("state/masks"));
        assertEquals(2, file.size());
        MaskSet sensor = new MaskSet();
        MaskFile.load(tmp.resolve("state/masks"), sensor);
        AlertRecord a = new AlertRecord();
        a.sid = 2019402;
        assertTrue(sensor.matches(a), "the sensor's mask set loads what the console wrote");

        // alerts of sid 2019402 show masked (the journal keeps them), hidden on request
        JsonNode all = b.getJson("/api/alerts?sid=2019402&limit=5");
        assertEquals(20, all.get("total").asLong());
        assertTrue(all.get("items").get(0).get("masked").asBoolean());
        assertEquals(0, b.getJson("/api/alerts?sid=2019402&hideMasked=on").get("total").asLong());
        // 2019403 masked only for 10.0.1.1 (i%7==1): the others stay
        long masked403 = 0;
        for (int i = 0; i < 100; i++) {
            if (i % 5 == 2 && i % 7 == 1) {
                masked403++;
            }
        }
        assertEquals(20 - masked403, b.getJson("/api/alerts?sid=2019403&hideMasked=on").get("total").asLong());
        long incident = b.getJson("/api/incidents?limit=1").get("items").get(0).get("id").asLong();
        assertEquals(201, b.api("POST", "/api/masks", "{\"kind\":\"incident\",\"incident\":" + incident + "}", true).statusCode());
        assertEquals(3, MaskFile.read(tmp.resolve("state/masks")).size());
        assertTrue(b.getJson("/api/incidents/" + incident).get("incident").get("masked").asBoolean());

        assertEquals(200, b.api("DELETE", "/api/masks/0", null, true).statusCode());
        assertEquals(2, MaskFile.read(tmp.resolve("state/masks")).size());
        // what stays hidden of sid 2019402 is the masked incident's flow
        JsonNode inc = b.getJson("/api/incidents/" + incident).get("incident");
        // one flow per source host in this journal: flow or host pair, the incident is one source host's
        String hostA = inc.get("hostA").asText();
        String other = hostA.equals("192.168.1.1") ? inc.get("hostB").asText() : hostA;
        int h = Integer.parseInt(other.split("\\.")[2]);
        long inFlow = 0;
        for (int i = 0; i < 100; i++) {
            if (i % 5 == 1 && i % 7 == h) {
                inFlow++;
            }
        }
        assertEquals(20 - inFlow, b.getJson("/api/alerts?sid=2019402&hideMasked=on").get("total").asLong());
        assertEquals(404, b.api("DELETE", "/api/masks/9", null, true).statusCode());
        List<String> audit = actions();
        assertTrue(audit.contains("admin mask sid:2019403 host:10.0.1.1"), audit.toString());
        assertTrue(audit.contains("admin mask incident:" + incident), audit.toString());
        assertTrue(audit.contains("admin unmask sid 2019402"), audit.toString());
    }

    @Test
    void ruleOffGoesToDisableConfAndAsksTheSensorToReload() throws Exception {
        start(10);
        Browser b = setUpAndLogin();
        // no sensor listening: saved, and the answer says the sensor was not reached
        HttpResponse<String> r = b.api("PUT", "/api/rules/2019401", "{\"enabled\":false}", true);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode j = JSON.readTree(r.body());
        assertTrue(j.get("disabled").asBoolean());
        assertFalse(j.get("reloaded").asBoolean());
        assertTrue(j.get("message").asText().contains("not reachable"), j.toString());
        assertTrue(Files.readAllLines(console.disableConf.file()).contains("1:2019401"));

        // a sensor control API that answers: the reload is asked for
        List<String> calls = new ArrayList<>();
        com.sun.net.httpserver.HttpServer sensor = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", console.config.controlPort()), 0);
        sensor.createContext("/control/", ex -> {
            calls.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        sensor.start();
        try {
            r = b.api("PUT", "/api/rules/2019401", "{\"enabled\":true}", true);
            j = JSON.readTree(r.body());
            assertFalse(j.get("disabled").asBoolean());
            assertTrue(j.get("reloaded").asBoolean(), j.toString());
            assertEquals(List.of("POST /control/reload"), calls);
            assertFalse(Files.readString(console.disableConf.file()).contains("2019401"));
            JsonNode hosts = b.getJson("/api/hosts");
            assertTrue(hosts.get(0).get("reachable").asBoolean());
        } finally {
            sensor.stop(0);
        }
        List<String> audit = actions();
        assertTrue(audit.contains("admin rule-off sid:2019401"), audit.toString());
        assertTrue(audit.contains("admin rule-on sid:2019401"), audit.toString());
    }

    @Test
    void settingsAreValidatedStoredAndMarkedUnsupported() throws Exception {
        start(10);
        Browser b = setUpAndLogin();
        HttpResponse<String> r = b.api("PUT", "/api/hosts/local/settings",
                "{\"mode\":\"only-listed\",\"processes\":[],\"httpsInspection\":true,\"inboundProfile\":\"huge\",\"outboundProfile\":\"full\",\"active\":true}", true);
        assertEquals(400, r.statusCode());
        String err = JSON.readTree(r.body()).get("error").asText();
        assertTrue(err.contains("processes: mode only-listed needs at least one process"), err);
        assertTrue(err.contains("inbound profile: one of [minimal, balanced, full], not 'huge'"), err);
        r = b.api("PUT", "/api/hosts/local/settings",
                "{\"mode\":\"all-but-listed\",\"processes\":[\"/usr/bin/backup\"],\"httpsInspection\":true,\"inboundProfile\":\"minimal\",\"outboundProfile\":\"full\",\"active\":true}", true);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(JSON.readTree(r.body()).get("sensorSupport").asText().contains("not yet supported by the sensor"));
        // the local sensor is asked to reload (none listens in this test: the answer says so)
        assertTrue(JSON.readTree(r.body()).get("sensor").asText().startsWith("stored, but the local sensor did not reload"), r.body());
        String stored = Files.readString(tmp.resolve("state/settings.json"));
        assertTrue(stored.contains("/usr/bin/backup") && stored.contains("all-but-listed"), stored);
        r = b.api("POST", "/api/hosts/active", "{\"hosts\":[\"local\"],\"active\":false}", true);
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(JSON.readTree(Files.readString(tmp.resolve("state/settings.json"))).get(0).get("active").asBoolean());
        assertEquals(400, b.api("POST", "/api/hosts/active", "{\"hosts\":[\"nowhere\"],\"active\":true}", true).statusCode());
        // the HTML form shows the problems
        b.get("/hosts/local/settings");
        r = b.form("/hosts/local/settings", Map.of("_csrf", b.csrf, "mode", "sideways", "inbound", "full", "outbound", "full"));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("mode: all, only-listed or all-but-listed, not &#39;sideways&#39;"), r.body());
    }

    /** The nft runs that load or delete a table (not the read-only listings). */
    List<String> nftScripts() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).equals(List.of("nft", "-f", "-"))) {
                out.add(scripts.get(i));
            }
        }
        return out;
    }

    @Test
    void blockPolicyIsGeneratedShownAndAppliedOnlyOnConfirmation() throws Exception {
        start(30);
        Browser b = setUpAndLogin();
        JsonNode first = b.getJson("/api/incidents?limit=1").get("items").get(0);
        long incident = first.get("id").asLong();
        HttpResponse<String> r = b.api("POST", "/api/block", "{\"incident\":" + incident + "}", true);
        assertEquals(201, r.statusCode(), r.body());
        JsonNode p = JSON.readTree(r.body());
        String id = p.get("id").asText();
        assertEquals("incident_" + incident, id);
        assertEquals("rampart_incident_" + incident, p.get("table").asText());
        String script = p.get("script").asText();
        // the policy module's script: both peers of the incident, every port, both ways
        assertTrue(script.contains("table inet rampart_incident_" + incident + " {"), script);
        assertTrue(script.contains("192.168.1.1") && script.contains(first.get("hostA").asText()), script);
        assertTrue(script.contains("# reason: incident " + incident), script);
        assertFalse(p.get("applied").asBoolean());
        assertTrue(commands.isEmpty(), "generating runs nothing");
        assertTrue(Files.isRegularFile(tmp.resolve("state/policies/" + id + ".json")), "stored by the policy module");
        assertEquals(400, b.api("POST", "/api/block/" + id + "/apply", "{}", true).statusCode());
        assertTrue(commands.isEmpty(), "no confirmation, no nft");
        r = b.api("POST", "/api/block/" + id + "/apply", "{\"confirm\":true}", true);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(JSON.readTree(r.body()).get("applied").asBoolean(), r.body());
        assertEquals(List.of(List.of("nft", "-f", "-")), commands);
        assertEquals(script, scripts.get(0), "nft gets exactly the script shown");
        loadedTables = "table ip filter\ntable inet rampart_incident_" + incident + "\n";
        assertEquals(1, b.getJson("/api/block").size());
        // the pages: the policy is shown, the form applies only with the box ticked
        assertTrue(b.get("/block").body().contains("href=\"/block/" + id + "\""));
        String policyPage = b.get("/block/" + id).body();
        assertTrue(policyPage.contains("id=\"policy-script\">#!/usr/sbin/nft -f\n# Rampart block policy " + id), policyPage);
        assertEquals(400, b.form("/block/" + id + "/apply", Map.of("_csrf", b.csrf)).statusCode());
        assertEquals(1, nftScripts().size(), "the unticked form ran nothing");
        assertEquals(302, b.form("/block/" + id + "/apply", Map.of("_csrf", b.csrf, "confirm", "yes")).statusCode());
        assertEquals(2, nftScripts().size(), "re-applying loads the script again (it replaces its own table)");
        for (String page : List.of("/hosts", "/masks", "/rules", "/audit", "/alerts?sort=score&order=asc", "/incidents?sort=alerts")) {
            HttpResponse<String> r2 = b.get(page);
            assertEquals(200, r2.statusCode(), page);
            assertTrue(r2.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"), page);
        }
        assertTrue(b.get("/hosts").body().contains("not yet supported by the sensor"));
        assertTrue(b.get("/audit").body().contains("block-generate"));
        assertEquals(400, b.get("/alerts?sort=bogus").statusCode());
        assertEquals(200, b.api("DELETE", "/api/block/" + id, null, true).statusCode());
        List<String> runs = nftScripts();
        assertEquals(3, runs.size());
        assertTrue(runs.get(2).contains("delete table inet rampart_incident_" + incident), runs.get(2));
        assertEquals(0, b.getJson("/api/block").size());
        assertNull(console.block.find(id));
        List<String> audit = actions();
        assertTrue(audit.contains("admin block-apply policy:" + id), audit.toString());
    }

    @Test
    void applyingWithoutRootRunsNothingAndSaysWhy() throws Exception {
        root = false;
        start(30);
        Browser b = setUpAndLogin();
        long incident = b.getJson("/api/incidents?limit=1").get("items").get(0).get("id").asLong();
        String id = JSON.readTree(b.api("POST", "/api/block", "{\"incident\":" + incident + "}", true).body()).get("id").asText();
        HttpResponse<String> r = b.api("POST", "/api/block/" + id + "/apply", "{\"confirm\":true}", true);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode p = JSON.readTree(r.body());
        assertFalse(p.get("applied").asBoolean());
        assertTrue(p.get("lastResult").asText().contains("only for root"), p.toString());
        assertTrue(nftScripts().isEmpty(), "nft is not run without root");
        assertTrue(b.get("/block/" + id).body().contains("only for root"));
        // never applied, so removing needs no nft (and no root)
        assertEquals(200, b.api("DELETE", "/api/block/" + id, null, true).statusCode());
        assertTrue(nftScripts().isEmpty());
        assertFalse(Files.exists(tmp.resolve("state/policies/" + id + ".json")));
    }
}

package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.detect.seclang.SecLangLoader;
import dev.rampart.engine.detect.seclang.SecLangRules;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.rules.seclang.SecLangParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SecLang rules on HTTP transactions in the detection stage: phases 1-2 when a request is complete,
 * 3-5 when its response is, each transaction with its own TX collection, alerts with the rule id
 * as signature id, the transaction id and a "seclang" member.
 */
class SecLangDetectTest {

    private static final String RULES = """
            SecDefaultAction "phase:1,log,pass"
            SecDefaultAction "phase:2,log,pass"
            SecDefaultAction "phase:4,log,pass"
            SecAction "id:900,phase:1,nolog,pass,setvar:tx.requests=+1"
            SecRule ARGS "@rx (?i)union\\s+select" "id:1001,phase:2,pass,capture,t:urlDecodeUni,msg:'SQL injection',\\
                logdata:'Matched %{TX.0} in %{MATCHED_VAR_NAME}',severity:CRITICAL,setvar:tx.score=+5"
            SecRule REQUEST_BODY "@contains secret" "id:1002,phase:2,pass,msg:'body'"
            SecRule RESPONSE_BODY "@contains SQL syntax" "id:1003,phase:4,pass,msg:'SQL error leak',chain"
                SecRule TX:score "@ge 5" "t:none"
            SecRule TX:requests "@gt 1" "id:1004,phase:2,pass,msg:'TX shared between transactions'"
            """;

    private record Seen(long sid, long pcapCnt, long txId, boolean toServer, String json) {
    }

    private static List<Seen> run(Trace trace) throws Exception {
        SecLangRules rules = SecLangRules.compile(SecLangParser.parse(RULES, "test.conf"), SecLangLoader.STANDARD);
        assertEquals(List.of(), rules.problems());
        DetectionPlan plan = new DetectHarness().plan.withSecLang(new SecLangPlan(rules));
        List<Seen> seen = new ArrayList<>();
        DetectStage stage = new DetectStage(plan, (e, r) -> seen.add(new Seen(e.rule.sid(), e.pcapCnt, e.txId,
                e.toServer, e.appLayerJson == null ? "" : new String(e.appLayerJson, 0, e.appLayerLength,
                        StandardCharsets.UTF_8))));
        DetectHarness.feed(PacketPath.withDetection(new PacketPath.Config(), stage), trace);
        return seen;
    }

    private static Trace session(String... clientServer) {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        TcpSession s = new TcpSession(t, DetectHarness.CLIENT, 40000, DetectHarness.SERVER, 80, 1000, 5000).handshake();
        for (int i = 0; i < clientServer.length; i++) {
            byte[] b = clientServer[i].getBytes(StandardCharsets.ISO_8859_1);
            if (b.length == 0) continue;
            if (i % 2 == 0) s.clientSends(b);
            else s.serverSends(b);
        }
        s.close();
        return t;
    }

    @Test
    void requestRulesAlertWhenTheRequestIsCompleteAndResponseRulesWhenTheResponseIs() throws Exception {
        List<Seen> seen = run(session(
                "GET /item?id=1%20UNION%20%20SELECT%20pass HTTP/1.1\r\nHost: shop\r\n\r\n",
                "HTTP/1.1 500 Error\r\nContent-Type: text/html\r\nContent-Length: 30\r\n\r\nerror in your SQL syntax near."));
        assertEquals(2, seen.size(), seen.toString());
        Seen req = seen.get(0);
        assertEquals(1001, req.sid());
        assertEquals(0, req.txId());
        assertTrue(req.toServer());
        assertTrue(req.json().contains("\"seclang\":{\"id\":1001,\"msg\":\"SQL injection\","
                + "\"data\":\"Matched UNION  SELECT in ARGS:id\",\"matched_var_name\":\"ARGS:id\""), req.json());
        assertTrue(req.json().contains("\"http\":{"), "the transaction's http object goes with it: " + req.json());
        Seen resp = seen.get(1);
        assertEquals(1003, resp.sid());
        assertEquals(0, resp.txId());
        assertTrue(!resp.toServer() && resp.pcapCnt() > req.pcapCnt(), seen.toString());
    }

    @Test
    void eachTransactionHasItsOwnTxCollection() throws Exception {
        List<Seen> seen = run(session(
                "GET /a HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
                "GET /b?q=union+select+1 HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        // 1004 would fire if the second request saw the first one's tx.requests
        assertEquals(List.of("1001#1"), seen.stream().map(s -> s.sid() + "#" + s.txId()).toList());
    }

    @Test
    void aPostWithoutContentLengthHasNoBodyForTheServer() throws Exception {
        List<Seen> framed = run(session("POST /f HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 9\r\n\r\nsecret=1&", ""));
        assertEquals(List.of(1002L), framed.stream().map(Seen::sid).toList());
        List<Seen> unframed = run(session("POST /f HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n"
                + "secret=1&", ""));
        assertEquals(List.of(), unframed.stream().map(Seen::sid).toList());
    }

    @Test
    void aMatchOfRulesNoLongerInThePlanKeepsItsIdentity() throws Exception {
        // a transaction evaluated since before a reload ends with its rules: its alerts are not dropped
        SecLangRules before = SecLangRules.compile(SecLangParser.parse(RULES, "before.conf"), SecLangLoader.STANDARD);
        SecLangRules after = SecLangRules.compile(SecLangParser.parse(
                "SecRule ARGS \"@rx x\" \"id:7,phase:2,pass,log,msg:'new'\"\n", "after.conf"), SecLangLoader.STANDARD);
        dev.rampart.engine.detect.seclang.SecRuleProgram old = before.rules().stream()
                .filter(r -> r.id() == 1001).findFirst().orElseThrow();
        dev.rampart.engine.detect.seclang.SecLangMatch m = new dev.rampart.engine.detect.seclang.SecLangMatch(
                old, 2, "SQL injection", "", "ARGS:id", "1 union select");
        CompiledRule r = new SecLangPlan(after).alertRule(m);
        assertEquals(1001, r.sid());
        assertEquals("SQL injection", r.msg());
        assertEquals(1, r.priority(), "CRITICAL");
        assertEquals(1001, SecLangPlan.identity(m).sid());
    }

    @Test
    void ruleProfilingCountsEachSecLangRuleAndWritesItsSource() throws Exception {
        SecLangRules rules = SecLangRules.compile(SecLangParser.parse(RULES, "test.conf"), SecLangLoader.STANDARD);
        DetectionPlan plan = new DetectHarness().plan.withSecLang(new SecLangPlan(rules));
        RuleProfiler profiler = new RuleProfiler(plan);
        DetectStage stage = new DetectStage(plan, (e, r) -> { }, profiler);
        DetectHarness.feed(PacketPath.withDetection(new PacketPath.Config(), stage), session(
                "GET /a?id=union+select+1 HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                "GET /b HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        // two transactions: each rule of a phase is evaluated once per transaction
        assertEquals(2, profiler.secLangChecks(1001));
        assertEquals(1, profiler.secLangMatches(1001));
        assertEquals(2, profiler.secLangChecks(900));
        assertEquals(2, profiler.secLangMatches(900), "a SecAction always matches");
        assertEquals(2, profiler.secLangChecks(1003));
        assertEquals(0, profiler.secLangMatches(1003));
        assertTrue(profiler.secLangTicks(1001) > 0);
        assertEquals(0, profiler.secLangChecks(4242), "not a rule of the set");
        java.io.StringWriter w = new java.io.StringWriter();
        profiler.writeJson(w, 1);
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(w.toString());
        com.fasterxml.jackson.databind.JsonNode row = null;
        long sum = 0;
        for (com.fasterxml.jackson.databind.JsonNode n : root.get("rules")) {
            sum += n.get("ticks_total").asLong();
            if (n.path("seclang").asBoolean() && n.get("signature_id").asLong() == 1001) row = n;
        }
        assertTrue(row != null, w.toString());
        assertEquals(2, row.get("checks").asLong());
        assertEquals(1, row.get("matches").asLong());
        assertEquals("test.conf:5", row.get("source").asText());
        assertEquals(2, row.get("phase").asInt());
        assertTrue(row.get("logs").asBoolean());
        assertEquals(sum, root.get("rules_total_ticks").asLong(), "the total holds the SecLang rules too");
    }

    @Test
    void aRequestWithoutResponseIsStillInspectedAtTheFlowsEnd() throws Exception {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, DetectHarness.CLIENT, 40000, DetectHarness.SERVER, 80, 1000, 5000).handshake()
                .clientSends("GET /?x=union%20select%201 HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of(1001L), run(t).stream().map(Seen::sid).toList());
    }
}

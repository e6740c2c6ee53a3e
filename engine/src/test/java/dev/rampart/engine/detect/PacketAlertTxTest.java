package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.synth.Dns;
import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which transaction a packet or stream alert logs (Suricata's DetectRulePacketRules): app-layer
 * rules on UDP take the direction's inspect id, other rules only with detect.guess-applayer-tx and
 * only when that transaction is the only live one of the direction; each transaction at most
 * detect.stream-tx-log-limit times. Expected values are what Suricata 7.0.10 logged on the same
 * shapes (dns-notify: query tx 0, answer tx 1; bug-130 with guessing: tx 0, tx_guessed).
 */
class PacketAlertTxTest {
    record Logged(long sid, long pcapCnt, long txId, boolean guessed, boolean hasAppJson) {
    }

    private static List<Logged> run(boolean guess, int limit, Trace trace, String... rules) throws Exception {
        RuleParser parser = new RuleParser(RuleEnvironment.suricataDefaults());
        List<Rule> list = new ArrayList<>();
        for (String r : rules) {
            list.add(parser.parse(r));
        }
        DetectionPlan plan = DetectionPlan.build(list, RuleEnvironment.suricataDefaults());
        List<Logged> out = new ArrayList<>();
        DetectStage stage = new DetectStage(plan, (e, r) -> out.add(new Logged(e.rule.sid(), e.pcapCnt, e.txId,
                e.txGuessed, e.appLayerJson != null && e.appLayerLength > 0)));
        stage.setTxGuess(guess, limit);
        DetectHarness.feed(PacketPath.withDetection(new PacketPath.Config(), stage), trace);
        return out;
    }

    private static Trace dnsQueryAndAnswer() {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        t.udp(DetectHarness.CLIENT, 40000, DetectHarness.SERVER, 53, 1, Dns.query(0x1234, "a.example", Dns.TYPE_A));
        t.udp(DetectHarness.SERVER, 53, DetectHarness.CLIENT, 40000, 2, Dns.response(0x1234, "a.example", Dns.TYPE_A,
                Dns.RCODE_NOERROR, List.of(Dns.Answer.a(60, "192.0.2.1"))));
        return t;
    }

    private static Logged only(List<Logged> all, long sid, long pcapCnt) {
        List<Logged> l = all.stream().filter(x -> x.sid() == sid && x.pcapCnt() == pcapCnt).toList();
        assertEquals(1, l.size(), () -> "sid " + sid + " at " + pcapCnt + ": " + all);
        return l.get(0);
    }

    @Test
    void anAppLayerRuleOnUdpLogsTheDirectionsTransactionWithoutGuessing() throws Exception {
        List<Logged> a = run(false, 4, dnsQueryAndAnswer(),
                "alert dns any any -> any any (msg:\"dns raw\"; content:\"|12 34|\"; sid:1;)",
                "alert udp any any -> any any (msg:\"udp raw\"; content:\"|12 34|\"; sid:2;)");
        Logged q = only(a, 1, 1);
        assertEquals(0, q.txId());
        assertFalse(q.guessed());
        assertTrue(q.hasAppJson());
        // the answer is its own one-sided transaction: the query's is behind this direction's inspect id
        assertEquals(1, only(a, 1, 2).txId());
        assertEquals(-1, only(a, 2, 1).txId(), "a udp rule has no app layer: no transaction");
        assertEquals(-1, only(a, 2, 2).txId());
    }

    /**
     * A DNS message is done for the other direction at once: the pass that inspects it releases it,
     * so an ended DNS flow keeps no transaction until it times out, and one object serves query
     * after answer, flow after flow. Before, each flow's answer waited for a query that never came
     * (a new object per flow). Alerts still carry the message's dns members: they are written
     * before the next message is parsed into the released object.
     */
    @Test
    void eachDnsMessageIsReleasedByThePassThatInspectsIt() throws Exception {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        int flows = 40;
        for (int i = 0; i < flows; i++) {
            int port = 40000 + i;
            t.udp(DetectHarness.CLIENT, port, DetectHarness.SERVER, 53, 1 + 2 * i, Dns.query(0x1000 + i, "a.example", Dns.TYPE_A));
            t.udp(DetectHarness.SERVER, 53, DetectHarness.CLIENT, port, 2 + 2 * i, Dns.response(0x1000 + i, "a.example",
                    Dns.TYPE_A, Dns.RCODE_NOERROR, List.of(Dns.Answer.a(60, "192.0.2.1"))));
        }
        List<Integer> sparesAtAlert = new ArrayList<>();
        List<Logged> alerts = new ArrayList<>();
        int[] sparesAtEnd = {-1};
        Thread th = new Thread(() -> { // a thread of its own: its spares start empty
            Rule rule;
            try {
                rule = new RuleParser(RuleEnvironment.suricataDefaults()).parse(
                        "alert dns any any -> any any (msg:\"name\"; content:\"|01|a|07|example\"; sid:7;)");
            } catch (dev.rampart.rules.RuleParseException e) {
                throw new IllegalStateException(e);
            }
            DetectionPlan plan = DetectionPlan.build(List.of(rule), RuleEnvironment.suricataDefaults());
            DetectStage stage = new DetectStage(plan, (e, r) -> {
                alerts.add(new Logged(e.rule.sid(), e.pcapCnt, e.txId, e.txGuessed,
                        e.appLayerJson != null && e.appLayerLength > 0));
                sparesAtAlert.add(dev.rampart.engine.applayer.dns.DnsSession.sparesOfThisThread());
            });
            DetectHarness.feed(PacketPath.withDetection(new PacketPath.Config(), stage), t);
            sparesAtEnd[0] = dev.rampart.engine.applayer.dns.DnsSession.sparesOfThisThread();
        });
        th.start();
        th.join();
        assertEquals(2 * flows, alerts.size(), () -> "one alert per message: " + alerts);
        for (int i = 0; i < alerts.size(); i++) {
            Logged l = alerts.get(i);
            assertTrue(l.hasAppJson(), () -> "the message's dns members: " + l);
            assertEquals(l.pcapCnt() % 2 == 1 ? 0 : 1, l.txId(), () -> "query tx 0, answer tx 1: " + l);
            assertEquals(1, sparesAtAlert.get(i), "alert " + i + ": its message is back for reuse");
        }
        assertEquals(1, sparesAtEnd[0], "one DNS transaction object served every message");
    }

    @Test
    void aTcpPacketRuleGetsTheOnlyLiveTransactionOnlyWhenGuessingIsOn() throws Exception {
        String rule = "alert tcp any any -> any any (msg:\"status\"; flow:to_client; content:\"HTTP/1.1 401\"; sid:3;)";
        Trace t = DetectHarness.httpExchange("GET /a HTTP/1.1\r\nHost: x\r\n\r\n",
                "HTTP/1.1 401 No\r\nContent-Length: 2\r\n\r\nok");
        Logged off = run(false, 4, t, rule).get(0);
        assertEquals(-1, off.txId());
        assertFalse(off.hasAppJson());
        Logged on = run(true, 4, t, rule).get(0);
        assertEquals(0, on.txId());
        assertTrue(on.guessed());
        assertTrue(on.hasAppJson());
    }

    @Test
    void aTransactionIsLoggedWithPacketAlertsAtMostTheLimit() throws Exception {
        Trace t = DetectHarness.httpExchange("GET /a HTTP/1.1\r\nHost: x\r\n\r\n",
                "HTTP/1.1 401 No\r\nContent-Length: 2\r\n\r\nok");
        List<Logged> a = run(true, 1, t,
                "alert tcp any any -> any any (msg:\"one\"; flow:to_client; content:\"HTTP/1.1\"; sid:4;)",
                "alert tcp any any -> any any (msg:\"two\"; flow:to_client; content:\"401\"; sid:5;)");
        assertEquals(2, a.size(), a::toString);
        assertEquals(0, a.get(0).txId());
        assertEquals(-1, a.get(1).txId(), "over detect.stream-tx-log-limit 1");
    }
}

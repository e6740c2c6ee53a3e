package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.Frame;
import dev.rampart.capture.LinkType;
import dev.rampart.capture.PcapPacket;
import dev.rampart.capture.synth.Host;
import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A reload publishes a new plan between packets: flows keep their bits by name, rule changes take effect at once. */
class PlanReloadTest {
    private static final Host CLIENT = Host.of("10.0.0.1", "02:00:00:00:00:01");
    private static final Host SERVER = Host.of("192.0.2.10", "02:00:00:00:00:02");

    /** (sid, pcap_cnt) per alert. */
    private final List<long[]> alerts = new ArrayList<>();
    private PacketPath path;
    private PlanSwitch plans;
    private long index;

    private static DetectionPlan plan(String... rules) {
        RuleParser parser = new RuleParser(RuleEnvironment.suricataDefaults());
        List<Rule> list = new ArrayList<>();
        for (String r : rules) {
            try {
                list.add(parser.parse(r));
            } catch (Exception e) {
                throw new IllegalArgumentException(r, e);
            }
        }
        return DetectionPlan.build(list, RuleEnvironment.suricataDefaults());
    }

    private void start(DetectionPlan first) {
        plans = new PlanSwitch(first);
        DetectStage stage = new DetectStage(first, (e, r) -> alerts.add(new long[] {e.rule.sid(), e.pcapCnt}));
        stage.follow(plans);
        path = PacketPath.withDetection(new PacketPath.Config(), stage);
    }

    private void udp(int clientPort, String payload) {
        Trace t = new Trace(1_700_000_000_000_000L + index * 1000, 1000);
        t.udp(CLIENT, clientPort, SERVER, 9999, (int) index + 1, payload.getBytes(StandardCharsets.ISO_8859_1));
        for (PcapPacket pp : t.packets()) {
            byte[] d = pp.data();
            path.onFrame(new Frame().set(ByteBuffer.wrap(d), 0, d.length, d.length, LinkType.ETHERNET,
                    pp.timestampMicros() * 1000, ++index, 0));
        }
    }

    private List<String> alertList() {
        return alerts.stream().map(a -> a[0] + "@" + a[1]).toList();
    }

    @Test
    void flowbitsSetBeforeAReloadAreSeenByARuleAfterItEvenWhenTheirSlotMoved() {
        start(plan(
                "alert udp any any -> any any (msg:\"login\"; content:\"login\"; flowbits:set,auth; flowbits:noalert; sid:1;)",
                "alert udp any any -> any any (msg:\"cmd\"; content:\"cmd\"; flowbits:isset,auth; sid:2;)"));
        udp(40000, "login");                 // 1: sets auth on flow 40000
        udp(40001, "hello");                 // 2: flow 40001 without the bit
        // the new plan names another flowbit first: "auth" moves from slot 0 to slot 1
        assertEquals(2, plans.publish(plan(
                "alert udp any any -> any any (msg:\"other\"; content:\"zzz\"; flowbits:set,other; flowbits:noalert; sid:10;)",
                "alert udp any any -> any any (msg:\"login\"; content:\"login\"; flowbits:set,auth; flowbits:noalert; sid:1;)",
                "alert udp any any -> any any (msg:\"cmd v2\"; content:\"cmd\"; flowbits:isset,auth; sid:3;)")));
        udp(40000, "cmd");                   // 3: bit survived the reload: sid 3 alerts
        udp(40001, "cmd");                   // 4: no bit: nothing
        udp(40001, "zzz");                   // 5: sets other (slot 0) on 40001: must not read as auth
        udp(40001, "cmd");                   // 6: still nothing
        path.finish();
        assertEquals(List.of("3@3"), alertList());
    }

    @Test
    void flowintsSurviveAReloadByName() {
        start(plan(
                "alert udp any any -> any any (msg:\"count\"; content:\"x\"; flowint:hits,+,1; noalert; sid:1;)"));
        udp(40000, "x");
        udp(40000, "x");
        plans.publish(plan(
                "alert udp any any -> any any (msg:\"unrelated\"; content:\"q\"; flowint:other,=,5; noalert; sid:5;)",
                "alert udp any any -> any any (msg:\"count\"; content:\"x\"; flowint:hits,+,1; noalert; sid:1;)",
                "alert udp any any -> any any (msg:\"third\"; content:\"x\"; flowint:hits,==,3; sid:2;)"));
        udp(40000, "x");                     // 3: hits 2 -> 3, sid 2 sees 3
        udp(40000, "x");                     // 4: hits 4
        path.finish();
        assertEquals(List.of("2@3"), alertList());
    }

    private void feed(List<PcapPacket> packets) {
        for (PcapPacket pp : packets) {
            byte[] d = pp.data();
            path.onFrame(new Frame().set(ByteBuffer.wrap(d), 0, d.length, d.length, LinkType.ETHERNET,
                    pp.timestampMicros() * 1000, ++index, 0));
        }
    }

    @Test
    void aTransactionKeepsItsAlertedMarksByRuleNotByEvaluationPosition() {
        // gen 1: orders 0 = sid 50, 1 = sid 100; gen 2: 0 = sid 5, 1 = sid 6, 2 = sid 100
        start(plan(
                "alert http any any -> any any (msg:\"removed\"; http.uri; content:\"/a\"; sid:50;)",
                "alert http any any -> any any (msg:\"kept\"; http.uri; content:\"/a\"; sid:100;)"));
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        TcpSession ssn = new TcpSession(t, CLIENT, 41000, SERVER, 80, 1000, 9000).handshake()
                .clientSends("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII))
                // IDS mode: the request is inspected on the next packet towards the server after its ACK
                .clientSends("01234".getBytes(StandardCharsets.US_ASCII));
        int headers = t.packets().size();
        ssn.clientSends("56789".getBytes(StandardCharsets.US_ASCII))
                .serverSends("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
                .close();
        List<PcapPacket> all = t.packets();
        feed(all.subList(0, headers));
        assertEquals(List.of(50L, 100L), alerts.stream().map(a -> a[0]).sorted().toList());
        alerts.clear();
        plans.publish(plan(
                "alert http any any -> any any (msg:\"body\"; http.request_body; content:\"0123\"; sid:5;)",
                "alert http any any -> any any (msg:\"uri too\"; http.uri; content:\"/zzz\"; sid:6;)",
                "alert http any any -> any any (msg:\"kept\"; http.uri; content:\"/a\"; sid:100;)"));
        // more body makes the transaction inspected again: the kept rule already alerted on it, the new one has not
        feed(all.subList(headers, all.size()));
        path.finish();
        assertEquals(List.of(5L), alerts.stream().map(a -> a[0]).toList());
    }

    @Test
    void aRemovedRuleStopsAlertingAndAnAddedOneStarts() {
        start(plan(
                "alert udp any any -> any any (msg:\"old\"; content:\"evil\"; sid:1;)",
                "alert udp any any -> any any (msg:\"kept\"; content:\"bad\"; sid:2;)"));
        udp(40000, "evil bad");              // 1: sids 1, 2
        plans.publish(plan(
                "alert udp any any -> any any (msg:\"kept\"; content:\"bad\"; sid:2;)",
                "alert udp any any -> any any (msg:\"new\"; content:\"evil\"; sid:7;)"));
        udp(40000, "evil bad");              // 2: sids 2, 7 on the same flow
        udp(40002, "evil");                  // 3: a new flow: sid 7
        plans.publish(plan(
                "alert udp any any -> any any (msg:\"old\"; content:\"evil\"; sid:1;)",
                "alert udp any any -> any any (msg:\"kept\"; content:\"bad\"; sid:2;)"));
        udp(40000, "evil");                  // 4: back to sid 1
        path.finish();
        assertEquals(List.of("1@1", "2@1", "2@2", "7@2", "7@3", "1@4"), alertList());
    }
}

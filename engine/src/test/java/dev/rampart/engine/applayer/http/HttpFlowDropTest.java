package dev.rampart.engine.applayer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.Frame;
import dev.rampart.capture.LinkType;
import dev.rampart.capture.PcapPacket;
import dev.rampart.capture.synth.Host;
import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.detect.DetectStage;
import dev.rampart.engine.detect.DetectionPlan;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.engine.testutil.FreshThread;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A flow that ends with a transaction still open (a response cut short) is inspected first (its
 * unfinished body alerts at the flow's end); then the transaction, its pooled body buffer and the
 * inflater of an unfinished gzip body are back in the thread's pools, not dropped with the flow.
 */
class HttpFlowDropTest {
    private static final Host CLIENT = Host.of("10.0.0.1", "02:00:00:00:00:01");
    private static final Host SERVER = Host.of("192.0.2.10", "02:00:00:00:00:02");

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Bytes that compress poorly enough to need several packets, with MARKER inside. */
    private static byte[] body(int n) {
        byte[] out = new byte[n];
        long x = 12345;
        for (int i = 0; i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            out[i] = (byte) ('a' + (int) ((x >>> 33) % 26));
        }
        System.arraycopy(b("MARKER"), 0, out, 100, 6);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Two flows whose responses stop mid-body (no close): plain with Content-Length, and gzip. */
    private static Trace cutResponses() {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        byte[] plain = body(3000);
        new TcpSession(t, CLIENT, 40000, SERVER, 80, 1000, 5000).handshake()
                .clientSends(b("GET /plain HTTP/1.1\r\nHost: a\r\n\r\n"))
                .serverSends(concat(b("HTTP/1.1 200 OK\r\nContent-Length: 10000\r\n\r\n"), plain));
        byte[] zipped = InflaterPoolTest.gzip(body(40_000));
        byte[] half = java.util.Arrays.copyOf(zipped, zipped.length / 2);
        new TcpSession(t, CLIENT, 40001, SERVER, 80, 2000, 6000).handshake()
                .clientSends(b("GET /zipped HTTP/1.1\r\nHost: a\r\n\r\n"))
                .serverSends(concat(b("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + zipped.length
                        + "\r\n\r\n"), half));
        return t;
    }

    @Test
    void anEndedFlowsOpenTransactionGoesBackToTheThreadsPoolsAfterItsLastInspection() throws Exception {
        DetectionPlan plan = DetectionPlan.build(List.of(new RuleParser(RuleEnvironment.suricataDefaults()).parse(
                "alert http any any -> any any (msg:\"body\"; flow:to_client; http.response_body; content:\"MARKER\"; "
                        + "sid:1;)")), RuleEnvironment.suricataDefaults());
        FreshThread.run(() -> {
            List<String> alerts = new ArrayList<>();
            PacketPath.Config config = new PacketPath.Config();
            PacketPath path = PacketPath.withDetection(config, new DetectStage(plan, (e, r) -> alerts.add(
                    r.sid() + "@" + e.pcapCnt)));
            long index = 0;
            for (PcapPacket pp : cutResponses().packets()) {
                byte[] d = pp.data();
                path.onFrame(new Frame().set(ByteBuffer.wrap(d), 0, d.length, d.length, LinkType.ETHERNET,
                        pp.timestampMicros() * 1000, ++index, 0));
            }
            assertEquals(0, config.http.txSpares.get().size(), "both transactions are open");
            assertEquals(0, InflaterPool.ofThisThread().kept(), "the gzip body holds its inflater");
            path.finish(); // the end of the capture ends both flows

            // both unfinished bodies were inspected at the flows' end, before anything went back
            assertEquals(2, alerts.size(), alerts.toString());
            assertEquals(2, config.http.txSpares.get().size(), "both open transactions back in the thread's spares");
            assertEquals(1, InflaterPool.ofThisThread().kept(), "the unfinished gzip body's inflater");
            assertTrue(BodyBuffers.ofThisThread().size() >= 2, "the pooled body buffers of both responses: "
                    + BodyBuffers.ofThisThread().size());
        });
    }

    @Test
    void dropAllRecyclesFinishedAndUnfinishedTransactions() throws InterruptedException {
        FreshThread.run(() -> {
            HttpConfig cfg = new HttpConfig();
            HttpParser p = new HttpParser(cfg);
            byte[] req = b("GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\n");
            p.onData(true, req, 0, req.length);
            byte[] res = b("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 9000\r\n\r\n"
                    + "x".repeat(4000));
            p.onData(false, res, 0, res.length);
            assertEquals(2, p.txCount());
            assertTrue(p.tx(0).isComplete());
            p.dropAll();
            assertEquals(0, p.txCount());
            assertEquals(2, cfg.txSpares.get().size());
            assertEquals(1, BodyBuffers.ofThisThread().size(), "the second response's pooled body buffer");
        });
    }
}

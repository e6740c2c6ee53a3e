package dev.rampart.engine.pipeline;

import dev.rampart.capture.Frame;
import dev.rampart.capture.LinkType;
import dev.rampart.capture.PcapPacket;
import dev.rampart.capture.synth.Dns;
import dev.rampart.capture.synth.Host;
import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Tls;
import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.detect.DetectStage;
import dev.rampart.engine.detect.DetectionPlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.zip.GZIPOutputStream;

/**
 * Traffic of our own (HTTP/1.1 keep-alive with a plain, a form and a chunked gzip exchange, a TLS
 * client hello, DNS) run through a throwaway packet path with a plan's detection before the first
 * real packet, so that the JIT has compiled the packet path by then. Why: the first ~0.5 s of a
 * scan ran below speed while C1 compiled ~600 packet-path methods, and with 2 workers on 2 cores
 * the compiler threads preempted the workers (a {@code sched_switch} trace: 225 times in the first
 * 0.6 s), time one thread gets on the idle core.
 *
 * <p>Isolated from the run that follows: its own packet path (flows, flow ids), its own
 * {@link DetectStage} with its own host state (thresholds, host and IP-pair bits) and an alert
 * sink that drops everything. What it shares with the real run is the plan, whose only state a
 * packet can change is a dataset's: a plan with rules that add to or remove from a dataset is not
 * warmed up ({@link DetectionPlan#writesDatasets}).
 */
public final class PacketWarmup {
    private static final Host CLIENT = Host.of("10.200.0.10", "02:00:00:00:10:01");
    private static final Host SERVER = Host.of("198.51.100.80", "02:00:00:00:10:02");
    private static final Host RESOLVER = Host.of("10.200.0.53", "02:00:00:00:10:03");
    /** The same in every round: a page with its length, and a gzip page in 300-byte chunks. */
    private static final byte[] PAGE_RESPONSE = page();
    private static final byte[] GZIP_CHUNKED_RESPONSE = gzipChunked();

    private PacketWarmup() {
    }

    /** Rounds the default warm-up runs at least (~1,700 packets: every packet-path method is past C1's threshold). */
    static final int MIN_ROUNDS = 100;
    /** Rounds and time the default warm-up runs at most, whatever the JIT does. */
    static final int MAX_ROUNDS = 3_000;
    static final long MAX_NANOS = 1_000_000_000L;
    /**
     * The default warm-up ends once the JIT has finished no compilation for this long: the methods
     * the traffic made hot are compiled, not still queued. A fixed 250 ms had left the JIT busy: with
     * 2 workers another thread (the file fanout's preparation) took a core meanwhile, the warm-up ran
     * 650-1,600 packets instead of 6,000-9,000, and C1 compiled for 220-280 ms more inside the packet
     * phase (single runmode: 40-55 ms), preempting the workers.
     */
    static final long JIT_QUIET_NANOS = 20_000_000L;

    /**
     * The default warm-up: {@link #MIN_ROUNDS} rounds at least, then until the JIT has been quiet for
     * {@link #JIT_QUIET_NANOS}, within {@link #MAX_ROUNDS} rounds and {@link #MAX_NANOS}.
     */
    public static long run(DetectionPlan plan, PacketPath.Config config) {
        return run(plan, config, MIN_ROUNDS, MAX_ROUNDS, MAX_NANOS, PacketWarmup::jitMillis);
    }

    /**
     * Runs rounds of the traffic through a path built like {@code config}'s with {@code plan}'s
     * detection, then ends its flows; returns the packets it ran (none when the plan writes
     * datasets). One round at least; after {@code minRounds}, it stops once {@code jitMillis} (the
     * JIT's total compilation time) has not changed for {@link #JIT_QUIET_NANOS}; it stops at
     * {@code maxRounds} rounds or {@code maxNanos} in any case.
     */
    static long run(DetectionPlan plan, PacketPath.Config config, int minRounds, int maxRounds, long maxNanos,
            LongSupplier jitMillis) {
        if (plan.writesDatasets()) {
            return 0;
        }
        DetectStage stage = new DetectStage(plan, (alert, rule) -> { }, null);
        PacketPath path = PacketPath.withDetection(config, stage);
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 17); // frames come from direct buffers in a scan; any fits
        Frame frame = new Frame();
        long start = System.nanoTime();
        long jit = jitMillis.getAsLong();
        long jitChanged = start;
        long packets = 0;
        for (int round = 0; round < maxRounds; round++) {
            for (PcapPacket pp : round(round).packets()) {
                byte[] d = pp.data();
                buf.clear();
                buf.put(d).flip();
                path.onFrame(frame.set(buf, 0, d.length, d.length, LinkType.ETHERNET, pp.timestampMicros() * 1000,
                        ++packets, 0));
            }
            long now = System.nanoTime();
            long j = jitMillis.getAsLong();
            if (j != jit) {
                jit = j;
                jitChanged = now;
            }
            if (now - start >= maxNanos || (round + 1 >= minRounds && now - jitChanged >= JIT_QUIET_NANOS)) {
                break;
            }
        }
        path.finish();
        return packets;
    }

    /** The JIT's total compilation time so far in ms (constant where the JVM does not report it). */
    public static long jitMillis() {
        CompilationMXBean c = ManagementFactory.getCompilationMXBean();
        return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : 0;
    }

    /** One round: new flows (ports from the round number), a second of capture time after the last round's. */
    static Trace round(int r) {
        Trace t = new Trace(1_700_000_000_000_000L + r * 1_000_000L, 200);
        int port = 20000 + (r % 40000);
        TcpSession http = new TcpSession(t, CLIENT, port, SERVER, 80, 1000L + r, 5000L + r).handshake();
        http.clientSends(ascii("GET /index.php?id=" + r + "&q=warm HTTP/1.1\r\nHost: www.example.com\r\n"
                + "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64)\r\nAccept: */*\r\n"
                + "Accept-Encoding: gzip, deflate\r\nCookie: s=" + r + "\r\nReferer: http://www.example.com/\r\n\r\n"));
        http.serverSends(PAGE_RESPONSE);
        String form = "user=warm&pass=" + r + "&submit=Login";
        http.clientSends(ascii("POST /login.php HTTP/1.1\r\nHost: www.example.com\r\nContent-Type: "
                + "application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n\r\n" + form));
        http.serverSends(GZIP_CHUNKED_RESPONSE);
        http.close();
        TcpSession tls = new TcpSession(t, CLIENT, port + 1, SERVER, 443, 7000L + r, 9000L + r).handshake();
        tls.clientSends(Tls.clientHello("warm" + (r % 7) + ".example.com", r));
        tls.close();
        String name = "www" + (r % 5) + ".example.org";
        t.udp(CLIENT, port + 2, RESOLVER, 53, r, Dns.query(r & 0xffff, name, Dns.TYPE_A));
        t.udp(RESOLVER, 53, CLIENT, port + 2, r + 1, Dns.response(r & 0xffff, name, Dns.TYPE_A, Dns.RCODE_NOERROR,
                List.of(Dns.Answer.a(300, "192.0.2." + (1 + r % 200)))));
        return t;
    }

    private static byte[] page() {
        String page = "<html><body>" + "hello ".repeat(200) + "</body></html>";
        return ascii("HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/html\r\nContent-Length: "
                + page.length() + "\r\n\r\n" + page);
    }

    private static byte[] gzipChunked() {
        byte[] body = gzip(ascii("<html><head><title>warm</title></head><body>" + "warm ".repeat(400) + "</body></html>"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n"));
        for (int off = 0; off < body.length; off += 300) {
            int n = Math.min(300, body.length - off);
            out.writeBytes(ascii(Integer.toHexString(n) + "\r\n"));
            out.write(body, off, n);
            out.writeBytes(ascii("\r\n"));
        }
        out.writeBytes(ascii("0\r\n\r\n"));
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}

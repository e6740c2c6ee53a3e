package dev.rampart.perf.gen;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes a deterministic, realistic-looking capture of a requested size for benchmarks: up to a
 * thousand concurrent conversations interleaved packet by packet in time (HTTP/1.1 keep-alive
 * connections, TLS 1.3 sessions, DNS over UDP, ICMP echo), clients on RFC 1918 addresses
 * (Suricata's default HOME_NET) and servers on public ones. The same seed and size give the same
 * bytes. Conversations are produced one packet at a time from shared body pools, so memory stays
 * bounded whatever the size.
 *
 * <pre>perf/gen-traffic --size 500M --seed 1 -o /tmp/big.pcap</pre>
 */
public final class TrafficGenerator {
    /** 2024-03-01T12:00:00Z: first packet's timestamp. */
    static final long START_MICROS = 1_709_294_400_000_000L;
    /** Mean gap between two packets of the whole capture (~25,000 packets/s). */
    static final int MEAN_GAP_MICROS = 40;
    private static final int CLIENTS = 1200;
    /** What an open conversation adds on average once told to wind down (the rest of a response). */
    private static final long WIND_DOWN_BYTES = 16 * 1024;

    /**
     * @param targetBytes file size to aim for; near it, new conversations stop and open ones finish
     *                    the message under way, so the result is close (a few percent), not exact
     * @param seed        same seed, same bytes
     * @param concurrency conversations open at once (0: one per 512 KiB of the size, 4 to 1000)
     */
    public record Options(long targetBytes, long seed, int concurrency) {
        int effectiveConcurrency() {
            return concurrency > 0 ? concurrency : (int) Math.max(4, Math.min(1000, targetBytes >> 19));
        }
    }

    private final Options options;
    private final SplittableRandom rng;
    private final Corpus corpus;
    private final Network net;
    private final GenSummary summary = new GenSummary();
    private final Set<Long> pingPairs = new HashSet<>();

    private TrafficGenerator(Options options) {
        this.options = options;
        this.corpus = new Corpus(new SplittableRandom(options.seed() ^ 0x5DEECE66DL));
        this.rng = new SplittableRandom(options.seed());
        this.net = new Network(rng, CLIENTS);
    }

    public static GenSummary generate(Options options, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            return generate(options, out);
        }
    }

    /** Writes the capture to {@code out} (closed at the end). */
    public static GenSummary generate(Options options, OutputStream out) throws IOException {
        return new TrafficGenerator(options).run(out);
    }

    private GenSummary run(OutputStream out) throws IOException {
        int k = options.effectiveConcurrency();
        Conversation[] open = new Conversation[k];
        int n = 0;
        long ts = START_MICROS;
        boolean spawning = true;
        long steps = 0;
        try (FrameWriter w = new FrameWriter(new BufferedOutputStream(out, 1 << 16))) {
            while (true) {
                while (spawning && n < k) {
                    open[n++] = spawn();
                }
                if (n == 0) {
                    break;
                }
                int i = rng.nextInt(n);
                if (!open[i].step(w, ts)) {
                    open[i] = open[--n];
                    open[n] = null;
                }
                ts += 1 + rng.nextInt(2 * MEAN_GAP_MICROS);
                if (spawning && (++steps & 255) == 0 && w.bytes() + underWay(open, n) >= options.targetBytes()) {
                    // close to the size: finish the messages under way, start nothing new
                    spawning = false;
                    for (int j = 0; j < n; j++) {
                        open[j].windDown();
                    }
                }
            }
            w.close();
            summary.packets = w.packets();
            summary.fileBytes = w.bytes();
        }
        summary.pingPairs = pingPairs.size();
        return summary;
    }

    /** Bytes the open conversations add after a wind-down: the rest of each message, and about one more. */
    private static long underWay(Conversation[] open, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += open[i].bytesUnderWay() * 11 / 10 + WIND_DOWN_BYTES;
        }
        return sum;
    }

    private Conversation spawn() {
        int c = rng.nextInt(net.clientCount());
        Peer client = net.client(c);
        int r = rng.nextInt(100);
        if (r < 45) {
            int h = rng.nextInt(Network.WEB_HOSTS.length);
            summary.tcpConnections++;
            summary.httpConnections++;
            HttpScript s = new HttpScript(rng, corpus, summary, Network.WEB_HOSTS[h]);
            return new TcpConversation(rng, s, client, net.ephemeralPort(c), net.webServer(h),
                    rng.nextInt(20) == 0 ? 8080 : 80, mss());
        }
        if (r < 67) {
            int h = rng.nextInt(Network.TLS_HOSTS.length);
            summary.tcpConnections++;
            TlsScript s = new TlsScript(rng, corpus, summary, Network.TLS_HOSTS[h]);
            return new TcpConversation(rng, s, client, net.ephemeralPort(c), net.tlsServer(h), 443, mss());
        }
        if (r < 97) {
            summary.dnsQueries++;
            return new DnsExchange(rng, client, net.ephemeralPort(c), net.resolver(rng.nextInt(net.resolverCount())),
                    dnsName());
        }
        summary.pingSessions++;
        Peer target = net.pingTarget(rng.nextInt(net.pingTargetCount()));
        pingPairs.add(((long) client.ip << 32) | (target.ip & 0xffffffffL));
        return new PingExchange(rng, client, target);
    }

    private int mss() {
        int r = rng.nextInt(10);
        return r < 8 ? 1460 : r == 8 ? 1400 : 1380;
    }

    private String dnsName() {
        int r = rng.nextInt(100);
        if (r == 0) {
            Targets.Target t = Targets.DNS_NAMES[rng.nextInt(Targets.DNS_NAMES.length)];
            summary.targeted(t.sid());
            return t.value();
        }
        if (r < 5) {
            return "nx-" + Long.toHexString(rng.nextLong() & 0xffffffffL) + ".example-cdn.net";
        }
        return r < 60 ? Network.WEB_HOSTS[rng.nextInt(Network.WEB_HOSTS.length)]
                : Network.TLS_HOSTS[rng.nextInt(Network.TLS_HOSTS.length)];
    }

    /** {@code 500M}, {@code 2G}, {@code 64K} (powers of 1024) or plain bytes. */
    static long parseSize(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        if (last == 'K' || last == 'M' || last == 'G') {
            unit = last == 'K' ? 1L << 10 : last == 'M' ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        return Math.round(Double.parseDouble(t) * unit);
    }

    public static void main(String[] args) throws IOException {
        long size = -1;
        long seed = 1;
        int concurrency = 0;
        Path outFile = null;
        boolean quiet = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--size" -> size = parseSize(value(args, ++i, a));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "-o", "--output" -> outFile = Path.of(value(args, ++i, a));
                case "--concurrency" -> concurrency = Integer.parseInt(value(args, ++i, a));
                case "-q" -> quiet = true;
                case "-h", "--help" -> {
                    usage();
                    return;
                }
                default -> {
                    System.err.println("gen-traffic: unknown argument " + a);
                    usage();
                    System.exit(2);
                }
            }
        }
        if (size <= 0 || outFile == null) {
            usage();
            System.exit(2);
        }
        long t0 = System.nanoTime();
        GenSummary s = generate(new Options(size, seed, concurrency), outFile);
        double secs = (System.nanoTime() - t0) / 1e9;
        if (!quiet) {
            System.out.printf("gen-traffic: wrote %s: %s in %.1f s (%.0f MB/s)%n", outFile, s, secs,
                    s.fileBytes / 1e6 / secs);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println("gen-traffic: " + option + " needs a value");
            System.exit(2);
        }
        return args[i];
    }

    private static void usage() {
        System.err.println("usage: gen-traffic --size SIZE[K|M|G] [--seed N] [--concurrency N] [-q] -o FILE.pcap");
    }
}

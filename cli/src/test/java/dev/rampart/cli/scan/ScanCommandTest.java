package dev.rampart.cli.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rampart.capture.PcapWriter;
import dev.rampart.capture.synth.Host;
import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import dev.rampart.cli.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
    @TempDir
    Path dir;

    /** Three TCP sessions (handshake, request, response, FIN) and two DNS exchanges. */
    private int writeCapture(Path file) throws IOException {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        Host client = Host.of("10.0.0.5", "02:00:00:00:00:01");
        Host server = Host.of("93.184.216.34", "02:00:00:00:00:02");
        Host dns = Host.of("8.8.8.8", "02:00:00:00:00:03");
        for (int i = 0; i < 3; i++) {
            new TcpSession(t, client, 40000 + i, server, 80, 1000 + i, 5000 + i).handshake()
                    .clientSends("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
                    .serverSends(new byte[3000])
                    .close();
        }
        t.udp(client, 53000, dns, 53, 7, new byte[] {0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0});
        t.udp(dns, 53, client, 53000, 8, new byte[] {0, 1, (byte) 0x81, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0});
        try (PcapWriter w = PcapWriter.create(file)) {
            t.writeTo(w);
        }
        return t.packets().size();
    }

    private static JsonNode stats(Path out) throws IOException {
        JsonNode record = new ObjectMapper().readTree(Files.readString(out.resolve("stats.json")));
        assertEquals("stats", record.get("event_type").asText());
        return record.get("stats");
    }

    @Test
    void writesSuricataShapedStatsForEveryPacket() throws IOException {
        Path pcap = dir.resolve("in.pcap");
        int packets = writeCapture(pcap);
        Path out = dir.resolve("out");
        Cli r = Cli.run("scan", "-r", pcap.toString(), "-l", out.toString());
        assertEquals(0, r.exit, r.toString());
        JsonNode s = stats(out);
        assertEquals(packets, s.at("/decoder/pkts").asLong());
        assertEquals(packets, s.at("/decoder/ipv4").asLong());
        assertEquals(0, s.at("/decoder/invalid").asLong());
        assertEquals(4, s.at("/flow/total").asLong(), "3 TCP flows and 1 UDP flow");
        assertEquals(3, s.at("/flow/tcp").asLong());
        assertEquals(1, s.at("/flow/udp").asLong());
        assertEquals(3, s.at("/tcp/sessions").asLong());
        assertEquals(3, s.at("/tcp/syn").asLong());
        assertEquals(0, s.at("/tcp/reassembly_gap").asLong());
        assertTrue(r.out.contains(packets + " packets"), r.out);
        // eve.json ends with the same stats record (after any alerts), so EVE tooling sees it too
        assertTrue(Files.readString(out.resolve("eve.json")).endsWith(Files.readString(out.resolve("stats.json"))));
    }

    @Test
    void workersAndAutofpAccountForEveryPacketAndTimeTheAlerts() throws IOException {
        Path pcap = dir.resolve("in.pcap");
        int packets = writeCapture(pcap);
        Path rules = dir.resolve("r.rules");
        Files.writeString(rules, "alert tcp any any -> any 80 (msg:\"get\"; flow:to_server; content:\"GET /\"; sid:1;)\n");
        Path one = dir.resolve("one");
        assertEquals(0, Cli.run("scan", "-r", pcap.toString(), "-S", rules.toString(), "-l", one.toString()).exit);
        // "workers" hands worker 1 its frames through a ring (the fanout off), "fanout" is the workers
        // runmode's default for a file (each worker thread reads it), "autofp" a capture thread and rings
        // ("indexed": the fanout with its record index, each worker reading only its own records; "fanout"
        // and "indexed" with the fixed split; "balanced": the default, the walk gives out address pairs;
        // "readahead": balanced, the threads reading the windows in ahead of the walks)
        for (String mode : new String[] {"workers", "fanout", "indexed", "balanced", "readahead", "autofp"}) {
            Path out = dir.resolve(mode);
            boolean fan = mode.equals("fanout") || mode.equals("indexed") || mode.equals("balanced")
                    || mode.equals("readahead");
            List<String> args = new ArrayList<>(List.of("scan", "-r", pcap.toString(), "-S", rules.toString(), "-l",
                    out.toString(), "--runmode", mode.equals("autofp") ? "autofp" : "workers", "--threads", "2", "--cpus",
                    "0", "--set", "rampart.ring-size=8", "--set", "rampart.file-fanout=" + (fan ? "yes" : "no")));
            if (mode.equals("readahead")) {
                args.addAll(List.of("--set", "rampart.file-fanout-read-ahead=yes"));
            } else if (!mode.equals("balanced")) {
                args.addAll(List.of("--set", "rampart.file-fanout-balance=no", "--set",
                        "rampart.file-fanout-index=" + (mode.equals("indexed") ? "yes" : "no")));
            }
            Cli r = Cli.run(args.toArray(String[]::new));
            assertEquals(0, r.exit, r.toString());
            JsonNode s = stats(out);
            assertEquals(packets, s.at("/capture/received").asLong(), mode);
            assertEquals(packets, s.at("/capture/inspected").asLong(), mode);
            assertEquals(0, s.at("/capture/dropped/ring_full").asLong(), mode);
            assertEquals(stats(one).at("/detect/alert").asLong(), s.at("/detect/alert").asLong(), mode);
            assertEquals(3, s.at("/rampart/latency/alert/count").asLong(), mode + ": one alert per request");
            assertTrue(s.at("/rampart/latency/alert/p50_us").asLong() <= s.at("/rampart/latency/alert/max_us").asLong());
            assertEquals(2, s.at("/rampart/pipeline/workers").asLong());
            assertEquals(packets, s.at("/rampart/pipeline/worker/0/packets").asLong()
                    + s.at("/rampart/pipeline/worker/1/packets").asLong(), mode);
        }
        Cli bad = Cli.run("scan", "-r", pcap.toString(), "-l", dir.resolve("bad").toString(), "--runmode", "workers",
                "--threads", "2", "--cpus", "zero");
        assertEquals(2, bad.exit, bad.toString());
        assertTrue(bad.err.contains("--cpus"), bad.err);
        // configured shares: all of the pairs on worker 1, and the buckets say so
        Path weighted = dir.resolve("weighted");
        Cli w = Cli.run("scan", "-r", pcap.toString(), "-S", rules.toString(), "-l", weighted.toString(), "--runmode",
                "workers", "--threads", "2", "--set", "rampart.worker-weights=0,1");
        assertEquals(0, w.exit, w.toString());
        JsonNode ws = stats(weighted);
        assertEquals(0, ws.at("/rampart/pipeline/worker/0/share_buckets").asLong());
        assertEquals(1024, ws.at("/rampart/pipeline/worker/1/share_buckets").asLong());
        assertEquals(packets, ws.at("/rampart/pipeline/worker/1/packets").asLong());
        assertEquals(stats(one).at("/detect/alert").asLong(), ws.at("/detect/alert").asLong());
        for (String weights : new String[] {"1", "1,-1", "0,0", "a,b"}) {
            Cli badWeights = Cli.run("scan", "-r", pcap.toString(), "-l", dir.resolve("bw").toString(), "--runmode",
                    "workers", "--threads", "2", "--set", "rampart.worker-weights=" + weights);
            assertEquals(2, badWeights.exit, weights + ": " + badWeights);
            assertTrue(badWeights.err.contains("rampart.worker-weights"), badWeights.err);
        }
        // the default shares with rings in workers mode: the capture thread's worker takes less than half
        assertTrue(stats(dir.resolve("workers")).at("/rampart/pipeline/worker/0/share_buckets").asLong() < 512);
        assertEquals(512, stats(dir.resolve("autofp")).at("/rampart/pipeline/worker/0/share_buckets").asLong());
        // in a fanout no thread dispatches for another: even shares; and the fanout is the file's default
        assertEquals(512, stats(dir.resolve("fanout")).at("/rampart/pipeline/worker/0/share_buckets").asLong());
        assertEquals(1, stats(dir.resolve("fanout")).at("/rampart/pipeline/fanout").asLong());
        assertEquals(1, stats(weighted).at("/rampart/pipeline/fanout").asLong());
        assertTrue(stats(dir.resolve("fanout")).at("/rampart/pipeline/fanout_lead_wait_ms").isIntegralNumber());
        assertEquals(0, stats(weighted).at("/rampart/pipeline/fanout_index").asLong(), "fixed weights: no balance");
        assertEquals(0, stats(weighted).at("/rampart/pipeline/fanout_balanced").asLong());
        assertEquals(0, stats(dir.resolve("fanout")).at("/rampart/pipeline/fanout_index").asLong(), "off by default");
        JsonNode bal = stats(dir.resolve("balanced"));
        assertEquals(1, bal.at("/rampart/pipeline/fanout_balanced").asLong(), "the default for a pcap file");
        assertEquals(1, bal.at("/rampart/pipeline/fanout_index").asLong(), "a balanced fanout follows the index");
        assertTrue(bal.at("/rampart/pipeline/fanout_keys").asLong() >= 1, bal.toString());
        assertTrue(bal.at("/rampart/pipeline/worker/0/share_buckets").isMissingNode(), "no fixed buckets");
        assertEquals(0, bal.at("/rampart/pipeline/fanout_read_ahead").asLong(), "2 workers: the walks read in");
        assertTrue(bal.at("/rampart/pipeline/fanout_walk_ms").isIntegralNumber(), bal.toString());
        JsonNode ahead = stats(dir.resolve("readahead"));
        assertEquals(1, ahead.at("/rampart/pipeline/fanout_read_ahead").asLong(), "asked for");
        assertEquals(1, ahead.at("/rampart/pipeline/fanout_balanced").asLong());
        assertEquals(1, stats(dir.resolve("indexed")).at("/rampart/pipeline/fanout_index").asLong());
        assertEquals(512, stats(dir.resolve("indexed")).at("/rampart/pipeline/worker/0/share_buckets").asLong());
        assertTrue(stats(dir.resolve("workers")).at("/rampart/pipeline/fanout_lead_wait_ms").isMissingNode());
        assertTrue(stats(dir.resolve("workers")).at("/rampart/pipeline/fanout").isMissingNode()
                || stats(dir.resolve("workers")).at("/rampart/pipeline/fanout").asLong() == 0);
    }

    /**
     * The packet warm-up (our own traffic through a throwaway path before the first packet) leaves
     * nothing behind: the same alert lines, flow ids included, and the same counters as without it
     * (that it never runs with rules that write a dataset: {@code PacketWarmupTest}).
     */
    @Test
    void thePacketWarmupChangesNoAlertOrCounter() throws Exception {
        Path pcap = dir.resolve("in.pcap");
        writeCapture(pcap);
        Path rules = dir.resolve("r.rules");
        // a threshold by source and an http rule the warm-up's own traffic meets too
        Files.writeString(rules, "alert tcp any any -> any 80 (msg:\"get\"; flow:to_server; content:\"GET /\"; "
                + "threshold:type limit, track by_src, count 1, seconds 600; sid:1;)\n"
                + "alert http any any -> any any (msg:\"any uri\"; http.uri; content:\"/\"; sid:2;)\n");
        for (String mode : new String[] {"single", "workers"}) {
            Path on = dir.resolve("warm-" + mode);
            Path off = dir.resolve("cold-" + mode);
            // the capture is small: by default it would not warm up, so it is asked for
            assertEquals(0, Cli.run("scan", "-r", pcap.toString(), "-S", rules.toString(), "-l", on.toString(),
                    "--runmode", mode, "--threads", "2", "--set", "rampart.packet-warmup=yes").exit);
            assertEquals(0, Cli.run("scan", "-r", pcap.toString(), "-S", rules.toString(), "-l", off.toString(),
                    "--runmode", mode, "--threads", "2", "--set", "rampart.packet-warmup=no").exit);
            List<String> a = alertLines(on);
            assertTrue(!a.isEmpty(), mode + ": the capture alerts");
            assertEquals(alertLines(off), a, mode);
            for (String c : new String[] {"/decoder/pkts", "/flow/total", "/tcp/sessions", "/detect/alert",
                    "/app_layer/flow/http"}) {
                assertEquals(stats(off).at(c).asLong(), stats(on).at(c).asLong(), mode + " " + c);
            }
        }
        assertTrue(!ScanCommand.warmUp(null, pcap), "auto: a small capture does not warm up");
        assertTrue(!ScanCommand.warmUp("auto", pcap));
        assertTrue(ScanCommand.warmUp("yes", pcap));
        assertTrue(!ScanCommand.warmUp("no", pcap));
        Path big = dir.resolve("big.pcap");
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(big,
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), ScanCommand.WARMUP_MIN_BYTES - 1); // sparse
        }
        assertTrue(ScanCommand.warmUp(null, big), "auto: a capture of the minimum size warms up");
    }

    /** The alert lines of an output folder without their timestamps, in order. */
    private static List<String> alertLines(Path out) throws IOException {
        List<String> l = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("eve.json"))) {
            if (line.contains("\"event_type\":\"alert\"")) {
                l.add(line.replaceAll("\"timestamp\":\"[^\"]*\",", ""));
            }
        }
        java.util.Collections.sort(l);
        return l;
    }

    @Test
    void truncatedCaptureKeepsWhatWasReadAndNamesTheOffset() throws IOException {
        Path pcap = dir.resolve("in.pcap");
        int packets = writeCapture(pcap);
        byte[] all = Files.readAllBytes(pcap);
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(all, all.length - 10));
        Path out = dir.resolve("out");
        Cli r = Cli.run("scan", "-r", cut.toString(), "-l", out.toString());
        assertEquals(1, r.exit, r.toString());
        assertTrue(r.err.contains("cut.pcap") && r.err.contains("offset"), r.err);
        assertEquals(packets - 1, stats(out).at("/decoder/pkts").asLong());
    }

    /**
     * An offline scan with rules ends the launcher's old-generation touch (started by Main for scans)
     * before it reads them, and scans as usual: the collection that follows frees the touched pages
     * for the rule load (see OldGenTouch.beforeRuleLoad).
     */
    @Test
    void aScanWithRulesEndsTheOldGenerationTouchBeforeItsLoad() throws Exception {
        Path pcap = dir.resolve("in.pcap");
        writeCapture(pcap);
        Path rules = dir.resolve("r.rules");
        Files.writeString(rules, "alert tcp any any -> any 80 (msg:\"get\"; flow:to_server; content:\"GET\"; sid:1;)\n");
        // far more than the test heap: left alone, the touch would run until the heap is full
        OldGenTouchTest.withTouchMb("1000000", () -> {
            Thread touch = OldGenTouch.start(new String[0]);
            assertTrue(touch != null && touch.isAlive());
            Path out = dir.resolve("out");
            Cli r = Cli.run("scan", "-r", pcap.toString(), "-S", rules.toString(), "-l", out.toString(), "-k", "none");
            assertEquals(0, r.exit, r.toString());
            assertTrue(!touch.isAlive(), "the scan ended the touch before its rule load");
            assertTrue(r.out.contains("3 alerts"), r.out);
        });
    }

    @Test
    void suricataArgumentsAreAcceptedAndRuleErrorsCanBeFatal() throws IOException {
        Path pcap = dir.resolve("in.pcap");
        writeCapture(pcap);
        Path rules = dir.resolve("r.rules");
        Files.writeString(rules, "alert tcp any any -> any any (msg:\"ok\"; content:\"GET\"; sid:1;)\n"
                + "alert tcp any any -> any any (msg:\"bad\"; nosuchkeyword; sid:2;)\n");
        Path out = dir.resolve("out");
        Cli lenient = Cli.run("scan", "-r", pcap.toString(), "-S", rules.toString(), "-l", out.toString(),
                "-k", "none", "--runmode", "single", "--set", "classification-file=/nonexistent", "--some-future-flag");
        assertEquals(0, lenient.exit, lenient.toString());
        assertTrue(lenient.err.contains("r.rules:2: sid 2"), lenient.err);
        assertTrue(lenient.err.contains("ignoring unsupported argument --some-future-flag"), lenient.err);
        assertTrue(lenient.out.contains("1 loaded, 1 failed"), lenient.out);
        Cli fatal = Cli.run("scan", "-r", pcap.toString(), "-S", rules.toString(), "-l", out.toString(),
                "--init-errors-fatal");
        assertEquals(1, fatal.exit, fatal.toString());
        assertEquals(2, Cli.run("scan", "-r", pcap.toString(), "-l", out.toString(), "-k", "sometimes").exit);
        assertEquals(2, Cli.run("scan", "-l", out.toString()).exit, "missing -r is a usage error");
    }

    @Test
    void newerRevReplacesWithAWarningAndSimulateIpsMayRepeat() throws IOException {
        Path pcap = dir.resolve("in.pcap");
        writeCapture(pcap);
        Path rules = dir.resolve("dup.rules");
        Files.writeString(rules, "alert tcp any any -> any any (msg:\"old\"; content:\"GET\"; sid:7; rev:1;)\n"
                + "alert tcp any any -> any any (msg:\"new\"; content:\"GET\"; sid:7; rev:2;)\n");
        Path out = dir.resolve("out");
        // suricata-verify adds --simulate-ips to tests whose args already have it
        Cli r = Cli.run("scan", "-r", pcap.toString(), "-S", rules.toString(), "-l", out.toString(),
                "--init-errors-fatal", "--simulate-ips", "--simulate-ips");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.err.contains("warning: ") && r.err.contains("rev 1 replaced by rev 2"), r.err);
        assertTrue(r.out.contains("1 loaded, 0 failed"), r.out);
        Files.writeString(rules, "alert tcp any any -> any any (msg:\"a\"; content:\"GET\"; sid:7; rev:2;)\n"
                + "alert tcp any any -> any any (msg:\"b\"; content:\"GET\"; sid:7; rev:2;)\n");
        Cli dup = Cli.run("scan", "-r", pcap.toString(), "-S", rules.toString(), "-l", out.toString(),
                "--init-errors-fatal");
        assertEquals(1, dup.exit, "an equal rev is a load failure: " + dup);
    }

    @Test
    void checksumValidationCountsBadChecksums() throws IOException {
        Path pcap = dir.resolve("in.pcap");
        int packets = writeCapture(pcap);
        byte[] all = Files.readAllBytes(pcap);
        // corrupt the last byte of the first TCP SYN's TCP checksum (frame 1: 24 + 16 header, 14 eth, 20 ip, +16)
        all[24 + 16 + 14 + 20 + 16] ^= 0x55;
        Path bad = dir.resolve("bad.pcap");
        Files.write(bad, all);
        Path out = dir.resolve("out");
        Cli r = Cli.run("scan", "-r", bad.toString(), "-l", out.toString(), "-k", "all");
        assertEquals(0, r.exit, r.toString());
        JsonNode s = stats(out);
        assertEquals(packets, s.at("/decoder/pkts").asLong());
        assertEquals(1, s.at("/tcp/invalid_checksum").asLong(), s.toString());
    }

    @Test
    void liveCaptureOnLoopbackReportsCaptureCounters() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "live capture needs root");
        int port = 46000 + (int) (ProcessHandle.current().pid() % 1000);
        Path out = dir.resolve("live");
        long socketsBefore = packetSockets();
        Thread sender = new Thread(() -> {
            try (java.net.DatagramSocket s = new java.net.DatagramSocket()) {
                // send once the scan has opened its capture (a new AF_PACKET socket), not after a fixed wait that
                // a loaded machine can outlast; then a moment for the BPF filter to be attached
                long deadline = System.nanoTime() + 20_000_000_000L;
                if (socketsBefore == Long.MAX_VALUE) {
                    Thread.sleep(2500); // /proc/net/packet unreadable: the old fixed wait
                }
                while (packetSockets() <= socketsBefore && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(300);
                byte[] payload = "rampart-live-scan".getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 10; i++) {
                    s.send(new java.net.DatagramPacket(payload, payload.length,
                            java.net.InetAddress.getLoopbackAddress(), port));
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        sender.start();
        Cli r = Cli.run("scan", "-i", "lo", "--bpf", "udp and dst port " + port, "--duration", "5", "-l", out.toString());
        sender.join();
        org.junit.jupiter.api.Assumptions.assumeFalse(r.err.contains("libpcap is not available"), r.err);
        assertEquals(0, r.exit, r.toString());
        JsonNode s = stats(out);
        assertEquals(10, s.at("/capture/kernel_packets").asLong(), s.toString());
        assertEquals(0, s.at("/capture/kernel_drops").asLong());
        assertEquals(10, s.at("/decoder/pkts").asLong());
        assertEquals(1, s.at("/flow/udp").asLong(), "one socket, one flow");
        assertEquals(2, Cli.run("scan", "-i", "lo", "-r", "x.pcap", "-l", out.toString()).exit, "-r and -i together");
    }

    /** Open AF_PACKET sockets on this host (libpcap's capture handle is one); Long.MAX_VALUE when unreadable. */
    private static long packetSockets() {
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/net/packet"))) {
            return lines.count() - 1;
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return Long.MAX_VALUE; // no way to tell
        }
    }
}

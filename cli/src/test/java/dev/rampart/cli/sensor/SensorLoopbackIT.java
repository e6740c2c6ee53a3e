package dev.rampart.cli.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rampart.alerts.AlertJournal;
import dev.rampart.alerts.JournalConfig;
import dev.rampart.alerts.JournalReader;
import dev.rampart.alerts.JournalSchema;
import dev.rampart.capture.CaptureException;
import dev.rampart.capture.live.LiveCaptureOptions;
import dev.rampart.capture.live.LiveCaptureSource;
import dev.rampart.console.Console;
import dev.rampart.console.ConsoleConfig;
import dev.rampart.console.ConsoleServer;
import dev.rampart.console.actions.SensorControl;
import dev.rampart.policy.CommandRunner;
import dev.rampart.policy.NftablesApplier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rampart sensor -i lo} as a real child process (the shaded jar) on loopback traffic from
 * Java sockets, limited by a BPF to this test's port: the alerts in the journal are exactly the
 * expected ones, SIGTERM loses nothing, stats.json accounts for every packet, and rule reloads
 * (HTTP and SIGHUP, one failing) under steady traffic drop nothing and switch rules correctly.
 * Skipped where the jar is not built or loopback cannot be captured (no libpcap, no permission).
 */
class SensorLoopbackIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of("target", "rampart.jar");
    private static final String ALWAYS = "alert http any any -> any any (msg:\"always\"; flow:to_server; "
            + "http.uri; content:\"/always/\"; sid:1; rev:1;)\n";
    private static final String GEN_A = "alert http any any -> any any (msg:\"gen a\"; flow:to_server; "
            + "http.uri; content:\"/marker-a/\"; sid:10; rev:1;)\n";
    private static final String GEN_B = "alert http any any -> any any (msg:\"gen b\"; flow:to_server; "
            + "http.uri; content:\"/marker-b/\"; sid:20; rev:1;)\n";

    @TempDir
    Path dir;

    private Process sensor;
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private ServerSocket server;
    private final AtomicBoolean serving = new AtomicBoolean(true);
    private int controlPort;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void canCaptureLoopback() {
        Assumptions.assumeTrue(Files.isRegularFile(JAR), "needs the shaded jar (mvn package)");
        LiveCaptureOptions o = new LiveCaptureOptions("lo");
        try (LiveCaptureSource s = LiveCaptureSource.open(o)) {
            Assumptions.assumeTrue(s.linkType() >= 0);
        } catch (CaptureException | RuntimeException | LinkageError e) {
            Assumptions.abort("cannot capture on lo here: " + e.getMessage());
        }
    }

    @AfterEach
    void cleanUp() throws IOException {
        serving.set(false);
        if (server != null) {
            server.close();
        }
        if (sensor != null && sensor.isAlive()) {
            sensor.destroyForcibly();
        }
    }

    /** An HTTP server on an ephemeral loopback port: reads one request per connection, answers 200. */
    private int startServer() throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (serving.get()) {
                try (Socket c = server.accept()) {
                    readHead(c.getInputStream());
                    OutputStream o = c.getOutputStream();
                    o.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                            .getBytes(StandardCharsets.US_ASCII));
                    o.flush();
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }
        }, "test-http-server");
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }

    private static void readHead(InputStream in) throws IOException {
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1 : 0;
        }
    }

    /** One request on its own connection; returns when the response has been read and the connection closed. */
    private void request(int port, String uri) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.getOutputStream().write(("GET " + uri + " HTTP/1.1\r\nHost: test\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.getInputStream().readAllBytes();
        }
    }

    private void startSensor(int port, Path rules) throws Exception {
        startSensor(port, rules, 2, "", "");
    }

    /** {@code rulesKeys}: more keys of the rules section ({@code , key: value}); {@code more}: more top-level lines. */
    private void startSensor(int port, Path rules, int workers, String rulesKeys, String more) throws Exception {
        startSensor(List.of(), port, rules, workers, rulesKeys, more);
    }

    /** {@code prefix}: a command the sensor runs under (nohup). */
    private void startSensor(List<String> prefix, int port, Path rules, int workers, String rulesKeys, String more)
            throws Exception {
        Path yaml = dir.resolve("rampart.yaml");
        Files.writeString(yaml, "interfaces: [lo]\n"
                + "bpf: \"tcp port " + port + "\"\n"
                + "workers: " + workers + "\n"
                + "rules: {sources: [" + rules + "], mpm-cache-dir: none" + rulesKeys + "}\n"
                + more
                + "journal: {path: " + dir.resolve("journal") + "}\n"
                + "eve: {path: " + dir.resolve("eve.json") + "}\n"
                + "control: {port: 0}\n"
                + "stats: {interval: 1s, file: " + dir.resolve("stats.json") + "}\n");
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the JVM flags this test runs with (Chronicle's --add-opens ...), nothing else
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-") || a.startsWith("-Dchronicle") || a.startsWith("-Xss")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-cp", JAR.toString(), "dev.rampart.cli.Main", "sensor", "-c", yaml.toString()));
        sensor = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(sensor.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    stderr.add(line);
                }
            } catch (IOException e) {
                // process gone
            }
        }, "sensor-stderr");
        reader.setDaemon(true);
        reader.start();
        Pattern control = Pattern.compile("control http://127\\.0\\.0\\.1:(\\d+)/");
        await("the sensor to start", () -> stderr.stream().anyMatch(l -> l.contains("sensor running")));
        for (String l : stderr) {
            Matcher m = control.matcher(l);
            if (m.find()) {
                controlPort = Integer.parseInt(m.group(1));
            }
        }
        assertTrue(controlPort > 0, String.join("\n", stderr));
    }

    private void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline || (sensor != null && !sensor.isAlive())) {
                throw new AssertionError("gave up waiting for " + what + "; sensor stderr:\n" + String.join("\n", stderr));
            }
            Thread.sleep(100);
        }
    }

    /** Alerts per sid in the journal so far (read by another process while the sensor writes). */
    private Map<Long, Integer> journalSids() {
        Map<Long, Integer> out = new TreeMap<>();
        Path j = dir.resolve("journal");
        if (!Files.isDirectory(j)) {
            return out;
        }
        try (JournalReader r = AlertJournal.openReader(JournalConfig.at(j))) {
            for (int tag; (tag = r.next()) != JournalReader.NONE; ) {
                if (tag == JournalSchema.TAG_ALERT) {
                    out.merge(r.alert().sid, 1, Integer::sum);
                }
            }
        }
        return out;
    }

    /** The masked flag of each alert of {@code sid} in the journal, in journal order. */
    private List<Boolean> maskedFlags(long sid) {
        List<Boolean> out = new ArrayList<>();
        try (JournalReader r = AlertJournal.openReader(JournalConfig.at(dir.resolve("journal")))) {
            for (int tag; (tag = r.next()) != JournalReader.NONE; ) {
                if (tag == JournalSchema.TAG_ALERT && r.alert().sid == sid) {
                    out.add(r.alert().masked);
                }
            }
        }
        return out;
    }

    private void awaitSid(long sid, int count) throws InterruptedException {
        await(count + " alerts of sid " + sid, () -> journalSids().getOrDefault(sid, 0) >= count);
    }

    private JsonNode control(String method, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + path));
        b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.noBody()) : b.GET();
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /** Packets the sensor's workers have taken so far ({@code /control/status}). */
    private long inspected() {
        try {
            return control("GET", "/control/status").get("stats").get("inspected").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    /** SIGTERM, then the exit status and stats.json. */
    private JsonNode stop() throws Exception {
        sensor.destroy(); // SIGTERM
        assertTrue(sensor.waitFor(120, TimeUnit.SECONDS), "sensor did not stop");
        assertEquals(0, sensor.exitValue(), String.join("\n", stderr));
        return JSON.readTree(dir.resolve("stats.json").toFile()).get("stats");
    }

    private static void assertEveryPacketAccountedFor(JsonNode stats) {
        JsonNode cap = stats.get("capture");
        long received = cap.get("received").asLong();
        long inspected = cap.get("inspected").asLong();
        long ringFull = cap.get("dropped").get("ring_full").asLong();
        assertTrue(received > 0);
        assertEquals(received, inspected + ringFull, cap.toString());
        // the workers' own decoder count agrees with what they were handed
        assertEquals(inspected, stats.get("decoder").get("pkts").asLong(), stats.get("decoder").toString());
    }

    @Test
    void alertsFromLiveTrafficAreJournaledAndSigtermLosesNothing() throws Exception {
        int port = startServer();
        Path rules = dir.resolve("test.rules");
        Files.writeString(rules, ALWAYS + GEN_A);
        startSensor(port, rules);
        for (int i = 0; i < 20; i++) {
            request(port, "/always/" + i);
            request(port, "/index.html?" + i);
        }
        for (int i = 0; i < 7; i++) {
            request(port, "/marker-a/" + i);
        }
        // every request has been answered; the last packets may still be on their way through capture
        JsonNode status = control("GET", "/control/status");
        assertEquals(1, status.get("rules").get("generation").asLong());
        assertEquals(2, status.get("rules").get("loaded").asInt());
        JsonNode stats = stop();
        assertEquals(Map.of(1L, 20, 10L, 7), journalSids());
        assertEveryPacketAccountedFor(stats);
        assertEquals(0, stats.get("capture").get("dropped").get("ring_full").asLong());
        assertEquals(27, stats.get("detect").get("alert").asLong());
        assertEquals(27, stats.get("rampart").get("alerts").asLong());
        // 47 connections of at least 6 packets each (handshake, request, response, close)
        assertTrue(stats.get("capture").get("received").asLong() >= 47 * 6, stats.get("capture").toString());
        assertEquals(27, Files.readAllLines(dir.resolve("eve.json")).stream()
                .filter(l -> l.contains("\"event_type\":\"alert\"")).count());
    }

    @Test
    void reloadsUnderSteadyTrafficDropNothingAndSwitchRulesBetweenPackets() throws Exception {
        int port = startServer();
        Path rules = dir.resolve("test.rules");
        Files.writeString(rules, ALWAYS + GEN_A);
        startSensor(port, rules);
        // steady background traffic on a rule every generation has
        AtomicLong background = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread load = new Thread(() -> {
            try {
                while (running.get()) {
                    request(port, "/always/" + background.get());
                    background.incrementAndGet();
                    Thread.sleep(2);
                }
            } catch (IOException | InterruptedException e) {
                failures.add(e);
            }
        }, "background-load");
        load.start();
        int expectA = 0;
        int expectB = 0;
        long generation = 1;
        for (int round = 0; round < 4; round++) {
            boolean genA = round % 2 == 0;
            // requests for both generations: only the running one's rule may alert
            for (int i = 0; i < 5; i++) {
                request(port, "/marker-a/" + round + "/" + i);
                request(port, "/marker-b/" + round + "/" + i);
            }
            expectA += genA ? 5 : 0;
            expectB += genA ? 0 : 5;
            awaitSid(genA ? 10 : 20, genA ? expectA : expectB);
            // switch generations: by HTTP on even rounds, by SIGHUP on odd ones
            Files.writeString(rules, ALWAYS + (genA ? GEN_B : GEN_A));
            generation++;
            if (round % 2 == 0) {
                JsonNode r = control("POST", "/control/reload");
                assertTrue(r.get("ok").asBoolean(), r.toString());
                assertEquals(generation, r.get("generation").asLong());
            } else {
                new ProcessBuilder("kill", "-HUP", Long.toString(sensor.pid())).start().waitFor();
                long g = generation;
                await("generation " + g, () -> {
                    try {
                        return control("GET", "/control/status").get("rules").get("generation").asLong() == g;
                    } catch (Exception e) {
                        return false;
                    }
                });
            }
        }
        // a failed reload keeps the running rules (generation 5: gen A) and says why
        Files.writeString(rules, ALWAYS + GEN_A + "alert http any any -> any any (msg:\"bad\"; nonsense; sid:30;)\n");
        JsonNode failed = control("POST", "/control/reload");
        assertEquals(false, failed.get("ok").asBoolean());
        assertTrue(failed.get("message").asText().contains("init-errors-fatal"), failed.toString());
        JsonNode status = control("GET", "/control/status");
        assertEquals(5, status.get("rules").get("generation").asLong());
        assertEquals(false, status.get("rules").get("last_reload").get("ok").asBoolean());
        assertEquals(1, status.get("rules").get("reload_failures").asLong());
        for (int i = 0; i < 5; i++) {
            request(port, "/marker-a/after-failure/" + i);
            request(port, "/marker-b/after-failure/" + i);
        }
        expectA += 5;
        awaitSid(10, expectA);
        running.set(false);
        load.join();
        assertTrue(failures.isEmpty(), failures.toString());
        awaitSid(1, (int) background.get());
        JsonNode stats = stop();
        assertEquals(Map.of(1L, (int) background.get(), 10L, expectA, 20L, expectB), journalSids());
        assertEveryPacketAccountedFor(stats);
        assertEquals(0, stats.get("capture").get("dropped").get("ring_full").asLong());
        assertEquals(0, stats.get("capture").get("kernel_drops").asLong());
        assertEquals(5, stats.get("rampart").get("rules").get("generation").asLong());
        assertEquals(4, stats.get("rampart").get("rules").get("reloads").asLong());
        assertTrue(background.get() > 50, "background requests: " + background.get());
    }

    /**
     * A sensor started under {@code nohup} has SIGHUP ignored, and the JVM then installs no handler:
     * it says so at start, the control call still reloads, and SIGTERM still drains and stops it.
     */
    @Test
    void underNohupTheSensorSaysSighupWillNotReloadAndTheControlCallStillDoes() throws Exception {
        int port = startServer();
        Path rules = dir.resolve("test.rules");
        Files.writeString(rules, ALWAYS + GEN_A);
        startSensor(List.of("nohup"), port, rules, 2, "", "");
        assertTrue(stderr.stream().anyMatch(l -> l.contains("warning: SIGHUP is ignored in this process")),
                String.join("\n", stderr));
        Files.writeString(rules, ALWAYS + GEN_B);
        JsonNode r = control("POST", "/control/reload");
        assertTrue(r.get("ok").asBoolean(), r.toString());
        assertEquals(2, r.get("generation").asLong());
        stop(); // SIGTERM still drains and exits 0
        assertTrue(stderr.stream().noneMatch(l -> l.contains("SIGTERM is ignored")), String.join("\n", stderr));
    }

    /**
     * The console and the sensor wired as in production: the console's state dir holds disable.conf
     * and the masks file the sensor reads, both read the same journal, and the console reaches the
     * sensor on its control port. Turning a rule off stops its alerts after the reload; masking a
     * sid makes its new alerts journaled flagged masked, the earlier ones stay as they were.
     */
    @Test
    void consoleTurnsARuleOffAndMasksAlertsOfTheRunningSensor() throws Exception {
        int port = startServer();
        Path rules = dir.resolve("test.rules");
        Files.writeString(rules, ALWAYS + GEN_A);
        Path state = dir.resolve("state");
        Files.createDirectories(state);
        // one worker: alerts are journaled in the order of the requests
        startSensor(port, rules, 1, ", disable-conf: " + state.resolve("disable.conf"),
                "masks: " + state.resolve("masks") + "\n");
        for (int i = 0; i < 3; i++) {
            request(port, "/marker-a/" + i);
            request(port, "/always/" + i);
        }
        awaitSid(1, 3);
        assertEquals(Map.of(1L, 3, 10L, 3), journalSids());
        ConsoleConfig cfg = ConsoleConfig.of(dir.resolve("journal"), state).withPort(0).withControlPort(controlPort);
        NftablesApplier noNft = new NftablesApplier((c, in) -> new CommandRunner.Result(1, "", "not in this test"), () -> false);
        try (Console console = new Console(cfg, noNft)) {
            ConsoleServer server = new ConsoleServer(console);
            Map<String, Object> off = server.setRule("admin", 10, false);
            assertEquals(true, off.get("reloaded"), off.toString());
            for (int i = 0; i < 5; i++) {
                request(port, "/marker-a/after-off/" + i);
                request(port, "/always/after-off/" + i);
            }
            awaitSid(1, 8);
            assertEquals(Map.of(1L, 8, 10L, 3), journalSids(), "sid 10 is off");

            server.addMask("admin", "sid", 1, null, 0);
            assertEquals("the sensor reloaded its masks", server.masksToSensor());
            for (int i = 0; i < 4; i++) {
                request(port, "/always/masked/" + i);
            }
            awaitSid(1, 12);
            List<Boolean> masked = maskedFlags(1);
            assertEquals(List.of(false, false, false, false, false, false, false, false, true, true, true, true), masked);

            SensorControl.Status status = SensorControl.Status.parse(console.sensor.status().body());
            assertEquals(1, status.rulesLoaded());
            assertEquals(3, status.generation());
            assertEquals(1, status.masks());
            String shown = (String) server.hosts().get(0).get("status");
            assertTrue(shown.startsWith("1 rules (generation 3), 1 masks"), shown);
            assertFalse(shown.contains("note:"), "the sensor writes the journal the console reads: " + shown);
        }
        stop();
        assertEquals(Map.of(1L, 12, 10L, 3), journalSids());
    }

    /**
     * The console's host settings applied by the running sensor: with "all but listed" naming this
     * test's own process (which owns the HTTP server's listening socket before the sensor starts),
     * its flows are not analysed; analysis off analyses nothing; back to "all" they alert again.
     * Each change goes through the console, which asks the sensor to reload.
     */
    @Test
    void consoleProcessSelectionAndAnalysisSwitchApplyToTheRunningSensor() throws Exception {
        Path comm = Path.of("/proc/self/comm");
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")) && Files.isReadable(comm), "needs Linux /proc");
        String me = Files.readString(comm).strip();
        int port = startServer();
        Path rules = dir.resolve("test.rules");
        Files.writeString(rules, ALWAYS);
        Path state = dir.resolve("state");
        Files.createDirectories(state);
        ConsoleConfig cfg = ConsoleConfig.of(dir.resolve("journal"), state).withPort(0);
        NftablesApplier noNft = new NftablesApplier((c, in) -> new CommandRunner.Result(1, "", "not in this test"), () -> false);
        try (Console before = new Console(cfg, noNft)) {
            // stored before the sensor starts: it reads the settings at start
            new ConsoleServer(before).saveSettings("admin", new dev.rampart.console.settings.HostSettings("local",
                    "all-but-listed", List.of(me), false, "balanced", "balanced", true));
        }
        startSensor(port, rules, 1, "", "settings: " + state.resolve("settings.json") + "\n");
        assertTrue(stderr.stream().anyMatch(l -> l.contains("traffic scope: all but " + me)), String.join("\n", stderr));
        long start = inspected();
        for (int i = 0; i < 5; i++) {
            request(port, "/always/excluded/" + i);
        }
        // decided (and counted) under "all but" before the next switch: a switch applies from the next packet a worker takes
        await("the excluded requests' packets to be inspected", () -> inspected() >= start + 5 * 6);
        try (Console console = new Console(cfg.withControlPort(controlPort), noNft)) {
            ConsoleServer server = new ConsoleServer(console);
            // a change through the console reloads the sensor: analysis off
            server.setActive("admin", List.of("local"), false);
            assertEquals("the local sensor reloaded its settings", server.settingsToSensor(List.of("local")));
            long before = inspected();
            for (int i = 0; i < 3; i++) {
                request(port, "/always/inactive/" + i);
            }
            // the scope applies from the next packet a worker takes: let these requests' packets through first
            await("the inactive requests' packets to be inspected", () -> inspected() >= before + 3 * 6);
            server.saveSettings("admin", new dev.rampart.console.settings.HostSettings("local", "all", List.of(), false,
                    "balanced", "balanced", true));
            assertEquals("the local sensor reloaded its settings", server.settingsToSensor(List.of("local")));
            for (int i = 0; i < 4; i++) {
                request(port, "/always/analysed/" + i);
            }
            awaitSid(1, 4);
        }
        JsonNode stats = stop();
        List<String> uris = Files.readAllLines(dir.resolve("eve.json")).stream()
                .filter(l -> l.contains("\"event_type\":\"alert\"")).map(l -> l.replaceAll(".*\"url\":\"([^\"]*)\".*", "$1"))
                .toList();
        assertEquals(Map.of(1L, 4), journalSids(), "only the requests made with all traffic analysed alert: " + uris
                + "\n" + String.join("\n", stderr));
        assertEveryPacketAccountedFor(stats);
        JsonNode scope = stats.get("rampart").get("scope");
        assertTrue(scope.get("flows_out").asLong() >= 5, scope.toString());
        // 5 excluded connections and 3 while analysis was off, at least 6 packets each
        assertTrue(scope.get("packets_not_analysed").asLong() >= 8 * 6, scope.toString());
    }
}

package dev.rampart.cli.sensor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The sensor's local HTTP endpoints, bound to 127.0.0.1 only (JDK httpserver, one thread):
 * {@code GET /metrics} (Prometheus text format 0.0.4), {@code GET /control/status} (JSON) and
 * {@code POST /control/reload}. Control and metrics may share one port or have one each.
 */
final class SensorHttp implements AutoCloseable {
    static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sensor sensor;
    private final List<HttpServer> servers = new ArrayList<>();
    private int controlPort = -1;
    private int metricsPort = -1;

    SensorHttp(Sensor sensor) {
        this.sensor = sensor;
    }

    /** Starts the servers the configuration asks for; returns this. */
    SensorHttp start(int control, int metrics) throws IOException {
        if (control >= 0 && metrics >= 0 && control == metrics && control != 0) {
            HttpServer s = server(control);
            controlPaths(s);
            s.createContext("/metrics", this::metrics);
            controlPort = metricsPort = s.getAddress().getPort();
            return this;
        }
        if (control >= 0) {
            HttpServer s = server(control);
            controlPaths(s);
            controlPort = s.getAddress().getPort();
        }
        if (metrics >= 0) {
            HttpServer s = server(metrics);
            s.createContext("/metrics", this::metrics);
            metricsPort = s.getAddress().getPort();
        }
        return this;
    }

    int controlPort() {
        return controlPort;
    }

    int metricsPort() {
        return metricsPort;
    }

    private HttpServer server(int port) throws IOException {
        HttpServer s;
        try {
            s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (java.net.BindException e) {
            close(); // the ones already started
            throw new java.net.BindException("127.0.0.1 port " + port + " is in use (another sensor?); "
                    + "set control.port / prometheus.port (0: any free port, off: none)");
        }
        // a reload request waits for its compile: other requests are served meanwhile
        s.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "rampart-http");
            t.setDaemon(true);
            return t;
        }));
        s.start();
        servers.add(s);
        return s;
    }

    private void controlPaths(HttpServer s) {
        s.createContext("/control/status", this::status);
        s.createContext("/control/reload", this::reload);
    }

    private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(code, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    private static boolean method(HttpExchange ex, String expected) throws IOException {
        if (ex.getRequestMethod().equals(expected)) {
            return true;
        }
        ex.getResponseHeaders().set("Allow", expected);
        send(ex, 405, "text/plain; charset=utf-8", "use " + expected + "\n");
        return false;
    }

    private void metrics(HttpExchange ex) throws IOException {
        try (ex) {
            if (method(ex, "GET")) {
                send(ex, 200, METRICS_TYPE, prometheus(sensor.snapshot()));
            }
        }
    }

    private void status(HttpExchange ex) throws IOException {
        try (ex) {
            if (method(ex, "GET")) {
                send(ex, 200, "application/json", JSON.writeValueAsString(status(sensor)) + "\n");
            }
        }
    }

    private void reload(HttpExchange ex) throws IOException {
        try (ex) {
            if (!method(ex, "POST")) {
                return;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            int code;
            try {
                Sensor.ReloadResult r = sensor.reload().get(10, TimeUnit.MINUTES);
                out.put("ok", r.ok());
                out.put("generation", r.generation());
                out.put("rules_loaded", r.rulesLoaded());
                out.put("message", r.message());
                out.put("seconds", r.seconds());
                code = r.ok() ? 200 : 422;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.put("ok", false);
                out.put("message", "interrupted");
                code = 503;
            } catch (ExecutionException | TimeoutException e) {
                out.put("ok", false);
                out.put("message", String.valueOf(e));
                code = 500;
            }
            send(ex, code, "application/json", JSON.writeValueAsString(out) + "\n");
        }
    }

    /** The status document: uptime, rules and generation, the last reload, counters. */
    static Map<String, Object> status(Sensor sensor) {
        Sensor.Snapshot s = sensor.snapshot();
        Sensor.ReloadResult r = sensor.lastReload();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uptime_seconds", s.uptimeSeconds());
        m.put("interfaces", sensor.config().interfaces);
        m.put("workers", s.perWorker().length);
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("loaded", s.rulesLoaded());
        rules.put("generation", s.generation());
        rules.put("reloads", s.reloadsOk());
        rules.put("reload_failures", s.reloadsFailed());
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("ok", r.ok());
        last.put("generation", r.generation());
        last.put("message", r.message());
        last.put("at", java.time.Instant.ofEpochMilli(r.atMillis()).toString());
        last.put("seconds", r.seconds());
        rules.put("last_reload", last);
        rules.put("plan_switches_per_worker", sensor.planSwitchesPerWorker());
        rules.put("disable_conf", sensor.config().disableConf == null ? null : sensor.config().disableConf.toString());
        m.put("rules", rules);
        Map<String, Object> masks = new LinkedHashMap<>();
        masks.put("file", sensor.config().masks == null ? null : sensor.config().masks.toString());
        masks.put("count", sensor.maskCount());
        m.put("masks", masks);
        m.put("journal", sensor.config().journal == null ? null : sensor.config().journal.toString());
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("analysis", sensor.scope().toString());
        scope.put("rules_profile", sensor.rulesProfileName());
        scope.put("settings", sensor.config().settings == null ? null : sensor.config().settings.toString());
        m.put("scope", scope);
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("received", s.received());
        st.put("bytes", s.bytes());
        st.put("inspected", s.inspected());
        st.put("dropped", Map.of("ring_full", s.ringDrops()));
        st.put("kernel_drops", s.kernelDrops());
        st.put("interface_drops", s.ifDrops());
        st.put("alerts", s.alerts());
        st.put("packets_per_worker", s.perWorker());
        m.put("stats", st);
        return m;
    }

    /** Prometheus text exposition (format 0.0.4) of a snapshot. */
    static String prometheus(Sensor.Snapshot s) {
        StringBuilder b = new StringBuilder(2048);
        metric(b, "rampart_capture_received_packets_total", "counter", "Packets delivered by libpcap.", "",
                s.received());
        metric(b, "rampart_capture_received_bytes_total", "counter", "Bytes of the packets delivered by libpcap.", "",
                s.bytes());
        metric(b, "rampart_capture_kernel_drops_total", "counter", "Packets the kernel dropped (pcap ps_drop).", "",
                s.kernelDrops());
        metric(b, "rampart_capture_interface_drops_total", "counter", "Packets the interface dropped (ps_ifdrop).", "",
                s.ifDrops());
        metric(b, "rampart_dropped_packets_total", "counter", "Received packets not inspected, by reason.",
                "{reason=\"ring_full\"}", s.ringDrops());
        metric(b, "rampart_inspected_packets_total", "counter", "Packets the workers inspected.", "", s.inspected());
        b.append("# HELP rampart_worker_packets_total Packets each worker inspected.\n");
        b.append("# TYPE rampart_worker_packets_total counter\n");
        for (int i = 0; i < s.perWorker().length; i++) {
            b.append("rampart_worker_packets_total{worker=\"").append(i).append("\"} ").append(s.perWorker()[i])
                    .append('\n');
        }
        metric(b, "rampart_alerts_total", "counter", "Alerts raised.", "", s.alerts());
        metric(b, "rampart_rules_loaded", "gauge", "Rules in the running rule set.", "", s.rulesLoaded());
        metric(b, "rampart_rules_generation", "gauge", "Rule set generation (1 at start, +1 per reload).", "",
                s.generation());
        b.append("# HELP rampart_rule_reloads_total Rule reloads, by result.\n");
        b.append("# TYPE rampart_rule_reloads_total counter\n");
        b.append("rampart_rule_reloads_total{result=\"ok\"} ").append(s.reloadsOk()).append('\n');
        b.append("rampart_rule_reloads_total{result=\"failed\"} ").append(s.reloadsFailed()).append('\n');
        b.append("# HELP rampart_uptime_seconds Seconds since the sensor started.\n");
        b.append("# TYPE rampart_uptime_seconds gauge\n");
        b.append("rampart_uptime_seconds ").append(String.format(java.util.Locale.ROOT, "%.3f", s.uptimeSeconds()))
                .append('\n');
        return b.toString();
    }

    private static void metric(StringBuilder b, String name, String type, String help, String labels, long value) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        b.append(name).append(labels).append(' ').append(value).append('\n');
    }

    @Override
    public void close() {
        for (HttpServer s : servers) {
            s.stop(0);
        }
    }
}

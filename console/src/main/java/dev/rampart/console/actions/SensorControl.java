package dev.rampart.console.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The local sensor's control API ({@code http://127.0.0.1:PORT/control/...}): reload after a rule
 * change, and status for the hosts page. Short timeouts: an absent sensor is reported plainly, it
 * never hangs a page.
 */
public final class SensorControl {
    /** What the sensor answered, or why it could not be asked. */
    public record Reply(boolean reachable, int status, String body, String message) {
        public boolean ok() {
            return reachable && status / 100 == 2;
        }
    }

    /**
     * What the hosts page shows of {@code GET /control/status}: the fields the sensor's status
     * document has ({@code uptime_seconds}, {@code rules.loaded}, {@code rules.generation},
     * {@code rules.last_reload}, {@code masks.count}, {@code stats.received}, {@code stats.alerts},
     * {@code journal}); -1 or null where the sensor did not send one.
     */
    public record Status(double uptimeSeconds, long rulesLoaded, long generation, boolean lastReloadOk,
                         String lastReloadMessage, long masks, long packets, long alerts, String journal,
                         String analysis, String rulesProfile) {
        /** Parses the sensor's status JSON; null when it is not a status document. */
        public static Status parse(String body) {
            JsonNode n;
            try {
                n = JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
            if (n == null || !n.isObject() || !n.has("rules")) {
                return null;
            }
            JsonNode rules = n.path("rules");
            JsonNode last = rules.path("last_reload");
            JsonNode stats = n.path("stats");
            return new Status(n.path("uptime_seconds").asDouble(-1), rules.path("loaded").asLong(-1),
                    rules.path("generation").asLong(-1), last.path("ok").asBoolean(true),
                    last.path("message").asText(""), n.path("masks").path("count").asLong(-1),
                    stats.path("received").asLong(-1), stats.path("alerts").asLong(-1),
                    n.path("journal").isTextual() ? n.path("journal").asText() : null,
                    n.path("scope").path("analysis").isTextual() ? n.path("scope").path("analysis").asText() : null,
                    n.path("scope").path("rules_profile").isTextual() ? n.path("scope").path("rules_profile").asText() : null);
        }

        /** One line for the hosts page. */
        public String summary() {
            StringBuilder b = new StringBuilder();
            b.append(rulesLoaded).append(" rules (generation ").append(generation).append(')');
            if (!lastReloadOk) {
                b.append(", last reload failed: ").append(lastReloadMessage);
            }
            if (masks >= 0) {
                b.append(", ").append(masks).append(" masks");
            }
            b.append(", ").append(packets).append(" packets, ").append(alerts).append(" alerts, up ")
                    .append(Math.round(uptimeSeconds)).append(" s");
            if (analysis != null) {
                // what the host settings put in force, as the sensor applies them
                b.append("; analysing ").append(analysis).append(", rule profile ").append(rulesProfile);
            }
            return b.toString();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String host;
    private final int port;
    private final HttpClient client;

    public SensorControl(String host, int port) {
        this.host = host;
        this.port = port;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .proxy(HttpClient.Builder.NO_PROXY).build();
    }

    public String base() {
        return "http://" + host + ":" + port;
    }

    public int port() {
        return port;
    }

    public Reply reload() {
        return send(HttpRequest.newBuilder(URI.create(base() + "/control/reload")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public Reply status() {
        return send(HttpRequest.newBuilder(URI.create(base() + "/control/status")).timeout(Duration.ofSeconds(3))
                .GET().build());
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            String body = r.body() == null ? "" : r.body();
            if (body.length() > 4000) {
                body = body.substring(0, 4000);
            }
            return new Reply(true, r.statusCode(), body, r.statusCode() / 100 == 2 ? "ok"
                    : "the sensor answered HTTP " + r.statusCode());
        } catch (IOException e) {
            return new Reply(false, 0, "", "the sensor's control API at " + base() + " is not reachable ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); is the sensor running with its control port " + port + "?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(false, 0, "", "interrupted");
        }
    }
}

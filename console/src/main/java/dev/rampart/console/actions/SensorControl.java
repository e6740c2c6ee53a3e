package dev.rampart.console.actions;

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

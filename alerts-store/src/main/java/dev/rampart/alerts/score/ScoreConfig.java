package dev.rampart.alerts.score;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Scoring settings. A rule's score is, first match wins: a per-sid override, a per-classtype
 * override, a per-category override, the points of its ET {@code signature_severity}, the points
 * of its priority (EVE {@code severity}, 1..4). Scores add up per flow and per host pair over a
 * sliding window of packet time; a key reaching its threshold raises an incident.
 *
 * <p>Defaults: threshold 50 on both keys, window 10 minutes; Critical 100, Major 50, Minor 10,
 * Informational 0; priority 1: 50, 2: 10, 3: 2, 4: 0. So one Major (or Critical, or priority-1
 * rule without severity) alert is an incident, five Minor ones in a window are, and
 * Informational alerts never are however many.
 *
 * <p>Properties form ({@link #fromProperties}): {@code threshold}, {@code threshold.flow},
 * {@code threshold.hostpair}, {@code window} (ISO-8601 duration, {@code PT10M}, or seconds),
 * {@code severity.major=50} (any of the four), {@code priority.1=50}, {@code sid.2019401=80},
 * {@code classtype.trojan-activity=60}, {@code category.Potentially Bad Traffic=5} (spaces in
 * property keys escaped as {@code \ }).
 */
public final class ScoreConfig {
    int flowThreshold = 50;
    int hostPairThreshold = 50;
    long windowNanos = Duration.ofMinutes(10).toNanos();
    final int[] severityPoints = {100, 50, 10, 0};
    final int[] priorityPoints = {50, 10, 2, 0};
    final Map<Long, Integer> sidScores = new HashMap<>();
    final Map<String, Integer> classtypeScores = new HashMap<>();
    final Map<String, Integer> categoryScores = new HashMap<>();
    int maxKeys = 1 << 16;
    int maxAlertsPerKey = 256;

    public static ScoreConfig defaults() {
        return new ScoreConfig();
    }

    public ScoreConfig threshold(int points) {
        flowThreshold = positive(points, "threshold");
        hostPairThreshold = points;
        return this;
    }

    public ScoreConfig flowThreshold(int points) {
        flowThreshold = positive(points, "flow threshold");
        return this;
    }

    public ScoreConfig hostPairThreshold(int points) {
        hostPairThreshold = positive(points, "host pair threshold");
        return this;
    }

    public ScoreConfig window(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        windowNanos = window.toNanos();
        return this;
    }

    public ScoreConfig severity(SignatureSeverity severity, int points) {
        severityPoints[severity.ordinal()] = notNegative(points, "severity points");
        return this;
    }

    public ScoreConfig priority(int priority, int points) {
        if (priority < 1 || priority > 4) {
            throw new IllegalArgumentException("priority 1..4: " + priority);
        }
        priorityPoints[priority - 1] = notNegative(points, "priority points");
        return this;
    }

    public ScoreConfig sid(long sid, int points) {
        sidScores.put(sid, notNegative(points, "sid points"));
        return this;
    }

    public ScoreConfig classtype(String classtype, int points) {
        classtypeScores.put(classtype, notNegative(points, "classtype points"));
        return this;
    }

    public ScoreConfig category(String category, int points) {
        categoryScores.put(category, notNegative(points, "category points"));
        return this;
    }

    /** Bounds: keys tracked at once (least recently used dropped) and alerts kept per key window. */
    public ScoreConfig limits(int maxKeys, int maxAlertsPerKey) {
        this.maxKeys = positive(maxKeys, "max keys");
        this.maxAlertsPerKey = positive(maxAlertsPerKey, "max alerts per key");
        return this;
    }

    public int flowThreshold() {
        return flowThreshold;
    }

    public int hostPairThreshold() {
        return hostPairThreshold;
    }

    public long windowNanos() {
        return windowNanos;
    }

    /**
     * Reads the properties form (see the class comment) over the defaults.
     *
     * @throws IllegalArgumentException naming the bad key
     */
    public static ScoreConfig fromProperties(Properties p) {
        ScoreConfig c = defaults();
        for (String key : p.stringPropertyNames()) {
            String value = p.getProperty(key).trim();
            try {
                if (key.equals("threshold")) {
                    c.threshold(Integer.parseInt(value));
                } else if (key.equals("threshold.flow")) {
                    c.flowThreshold(Integer.parseInt(value));
                } else if (key.equals("threshold.hostpair")) {
                    c.hostPairThreshold(Integer.parseInt(value));
                } else if (key.equals("window")) {
                    c.window(value.startsWith("P") || value.startsWith("p")
                            ? Duration.parse(value) : Duration.ofSeconds(Long.parseLong(value)));
                } else if (key.startsWith("severity.")) {
                    c.severity(SignatureSeverity.valueOf(key.substring(9).toUpperCase(java.util.Locale.ROOT)), Integer.parseInt(value));
                } else if (key.startsWith("priority.")) {
                    c.priority(Integer.parseInt(key.substring(9)), Integer.parseInt(value));
                } else if (key.startsWith("sid.")) {
                    c.sid(Long.parseLong(key.substring(4)), Integer.parseInt(value));
                } else if (key.startsWith("classtype.")) {
                    c.classtype(key.substring(10), Integer.parseInt(value));
                } else if (key.startsWith("category.")) {
                    c.category(key.substring(9), Integer.parseInt(value));
                } else {
                    throw new IllegalArgumentException("unknown scoring setting");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("scoring config: " + key + "=" + value + ": " + e.getMessage(), e);
            }
        }
        return c;
    }

    private static int positive(int v, String what) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive: " + v);
        }
        return v;
    }

    private static int notNegative(int v, String what) {
        if (v < 0) {
            throw new IllegalArgumentException(what + " must be >= 0: " + v);
        }
        return v;
    }
}

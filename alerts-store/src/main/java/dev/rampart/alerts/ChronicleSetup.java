package dev.rampart.alerts;

/**
 * Sets Chronicle's switches before any Chronicle class initialises: analytics off (belt and braces:
 * the chronicle-analytics jar is also excluded from the build, which alone keeps Chronicle mute),
 * no disk-space monitor thread, no start-up banner. A value the operator set with {@code -D} wins.
 */
final class ChronicleSetup {
    static final String ANALYTICS_DISABLE = "chronicle.analytics.disable";

    private ChronicleSetup() {
    }

    static {
        setIfAbsent(ANALYTICS_DISABLE, "true");
        setIfAbsent("chronicle.disk.monitor.disable", "true");
        setIfAbsent("chronicle.announcer.disable", "true");
    }

    /** Forces the static initialiser; call first thing in every class that touches Chronicle. */
    static void ensure() {
        // the work is in the static initialiser
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}

package dev.rampart.console.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Traffic analysis settings of one host: which traffic (all, only the listed processes, all but
 * the listed processes), the process list, HTTPS inspection, and the rule profile for incoming and
 * for outgoing traffic; plus whether analysis is active on the host. Stored and validated by the
 * console; the local sensor applies the analysis switch, the process selection and the rule
 * profiles, not yet HTTPS inspection ({@link #SENSOR_SUPPORT}).
 */
public record HostSettings(String host, String mode, List<String> processes, boolean httpsInspection,
                           String inboundProfile, String outboundProfile, boolean active) {
    public static final String ALL = "all";
    public static final String ONLY_LISTED = "only-listed";
    public static final String ALL_BUT_LISTED = "all-but-listed";
    public static final Set<String> MODES = Set.of(ALL, ONLY_LISTED, ALL_BUT_LISTED);
    /** Rule management's built-in profiles (rampart rules update --profile). */
    public static final List<String> PROFILES = List.of("minimal", "balanced", "full");
    public static final int MAX_PROCESSES = 64;
    public static final String SENSOR_SUPPORT = "The local sensor applies the analysis switch, the process selection and "
            + "the rule profiles for incoming and outgoing rules (when its rampart.yaml names this console's settings.json "
            + "as `settings:`; the console asks it to reload on every change). HTTPS inspection is stored here but not yet "
            + "supported by the sensor: it does not decrypt HTTPS.";

    public static HostSettings defaults(String host) {
        return new HostSettings(host, ALL, List.of(), false, "balanced", "balanced", true);
    }

    public HostSettings withActive(boolean on) {
        return new HostSettings(host, mode, processes, httpsInspection, inboundProfile, outboundProfile, on);
    }

    /** Every problem, each a sentence naming the field; empty when valid. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (host == null || !validHost(host)) {
            out.add("host: 'local', an IP address or a host name (letters, digits, '-', '.'), not '" + host + "'");
        }
        if (mode == null || !MODES.contains(mode)) {
            out.add("mode: all, only-listed or all-but-listed, not '" + mode + "'");
        }
        List<String> procs = processes == null ? List.of() : processes;
        if ((ONLY_LISTED.equals(mode) || ALL_BUT_LISTED.equals(mode)) && procs.isEmpty()) {
            out.add("processes: mode " + mode + " needs at least one process");
        }
        if (procs.size() > MAX_PROCESSES) {
            out.add("processes: at most " + MAX_PROCESSES + ", not " + procs.size());
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String p : procs) {
            if (p == null || p.isBlank() || p.length() > 256 || p.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
                out.add("processes: '" + p + "' is not a process name or path (1 to 256 printable characters)");
            } else if (!seen.add(p)) {
                out.add("processes: '" + p + "' is listed twice");
            }
        }
        if (!PROFILES.contains(inboundProfile)) {
            out.add("inbound profile: one of " + PROFILES + ", not '" + inboundProfile + "'");
        }
        if (!PROFILES.contains(outboundProfile)) {
            out.add("outbound profile: one of " + PROFILES + ", not '" + outboundProfile + "'");
        }
        return out;
    }

    static boolean validHost(String h) {
        return h.equals("local") || h.matches("[A-Za-z0-9.:-]{1,253}") && !h.startsWith("-");
    }
}

package dev.rampart.cli.scan;

import dev.rampart.engine.detect.DetectStage;
import dev.rampart.engine.stream.StreamConfig;
import dev.rampart.rules.config.SuricataConfig;
import java.util.Locale;

/**
 * The {@code stream:} settings of a Suricata configuration (file or {@code --set}) that the TCP
 * tracker and raw stream inspection honour; keys that are absent keep the engine defaults
 * (Suricata's). Bad values are ignored with a warning, as Suricata falls back to its default.
 */
public final class StreamSettings {
    private StreamSettings() {
    }

    /** Applies the settings to {@code sc}; returns warnings (empty when none). */
    public static String apply(SuricataConfig c, StreamConfig sc) {
        StringBuilder warn = new StringBuilder();
        if (c.getString("stream.midstream") != null) {
            sc.midstream = c.getBool("stream.midstream", false);
        }
        if (c.getString("stream.async-oneside") != null) {
            sc.asyncOneside = c.getBool("stream.async-oneside", false);
        }
        if (c.getString("stream.checksum-validation") != null) {
            sc.checksumValidation = c.getBool("stream.checksum-validation", true);
        }
        long synQueued = size(c, "stream.max-syn-queued", warn);
        if (synQueued >= 0) {
            sc.maxSynQueued = (int) Math.min(synQueued, Integer.MAX_VALUE);
        }
        long depth = size(c, "stream.reassembly.depth", warn);
        if (depth >= 0) {
            sc.depth = depth;
        }
        return warn.toString();
    }

    /**
     * {@code stream.midstream-policy} (else {@code exception-policy}): fail closed only in IPS mode and
     * without {@code stream.midstream} (which makes Suricata ignore the policy).
     */
    static void applyPolicies(SuricataConfig c, StreamConfig sc, boolean ips) {
        String policy = c.getString("stream.midstream-policy");
        if (policy == null) {
            policy = c.getString("exception-policy");
        }
        policy = policy == null ? "" : policy.trim().toLowerCase(Locale.ROOT);
        sc.midstreamFailClosed = ips && !sc.midstream
                && (policy.equals("drop-flow") || policy.equals("drop-packet") || policy.equals("reject"));
    }

    /** {@code stream.inline} (auto: inline when running as IPS) and the chunk sizes, for detection. */
    public static void apply(SuricataConfig c, DetectStage detect, boolean ips) {
        String inline = c.getString("stream.inline");
        if (inline != null && !inline.equalsIgnoreCase("auto")) {
            detect.setStreamInline(c.getBool("stream.inline", false));
        } else {
            detect.setStreamInline(ips);
        }
        StringBuilder ignored = new StringBuilder();
        long ts = size(c, "stream.reassembly.toserver-chunk-size", ignored);
        long tc = size(c, "stream.reassembly.toclient-chunk-size", ignored);
        detect.setChunkSizes(ts > 0 ? (int) Math.min(ts, 1 << 24) : 2560, tc > 0 ? (int) Math.min(tc, 1 << 24) : 2560);
    }

    /** A Suricata size ({@code 1mb}, {@code 64 KiB}, {@code 2560}), or -1 when absent or malformed. */
    static long size(SuricataConfig c, String key, StringBuilder warn) {
        String s = c.getString(key);
        if (s == null) {
            return -1;
        }
        String v = s.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        long mult = 1;
        String[][] units = {{"kib", "1024"}, {"mib", "1048576"}, {"gib", "1073741824"},
                {"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"}, {"b", "1"}};
        for (String[] u : units) {
            if (v.endsWith(u[0])) {
                mult = Long.parseLong(u[1]);
                v = v.substring(0, v.length() - u[0].length());
                break;
            }
        }
        try {
            return Long.parseLong(v) * mult;
        } catch (NumberFormatException e) {
            warn.append(key).append(": bad size '").append(s).append("'; ");
            return -1;
        }
    }
}

package dev.rampart.cli.scan;

import dev.rampart.engine.applayer.http.HttpConfig;
import dev.rampart.engine.decode.ChecksumMode;
import dev.rampart.engine.detect.DetectStage;
import dev.rampart.engine.detect.XffSettings;
import dev.rampart.engine.flow.ExceptionPolicy;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.rules.config.SuricataConfig;
import java.util.List;
import java.util.Map;

/**
 * The suricata.yaml settings the packet path and alert output honour: stream.midstream, the
 * libhtp default-config body limits and the eve-log alert xff options. Everything else keeps
 * Suricata's defaults.
 */
public final class EngineSettings {
    private static final String LIBHTP = "app-layer.protocols.http.libhtp.default-config.";

    private static final String DEFER_BODY = "rampart-defer-body-inspection";

    private EngineSettings() {
    }

    /**
     * Body inspection timing for an inline (IPS) run: without the key in the configuration, bodies
     * are inspected from their first bytes there (see {@code HttpConfig.deferBodyInspection}).
     */
    public static void inlineBodyInspection(SuricataConfig c, PacketPath.Config pc) {
        if (pc.stream.inline && c.getString(LIBHTP + DEFER_BODY) == null) {
            pc.http.deferBodyInspection = false;
        }
    }

    public static PacketPath.Config packetPath(SuricataConfig c, ChecksumMode checksums) {
        PacketPath.Config pc = new PacketPath.Config();
        pc.checksums = checksums;
        // stream.* settings: StreamSettings
        pc.flow.vlanTracking = c.getBool("vlan.use-for-tracking", true);
        // unset or yes: detected and parsed; detection-only: detected only; anything else (no): off
        String sip = c.getString("app-layer.protocols.sip.enabled");
        boolean sipDetectionOnly = sip != null && sip.equalsIgnoreCase("detection-only");
        pc.sipEnabled = sip == null || sip.isEmpty() || sipDetectionOnly || c.getBool("app-layer.protocols.sip.enabled", false);
        pc.sipParsed = !sipDetectionOnly;
        // Modbus is off unless enabled (yes) or detection-only; the per-transport key comes first, as in Suricata
        String modbus = c.getString("app-layer.protocols.modbus.tcp.enabled");
        if (modbus == null) {
            modbus = c.getString("app-layer.protocols.modbus.enabled");
        }
        boolean modbusDetectionOnly = modbus != null && modbus.trim().equalsIgnoreCase("detection-only");
        pc.modbusEnabled = modbus != null && (modbusDetectionOnly || SuricataConfig.isTrue(modbus.trim()));
        pc.modbusParsed = !modbusDetectionOnly;
        String tlsEncryption = c.getString("app-layer.protocols.tls.encryption-handling");
        pc.tlsInspectEncrypted = tlsEncryption != null && tlsEncryption.trim().equalsIgnoreCase("full");
        HttpConfig h = pc.http;
        h.requestBodyLimit = size(c, LIBHTP + "request-body-limit", h.requestBodyLimit);
        h.responseBodyLimit = size(c, LIBHTP + "response-body-limit", h.responseBodyLimit);
        h.requestBodyMinimalInspectSize = size(c, LIBHTP + "request-body-minimal-inspect-size",
                h.requestBodyMinimalInspectSize);
        h.requestBodyInspectWindow = size(c, LIBHTP + "request-body-inspect-window", h.requestBodyInspectWindow);
        h.responseBodyMinimalInspectSize = size(c, LIBHTP + "response-body-minimal-inspect-size",
                h.responseBodyMinimalInspectSize);
        h.responseBodyInspectWindow = size(c, LIBHTP + "response-body-inspect-window", h.responseBodyInspectWindow);
        h.doubleDecodePath = c.getBool(LIBHTP + "double-decode-path", false);
        h.doubleDecodeQuery = c.getBool(LIBHTP + "double-decode-query", false);
        // rampart's own key (HttpConfig.deferBodyInspection): Suricata always defers; unset, the
        // default (on) stands and an inline run turns it off (deferBodyInspection(...))
        if (c.getString(LIBHTP + DEFER_BODY) != null) {
            h.deferBodyInspection = c.getBool(LIBHTP + DEFER_BODY, true);
        }
        return pc;
    }

    /**
     * {@code app-layer.error-policy} (else the {@code exception-policy} master switch, else the
     * built-in default of the mode) for {@code pc}; returns a warning for a value that names no
     * policy (Suricata refuses to start; here it counts as unset), else an empty string.
     */
    public static String exceptionPolicies(SuricataConfig c, PacketPath.Config pc, boolean ips) {
        StringBuilder warn = new StringBuilder();
        String option = c.getString("app-layer.error-policy");
        String master = c.getString("exception-policy");
        for (String[] kv : new String[][] {{"app-layer.error-policy", option}, {"exception-policy", master}}) {
            if (kv[1] != null && ExceptionPolicy.parse(kv[1]) == null) {
                warn.append(kv[0]).append(": '").append(kv[1]).append("' is not an exception policy (drop-flow, ")
                        .append("pass-flow, bypass, drop-packet, pass-packet, reject, ignore, auto); using the default; ");
            }
        }
        pc.appLayerErrorPolicy = ExceptionPolicy.effective(option, master, ips);
        return warn.toString();
    }

    /**
     * Every configuration setting of a detection stage, as scan and the sensor set each worker's:
     * the stream settings detection reads ({@link StreamSettings#apply(SuricataConfig, DetectStage, boolean)}),
     * {@link #detect} and {@link #output}.
     */
    public static void detectStage(SuricataConfig c, DetectStage detect, boolean ips) {
        StreamSettings.apply(c, detect, ips);
        detect(c, detect);
        output(c, detect);
    }

    /**
     * Which transaction packet/stream alerts log: {@code detect.guess-applayer-tx} (default no, as
     * Suricata 8) and {@code detect.stream-tx-log-limit} (default 4; 0..255 as Suricata's u8).
     */
    public static void detect(SuricataConfig c, DetectStage detect) {
        detect.setTxGuess(c.getBool("detect.guess-applayer-tx", false),
                (int) inRange(c, "detect.stream-tx-log-limit", 0, 255, 4));
        // packet-alert-max (Suricata 7: 1..255, anything else keeps the default of 15)
        detect.setPacketAlertMax((int) inRange(c, "packet-alert-max", 1, 255, DetectStage.DEFAULT_PACKET_ALERT_MAX));
    }

    /** An integer setting within {@code [min, max]}; unset, not a number or outside: Suricata's default. */
    private static long inRange(SuricataConfig c, String key, long min, long max, long dflt) {
        String s = c.getString(key);
        if (s != null) {
            try {
                long v = Long.parseLong(s.trim());
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // not a number: the default
            }
        }
        return dflt;
    }

    /** The eve-log alert xff settings (the first eve-log output with an alert type that has them). */
    public static void output(SuricataConfig c, DetectStage detect) {
        if (!(c.get("outputs") instanceof List<?> outputs)) {
            return;
        }
        for (Object o : outputs) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("eve-log") instanceof Map<?, ?> eve)
                    || !(eve.get("types") instanceof List<?> types)) {
                continue;
            }
            for (Object t : types) {
                if (t instanceof Map<?, ?> tm && tm.get("alert") instanceof Map<?, ?> alert
                        && alert.get("xff") instanceof Map<?, ?> xff) {
                    XffSettings s = XffSettings.of(str(xff.get("enabled")), str(xff.get("mode")),
                            str(xff.get("deployment")), str(xff.get("header")));
                    if (s != null) {
                        detect.setXff(s);
                    }
                    return;
                }
            }
        }
    }

    /**
     * The file (in the log directory) that gets EVE records of {@code type}: the first enabled
     * eve-log output listing the type (Suricata writes each output's types to its own file), or
     * {@code eve.json} when no output lists it.
     */
    static String eveFile(SuricataConfig c, String type) {
        if (c.get("outputs") instanceof List<?> outputs) {
            for (Object o : outputs) {
                if (!(o instanceof Map<?, ?> m) || !(m.get("eve-log") instanceof Map<?, ?> eve)
                        || !(eve.get("types") instanceof List<?> types) || isOff(eve.get("enabled"))) {
                    continue;
                }
                for (Object t : types) {
                    boolean listed = t instanceof Map<?, ?> tm ? tm.containsKey(type) : type.equals(str(t));
                    if (listed) {
                        String name = str(eve.get("filename"));
                        return name == null || name.isBlank() ? "eve.json" : name;
                    }
                }
            }
        }
        return "eve.json";
    }

    private static boolean isOff(Object v) {
        String s = str(v);
        return s != null && (s.equalsIgnoreCase("no") || s.equalsIgnoreCase("false") || s.equalsIgnoreCase("off")
                || s.equals("0"));
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /** A size with Suricata's kb/mb/gb units; the default when absent or not a number. */
    /** A libhtp size setting (Suricata size units); 0 is "no limit"; absent or malformed: {@code dflt}. */
    private static int size(SuricataConfig c, String key, int dflt) {
        long n = StreamSettings.size(c, key, new StringBuilder());
        if (n < 0) {
            return dflt;
        }
        return n == 0 ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, n);
    }
}

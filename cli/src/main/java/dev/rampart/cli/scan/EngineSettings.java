package dev.rampart.cli.scan;

import dev.rampart.engine.applayer.http.HttpConfig;
import dev.rampart.engine.decode.ChecksumMode;
import dev.rampart.engine.detect.DetectStage;
import dev.rampart.engine.detect.XffSettings;
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

    private EngineSettings() {
    }

    public static PacketPath.Config packetPath(SuricataConfig c, ChecksumMode checksums) {
        PacketPath.Config pc = new PacketPath.Config();
        pc.checksums = checksums;
        // stream.* settings: StreamSettings
        pc.flow.vlanTracking = c.getBool("vlan.use-for-tracking", true);
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
        // rampart's own key (HttpConfig.deferBodyInspection): Suricata always defers
        h.deferBodyInspection = c.getBool(LIBHTP + "rampart-defer-body-inspection", false);
        return pc;
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

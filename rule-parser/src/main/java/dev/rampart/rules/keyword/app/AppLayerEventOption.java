package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import java.util.Locale;
import java.util.Set;

/**
 * {@code app-layer-event:proto.event_name;} — an event raised by an app-layer parser
 * ({@code http.request_auth_unrecognized}), or a protocol-detection event without a dot
 * ({@code applayer_mismatch_protocol_both_directions}). The text is kept as written. The
 * protocol must be known; an unknown event name only draws a warning in Suricata (the rule
 * loads and never matches), so event names are not checked against the parsers' tables.
 */
public record AppLayerEventOption(String event) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("app-layer-event",
            KeywordDef.doc("app-layer", "app-layer-event"), ValueMode.REQUIRED, AppLayerEventOption::parse);

    /** Protocol-detection events (no protocol prefix). */
    static final Set<String> DETECTION_EVENTS = Set.of(
            "applayer_mismatch_protocol_both_directions", "applayer_wrong_direction_first_data",
            "applayer_detect_protocol_only_one_direction", "applayer_proto_detection_skipped",
            "applayer_no_tls_after_starttls", "applayer_unexpected_protocol");

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("app-layer-event", value);
        String v = value.trim();
        int dot = v.indexOf('.');
        if (dot < 0) {
            if (!DETECTION_EVENTS.contains(v.toLowerCase(Locale.ROOT))) {
                throw new RuleParseException("app-layer-event: unknown protocol detection event \"" + v
                        + "\" (expected proto.event_name)");
            }
        } else {
            String proto = v.substring(0, dot);
            String name = v.substring(dot + 1);
            if (!AppProto.isKnown(proto)) {
                throw new RuleParseException("app-layer-event: unknown protocol \"" + proto + "\"");
            }
            if (name.isEmpty()) {
                throw new RuleParseException("app-layer-event: missing event name after \"" + proto + ".\"");
            }
            AppProto.checkHeader(ctx, "app-layer-event", proto);
        }
        ctx.add(new AppLayerEventOption(v));
    }

    /** The protocol part, or null for a protocol-detection event. */
    public String protocol() {
        int dot = event.indexOf('.');
        return dot < 0 ? null : event.substring(0, dot);
    }

    /** The event name without the protocol. */
    public String name() {
        return event.substring(event.indexOf('.') + 1);
    }

    @Override
    public String keyword() {
        return "app-layer-event";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(event);
    }
}

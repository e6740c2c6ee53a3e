package dev.rampart.rules.keyword.app;

import dev.rampart.rules.Protocols;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code app-layer-protocol:[!]proto[|proto...][,mode][,exact];} — the detected app-layer
 * protocol. Suricata 7 takes {@code [!]proto}; Suricata 8 adds a mode (direction, to_server,
 * to_client, either, final, original) and later versions {@code a|b} lists, {@code exact} and
 * the special {@code unknown} (never negated). {@code failed} matches failed detection. A positive
 * match may not be combined with other app-layer-protocol options.
 */
public record AppLayerProtocolOption(boolean negated, List<String> protocols, Mode mode, boolean exact)
        implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("app-layer-protocol",
            KeywordDef.doc("app-layer", "app-layer-protocol"), ValueMode.REQUIRED, AppLayerProtocolOption::parse);

    public enum Mode {
        DIRECTION("direction"), TO_SERVER("to_server"), TO_CLIENT("to_client"), EITHER("either"),
        FINAL("final"), ORIGINAL("original");

        final String text;

        Mode(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public AppLayerProtocolOption {
        protocols = List.copyOf(protocols);
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        String v = Values.unquote("app-layer-protocol", value, false).trim();
        boolean neg = v.startsWith("!");
        if (neg) {
            v = v.substring(1).trim();
        }
        List<String> parts = Values.splitComma(v);
        List<String> protos = new ArrayList<>();
        for (String p : parts.get(0).split("\\|", -1)) {
            String name = p.trim();
            if (!AppProto.isKnown(name) && !name.equals("unknown")) {
                throw new RuleParseException("app-layer-protocol: unknown protocol \"" + name + "\"");
            }
            protos.add(name);
        }
        if (neg && protos.contains("unknown")) {
            throw new RuleParseException("app-layer-protocol: \"unknown\" can't be negated");
        }
        Mode mode = null;
        boolean exact = false;
        for (int i = 1; i < parts.size(); i++) {
            String q = parts.get(i);
            if (q.equals("exact")) {
                if (exact) {
                    throw new RuleParseException("app-layer-protocol: exact given twice");
                }
                exact = true;
                continue;
            }
            Mode m = null;
            for (Mode x : Mode.values()) {
                if (x.text.equals(q)) {
                    m = x;
                }
            }
            if (m == null) {
                throw new RuleParseException("app-layer-protocol: unknown mode \"" + q + "\"");
            }
            if (mode != null) {
                throw new RuleParseException("app-layer-protocol: only one mode is allowed");
            }
            mode = m;
        }
        for (var o : ctx.options()) {
            // Suricata 7: a positive match excludes any other app-layer-protocol; with Suricata 8
            // modes, matches on different directions may be combined (lenient: any mode allows it)
            if (o instanceof AppLayerProtocolOption prev && (!prev.negated || !neg)
                    && prev.mode == null && mode == null) {
                throw new RuleParseException("app-layer-protocol: can't mix a positive app-layer-protocol match "
                        + "with other app-layer-protocol matches");
            }
        }
        // Suricata 7 refuses app-layer-protocol in any rule whose header is an app-layer
        // protocol; whether later versions still do is unclear, so only a positive match naming
        // a different protocol than the header is refused here (lenient).
        if (!neg && protos.size() == 1 && Protocols.isAppLayer(ctx.protocol())
                && !protos.get(0).equals("failed") && !protos.get(0).equals("unknown")) {
            AppProto.checkHeader(ctx, "app-layer-protocol", protos.get(0));
        }
        ctx.add(new AppLayerProtocolOption(neg, protos, mode, exact));
    }

    @Override
    public String keyword() {
        return "app-layer-protocol";
    }

    @Override
    public void appendValue(StringBuilder out) {
        if (negated) {
            out.append('!');
        }
        out.append(String.join("|", protocols));
        if (mode != null) {
            out.append(',').append(mode.text);
        }
        if (exact) {
            out.append(",exact");
        }
    }
}

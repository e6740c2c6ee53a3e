package dev.rampart.rules.keyword.app;

import dev.rampart.rules.Protocols;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.ParseContext;
import java.util.Set;

/** App-layer protocol names as keywords use them, and the rule-protocol consistency check. */
final class AppProto {
    private AppProto() {
    }

    /** Names app-layer-protocol / app-layer-event accept (the header words minus pseudo names). */
    static boolean isKnown(String name) {
        return Protocols.isAppLayer(name) && !name.equals("http-any");
    }

    private static final Set<String> HTTP = Set.of("http", "http1", "http2", "http-any");
    private static final Set<String> IKE = Set.of("ike", "ikev2");
    private static final Set<String> DCERPC = Set.of("dcerpc", "smb");

    /**
     * A keyword that binds the rule to app-layer protocol {@code proto} can't be used in a rule
     * whose header names another app-layer protocol ("can't set rule app proto"). Protocols of one
     * family (http/http1/http2, ike/ikev2, dcerpc/smb) are treated as compatible.
     */
    static void checkHeader(ParseContext ctx, String keyword, String proto) throws RuleParseException {
        String header = ctx.protocol();
        if (!Protocols.isAppLayer(header) || header.equals(proto)) {
            return;
        }
        if (HTTP.contains(header) && HTTP.contains(proto) || IKE.contains(header) && IKE.contains(proto)
                || DCERPC.contains(header) && DCERPC.contains(proto)) {
            return;
        }
        throw new RuleParseException(keyword + ": can't set rule app proto to " + proto + ": rule protocol is "
                + header);
    }
}

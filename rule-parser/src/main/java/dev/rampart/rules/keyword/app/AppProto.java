package dev.rampart.rules.keyword.app;

import dev.rampart.rules.Protocols;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.ParseContext;

/** App-layer protocol names as keywords use them, and the rule-protocol consistency check. */
final class AppProto {
    private AppProto() {
    }

    /** Names app-layer-protocol / app-layer-event accept (the header words minus pseudo names). */
    static boolean isKnown(String name) {
        return Protocols.isAppLayer(name) && !name.equals("http-any");
    }

    /**
     * A keyword that binds the rule to app-layer protocol {@code proto} can't be used in a rule
     * whose header names another app-layer protocol ("can't set rule app proto"). Protocols of one
     * family (http/http1/http2, ike/ikev2, dcerpc/smb) are treated as compatible.
     */
    static void checkHeader(ParseContext ctx, String keyword, String proto) throws RuleParseException {
        ctx.requireAppProto(keyword, proto);
    }
}

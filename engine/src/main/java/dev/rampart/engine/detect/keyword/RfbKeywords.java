package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.rfb.RfbTx;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.app.RfbOption;

/**
 * {@code rfb.sectype} (to the server) and {@code rfb.secresult} (to the client), in the directions
 * Suricata registers them, on a transaction whose handshake is complete (its progress 1); a
 * security result must have been read, a security type reads as 0 when none was chosen.
 */
public final class RfbKeywords {
    private RfbKeywords() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        RfbOption o = (RfbOption) option;
        Uint u = o.value();
        if (o.keyword().equals("rfb.sectype")) {
            rule.addTxMatcher(AppProto.RFB, AppBuffer.TO_SERVER, (ctx, s, tx) -> {
                RfbTx t = (RfbTx) tx;
                // no type chosen reads as 0, as Suricata 7's getter leaves it (rfb.sectype:!2 matches then)
                return t.complete() && u.matches(Math.max(0, t.securityType()));
            });
        } else {
            rule.addTxMatcher(AppProto.RFB, AppBuffer.TO_CLIENT, (ctx, s, tx) -> {
                RfbTx t = (RfbTx) tx;
                return t.complete() && t.securityResult() >= 0 && u.matches(t.securityResult());
            });
        }
    }
}

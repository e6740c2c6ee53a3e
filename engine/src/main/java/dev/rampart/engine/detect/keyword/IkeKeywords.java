package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.ike.IkeTx;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.app.IkeOption;

/**
 * The IKE keywords that compare values ({@link IkeOption}), in the directions Suricata 7 registers
 * them: the exchange type and the IKEv1 payload lengths both ways (absent payloads never match),
 * the chosen transform attribute to the client (the responder's answer).
 */
public final class IkeKeywords {
    public static final String[] NAMES = {"ike.exchtype", "ike.key_exchange_payload_length", "ike.nonce_payload_length",
        "ike.chosen_sa_attribute"};

    private IkeKeywords() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        IkeOption o = (IkeOption) option;
        Uint u = o.value();
        switch (o.keyword()) {
            case "ike.exchtype" -> rule.addTxMatcher(AppProto.IKE, AppBuffer.BOTH,
                    (ctx, s, tx) -> u.matches(((IkeTx) tx).exchangeType()));
            case "ike.key_exchange_payload_length" -> rule.addTxMatcher(AppProto.IKE, AppBuffer.BOTH,
                    (ctx, s, tx) -> matches(u, ((IkeTx) tx).keyExchangeLength()));
            case "ike.nonce_payload_length" -> rule.addTxMatcher(AppProto.IKE, AppBuffer.BOTH,
                    (ctx, s, tx) -> matches(u, ((IkeTx) tx).nonceLength()));
            default -> {
                int type = IkeOption.ATTRIBUTES.indexOf(o.attribute()) + 1;
                rule.addTxMatcher(AppProto.IKE, AppBuffer.TO_CLIENT,
                        (ctx, s, tx) -> matches(u, ((IkeTx) tx).chosenAttribute(type)));
            }
        }
    }

    private static boolean matches(Uint u, long v) {
        return v >= 0 && u.matches(v);
    }
}

package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.snmp.SnmpTx;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.app.SnmpOption;

/**
 * {@code snmp.version} (the flow's version as the message's transaction holds it) and
 * {@code snmp.pdu_type} (a message with a cleartext PDU), both directions, as Suricata registers them.
 */
public final class SnmpKeywords {
    private SnmpKeywords() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        SnmpOption o = (SnmpOption) option;
        Uint u = o.value();
        if (o.keyword().equals("snmp.version")) {
            rule.addTxMatcher(AppProto.SNMP, AppBuffer.BOTH, (ctx, s, tx) -> u.matches(((SnmpTx) tx).version()));
        } else {
            rule.addTxMatcher(AppProto.SNMP, AppBuffer.BOTH, (ctx, s, tx) -> {
                long t = ((SnmpTx) tx).pduType();
                return t >= 0 && u.matches(t);
            });
        }
    }
}

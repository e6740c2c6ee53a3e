package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.krb5.Krb5Tx;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.app.Krb5NumberOption;

/**
 * {@code krb5_msg_type:N} and {@code krb5_err_code:N}: the transaction's message type, or its error
 * code (only a KRB-ERROR has one), equal to N; registered for both directions, each transaction
 * being inspected in the direction it travelled.
 */
public final class Krb5Keywords {
    private Krb5Keywords() {
    }

    public static void msgType(RuleOption option, RuleBuilder rule) {
        int v = ((Krb5NumberOption) option).value();
        rule.addTxMatcher(AppProto.KRB5, AppBuffer.BOTH, (ctx, s, tx) -> ((Krb5Tx) tx).msgType() == v);
    }

    public static void errCode(RuleOption option, RuleBuilder rule) {
        int v = ((Krb5NumberOption) option).value();
        rule.addTxMatcher(AppProto.KRB5, AppBuffer.BOTH, (ctx, s, tx) -> ((Krb5Tx) tx).errorCode() == v);
    }
}

package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.smb.SmbTx;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.app.SmbVersionOption;

/** {@code smb.version:N} (Suricata 8): the SMB version of the transaction's records, either direction. */
public final class SmbVersionKeyword {
    private SmbVersionKeyword() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        int version = ((SmbVersionOption) option).version();
        rule.addTxMatcher(AppProto.SMB, AppBuffer.BOTH, (ctx, s, tx) -> tx instanceof SmbTx t && t.smbVersion() == version);
    }
}

package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.nfs.NfsTx;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.app.NfsOption;

/**
 * {@code nfs_procedure} and {@code nfs_version}: registered toward the server only, as Suricata
 * 7.0.10 registers them (a rule with flow:to_client and either does not load: measured), inspected
 * from the moment the transaction exists. The procedure matches when any of the transaction's
 * procedures does (a file transaction's COMMIT too); the version is the call's RPC program version
 * (0 on a READ file transaction opened by a reply, as Suricata leaves it).
 */
public final class NfsKeywords {
    private NfsKeywords() {
    }

    public static void procedure(RuleOption option, RuleBuilder rule) {
        Uint u = ((NfsOption) option).value();
        rule.addTxMatcher(AppProto.NFS, AppBuffer.TO_SERVER, (ctx, s, tx) -> {
            NfsTx t = (NfsTx) tx;
            for (int i = 0; i < 257; i++) {
                long p = t.procedure(i);
                if (p < 0) {
                    return false;
                }
                if (u.matches(p)) {
                    return true;
                }
            }
            return false;
        });
    }

    public static void version(RuleOption option, RuleBuilder rule) {
        Uint u = ((NfsOption) option).value();
        rule.addTxMatcher(AppProto.NFS, AppBuffer.TO_SERVER, (ctx, s, tx) -> u.matches(((NfsTx) tx).version()));
    }
}

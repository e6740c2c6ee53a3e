package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.dcerpc.DcerpcTx;
import dev.rampart.engine.applayer.smb.SmbTx;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.app.DceOpnumOption;
import java.util.List;

/**
 * {@code dcerpc.opnum:N[,N-M]...} (also {@code dce_opnum}): the operation number of the request
 * that filled the transaction is listed, in either direction (over TCP, or over an SMB named pipe). As Suricata 7 stores a single value
 * with an upper bound of 100000, a range written {@code N-100000} is the single value N.
 */
public final class DceOpnumKeyword {
    private static final long UNSET = 100000;

    private DceOpnumKeyword() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        List<DceOpnumOption.Range> ranges = ((DceOpnumOption) option).ranges();
        long[] low = new long[ranges.size()];
        long[] high = new long[ranges.size()];
        for (int i = 0; i < low.length; i++) {
            low[i] = ranges.get(i).low();
            high[i] = ranges.get(i).high() == UNSET ? low[i] : ranges.get(i).high();
        }
        rule.addTxMatcher(AppProto.DCERPC, AppBuffer.BOTH, (ctx, s, tx) -> tx instanceof DcerpcTx t
                ? t.requestSeen() && matches(low, high, t.opnum())
                : tx instanceof SmbTx m && m.dcerpcRequest() && matches(low, high, m.opnum()));
    }

    static boolean matches(long[] low, long[] high, long opnum) {
        for (int i = 0; i < low.length; i++) {
            if (opnum >= low[i] && opnum <= high[i]) {
                return true;
            }
        }
        return false;
    }
}

package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.dcerpc.DcerpcInterface;
import dev.rampart.engine.applayer.dcerpc.DcerpcSession;
import dev.rampart.engine.applayer.dcerpc.DcerpcTx;
import dev.rampart.engine.applayer.smb.SmbSession;
import dev.rampart.engine.applayer.smb.SmbTx;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.app.DceIfaceOption;

/**
 * {@code dcerpc.iface:UUID[,VERSION][,any_frag]} (also {@code dce_iface}): the request's context id
 * was bound to that interface and accepted. Suricata 7's walk over the last acknowledgement's
 * accepted interfaces, in either direction of a transaction that a REQUEST filled, while the last
 * PDU read was a request or a response: an interface whose UUID, context id and major version (the
 * comparison) agree matches. Without {@code any_frag} an interface bound by a PDU without the
 * first-fragment flag is passed over, and as in 7.0 a walk that ends on such an interface answers
 * "match" (fixed in Suricata 9; reproduced because the rules were written against it).
 */
public final class DceIfaceKeyword {
    private DceIfaceKeyword() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        DceIfaceOption o = (DceIfaceOption) option;
        byte[] uuid = uuidBytes(o.uuid());
        Uint version = o.version();
        boolean anyFrag = o.anyFrag();
        rule.addTxMatcher(AppProto.DCERPC, AppBuffer.BOTH, (ctx, s, tx) -> s instanceof DcerpcSession d
                ? matches(d, (DcerpcTx) tx, uuid, version, anyFrag)
                : s instanceof SmbSession m && matchesOverSmb(m, (SmbTx) tx, uuid, version));
    }

    /**
     * Over an SMB named pipe (Suricata's SMB walk): a REQUEST transaction, and an accepted interface
     * of the last acknowledgement with that UUID and version, whatever the request's context id.
     */
    static boolean matchesOverSmb(SmbSession s, SmbTx tx, byte[] uuid, Uint version) {
        if (!tx.dcerpcRequest()) {
            return false;
        }
        for (DcerpcInterface e : s.acceptedInterfaces()) {
            if (java.util.Arrays.equals(e.uuid(), uuid) && (version == null || version.matches(e.major()))) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(DcerpcSession s, DcerpcTx tx, byte[] uuid, Uint version, boolean anyFrag) {
        if (!tx.requestSeen()) {
            return false;
        }
        int last = s.lastPduType();
        if (last != DcerpcSession.REQUEST && last != DcerpcSession.RESPONSE) {
            return false;
        }
        boolean result = false;
        for (DcerpcInterface e : s.accepted()) {
            result = true;
            if ((!anyFrag && !e.firstFrag()) || e.result() != 0) {
                continue;
            }
            if (!java.util.Arrays.equals(e.uuid(), uuid) || e.ctxId() != tx.ctxId()
                    || (version != null && !version.matches(e.major()))) {
                result = false;
                continue;
            }
            return true;
        }
        return result;
    }

    /** The 16 bytes of a UUID written 8-4-4-4-12, in text order. */
    static byte[] uuidBytes(String text) {
        byte[] b = new byte[16];
        int n = 0;
        for (int i = 0; i < text.length() && n < 32; i++) {
            int v = Character.digit(text.charAt(i), 16);
            if (v >= 0) {
                b[n >> 1] |= (byte) (v << ((n & 1) == 0 ? 4 : 0));
                n++;
            }
        }
        return b;
    }
}

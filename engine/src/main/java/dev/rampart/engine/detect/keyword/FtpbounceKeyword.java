package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.ftp.FtpSession;
import dev.rampart.engine.applayer.ftp.FtpTx;
import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.rules.RuleOption;

/**
 * {@code ftpbounce}: the FTP session's last command is PORT and the address in it is not the
 * client's (an FTP bounce: the server asked to connect to a third host). Suricata's check, on the
 * session's state rather than the transaction's: {@link FtpSession#portBounces}; to-server only, on
 * transactions that are done (measured with suricata 7.0.10: a PORT transaction without its reply
 * yet does not alert, and every done one, the banner's included, does while PORT is the last command). For
 * an IPv6 client it compares the first four bytes of its address, as Suricata does.
 */
public final class FtpbounceKeyword {
    private FtpbounceKeyword() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.addTxMatcher(AppProto.FTP, AppBuffer.TO_SERVER, (ctx, s, tx) -> s instanceof FtpSession f
                && ctx.toServer && ((FtpTx) tx).done() && f.portBounces(clientAddress(ctx.packet)));
    }

    /** The first four bytes of the source address (a to-server packet's source is the client). */
    static int clientAddress(Packet p) {
        return p.ipVersion == 6 ? (int) (p.srcHi >>> 32) : (int) p.srcLo;
    }
}

package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.applayer.AppFlow;
import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.app.AppLayerProtocolOption;
import java.util.List;

/**
 * {@code app-layer-protocol:[!]proto[,mode]}: the flow's detected protocol, Suricata 7 style: a
 * direction whose protocol is still undecided matches neither the protocol nor its negation;
 * {@code failed} is a failed detection; http and http1 are the same. Suricata 8 modes pick the
 * direction (to_server, to_client, either) or the flow's protocol (final, original). Protocols the
 * engine cannot detect make the rule unsupported (a negation would otherwise match them wrongly).
 * A protocol-detection-only rule (RuleCompiler's SignatureIsPDOnly test) matches only on the packet
 * that decided the protocol ({@link #DECIDING_PACKET}).
 */
public final class AppLayerProtocolKeyword implements PacketMatcher {
    private final AppProto[] protos;
    private final boolean negated;
    private final AppLayerProtocolOption.Mode mode;

    private AppLayerProtocolKeyword(AppProto[] protos, boolean negated, AppLayerProtocolOption.Mode mode) {
        this.protos = protos;
        this.negated = negated;
        this.mode = mode;
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        AppLayerProtocolOption o = (AppLayerProtocolOption) option;
        List<String> names = o.protocols();
        AppProto[] protos = new AppProto[names.size()];
        for (int i = 0; i < protos.length; i++) {
            AppProto p = of(names.get(i));
            if (p == null) {
                rule.unsupported("app-layer-protocol " + names.get(i) + ": the engine does not detect that protocol");
                return;
            }
            protos[i] = p;
        }
        rule.addMatcher(new AppLayerProtocolKeyword(protos, o.negated(), o.mode()));
    }

    static AppProto of(String name) {
        return switch (name) {
            case "http", "http1" -> AppProto.HTTP;
            case "tls" -> AppProto.TLS;
            case "dns" -> AppProto.DNS;
            case "sip" -> AppProto.SIP;
            case "smb" -> AppProto.SMB;
            case "dcerpc" -> AppProto.DCERPC;
            case "tftp" -> AppProto.TFTP;
            case "mqtt" -> AppProto.MQTT;
            case "websocket" -> AppProto.WEBSOCKET;
            case "modbus" -> AppProto.MODBUS;
            case "krb5" -> AppProto.KRB5;
            case "ike", "ikev2" -> AppProto.IKE;
            case "rfb" -> AppProto.RFB;
            case "snmp" -> AppProto.SNMP;
            case "nfs" -> AppProto.NFS;
            case "smtp" -> AppProto.SMTP;
            case "ftp" -> AppProto.FTP;
            case "ftp-data" -> AppProto.FTP_DATA;
            case "ssh" -> AppProto.SSH;
            case "failed" -> AppProto.FAILED;
            case "unknown" -> AppProto.UNKNOWN;
            default -> null;
        };
    }

    @Override
    public boolean matches(DetectContext ctx) {
        AppFlow a = ctx.app;
        if (ctx.flow == null || a == null) {
            return false;
        }
        if (mode == null || mode == AppLayerProtocolOption.Mode.DIRECTION) {
            return test(a.proto(ctx.toServer));
        }
        return switch (mode) {
            case TO_SERVER -> test(a.proto(true));
            case TO_CLIENT -> test(a.proto(false));
            case EITHER -> test(a.proto(true)) || test(a.proto(false));
            default -> test(a.proto());
        };
    }

    private boolean test(AppProto p) {
        if (p == AppProto.UNKNOWN) {
            // undecided: only an explicit "unknown" matches
            for (AppProto x : protos) {
                if (x == AppProto.UNKNOWN) {
                    return true;
                }
            }
            return false;
        }
        boolean eq = false;
        for (AppProto x : protos) {
            // Suricata's AppProtoEquals: dcerpc also names SMB flows (measured with suricata 7.0.10)
            eq |= x == p || (x == AppProto.DCERPC && p == AppProto.SMB);
        }
        return eq != negated;
    }

    /** Matches only on the packet whose data decided the flow's protocol (or its failure). */
    public static final PacketMatcher DECIDING_PACKET = ctx -> !ctx.pseudo && ctx.app != null && ctx.flow != null
            && ctx.app.decidedAt(ctx.flow.pktsToServer + ctx.flow.pktsToClient);
}

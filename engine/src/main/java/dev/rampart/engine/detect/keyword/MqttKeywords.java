package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.mqtt.MqttSession;
import dev.rampart.engine.applayer.mqtt.MqttTx;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.detect.TxMatcher;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.app.MqttOption;

/**
 * The MQTT keywords that compare values ({@link MqttOption}): each tests every packet of the
 * transaction, in the directions Suricata registers it (type, reason code both ways; session present
 * to the client; the others to the server), once the transaction is complete in that direction.
 */
public final class MqttKeywords {
    /** The keywords this class compiles (one registry line each). */
    public static final String[] NAMES = {"mqtt.type", "mqtt.qos", "mqtt.reason_code", "mqtt.protocol_version",
        "mqtt.connack.session_present", "mqtt.flags", "mqtt.connect.flags"};

    private MqttKeywords() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        MqttOption o = (MqttOption) option;
        Uint u = o.value();
        switch (o.keyword()) {
            case "mqtt.type" -> add(rule, AppBuffer.BOTH, (ctx, s, tx) -> ((MqttTx) tx).hasType(u));
            case "mqtt.qos" -> add(rule, AppBuffer.TO_SERVER, (ctx, s, tx) -> ((MqttTx) tx).hasQos((int) u.arg1()));
            case "mqtt.reason_code" -> add(rule, AppBuffer.BOTH, (ctx, s, tx) -> ((MqttTx) tx).hasReasonCode(u));
            // the flow's protocol version (the last CONNECT's), as Suricata reads it from the state
            case "mqtt.protocol_version" -> add(rule, AppBuffer.TO_SERVER,
                    (ctx, s, tx) -> u.matches(((MqttSession) s).protocolVersion()));
            case "mqtt.connack.session_present" -> add(rule, AppBuffer.TO_CLIENT,
                    (ctx, s, tx) -> ((MqttTx) tx).hasSessionPresent(u.arg1() == 1));
            case "mqtt.flags" -> add(rule, AppBuffer.TO_SERVER, (ctx, s, tx) -> ((MqttTx) tx).hasFlags(u));
            default -> add(rule, AppBuffer.TO_SERVER, (ctx, s, tx) -> ((MqttTx) tx).hasConnectFlags(u)); // mqtt.connect.flags
        }
    }

    /** Matches only on a transaction complete in the packet's direction (Suricata 7's inspection state). */
    private static void add(RuleBuilder rule, int directions, TxMatcher m) {
        rule.addTxMatcher(AppProto.MQTT, directions, (ctx, s, tx) -> ((MqttTx) tx).ready(ctx.toServer) && m.matches(ctx, s, tx));
    }
}

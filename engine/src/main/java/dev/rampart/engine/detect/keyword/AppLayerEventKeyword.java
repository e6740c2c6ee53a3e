package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.http.HttpEvent;
import dev.rampart.engine.applayer.ike.IkeEvent;
import dev.rampart.engine.applayer.ike.IkeTx;
import dev.rampart.engine.applayer.krb5.Krb5Tx;
import dev.rampart.engine.applayer.modbus.ModbusEvent;
import dev.rampart.engine.applayer.modbus.ModbusTx;
import dev.rampart.engine.applayer.mqtt.MqttEvent;
import dev.rampart.engine.applayer.mqtt.MqttTx;
import dev.rampart.engine.applayer.nfs.NfsTx;
import dev.rampart.engine.applayer.rfb.RfbEvent;
import dev.rampart.engine.applayer.rfb.RfbTx;
import dev.rampart.engine.applayer.snmp.SnmpEvent;
import dev.rampart.engine.applayer.snmp.SnmpTx;
import dev.rampart.engine.applayer.websocket.WebSocketTx;
import dev.rampart.engine.applayer.http.HttpTx;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.app.AppLayerEventOption;

/**
 * {@code app-layer-event:proto.name}: an anomaly the protocol's parser recorded on a transaction.
 * HTTP events come from {@link HttpTx#hasEvent}; an event name the parser does not know makes the
 * rule fail to load, as in Suricata 7.
 */
public final class AppLayerEventKeyword {
    private AppLayerEventKeyword() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        AppLayerEventOption o = (AppLayerEventOption) option;
        String proto = o.protocol();
        if (proto == null) {
            rule.unsupported("app-layer-event " + o.event() + ": protocol detection events are not raised yet");
            return;
        }
        if (proto.equals("http") || proto.equals("http1")) {
            HttpEvent e = httpEvent(o.name());
            if (e == null) {
                rule.unsupported("app-layer-event: unknown http event " + o.name());
                return;
            }
            rule.addTxMatcher(AppProto.HTTP, AppBuffer.BOTH, (ctx, s, tx) -> ((HttpTx) tx).hasEvent(e));
            return;
        }
        if (proto.equals("http2")) {
            dev.rampart.engine.applayer.http.Http2Event e = dev.rampart.engine.applayer.http.Http2Event.byName(o.name());
            if (e == null) {
                rule.unsupported("app-layer-event: unknown http2 event " + o.name());
                return;
            }
            rule.addTxMatcher(AppProto.HTTP2, AppBuffer.BOTH, (ctx, s, tx) -> {
                dev.rampart.engine.applayer.http.Http2Stream h2 = ((HttpTx) tx).http2();
                return h2 != null && h2.hasEvent(e);
            });
            return;
        }
        if (proto.equals("tls")) {
            dev.rampart.engine.applayer.tls.TlsEvent e = tlsEvent(o.name());
            if (e == null) {
                rule.unsupported("app-layer-event: unknown tls event " + o.name());
                return;
            }
            // TLS has one transaction per flow: the parser's per-flow event counts are its events
            rule.addTxMatcher(AppProto.TLS, AppBuffer.BOTH,
                    (ctx, s, tx) -> ((dev.rampart.engine.applayer.tls.TlsParser) tx).eventCount(e) > 0);
            return;
        }
        String n = o.name();
        switch (proto) {
            // inspected at any state (an unanswered CONNECT's double_connect too), unlike the mqtt.* keywords
            case "mqtt" -> txEvent(rule, AppProto.MQTT, n, named(MqttEvent.values(), n), (tx, e) -> ((MqttTx) tx).hasEvent(e));
            case "websocket" -> txEvent(rule, AppProto.WEBSOCKET, n, n.equalsIgnoreCase("skip_end_of_payload") ? Boolean.TRUE
                    : n.equalsIgnoreCase("reassembly_limit_reached") ? Boolean.FALSE : null,
                    (tx, skip) -> skip ? ((WebSocketTx) tx).skipped() : ((WebSocketTx) tx).reassemblyLimitReached());
            case "ike", "ikev2" -> txEvent(rule, AppProto.IKE, n, named(IkeEvent.values(), n), (tx, e) -> ((IkeTx) tx).hasEvent(e));
            case "nfs" -> txEvent(rule, AppProto.NFS, n, switch (n.toLowerCase(java.util.Locale.ROOT)) {
                case "malformed_data" -> NfsTx.EVENT_MALFORMED_DATA;
                case "non_existing_version" -> NfsTx.EVENT_NON_EXISTING_VERSION;
                case "unsupported_version" -> NfsTx.EVENT_UNSUPPORTED_VERSION;
                case "too_many_transactions" -> NfsTx.EVENT_TOO_MANY_TRANSACTIONS;
                default -> null;
            }, (tx, e) -> ((NfsTx) tx).hasEvent(e));
            case "modbus" -> txEvent(rule, AppProto.MODBUS, n, named(ModbusEvent.values(), n), (tx, e) -> ((ModbusTx) tx).hasEvent(e));
            case "krb5" -> txEvent(rule, AppProto.KRB5, n, switch (n.toLowerCase(java.util.Locale.ROOT)) {
                case "malformed_data" -> Krb5Tx.EVENT_MALFORMED_DATA;
                case "weak_encryption" -> Krb5Tx.EVENT_WEAK_ENCRYPTION;
                default -> null;
            }, (tx, e) -> ((Krb5Tx) tx).hasEvent(e));
            case "snmp" -> txEvent(rule, AppProto.SNMP, n, named(SnmpEvent.values(), n), (tx, e) -> ((SnmpTx) tx).hasEvent(e));
            case "rfb" -> txEvent(rule, AppProto.RFB, n, named(RfbEvent.values(), n), (tx, e) -> ((RfbTx) tx).hasEvent(e));
            default -> rule.unsupported("app-layer-event for " + proto + " is not implemented yet");
        }
    }

    /**
     * A protocol whose transactions carry their own events: the rule matches a transaction with
     * {@code event} (null: a name the protocol does not raise, the rule is not loaded).
     */
    private static <E> void txEvent(RuleBuilder rule, AppProto proto, String name, E event,
                                    java.util.function.BiPredicate<Object, E> has) {
        if (event == null) {
            rule.unsupported("app-layer-event: unknown " + proto.suricataName() + " event " + name);
            return;
        }
        rule.addTxMatcher(proto, AppBuffer.BOTH, (ctx, s, tx) -> has.test(tx, event));
    }

    /** The event of that name in any case (Suricata's names are the constants' lower-cased), or null. */
    static <E extends Enum<E>> E named(E[] events, String name) {
        for (E e : events) {
            if (e.name().equalsIgnoreCase(name)) {
                return e;
            }
        }
        return null;
    }

    static dev.rampart.engine.applayer.tls.TlsEvent tlsEvent(String name) {
        for (dev.rampart.engine.applayer.tls.TlsEvent e : dev.rampart.engine.applayer.tls.TlsEvent.values()) {
            if (e != dev.rampart.engine.applayer.tls.TlsEvent.HANDSHAKE_LIMIT_REACHED
                    && e.keyword().equalsIgnoreCase("tls." + name)) {
                return e;
            }
        }
        return null;
    }

    static HttpEvent httpEvent(String name) {
        for (HttpEvent e : HttpEvent.values()) {
            if (e.suricataName().equalsIgnoreCase(name)) {
                return e;
            }
        }
        return null;
    }
}

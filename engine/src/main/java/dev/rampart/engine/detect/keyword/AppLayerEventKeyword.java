package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.http.HttpEvent;
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
        if (proto.equals("mqtt")) {
            dev.rampart.engine.applayer.mqtt.MqttEvent e = dev.rampart.engine.applayer.mqtt.MqttEvent.byName(o.name());
            if (e == null) {
                rule.unsupported("app-layer-event: unknown mqtt event " + o.name());
                return;
            }
            // inspected at any state (an unanswered CONNECT's double_connect too), unlike the mqtt.* keywords
            rule.addTxMatcher(AppProto.MQTT, AppBuffer.BOTH,
                    (ctx, s, tx) -> ((dev.rampart.engine.applayer.mqtt.MqttTx) tx).hasEvent(e));
            return;
        }
        if (proto.equals("websocket")) {
            boolean skip = o.name().equalsIgnoreCase("skip_end_of_payload");
            if (!skip && !o.name().equalsIgnoreCase("reassembly_limit_reached")) {
                rule.unsupported("app-layer-event: unknown websocket event " + o.name());
                return;
            }
            rule.addTxMatcher(AppProto.WEBSOCKET, AppBuffer.BOTH, (ctx, s, tx) -> {
                dev.rampart.engine.applayer.websocket.WebSocketTx t = (dev.rampart.engine.applayer.websocket.WebSocketTx) tx;
                return skip ? t.skipped() : t.reassemblyLimitReached();
            });
            return;
        }
        if (proto.equals("ike") || proto.equals("ikev2")) {
            dev.rampart.engine.applayer.ike.IkeEvent e = dev.rampart.engine.applayer.ike.IkeEvent.byName(o.name());
            if (e == null) {
                rule.unsupported("app-layer-event: unknown ike event " + o.name());
                return;
            }
            rule.addTxMatcher(AppProto.IKE, AppBuffer.BOTH,
                    (ctx, s, tx) -> ((dev.rampart.engine.applayer.ike.IkeTx) tx).hasEvent(e));
            return;
        }
        if (proto.equals("nfs")) {
            int e = switch (o.name().toLowerCase(java.util.Locale.ROOT)) {
                case "malformed_data" -> dev.rampart.engine.applayer.nfs.NfsTx.EVENT_MALFORMED_DATA;
                case "non_existing_version" -> dev.rampart.engine.applayer.nfs.NfsTx.EVENT_NON_EXISTING_VERSION;
                case "unsupported_version" -> dev.rampart.engine.applayer.nfs.NfsTx.EVENT_UNSUPPORTED_VERSION;
                case "too_many_transactions" -> dev.rampart.engine.applayer.nfs.NfsTx.EVENT_TOO_MANY_TRANSACTIONS;
                default -> 0;
            };
            if (e == 0) {
                rule.unsupported("app-layer-event: unknown nfs event " + o.name());
                return;
            }
            rule.addTxMatcher(AppProto.NFS, AppBuffer.BOTH,
                    (ctx, s, tx) -> ((dev.rampart.engine.applayer.nfs.NfsTx) tx).hasEvent(e));
            return;
        }
        if (proto.equals("modbus")) {
            dev.rampart.engine.applayer.modbus.ModbusEvent e = dev.rampart.engine.applayer.modbus.ModbusEvent.byName(o.name());
            if (e == null) {
                rule.unsupported("app-layer-event: unknown modbus event " + o.name());
                return;
            }
            rule.addTxMatcher(AppProto.MODBUS, AppBuffer.BOTH,
                    (ctx, s, tx) -> ((dev.rampart.engine.applayer.modbus.ModbusTx) tx).hasEvent(e));
            return;
        }
        if (proto.equals("krb5")) {
            int e = switch (o.name().toLowerCase(java.util.Locale.ROOT)) {
                case "malformed_data" -> dev.rampart.engine.applayer.krb5.Krb5Tx.EVENT_MALFORMED_DATA;
                case "weak_encryption" -> dev.rampart.engine.applayer.krb5.Krb5Tx.EVENT_WEAK_ENCRYPTION;
                default -> 0;
            };
            if (e == 0) {
                rule.unsupported("app-layer-event: unknown krb5 event " + o.name());
                return;
            }
            rule.addTxMatcher(AppProto.KRB5, AppBuffer.BOTH,
                    (ctx, s, tx) -> ((dev.rampart.engine.applayer.krb5.Krb5Tx) tx).hasEvent(e));
            return;
        }
        if (proto.equals("snmp")) {
            dev.rampart.engine.applayer.snmp.SnmpEvent e = dev.rampart.engine.applayer.snmp.SnmpEvent.byName(o.name());
            if (e == null) {
                rule.unsupported("app-layer-event: unknown snmp event " + o.name());
                return;
            }
            rule.addTxMatcher(AppProto.SNMP, AppBuffer.BOTH,
                    (ctx, s, tx) -> ((dev.rampart.engine.applayer.snmp.SnmpTx) tx).hasEvent(e));
            return;
        }
        if (proto.equals("rfb")) {
            dev.rampart.engine.applayer.rfb.RfbEvent e = dev.rampart.engine.applayer.rfb.RfbEvent.byName(o.name());
            if (e == null) {
                rule.unsupported("app-layer-event: unknown rfb event " + o.name());
                return;
            }
            rule.addTxMatcher(AppProto.RFB, AppBuffer.BOTH,
                    (ctx, s, tx) -> ((dev.rampart.engine.applayer.rfb.RfbTx) tx).hasEvent(e));
            return;
        }
        rule.unsupported("app-layer-event for " + proto + " is not implemented yet");
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

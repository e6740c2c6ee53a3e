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
        rule.unsupported("app-layer-event for " + proto + " is not implemented yet");
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

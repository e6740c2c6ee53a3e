package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.websocket.WebSocketTx;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.app.WebSocketOption;

/**
 * websocket.opcode, websocket.flags and websocket.mask (Suricata 8) on a frame, either direction; a
 * frame without a mask never matches websocket.mask.
 */
public final class WebSocketKeywords {
    public static final String[] NAMES = {"websocket.opcode", "websocket.flags", "websocket.mask"};

    private WebSocketKeywords() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        WebSocketOption o = (WebSocketOption) option;
        Uint u = o.value();
        switch (o.keyword()) {
            case "websocket.opcode" -> rule.addTxMatcher(AppProto.WEBSOCKET, AppBuffer.BOTH,
                    (ctx, s, tx) -> u.matches(((WebSocketTx) tx).opcode()));
            case "websocket.flags" -> rule.addTxMatcher(AppProto.WEBSOCKET, AppBuffer.BOTH,
                    (ctx, s, tx) -> u.matches(((WebSocketTx) tx).flags()));
            default -> rule.addTxMatcher(AppProto.WEBSOCKET, AppBuffer.BOTH, (ctx, s, tx) -> {
                long m = ((WebSocketTx) tx).mask();
                return m >= 0 && u.matches(m);
            });
        }
    }
}

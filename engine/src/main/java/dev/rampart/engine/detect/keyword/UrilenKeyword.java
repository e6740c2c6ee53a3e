package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.Slice;
import dev.rampart.engine.applayer.http.HttpTx;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.payload.UrilenOption;

/**
 * {@code urilen}: length of the request's normalised (or raw) URI. Suricata checks it inside the
 * http.uri / http.uri.raw inspection, so a transaction without a URI does not match.
 */
public final class UrilenKeyword {
    private UrilenKeyword() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        UrilenOption o = (UrilenOption) option;
        Uint len = o.length();
        boolean raw = o.raw();
        rule.addTxMatcher(AppProto.HTTP, AppBuffer.TO_SERVER, (ctx, s, tx) -> {
            HttpTx t = (HttpTx) tx;
            Slice u = raw ? t.uriRaw() : t.uri();
            return u.array != null && u.length > 0 && len.matches(u.length);
        });
    }
}

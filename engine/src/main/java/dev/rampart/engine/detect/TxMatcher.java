package dev.rampart.engine.detect;

import dev.rampart.engine.applayer.AppSession;

/**
 * One non-buffer keyword evaluated against an app-layer transaction (Suricata's AppLayerTxMatch
 * entries: urilen, app-layer-event, file keywords, ...). A rule with one is a transaction rule of
 * the matcher's protocol even without sticky buffers. Immutable and shared by workers.
 */
@FunctionalInterface
public interface TxMatcher {
    boolean matches(DetectContext ctx, AppSession session, Object tx);
}

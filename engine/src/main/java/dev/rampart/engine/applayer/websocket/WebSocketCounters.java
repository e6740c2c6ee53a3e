package dev.rampart.engine.applayer.websocket;

/**
 * What WebSocket parsing could not keep, per worker (stats {@code app_layer.rampart.websocket.*}):
 * payload bytes beyond the size limit passed over, messages cut at the reassembly limit, compressed
 * messages that did not inflate (kept as sent), flows whose parsing a gap ended.
 */
public final class WebSocketCounters {
    long bytesSkipped;
    long reassemblyLimited;
    long inflateFailed;
    long lostAfterGap;

    public void writeStats(java.util.Map<String, Object> root) {
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.websocket.bytes_skipped", bytesSkipped);
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.websocket.reassembly_limited", reassemblyLimited);
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.websocket.inflate_failed", inflateFailed);
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.websocket.lost_after_gap", lostAfterGap);
    }
}

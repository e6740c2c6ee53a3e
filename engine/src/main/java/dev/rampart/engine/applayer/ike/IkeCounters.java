package dev.rampart.engine.applayer.ike;

/**
 * What IKE parsing could not read or keep, per worker (stats {@code app_layer.rampart.ike.*}):
 * datagrams whose header does not read (parser errors), IKEv1 messages whose Security Association
 * or Proposal cannot be read (no transaction, as in Suricata), transactions not kept past
 * {@link IkeSession#MAX_TX} live ones.
 */
public final class IkeCounters {
    long malformed;
    long unreadable;
    long txDropped;

    public void writeStats(java.util.Map<String, Object> root) {
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.ike.malformed", malformed);
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.ike.unreadable", unreadable);
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.ike.tx_dropped", txDropped);
    }
}

package dev.rampart.engine.applayer.snmp;

import dev.rampart.engine.pipeline.StatsTree;

/**
 * What SNMP parsing could not read or keep, per worker (stats {@code app_layer.rampart.snmp.*}):
 * datagrams that are no SNMP message, transactions dropped beyond {@link SnmpSession#MAX_TX} live
 * ones, variables beyond {@link SnmpSession#MAX_VARS} in a message.
 */
public final class SnmpCounters {
    private long malformed;
    private long txDropped;
    private long varsDropped;

    void malformed() {
        malformed++;
    }

    void txDropped() {
        txDropped++;
    }

    void varsDropped() {
        varsDropped++;
    }

    public void writeStats(java.util.Map<String, Object> root) {
        StatsTree.put(root, "app_layer.rampart.snmp.malformed", malformed);
        StatsTree.put(root, "app_layer.rampart.snmp.tx_dropped", txDropped);
        StatsTree.put(root, "app_layer.rampart.snmp.vars_dropped", varsDropped);
    }
}

package dev.rampart.engine.applayer.modbus;

import dev.rampart.engine.pipeline.StatsTree;
import java.util.Map;

/**
 * What Modbus parsing dropped, per worker (stats {@code app_layer.rampart.modbus.*}): messages dropped
 * while a flow was flooded (Suricata's give-up after {@link ModbusSession#REQUEST_FLOOD} unanswered
 * requests), unanswered requests closed early beyond {@link ModbusSession#MAX_TX} live transactions,
 * flows whose parsing a gap ended, and the bytes not parsed for these reasons.
 */
public final class ModbusCounters {
    private long floodDropped;
    private long txEvicted;
    private long lostAfterGap;
    private long bytesIgnored;

    void floodDropped() {
        floodDropped++;
    }

    void txEvicted() {
        txEvicted++;
    }

    void lostAfterGap() {
        lostAfterGap++;
    }

    void bytesIgnored(long n) {
        bytesIgnored += n;
    }

    public void writeStats(Map<String, Object> root) {
        StatsTree.put(root, "app_layer.rampart.modbus.flood_dropped", floodDropped);
        StatsTree.put(root, "app_layer.rampart.modbus.tx_evicted", txEvicted);
        StatsTree.put(root, "app_layer.rampart.modbus.lost_after_gap", lostAfterGap);
        StatsTree.put(root, "app_layer.rampart.modbus.bytes_ignored", bytesIgnored);
    }
}

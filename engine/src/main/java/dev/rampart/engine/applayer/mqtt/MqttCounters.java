package dev.rampart.engine.applayer.mqtt;

/**
 * What MQTT parsing could not read, per worker (stats {@code app_layer.rampart.mqtt.*}): malformed
 * packets (each ends its flow's parsing), AUTH packets that stalled a direction, packets over
 * {@link MqttParser#MAX_MESSAGE} passed over, flows whose parsing a gap ended, transactions completed
 * early beyond {@link MqttSession#MAX_TX}, and the bytes not parsed for these reasons.
 */
public final class MqttCounters {
    private long malformed;
    private long stalled;
    private long truncated;
    private long lostAfterGap;
    private long txEvicted;
    private long bytesIgnored;

    void malformed() {
        malformed++;
    }

    void stalled() {
        stalled++;
    }

    void truncated() {
        truncated++;
    }

    void lostAfterGap() {
        lostAfterGap++;
    }

    void txEvicted() {
        txEvicted++;
    }

    void bytesIgnored(long n) {
        bytesIgnored += n;
    }

    public void writeStats(java.util.Map<String, Object> root) {
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.mqtt.malformed", malformed);
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.mqtt.stalled", stalled);
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.mqtt.truncated", truncated);
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.mqtt.lost_after_gap", lostAfterGap);
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.mqtt.tx_evicted", txEvicted);
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.mqtt.bytes_ignored", bytesIgnored);
    }
}

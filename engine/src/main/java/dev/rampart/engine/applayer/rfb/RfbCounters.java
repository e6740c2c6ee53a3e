package dev.rampart.engine.applayer.rfb;

import dev.rampart.engine.pipeline.StatsTree;

/**
 * What RFB parsing did not read, per worker (stats {@code app_layer.rampart.rfb.*}): flows whose
 * handshake a message over {@link RfbSession#MAX_MESSAGE} stopped, flows whose parsing a gap ended,
 * and the bytes passed over after the handshake or for these reasons.
 */
public final class RfbCounters {
    private long oversized;
    private long lostAfterGap;
    private long bytesIgnored;

    void oversized() {
        oversized++;
    }

    void lostAfterGap() {
        lostAfterGap++;
    }

    void bytesIgnored(long n) {
        bytesIgnored += n;
    }

    public void writeStats(java.util.Map<String, Object> root) {
        StatsTree.put(root, "app_layer.rampart.rfb.oversized", oversized);
        StatsTree.put(root, "app_layer.rampart.rfb.lost_after_gap", lostAfterGap);
        StatsTree.put(root, "app_layer.rampart.rfb.bytes_ignored", bytesIgnored);
    }
}

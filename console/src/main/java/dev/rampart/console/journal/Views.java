package dev.rampart.console.journal;

import java.util.List;

/** What the API returns (serialised as JSON) and the pages render. */
public final class Views {
    private Views() {
    }

    /** One page of a longer list: {@code total} is what matched, {@code items} at most {@code limit} of them. */
    public record Page<T>(long total, int offset, int limit, List<T> items) {
    }

    public record AlertRow(long id, long timeNanos, String time, long sid, String msg, int severity, String src,
                           int srcPort, String dst, int dstPort, String proto, int score, boolean masked,
                           long incidentId, long flowId) {
    }

    public record IncidentRow(long id, String key, long flowId, String hostA, String hostB, long firstNanos,
                              String first, long lastNanos, String last, int score, int alertCount,
                              int severity, List<Long> sids, String rules, boolean masked) {
    }

    /** An alert as the journal holds it, with what the detail page shows. */
    public record AlertDetail(AlertRow row, int gid, int rev, String classtype, String category, String metadata,
                              String appProto, String direction, String action, String eve, String payloadHex,
                              String payloadText, int payloadLength) {
    }

    public record Bucket(long startNanos, String start, long count) {
    }

    public record Count(String key, String label, long count) {
    }

    /** Server-side aggregation of the filtered alerts: only these numbers reach the browser. */
    public record Stats(long alerts, long masked, long bucketNanos, List<Bucket> timeline, List<Count> topRules,
                        List<Count> topHosts) {
    }

    public record ActionRow(long timeNanos, String time, String actor, String action, String target, String detail) {
    }
}

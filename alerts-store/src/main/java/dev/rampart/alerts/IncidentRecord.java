package dev.rampart.alerts;

/**
 * An incident: a flow or a host pair whose alert score reached the threshold within the scoring
 * window. Written once, when raised; alerts of the same key later in that window carry its id
 * ({@link AlertRecord#incidentId}). Mutable flyweight with bounded lists (capacity fixed at
 * construction; what does not fit is counted in {@link #alertCount} only).
 */
public final class IncidentRecord {
    public static final byte KEY_FLOW = 1;
    public static final byte KEY_HOST_PAIR = 2;
    public static final int MAX_ALERTS = 64;
    public static final int MAX_RULES = 32;

    public long incidentId;
    public byte keyKind;
    /** The flow for {@link #KEY_FLOW}; 0 for a host pair. */
    public long flowId;
    public byte ipVersion = 4;
    /** The two hosts: for a flow its first alert's source and destination; for a pair the lower address first. */
    public long hostAHi;
    public long hostALo;
    public long hostBHi;
    public long hostBLo;
    public long firstSeenNanos;
    public long lastSeenNanos;
    /** Window score when raised. */
    public int score;
    /** Alerts in the window when raised (may exceed {@link #alertIdCount}). */
    public int alertCount;
    public final long[] alertIds = new long[MAX_ALERTS];
    public int alertIdCount;
    public final long[] sids = new long[MAX_RULES];
    public int sidCount;

    public IncidentRecord clear() {
        incidentId = 0;
        keyKind = 0;
        flowId = 0;
        ipVersion = 4;
        hostAHi = hostALo = hostBHi = hostBLo = 0;
        firstSeenNanos = lastSeenNanos = 0;
        score = 0;
        alertCount = 0;
        alertIdCount = 0;
        sidCount = 0;
        return this;
    }

    public void addAlert(long alertId) {
        alertCount++;
        if (alertIdCount < MAX_ALERTS) {
            alertIds[alertIdCount++] = alertId;
        }
    }

    /** Adds a rule unless it is already listed. */
    public void addSid(long sid) {
        for (int i = 0; i < sidCount; i++) {
            if (sids[i] == sid) {
                return;
            }
        }
        if (sidCount < MAX_RULES) {
            sids[sidCount++] = sid;
        }
    }

    public boolean hasAlert(long alertId) {
        for (int i = 0; i < alertIdCount; i++) {
            if (alertIds[i] == alertId) {
                return true;
            }
        }
        return false;
    }

    public boolean hasHost(int version, long hi, long lo) {
        return version == ipVersion && ((hi == hostAHi && lo == hostALo) || (hi == hostBHi && lo == hostBLo));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(96);
        sb.append("incident#").append(incidentId).append(keyKind == KEY_FLOW ? " flow " + flowId : " hosts").append(' ');
        IpText.append(sb, ipVersion, hostAHi, hostALo);
        sb.append(" <-> ");
        IpText.append(sb, ipVersion, hostBHi, hostBLo);
        sb.append(" score ").append(score).append(" alerts ").append(alertCount).append(" rules");
        for (int i = 0; i < sidCount; i++) {
            sb.append(' ').append(sids[i]);
        }
        return sb.toString();
    }
}

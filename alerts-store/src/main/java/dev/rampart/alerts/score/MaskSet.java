package dev.rampart.alerts.score;

import dev.rampart.alerts.AlertRecord;
import dev.rampart.alerts.IncidentRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Operator masks and Suricata-style suppressions, applied before scoring: a matching alert is
 * flagged {@link AlertRecord#masked}, scores nothing, and is still journaled.
 *
 * <p>Kinds: a rule everywhere (sid); a rule for one host (sid + address, source or destination,
 * or as Suricata's {@code suppress ... track by_src|by_dst|by_either}); an incident's key (its flow
 * or its host pair, any rule). Read by the alert sink's thread, changed by the console's: the set is
 * an immutable array swapped on change (few masks, rare changes; matching is a linear scan).
 */
public final class MaskSet {
    /** Which address of the alert a host mask compares. */
    public enum Track {
        BY_SRC,
        BY_DST,
        BY_EITHER
    }

    /** One mask; sid 0 means any rule. */
    public record Mask(long sid, Track track, int ipVersion, long hi, long lo, long flowId,
                       boolean pair, long otherHi, long otherLo, String label) {
        boolean matches(AlertRecord a) {
            if (sid != 0 && sid != a.sid) {
                return false;
            }
            if (flowId != 0) {
                return a.flowId == flowId;
            }
            if (pair) {
                return a.ipVersion == ipVersion
                        && ((a.srcHi == hi && a.srcLo == lo && a.dstHi == otherHi && a.dstLo == otherLo)
                        || (a.srcHi == otherHi && a.srcLo == otherLo && a.dstHi == hi && a.dstLo == lo));
            }
            if (track == null) {
                return true;
            }
            if (a.ipVersion != ipVersion) {
                return false;
            }
            boolean src = a.srcHi == hi && a.srcLo == lo;
            boolean dst = a.dstHi == hi && a.dstLo == lo;
            return switch (track) {
                case BY_SRC -> src;
                case BY_DST -> dst;
                case BY_EITHER -> src || dst;
            };
        }
    }

    private volatile Mask[] masks = new Mask[0];

    /** Masks a rule everywhere. */
    public synchronized Mask maskSid(long sid) {
        return add(new Mask(sid, null, 0, 0, 0, 0, false, 0, 0, "sid:" + sid));
    }

    /** Masks a rule for alerts from or to one host. */
    public synchronized Mask maskSidHost(long sid, int ipVersion, long hi, long lo) {
        return suppress(sid, Track.BY_EITHER, ipVersion, hi, lo);
    }

    /** Suricata's {@code suppress gen_id 1, sig_id SID, track TRACK, ip ADDRESS}. */
    public synchronized Mask suppress(long sid, Track track, int ipVersion, long hi, long lo) {
        return add(new Mask(sid, track, ipVersion, hi, lo, 0, false, 0, 0, "sid:" + sid + " host:" + track));
    }

    /** Masks what would feed this incident again: its flow, or its host pair, any rule. */
    public synchronized Mask maskIncident(IncidentRecord incident) {
        if (incident.keyKind == IncidentRecord.KEY_FLOW) {
            return add(new Mask(0, null, 0, 0, 0, incident.flowId, false, 0, 0, "incident:" + incident.incidentId));
        }
        return add(new Mask(0, null, incident.ipVersion, incident.hostAHi, incident.hostALo, 0, true,
                incident.hostBHi, incident.hostBLo, "incident:" + incident.incidentId));
    }

    public synchronized boolean remove(Mask mask) {
        List<Mask> list = new ArrayList<>(Arrays.asList(masks));
        boolean removed = list.remove(mask);
        masks = list.toArray(new Mask[0]);
        return removed;
    }

    /** Replaces every mask at once (a reloaded masks file). */
    public synchronized void replaceAll(List<Mask> all) {
        masks = all.toArray(new Mask[0]);
    }

    public List<Mask> masks() {
        return List.of(masks);
    }

    /** True when a mask matches; allocates nothing. */
    public boolean matches(AlertRecord a) {
        Mask[] current = masks;
        for (Mask m : current) {
            if (m.matches(a)) {
                return true;
            }
        }
        return false;
    }

    /** Adds a mask as it is (a mask read back from a {@link MaskFile}). */
    public synchronized Mask add(Mask m) {
        Mask[] next = Arrays.copyOf(masks, masks.length + 1);
        next[next.length - 1] = m;
        masks = next;
        return m;
    }
}

package dev.rampart.console.actions;

import dev.rampart.alerts.IncidentRecord;
import dev.rampart.alerts.IpText;
import dev.rampart.alerts.score.MaskFile;
import dev.rampart.alerts.score.MaskSet;
import dev.rampart.console.journal.AuditLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Masks set from the console: kept in a {@link MaskSet} (the alert lists show what they match as
 * masked) and in the masks file of the state directory, which a sensor's alert sink loads
 * ({@link MaskFile}); each change is audited. Masked alerts stay in the journal.
 */
public final class MaskService {
    private final Path file;
    private final MaskSet masks;
    private final AuditLog audit;

    public MaskService(Path file, MaskSet masks, AuditLog audit) throws IOException {
        this.file = file;
        this.masks = masks;
        this.audit = audit;
        MaskFile.load(file, masks);
    }

    public MaskSet masks() {
        return masks;
    }

    public Path file() {
        return file;
    }

    public synchronized MaskSet.Mask maskSid(String actor, long sid) throws IOException {
        requireSid(sid);
        MaskSet.Mask m = masks.add(new MaskSet.Mask(sid, null, 0, 0, 0, 0, false, 0, 0, "sid:" + sid));
        save(actor, "mask", "sid:" + sid);
        return m;
    }

    public synchronized MaskSet.Mask maskSidHost(String actor, long sid, String host) throws IOException {
        requireSid(sid);
        long[] ip = new long[3];
        IpText.parse(host, ip);
        String text = IpText.format((int) ip[0], ip[1], ip[2]);
        MaskSet.Mask m = masks.add(new MaskSet.Mask(sid, MaskSet.Track.BY_EITHER, (int) ip[0], ip[1], ip[2], 0, false,
                0, 0, "sid:" + sid + " host:" + text));
        save(actor, "mask", "sid:" + sid + " host:" + text);
        return m;
    }

    public synchronized MaskSet.Mask maskIncident(String actor, IncidentRecord incident) throws IOException {
        MaskSet.Mask m = masks.maskIncident(incident);
        save(actor, "mask", "incident:" + incident.incidentId);
        return m;
    }

    /** Removes the mask at this position of {@link #list()}; false when there is none. */
    public synchronized boolean unmask(String actor, int index) throws IOException {
        List<MaskSet.Mask> all = masks.masks();
        if (index < 0 || index >= all.size()) {
            return false;
        }
        MaskSet.Mask m = all.get(index);
        masks.remove(m);
        save(actor, "unmask", MaskFile.format(m));
        return true;
    }

    public List<MaskSet.Mask> list() {
        return masks.masks();
    }

    private void save(String actor, String action, String target) throws IOException {
        MaskFile.write(file, masks.masks());
        audit.record(actor, action, target, "masks file " + file.getFileName());
    }

    private static void requireSid(long sid) {
        if (sid <= 0) {
            throw new IllegalArgumentException("sid must be positive");
        }
    }
}

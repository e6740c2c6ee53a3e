package dev.rampart.alerts.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.alerts.AlertRecord;
import dev.rampart.alerts.IncidentRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskFileTest {
    @TempDir
    Path dir;

    private static AlertRecord alert(long sid, int src, int dst, long flow) {
        AlertRecord a = new AlertRecord();
        a.sid = sid;
        a.srcV4(src).dstV4(dst);
        a.flowId = flow;
        return a;
    }

    @Test
    void writtenMasksLoadIntoAMaskSetThatMatchesTheSameAlerts() throws Exception {
        MaskSet set = new MaskSet();
        set.maskSid(2019401);
        set.suppress(2019402, MaskSet.Track.BY_SRC, 4, 0, 0x0A000005L);
        IncidentRecord flowIncident = new IncidentRecord();
        flowIncident.incidentId = 17;
        flowIncident.keyKind = IncidentRecord.KEY_FLOW;
        flowIncident.flowId = 4242;
        set.maskIncident(flowIncident);
        IncidentRecord pairIncident = new IncidentRecord();
        pairIncident.incidentId = 18;
        pairIncident.keyKind = IncidentRecord.KEY_HOST_PAIR;
        pairIncident.hostALo = 0x0A000001L;
        pairIncident.hostBLo = 0xC0A80101L;
        set.maskIncident(pairIncident);
        Path file = dir.resolve("state/masks");
        MaskFile.write(file, set.masks());

        MaskSet loaded = new MaskSet();
        MaskFile.load(file, loaded);
        assertEquals(4, loaded.masks().size());
        assertTrue(loaded.matches(alert(2019401, 1, 2, 0)));
        assertTrue(loaded.matches(alert(2019402, 0x0A000005, 2, 0)));
        assertFalse(loaded.matches(alert(2019402, 2, 0x0A000005, 0)), "track src only");
        assertTrue(loaded.matches(alert(1, 7, 8, 4242)));
        assertTrue(loaded.matches(alert(1, 0xC0A80101, 0x0A000001, 1)), "pair either way");
        assertFalse(loaded.matches(alert(1, 0xC0A80101, 0x0A000002, 1)));
        assertEquals("incident:17", loaded.masks().get(2).label());
        // a second write of what was read is the same file
        assertEquals(set.masks().stream().map(MaskFile::format).toList(),
                loaded.masks().stream().map(MaskFile::format).toList());
    }

    @Test
    void malformedLineRefusesTheFileNamingTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaskFile.parse("masks", "# ok\nsid 5\nsid-host 5 sideways 10.0.0.1\n"));
        assertTrue(e.getMessage().startsWith("masks:3: track must be"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MaskFile.parse("m", "sid -4"));
        assertThrows(IllegalArgumentException.class, () -> MaskFile.parse("m", "pair 10.0.0.1 ::1"));
        assertThrows(IllegalArgumentException.class, () -> MaskFile.parse("m", "sid-host 5 src host.example"));
        assertEquals(List.of(), MaskFile.parse("m", "\n# nothing\n"));
    }

    @Test
    void missingFileIsNoMasks() throws Exception {
        assertEquals(List.of(), MaskFile.read(dir.resolve("none")));
    }
}

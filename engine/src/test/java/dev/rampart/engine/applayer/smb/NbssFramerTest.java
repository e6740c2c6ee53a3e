package dev.rampart.engine.applayer.smb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NbssFramerTest {

    private static final byte[] STREAM = SmbBytes.concat(
            SmbBytes.nbss(0x85, new byte[0]),       // keep-alive: header only
            SmbBytes.smb1(false, 100),
            SmbBytes.smb2(true, 3000),
            SmbBytes.nbss(0x81, new byte[68]));     // session request

    @Test
    void countsRecordsAndSessionMessages() {
        NbssFramer f = new NbssFramer();
        f.onData(STREAM, 0, STREAM.length);
        assertEquals(4, f.records());
        assertEquals(2, f.sessionMessages());
        assertFalse(f.lost());
    }

    @Test
    void anySplitGivesTheSameCounts() {
        Random rnd = new Random(7);
        for (int round = 0; round < 200; round++) {
            NbssFramer f = new NbssFramer();
            int p = 0;
            while (p < STREAM.length) {
                int n = Math.min(STREAM.length - p, 1 + rnd.nextInt(round % 2 == 0 ? 5 : 700));
                f.onData(STREAM, p, n);
                p += n;
            }
            assertEquals(4, f.records(), "round " + round);
            assertEquals(2, f.sessionMessages(), "round " + round);
        }
    }

    @Test
    void aRecordEndsOnlyWithItsLastByte() {
        NbssFramer f = new NbssFramer();
        byte[] one = SmbBytes.smb1(true, 10);
        f.onData(one, 0, one.length - 1);
        assertEquals(0, f.records());
        f.onData(one, one.length - 1, 1);
        assertEquals(1, f.records());
    }

    @Test
    void gapInsideABodyKeepsFramingAndAGapOverAHeaderLosesIt() {
        byte[] one = SmbBytes.smb1(false, 100);
        NbssFramer f = new NbssFramer();
        f.onData(one, 0, 40);
        f.onGap(50);
        f.onData(one, 90, one.length - 90);
        assertEquals(1, f.records());
        f.onGap(10); // between records: where the next header starts is unknown
        assertTrue(f.lost());
        f.onData(one, 0, one.length);
        assertEquals(1, f.records());
        assertEquals(1, f.lostAfterGap());
    }
}

package dev.rampart.engine.applayer.nfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * NFS parser on fuzzed input. Over TCP nothing throws for any split; when every record the input
 * declares is under 512 bytes (so none is read early from its header, which Suricata does and which
 * depends on what has arrived), neither run met a parser error and no whole WRITE / READ record
 * announced more data than it held (its excess is skipped from the next chunk, wherever that starts:
 * Suricata's behaviour; seed write-count-beyond-data), any split of each direction gives the same transactions, errors and
 * counters as one piece. As UDP datagrams nothing throws. {@code mvn test} replays
 * {@code NfsSessionFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class NfsSessionFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void recordsAnySplit(FuzzedDataProvider in) {
        int n = in.consumeInt(0, 6);
        int[] cuts = new int[n];
        for (int i = 0; i < n; i++) {
            cuts[i] = in.consumeInt(0, 2000);
        }
        byte[] toClient = in.consumeBytes(in.consumeInt(0, 4000));
        byte[] toServer = in.consumeRemainingAsBytes();
        NfsCounters wc = new NfsCounters();
        NfsCounters sc = new NfsCounters();
        NfsSession whole = new NfsSession(wc);
        NfsSession split = new NfsSession(sc);
        // calls first, then replies, both ways alike
        feed(whole, true, toServer, new int[0]);
        feed(whole, false, toClient, new int[0]);
        feed(split, true, toServer, cuts);
        feed(split, false, toClient, cuts);
        // a header error shows only once its bytes are looked at: Suricata, waiting for a whole header
        // after a short first piece, may never see it (header-error-at-once), so errors end the comparison
        if (smallRecords(toServer) && smallRecords(toClient) && whole.parseErrors() == 0 && split.parseErrors() == 0
                && !whole.leftover && !split.leftover) {
            assertEquals(dump(whole, wc), dump(split, sc));
        }
        assertTrue(whole.txCount() <= 2 * NfsSession.MAX_TX);

        NfsSession udp = new NfsSession();
        dev.rampart.engine.testutil.SplitFeed.feed(udp::onDatagram, true, toServer, cuts);
        dev.rampart.engine.testutil.SplitFeed.feed(udp::onDatagram, false, toClient, cuts);
        assertEquals(0, udp.parseErrors());
    }

    private static void feed(NfsSession s, boolean toServer, byte[] b, int[] cuts) {
        dev.rampart.engine.testutil.SplitFeed.feed((ts, d, off, len) -> {
            s.onData(ts, d, off, len);
            s.onChunkEnd(ts);
        }, toServer, b, cuts);
    }

    /** Whether every record mark, walked from the start, declares fewer than 512 bytes. */
    private static boolean smallRecords(byte[] b) {
        int p = 0;
        while (p + 4 <= b.length) {
            long len = NfsSession.u32(b, p) & 0x7FFF_FFFFL;
            if (len + 4 >= 512) {
                return false;
            }
            p += (int) len + 4;
        }
        return true;
    }

    static String dump(NfsSession s, NfsCounters c) {
        return NfsSessionTest.dump(s) + s.parseErrors() + ' ' + c.malformed() + ' ' + c.recordsTooLong() + ' '
                + c.callsForgotten() + ' ' + c.txEvicted();
    }
}

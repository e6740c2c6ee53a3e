package dev.rampart.engine.applayer.smb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.engine.testutil.SplitFeed;
import dev.rampart.engine.applayer.Slice;

/**
 * SMB parser on fuzzed NetBIOS records in both directions: nothing throws, the transactions stay
 * under their cap, and any split of the bytes gives the same transactions as one piece (records
 * are read whole, large ones streamed). {@code mvn test} replays {@code SmbSessionFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes.
 */
class SmbSessionFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void recordsAnySplit(FuzzedDataProvider in) {
        int n = in.consumeInt(0, 6);
        int[] cuts = new int[n];
        for (int i = 0; i < n; i++) {
            cuts[i] = in.consumeInt(0, 4000);
        }
        byte[] toClient = in.consumeBytes(in.consumeInt(0, 8000));
        byte[] toServer = in.consumeRemainingAsBytes();
        SmbSession whole = new SmbSession();
        SmbSession split = new SmbSession();
        whole.onData(true, toServer, 0, toServer.length);
        whole.onData(false, toClient, 0, toClient.length);
        SplitFeed.feed(split::onData, true, toServer, cuts);
        SplitFeed.feed(split::onData, false, toClient, cuts);
        assertEquals(dump(whole), dump(split));
        assertTrue(whole.txCount() <= SmbSession.MAX_TX + 1);
    }

    static String dump(SmbSession s) {
        StringBuilder sb = new StringBuilder();
        Slice out = new Slice();
        for (int i = 0; i < s.txCount(); i++) {
            SmbTx t = (SmbTx) s.tx(i);
            sb.append(t.id()).append(' ').append(t.smbVersion()).append(' ').append(t.command()).append(' ')
                    .append(t.kind()).append(' ').append(s.txComplete(t, true)).append(s.txComplete(t, false)).append(' ')
                    .append(t.share(out) ? out : "-").append(' ').append(t.namedPipe(out) ? out : "-").append(' ')
                    .append(t.ntlmsspUser(out) ? out : "-").append(' ').append(t.fileLength()).append(' ')
                    .append(t.opnum()).append(' ').append(t.stub(true, out) ? out.length : -1).append(' ')
                    .append(t.stub(false, out) ? out.length : -1).append('\n');
        }
        return sb.append(s.counters().malformed()).append(' ').append(s.counters().skippedLarge()).toString();
    }
}

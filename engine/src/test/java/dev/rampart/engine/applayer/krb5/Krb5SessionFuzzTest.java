package dev.rampart.engine.applayer.krb5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.engine.testutil.SplitFeed;

/**
 * Kerberos parser on fuzzed input: over TCP any split of each direction's bytes gives the same
 * transactions, errors and counters as one piece (records are read whole whatever the segmentation);
 * as UDP datagrams nothing throws; transactions stay under their cap. {@code mvn test} replays
 * {@code Krb5SessionFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class Krb5SessionFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void recordsAnySplit(FuzzedDataProvider in) {
        int n = in.consumeInt(0, 6);
        int[] cuts = new int[n];
        for (int i = 0; i < n; i++) {
            cuts[i] = in.consumeInt(0, 2000);
        }
        byte[] toClient = in.consumeBytes(in.consumeInt(0, 4000));
        byte[] toServer = in.consumeRemainingAsBytes();
        Krb5Counters wc = new Krb5Counters();
        Krb5Counters sc = new Krb5Counters();
        Krb5Session whole = new Krb5Session(wc);
        Krb5Session split = new Krb5Session(sc);
        whole.onData(true, toServer, 0, toServer.length);
        whole.onData(false, toClient, 0, toClient.length);
        SplitFeed.feed(split::onData, true, toServer, cuts);
        SplitFeed.feed(split::onData, false, toClient, cuts);
        assertEquals(dump(whole, wc), dump(split, sc));
        assertTrue(whole.txCount() <= Krb5Session.MAX_TX);

        // the same bytes as datagrams, cut where the stream was
        Krb5Session udp = new Krb5Session();
        SplitFeed.feed(udp::onDatagram, true, toServer, cuts);
        SplitFeed.feed(udp::onDatagram, false, toClient, cuts);
        assertTrue(udp.txCount() <= Krb5Session.MAX_TX);
        assertTrue(udp.parseErrors() <= 2L * n + 2);
    }

    static String dump(Krb5Session s, Krb5Counters c) {
        return Krb5SessionTest.dump(s) + s.parseErrors() + ' ' + c.malformed + ' ' + c.recordsTooLong + ' '
                + c.txDropped + ' ' + c.componentsDropped;
    }
}

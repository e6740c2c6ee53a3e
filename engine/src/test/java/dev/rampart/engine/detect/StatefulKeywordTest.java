package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.detect.xbits.XbitTable;
import org.junit.jupiter.api.Test;

/** flowint, xbits and hostbits with Suricata 7.0 semantics (cross-checked with suricata 7.0.10). */
class StatefulKeywordTest {
    private static final String A = "10.0.0.1";
    private static final String B = "10.0.0.2";
    private static final String S = "10.0.1.1";

    @Test
    void flowintAddCreatesCompareSeesEarlierRulesOfThePacket() {
        StateHarness h = new StateHarness(
                "alert udp any any -> any any (content:\"Q\"; flowint:cnt,+,1; noalert; sid:1;)",
                "alert udp any any -> any any (content:\"Q\"; flowint:cnt,>=,2; sid:2;)",
                "alert udp any any -> any any (content:\"R\"; flowint:cnt,-,5; sid:3;)",
                "alert udp any any -> any any (content:\"Z\"; flowint:cnt,==,4294967293; sid:4;)",
                "alert udp any any -> any any (content:\"N\"; flowint:other,notset; sid:5;)");
        h.udp(0, A, 1000, S, 53, "QN"); // cnt = 1 (add on unset sets), other not set
        h.udp(1, A, 1000, S, 53, "Q"); // cnt = 2: the setter is ordered first, so sid 2 sees 2
        h.udp(2, S, 53, A, 1000, "RZ"); // same flow, reply: 2 - 5 wraps to 2^32 - 3
        h.udp(3, B, 1000, S, 53, "QQ"); // another flow: its own cnt = 1
        assertEquals("1:5 2:2 3:3 3:4", h.alertList());
    }

    @Test
    void xbitsPairIsTheSameBothWaysAndHostBitsShareNamesWithHostbits() {
        StateHarness h = new StateHarness(
                "alert udp any any -> any any (content:\"P\"; xbits:set,pp,track ip_pair; noalert; sid:1;)",
                "alert udp any any -> any any (content:\"Q\"; xbits:isset,pp,track ip_pair; sid:2;)",
                "alert udp any any -> any any (content:\"H\"; hostbits:set,seen,dst; noalert; sid:3;)",
                "alert udp any any -> any any (content:\"Q\"; xbits:isset,seen,track ip_src; sid:4;)");
        h.udp(0, A, 1000, S, 53, "PH"); // pair (A,S) set; host S set
        h.udp(1, S, 53, A, 1000, "Q"); // reply: pair matches, source S has the host bit
        h.udp(2, A, 1001, S, 54, "Q"); // new flow, same pair: xbits outlive flows
        h.udp(3, B, 1000, S, 53, "Q"); // pair (B,S) has nothing
        // sid 4 reads host bits: Suricata orders it before sid 2 (host bits sort before IP-pair bits)
        assertEquals("2:4 2:2 3:2", h.alertList());
    }

    @Test
    void bitsExpireInWholeSecondsAndAreNotRenewedWhilePresent() {
        StateHarness h = new StateHarness(
                "alert udp any any -> any any (content:\"S\"; xbits:set,b,track ip_src,expire 3; noalert; sid:1;)",
                "alert udp any any -> any any (content:\"Q\"; xbits:isset,b,track ip_src; sid:2;)");
        h.udp(0.5, A, 1000, S, 53, "S"); // expires at second 3
        h.udp(2.0, A, 1000, S, 53, "S"); // present: not renewed
        h.udp(3.9, A, 1000, S, 53, "Q"); // second 3: still set
        h.udp(4.1, A, 1000, S, 53, "Q"); // second 4: expired, and removed by this test
        h.udp(5.0, A, 1000, S, 53, "S"); // set again: expires at 8
        h.udp(8.0, A, 1000, S, 53, "Q");
        assertEquals("3:2 6:2", h.alertList());
    }

    @Test
    void toggleAndUnsetAndHostbitsNoalert() {
        StateHarness h = new StateHarness(
                "alert udp any any -> any any (content:\"T\"; hostbits:toggle,t,src; hostbits:noalert; sid:1;)",
                "alert udp any any -> any any (content:\"U\"; hostbits:unset,t,src; noalert; sid:2;)",
                "alert udp any any -> any any (content:\"Q\"; hostbits:isset,t,src; sid:3;)",
                "alert udp any any -> any any (content:\"Q\"; hostbits:isnotset,t,src; sid:4;)");
        h.udp(0, A, 1000, S, 53, "T"); // on
        h.udp(1, A, 1000, S, 53, "Q");
        h.udp(2, A, 1000, S, 53, "T"); // off
        h.udp(3, A, 1000, S, 53, "Q");
        h.udp(4, A, 1000, S, 53, "T"); // on
        h.udp(5, A, 1000, S, 53, "U"); // off
        h.udp(6, A, 1000, S, 53, "Q");
        assertEquals("2:3 4:4 7:4", h.alertList());
    }

    @Test
    void bitTableIsBoundedAndCountsEvictions() {
        XbitTable t = new XbitTable(32, 1);
        for (int i = 0; i < 1000; i++) {
            t.set(4, 0, i, 0, 0, 0, 100, 30);
        }
        assertTrue(t.evictions() >= 1000 - 64, "evictions " + t.evictions());
        assertTrue(t.isSet(4, 0, 999, 0, 0, 0, 101), "the newest key is kept");
        assertFalse(t.isSet(4, 0, 999, 0, 0, 0, 131), "expired after 30 s");
    }
}

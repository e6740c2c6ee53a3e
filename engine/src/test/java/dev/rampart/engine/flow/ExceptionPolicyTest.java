package dev.rampart.engine.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Which policy applies to an app-layer error: each case is what Suricata 7.0.10 did on
 * public-cloudshark-sip-s0.pcap (two SIP parser errors, packets 6 and 7) with that setting.
 */
class ExceptionPolicyTest {
    @Test
    void parsesEveryConfigValue() {
        for (ExceptionPolicy p : ExceptionPolicy.values()) {
            assertEquals(p, ExceptionPolicy.parse(" " + p.configName().toUpperCase() + " "));
        }
        assertNull(ExceptionPolicy.parse("drop"));
        assertNull(ExceptionPolicy.parse(null));
    }

    @Test
    void unsetMeansDropFlowInIpsAndIgnoreInIds() {
        assertEquals(ExceptionPolicy.DROP_FLOW, ExceptionPolicy.effective(null, null, true));
        assertEquals(ExceptionPolicy.IGNORE, ExceptionPolicy.effective(null, null, false));
        // a value that names no policy counts as unset
        assertEquals(ExceptionPolicy.DROP_FLOW, ExceptionPolicy.effective("nonsense", null, true));
    }

    @Test
    void theOptionsOwnValueAppliesInBothModes() {
        assertEquals(ExceptionPolicy.DROP_PACKET, ExceptionPolicy.effective("drop-packet", null, false));
        assertEquals(ExceptionPolicy.DROP_FLOW, ExceptionPolicy.effective("drop-flow", null, false));
        assertEquals(ExceptionPolicy.PASS_FLOW, ExceptionPolicy.effective("pass-flow", "drop-flow", true));
        assertEquals(ExceptionPolicy.IGNORE, ExceptionPolicy.effective("ignore", "drop-flow", true));
        assertEquals(ExceptionPolicy.BYPASS, ExceptionPolicy.effective("bypass", null, false));
    }

    @Test
    void autoAndRejectDependOnTheMode() {
        assertEquals(ExceptionPolicy.DROP_FLOW, ExceptionPolicy.effective("auto", null, true));
        assertEquals(ExceptionPolicy.IGNORE, ExceptionPolicy.effective("auto", null, false));
        assertEquals(ExceptionPolicy.REJECT, ExceptionPolicy.effective("reject", null, true));
        // IDS: the packet is only marked for a reject; 7.0.10 still inspected it and alerted
        assertEquals(ExceptionPolicy.IGNORE, ExceptionPolicy.effective("reject", null, false));
    }

    @Test
    void theMasterSwitchOnlyCountsInIps() {
        assertEquals(ExceptionPolicy.DROP_PACKET, ExceptionPolicy.effective(null, "drop-packet", true));
        assertEquals(ExceptionPolicy.PASS_PACKET, ExceptionPolicy.effective(null, "pass-packet", true));
        assertEquals(ExceptionPolicy.DROP_FLOW, ExceptionPolicy.effective(null, "auto", true));
        assertEquals(ExceptionPolicy.IGNORE, ExceptionPolicy.effective(null, "ignore", true));
        assertEquals(ExceptionPolicy.IGNORE, ExceptionPolicy.effective(null, "drop-flow", false));
        assertEquals(ExceptionPolicy.IGNORE, ExceptionPolicy.effective(null, "auto", false));
    }

    @Test
    void whatEachPolicySkips() {
        assertFalse(ExceptionPolicy.IGNORE.skipsPacket());
        assertTrue(ExceptionPolicy.DROP_PACKET.skipsPacket());
        assertFalse(ExceptionPolicy.DROP_PACKET.skipsFlow());
        assertTrue(ExceptionPolicy.PASS_PACKET.skipsPacket());
        assertFalse(ExceptionPolicy.PASS_PACKET.skipsFlow());
        for (ExceptionPolicy p : new ExceptionPolicy[] {ExceptionPolicy.DROP_FLOW, ExceptionPolicy.REJECT,
                ExceptionPolicy.PASS_FLOW, ExceptionPolicy.BYPASS}) {
            assertTrue(p.skipsPacket(), p.name());
            assertTrue(p.skipsFlow(), p.name());
        }
        assertTrue(ExceptionPolicy.DROP_FLOW.dropsFlow());
        assertFalse(ExceptionPolicy.BYPASS.dropsFlow());
    }
}

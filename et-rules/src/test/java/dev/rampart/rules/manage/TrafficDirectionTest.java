package dev.rampart.rules.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.RuleEnvironment;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficDirectionTest {
    private static final Map<String, String> VARS = RuleEnvironment.defaultAddressVars();

    private static TrafficDirection dir(String header) {
        return TrafficDirection.of(RuleFacts.scan(header + " (msg:\"x\"; sid:1;)"), VARS);
    }

    @Test
    void homeToExternalIsOutboundAndReverseInbound() {
        assertEquals(TrafficDirection.OUTBOUND, dir("alert http $HOME_NET any -> $EXTERNAL_NET any"));
        assertEquals(TrafficDirection.INBOUND, dir("alert http $EXTERNAL_NET any -> $HOME_NET any"));
    }

    @Test
    void variablesDefinedAsHomeOrExternal() {
        assertEquals(TrafficDirection.INBOUND, dir("alert http $EXTERNAL_NET any -> $HTTP_SERVERS $HTTP_PORTS"));
        assertEquals(TrafficDirection.OUTBOUND, dir("alert tcp $SMTP_SERVERS any -> !$HOME_NET 25"));
        assertEquals(TrafficDirection.INBOUND, dir("alert tcp $AIM_SERVERS any -> [$HOME_NET,$SQL_SERVERS] any"));
        assertEquals(TrafficDirection.EITHER, dir("alert tcp $HOME_NET any -> !$EXTERNAL_NET any"),
                "!$EXTERNAL_NET is home: home -> home is either");
        assertEquals(TrafficDirection.INBOUND, dir("alert tcp !$HOME_NET any -> !$EXTERNAL_NET any"));
    }

    @Test
    void everythingElseIsEither() {
        assertEquals(TrafficDirection.EITHER, dir("alert tcp any any -> any any"));
        assertEquals(TrafficDirection.EITHER, dir("alert tcp $HOME_NET any <> $EXTERNAL_NET any"));
        assertEquals(TrafficDirection.EITHER, dir("alert tcp $HOME_NET any -> $HOME_NET any"));
        assertEquals(TrafficDirection.EITHER, dir("alert ip [1.2.3.4,5.6.7.8] any -> $HOME_NET any"));
        assertEquals(TrafficDirection.EITHER, dir("alert tcp [$HOME_NET,1.2.3.4] any -> $EXTERNAL_NET any"));
        assertEquals(TrafficDirection.EITHER, dir("alert tcp $UNKNOWN any -> $EXTERNAL_NET any"));
        assertEquals(TrafficDirection.EITHER, dir("garbage"));
    }

    @Test
    void followsTheConfiguredVariables() {
        Map<String, String> vars = new HashMap<>(VARS);
        vars.put("DMZ", "[$HOME_NET]");
        vars.put("HTTP_SERVERS", "10.1.1.1");
        assertEquals(TrafficDirection.INBOUND, TrafficDirection.of(
                RuleFacts.scan("alert tcp $EXTERNAL_NET any -> $DMZ any (sid:1;)"), vars));
        assertEquals(TrafficDirection.EITHER, TrafficDirection.of(
                RuleFacts.scan("alert tcp $EXTERNAL_NET any -> $HTTP_SERVERS any (sid:1;)"), vars));
    }

    @Test
    void filters() {
        assertTrue(TrafficDirection.Filter.INBOUND.admits(TrafficDirection.EITHER));
        assertFalse(TrafficDirection.Filter.INBOUND.admits(TrafficDirection.OUTBOUND));
        assertTrue(TrafficDirection.Filter.OUTBOUND.admits(TrafficDirection.OUTBOUND));
        assertFalse(TrafficDirection.Filter.OUTBOUND.admits(TrafficDirection.INBOUND));
        assertTrue(TrafficDirection.Filter.ANY.admits(TrafficDirection.INBOUND));
        assertEquals(TrafficDirection.Filter.OUTBOUND, TrafficDirection.Filter.parse(" Outbound "));
        assertThrows(IllegalArgumentException.class, () -> TrafficDirection.Filter.parse("up"));
    }
}

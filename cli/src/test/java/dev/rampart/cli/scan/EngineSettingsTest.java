package dev.rampart.cli.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.decode.ChecksumMode;
import dev.rampart.engine.flow.ExceptionPolicy;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.rules.config.SuricataConfig;
import org.junit.jupiter.api.Test;

class EngineSettingsTest {
    private static PacketPath.Config policies(SuricataConfig c, boolean ips, StringBuilder warn) {
        PacketPath.Config pc = EngineSettings.packetPath(c, ChecksumMode.NONE);
        warn.append(EngineSettings.exceptionPolicies(c, pc, ips));
        return pc;
    }

    @Test
    void appLayerErrorPolicyComesFromItsKeyTheMasterSwitchOrTheMode() {
        StringBuilder warn = new StringBuilder();
        // detect-udp-flow-rule-02: --simulate-ips --set app-layer.error-policy=drop-packet
        assertEquals(ExceptionPolicy.DROP_PACKET, policies(SuricataConfig.defaults()
                .set("app-layer.error-policy=drop-packet"), true, warn).appLayerErrorPolicy);
        assertEquals(ExceptionPolicy.DROP_FLOW, policies(SuricataConfig.defaults(), true, warn).appLayerErrorPolicy);
        assertEquals(ExceptionPolicy.IGNORE, policies(SuricataConfig.defaults(), false, warn).appLayerErrorPolicy);
        assertEquals(ExceptionPolicy.PASS_PACKET, policies(SuricataConfig.defaults()
                .set("exception-policy=pass-packet"), true, warn).appLayerErrorPolicy);
        assertEquals(ExceptionPolicy.IGNORE, policies(SuricataConfig.defaults()
                .set("exception-policy=pass-packet"), false, warn).appLayerErrorPolicy);
        assertEquals("", warn.toString());
    }

    @Test
    void anUnknownPolicyWarnsAndCountsAsUnset() {
        StringBuilder warn = new StringBuilder();
        PacketPath.Config pc = policies(SuricataConfig.defaults().set("app-layer.error-policy=drop"), true, warn);
        assertEquals(ExceptionPolicy.DROP_FLOW, pc.appLayerErrorPolicy);
        assertTrue(warn.toString().contains("app-layer.error-policy: 'drop'"), warn::toString);
    }

    @Test
    void sipEnabledSetting() {
        PacketPath.Config on = EngineSettings.packetPath(SuricataConfig.defaults(), ChecksumMode.NONE);
        assertTrue(on.sipEnabled && on.sipParsed);
        PacketPath.Config off = EngineSettings.packetPath(SuricataConfig.defaults()
                .set("app-layer.protocols.sip.enabled=no"), ChecksumMode.NONE);
        assertFalse(off.sipEnabled);
        PacketPath.Config detectOnly = EngineSettings.packetPath(SuricataConfig.defaults()
                .set("app-layer.protocols.sip.enabled=detection-only"), ChecksumMode.NONE);
        assertTrue(detectOnly.sipEnabled);
        assertFalse(detectOnly.sipParsed);
    }

    @Test
    void modbusIsOffUnlessEnabled() {
        PacketPath.Config dflt = EngineSettings.packetPath(SuricataConfig.defaults(), ChecksumMode.NONE);
        assertFalse(dflt.modbusEnabled);
        PacketPath.Config on = EngineSettings.packetPath(SuricataConfig.defaults()
                .set("app-layer.protocols.modbus.enabled=true"), ChecksumMode.NONE);
        assertTrue(on.modbusEnabled && on.modbusParsed);
        PacketPath.Config off = EngineSettings.packetPath(SuricataConfig.defaults()
                .set("app-layer.protocols.modbus.enabled=no"), ChecksumMode.NONE);
        assertFalse(off.modbusEnabled);
        PacketPath.Config detectOnly = EngineSettings.packetPath(SuricataConfig.defaults()
                .set("app-layer.protocols.modbus.enabled=detection-only"), ChecksumMode.NONE);
        assertTrue(detectOnly.modbusEnabled);
        assertFalse(detectOnly.modbusParsed);
    }
}

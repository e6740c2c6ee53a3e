package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** eve-log alert xff settings and address parsing. */
class XffSettingsTest {
    @Test
    void onlyEnabledOverwriteModeIsKept() {
        assertNull(XffSettings.of("no", "overwrite", "forward", null));
        assertNull(XffSettings.of("yes", "extra-data", "forward", null));
        assertNotNull(XffSettings.of("yes", "overwrite", "reverse", null));
    }

    @Test
    void addressesAreLiteralIpv4OrIpv6() {
        assertArrayEquals(new byte[] {10, 2, 2, 2}, XffSettings.parse("10.2.2.2"));
        assertNull(XffSettings.parse("10.2.2"));
        assertNull(XffSettings.parse("300.1.1.1"));
        assertNull(XffSettings.parse("example.com"));
        byte[] v6 = XffSettings.parse("2001:db8::1");
        assertNotNull(v6);
        assertArrayEquals(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, v6);
    }
}

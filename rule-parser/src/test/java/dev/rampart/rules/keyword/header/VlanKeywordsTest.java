package dev.rampart.rules.keyword.header;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.UintOption;
import org.junit.jupiter.api.Test;

/** Suricata 8's vlan.id and vlan.layers (cases from Suricata's detect/vlan.rs parser tests). */
class VlanKeywordsTest {

    @Test
    void vlanId() throws Exception {
        assertEquals(new VlanIdOption(Uint.eq(300), VlanIdOption.ANY), option("ip", "vlan.id:300;", VlanIdOption.class));
        assertEquals(new VlanIdOption(Uint.eq(300), VlanIdOption.ANY),
                option("ip", "vlan.id:300,any;", VlanIdOption.class));
        assertEquals(new VlanIdOption(Uint.eq(300), VlanIdOption.ALL),
                option("ip", "vlan.id:300,all;", VlanIdOption.class));
        assertEquals(new VlanIdOption(Uint.eq(200), -1), option("ip", "vlan.id:200,-1;", VlanIdOption.class));
        assertEquals(new VlanIdOption(new Uint(Uint.Mode.NE, 200, 0), 2),
                option("ip", "vlan.id:!200,2;", VlanIdOption.class));
        assertEquals(new VlanIdOption(new Uint(Uint.Mode.RANGE, 200, 300), 0),
                option("ip", "vlan.id:200-300,0;", VlanIdOption.class));
        assertEquals(new VlanIdOption(Uint.eq(200), 2), option("ip", "vlan.id:0xC8,2;", VlanIdOption.class));
        assertEquals("vlan.id:<400,1", canonical(option("ip", "vlan.id:<400,1;", VlanIdOption.class)));
        for (String bad : new String[] {"200abc", "4096", "600,abc", "600,100", "123,-4", "1,2,3"}) {
            rejected("ip", "vlan.id:" + bad + ";", "vlan.id");
        }
    }

    @Test
    void vlanLayers() throws Exception {
        assertEquals(new UintOption("vlan.layers", new Uint(Uint.Mode.GT, 2, 2)),
                option("ip", "vlan.layers:>2;", UintOption.class));
        rejected("ip", "vlan.layers:256;", "vlan.layers");
    }
}

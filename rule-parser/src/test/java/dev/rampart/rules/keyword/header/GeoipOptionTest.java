package dev.rampart.rules.keyword.header;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.rules.keyword.header.GeoipOption.Which;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeoipOptionTest {
    @Test
    void directionThenCountryCodes() throws Exception {
        // suricata-verify geoip: "geoip:dst,FR" and "geoip: dst,DE"
        assertEquals(new GeoipOption(Which.DST, false, List.of("FR")), option("tcp", "geoip:dst,FR;", GeoipOption.class));
        assertEquals(new GeoipOption(Which.BOTH, false, List.of("CN", "RU")),
                option("tcp", "geoip: both, CN,RU;", GeoipOption.class));
        assertEquals(new GeoipOption(Which.ANY, true, List.of("IR")), option("ip", "geoip:!IR;", GeoipOption.class));
        assertEquals("geoip:src,RU", canonical(option("ip", "geoip:src,RU;", GeoipOption.class)));
    }

    @Test
    void aDirectionWithoutCountriesIsRejected() {
        rejected("tcp", "geoip:src;");
        rejected("tcp", "geoip:src,F R;");
    }
}

package dev.rampart.rules.keyword.app;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.keyword.Uint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The MQTT keywords that take values ({@link MqttOption}). */
class MqttKeywordsTest {
    @Test
    void typeByNameOrNumber() throws Exception {
        MqttOption o = option("mqtt", "mqtt.type:connack;", MqttOption.class);
        assertEquals(Uint.eq(2), o.value());
        assertEquals("mqtt.type:CONNACK", canonical(o));
        assertTrue(option("mqtt", "mqtt.type:>12;", MqttOption.class).value().matches(14));
    }

    @Test
    void flagListsAreSetAndClearBits() throws Exception {
        MqttOption f = option("mqtt", "mqtt.flags: !retain, dup;", MqttOption.class);
        assertEquals(new Uint(Uint.Mode.BITMASK, 0x09, 0x08), f.value());
        MqttOption c = option("mqtt", "mqtt.connect.flags:username,password,!will_retain,clean_session;", MqttOption.class);
        assertEquals(new Uint(Uint.Mode.BITMASK, 0x80 | 0x40 | 0x20 | 0x02, 0x80 | 0x40 | 0x02), c.value());
        assertEquals("mqtt.connect.flags:username,password,!will_retain,clean_session", canonical(c));
        assertEquals(Uint.eq(0xC2), option("mqtt", "mqtt.connect.flags:194;", MqttOption.class).value());
    }

    @Test
    void sessionPresentAndQos() throws Exception {
        assertEquals(Uint.eq(1), option("mqtt", "mqtt.connack.session_present:true;", MqttOption.class).value());
        assertEquals(Uint.eq(0), option("mqtt", "mqtt.connack.session_present:no;", MqttOption.class).value());
        assertEquals(Uint.eq(2), option("mqtt", "mqtt.qos:2;", MqttOption.class).value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mqtt.type:FOO;|unknown packet type",
        "mqtt.qos:3;|invalid value",
        "mqtt.flags:dup,!dup;|given twice",
        "mqtt.connect.flags:will,foo;|unknown flag",
        "mqtt.connack.session_present:maybe;|invalid value",
        "mqtt.reason_code:256;|mqtt.reason_code",
    })
    void refused(String text, String message) {
        rejected("mqtt", text, message);
    }

    @Test
    void bindsTheRuleToMqtt() {
        rejected("http", "mqtt.qos:1;", "can't set rule app proto");
        rejected("http", "mqtt.publish.topic; content:\"x\";", "can't set rule app proto");
    }
}

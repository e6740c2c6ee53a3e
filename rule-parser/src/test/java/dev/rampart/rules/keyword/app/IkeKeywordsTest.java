package dev.rampart.rules.keyword.app;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.keyword.Uint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The IKE keywords that take values ({@link IkeOption}), as suricata 7.0.10 loads and refuses them. */
class IkeKeywordsTest {
    @Test
    void comparisonsAndTheChosenAttribute() throws Exception {
        assertTrue(option("ike", "ike.exchtype:>30;", IkeOption.class).value().matches(32));
        assertEquals(Uint.eq(100), option("ike", "ike.nonce_payload_length:100;", IkeOption.class).value());
        IkeOption sa = option("ikev2", "ike.chosen_sa_attribute:sa_life_duration=86400;", IkeOption.class);
        assertEquals("sa_life_duration", sa.attribute());
        assertEquals(Uint.eq(86400), sa.value());
        assertEquals("ike.chosen_sa_attribute:sa_life_duration=86400", canonical(sa));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ike.chosen_sa_attribute:sa_life_duration>86000;", "ike.chosen_sa_attribute:alg_foo=1;",
        "ike.chosen_sa_attribute:alg_enc=x;", "ike.exchtype:256;"})
    void refused(String text) {
        rejected("ike", text, text.substring(0, text.indexOf(':')));
    }

    @Test
    void bindsTheRuleToIke() {
        rejected("http", "ike.exchtype:2;", "can't set rule app proto");
        rejected("dns", "ike.init_spi; content:\"00\";", "can't set rule app proto");
    }
}

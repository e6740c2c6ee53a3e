package dev.rampart.rules.keyword.app;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * nfs_procedure and nfs_version. Accepted and refused values, and what matches, are suricata
 * 7.0.10's (suricata-oracle on nfs3-01, 30 value forms): its own parser, with ranges that include
 * both ends.
 */
class NfsKeywordsTest {

    @Test
    void conditions() throws Exception {
        NfsOption o = option("nfs", "nfs_procedure:3;", NfsOption.class);
        assertTrue(o.value().matches(3));
        assertFalse(o.value().matches(4));
        NfsOption r = option("nfs", "nfs_procedure:2<>4;", NfsOption.class);
        assertTrue(r.value().matches(2) && r.value().matches(3) && r.value().matches(4));
        assertFalse(r.value().matches(1) || r.value().matches(5));
        NfsOption d = option("nfs", "nfs_version:3-4;", NfsOption.class);
        assertTrue(d.value().matches(3) && d.value().matches(4));
        assertTrue(option("nfs", "nfs_procedure:!3;", NfsOption.class).value().matches(4));
        assertFalse(option("nfs", "nfs_procedure:!3;", NfsOption.class).value().matches(3));
        assertTrue(option("nfs", "nfs_procedure:>=19;", NfsOption.class).value().matches(19));
        assertTrue(option("nfs", "nfs_procedure:<=2;", NfsOption.class).value().matches(2));
        assertTrue(option("nfs", "nfs_procedure: 3 ;", NfsOption.class).value().matches(3));
        assertTrue(option("nfs", "nfs_procedure:=3;", NfsOption.class).value().matches(3));
        assertTrue(option("udp", "nfs_procedure:4294967295;", NfsOption.class).value().matches(4294967295L));
        assertEquals("nfs_procedure:2<>4", canonical(option("nfs", "nfs_procedure:2-4;", NfsOption.class)));
        assertEquals("nfs_version:>=3", canonical(option("tcp", "nfs_version:>=3;", NfsOption.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"!2<>4", "&3=2", "0x12", "4<>2", "3<>3", "0<>2", "\"3\"", "4294967296", "<0",
        ">4294967295", "WRITE", "", "-1", "3<>"})
    void refused(String value) {
        rejected("nfs", "nfs_procedure:" + value + ";");
    }

    @Test
    void keywordsBindTheRuleToNfs() {
        rejected("http", "nfs_procedure:3;", "can't set rule app proto");
        rejected("dns", "nfs_version:3;", "can't set rule app proto");
    }
}

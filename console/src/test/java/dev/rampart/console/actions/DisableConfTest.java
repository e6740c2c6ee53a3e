package dev.rampart.console.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DisableConfTest {
    @TempDir
    Path dir;

    @Test
    void offAppendsASidSelectorAndOnRemovesOnlyExactSelectorsOfThatRule() throws Exception {
        Path f = dir.resolve("disable.conf");
        Files.writeString(f, "# site rules\nre:heartbleed\ngroup:emerging-info.rules\n2019401\n1:2019402:3\n20194011\n");
        DisableConf c = new DisableConf(f);
        assertTrue(c.isDisabled(2019401));
        assertTrue(c.isDisabled(2019402), "gid:sid:rev selects the rule");
        assertFalse(c.isDisabled(2019403));
        assertEquals(List.of(2019401L, 2019402L, 20194011L), c.disabledSids());
        assertEquals(List.of("re:heartbleed", "group:emerging-info.rules"), c.otherSelectors());

        assertTrue(c.disable(2019403, "admin"));
        assertFalse(c.disable(2019403, "admin"), "already off");
        List<String> lines = Files.readAllLines(f);
        assertEquals("1:2019403", lines.get(lines.size() - 1));
        assertEquals("# turned off in the console by admin", lines.get(lines.size() - 2));

        assertTrue(c.enable(2019401));
        assertTrue(c.enable(2019403));
        assertFalse(c.enable(2019403), "nothing left to remove");
        assertEquals(List.of("# site rules", "re:heartbleed", "group:emerging-info.rules", "1:2019402:3", "20194011"),
                Files.readAllLines(f), "other lines and rules stay as written");
    }

    @Test
    void exactSidSelectors() {
        assertEquals(5, DisableConf.exactSid("5"));
        assertEquals(5, DisableConf.exactSid(" 1:5  # why"));
        assertEquals(5, DisableConf.exactSid("1:5:2"));
        assertEquals(-1, DisableConf.exactSid("3:5"), "another generator's rule 5 is not rule 5");
        assertEquals(-1, DisableConf.exactSid("re:5"));
        assertEquals(-1, DisableConf.exactSid("# 5"));
        assertEquals(-1, DisableConf.exactSid("1:2019401,1:2019402"));
    }

    @Test
    void missingFileIsCreatedOnFirstRuleOff() throws Exception {
        DisableConf c = new DisableConf(dir.resolve("sub/disable.conf"));
        assertFalse(c.isDisabled(1));
        assertFalse(c.enable(1));
        assertTrue(c.disable(1, "x"));
        assertTrue(c.isDisabled(1));
    }
}

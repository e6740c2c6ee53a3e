package dev.rampart.rules.keyword.payload;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.UintOption;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetOptionTest {
    @Test
    void commandNameTypeAndFilesAreRead() throws RuleParseException {
        DatasetOption d = option("dns", "dns.query; dataset:set,dns-seen, type string, save seen.lst, memcap 10mb;",
                DatasetOption.class);
        assertEquals(DatasetOption.Command.SET, d.command());
        assertEquals("dns-seen", d.name());
        assertEquals("string", d.type());
        assertEquals("seen.lst", d.save());
        assertNull(d.load());
        assertEquals(List.of("memcap 10mb"), d.extra());
        assertEquals("dns.query", d.buffer().name());
        assertEquals("dataset:set,dns-seen, type string, save seen.lst, memcap 10mb", canonical(d));
    }

    @Test
    void typeDefaultsToString() throws RuleParseException {
        DatasetOption d = option("http", "http.uri; dataset:isnotset,uris;", DatasetOption.class);
        assertEquals(DatasetOption.Command.ISNOTSET, d.command());
        assertEquals("string", d.type());
    }

    @Test
    void badCommandsTypesAndMissingBufferAreRefused() {
        rejected("dns", "dns.query; dataset:toggle,x;", "unknown command");
        rejected("dns", "dns.query; dataset:isset,x, type float;", "unknown type");
        rejected("dns", "dns.query; dataset:isset;", "expected");
        rejected("tcp", "dataset:isset,x;", "sticky buffer");
    }

    @Test
    void dnsOpcodeIsAnU8Comparison() throws RuleParseException {
        UintOption o = option("dns", "dns.opcode:!0;", UintOption.class);
        assertEquals("dns.opcode", o.keyword());
        assertEquals(Uint.Mode.NE, o.value().mode());
        rejected("dns", "dns.opcode:256;");
    }
}

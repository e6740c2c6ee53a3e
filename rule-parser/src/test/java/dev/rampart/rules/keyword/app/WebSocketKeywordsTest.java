package dev.rampart.rules.keyword.app;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.keyword.Uint;
import org.junit.jupiter.api.Test;

/** Suricata 8's websocket.opcode / .flags / .mask values ({@link WebSocketOption}). */
class WebSocketKeywordsTest {
    @Test
    void opcodeNamesNegationAndNumbers() throws Exception {
        WebSocketOption o = option("websocket", "websocket.opcode:!ping;", WebSocketOption.class);
        assertTrue(o.value().matches(10));
        assertFalse(o.value().matches(9));
        assertEquals("websocket.opcode:!ping", canonical(o));
        assertEquals(Uint.eq(10), option("websocket", "websocket.opcode:pong;", WebSocketOption.class).value());
        assertTrue(option("websocket", "websocket.opcode:>7;", WebSocketOption.class).value().matches(8));
    }

    @Test
    void flagListsAndMask() throws Exception {
        Uint f = option("websocket", "websocket.flags:fin,!comp;", WebSocketOption.class).value();
        assertTrue(f.matches(0x80));
        assertFalse(f.matches(0xC0));
        assertTrue(option("websocket", "websocket.mask:>0;", WebSocketOption.class).value().matches(1));
    }

    @Test
    void refusedValues() {
        rejected("websocket", "websocket.opcode:hello;", "unknown opcode");
        rejected("websocket", "websocket.flags:fin,fin;", "given twice");
        rejected("http", "websocket.payload; content:\"x\";", "can't set rule app proto");
    }
}

package dev.rampart.rules.keyword.payload;

import static dev.rampart.rules.keyword.payload.PayloadRules.fails;
import static dev.rampart.rules.keyword.payload.PayloadRules.option;
import static dev.rampart.rules.keyword.payload.PayloadRules.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.NumOrVar;
import dev.rampart.rules.RuleParseException;
import org.junit.jupiter.api.Test;

class ByteJumpOptionTest {

    @Test
    void parsesAllOptions() throws RuleParseException {
        ByteJumpOption b = option(ByteJumpOption.class, "content:\"x\"; byte_jump: 4,0 , relative , little, string, "
                + "dec, align, from_beginning , multiplier 2 , post_offset -16 ;");
        assertEquals(NumOrVar.of(4), b.nbytes());
        assertEquals(NumOrVar.of(0), b.offset());
        assertTrue(b.relative());
        assertEquals(ByteEndian.LITTLE, b.endian());
        assertTrue(b.string());
        assertEquals(ByteBase.DEC, b.base());
        assertTrue(b.align());
        assertTrue(b.fromBeginning());
        assertFalse(b.fromEnd());
        assertEquals(2, b.multiplier());
        assertEquals(-16, b.postOffset());
        assertEquals("byte_jump:4,0,relative,multiplier 2,little,string,dec,align,from_beginning,post_offset -16;",
                text(b));
    }

    @Test
    void defaults() throws RuleParseException {
        ByteJumpOption b = option(ByteJumpOption.class, "byte_jump:0,0, from_end, post_offset -8;");
        assertEquals(1, b.multiplier());
        assertTrue(b.fromEnd());
        assertEquals("byte_jump:0,0,from_end,post_offset -8;", text(b));
    }

    @Test
    void errors() {
        fails("byte_jump:4;", "needs");
        fails("byte_jump:9,0;", "more than 8 bytes");
        fails("byte_jump:24,0,string,dec;", "more than 23 bytes");
        fails("byte_jump:4,0,dec;", "base without");
        fails("byte_jump:4,0xffffffffffffffff;", "offset");
        fails("byte_jump:4,65536;", "out of range");
        fails("byte_jump:4,0,from_end,from_beginning;", "cannot be used together");
        fails("byte_jump:4,0,multiplier 0;", "multiplier");
        fails("byte_jump:4,0,multiplier;", "needs a value");
        fails("byte_jump:4,0,post_offset 70000;", "post_offset");
        fails("byte_jump:4,0,string,dce;", "dce");
        fails("byte_jump:4,0,from_beginning,dce;", "dce");
        fails("byte_jump:4,0,jump;", "unknown option");
    }

    @Test
    void dceAndVariables() throws RuleParseException {
        assertEquals(ByteEndian.DCE, option(ByteJumpOption.class, "byte_jump:4,0,align,multiplier 2,dce;").endian());
        ByteJumpOption b = option(ByteJumpOption.class, "byte_extract:1,0,n; byte_jump:n,n;");
        assertEquals(NumOrVar.var("n"), b.nbytes());
        assertEquals(NumOrVar.var("n"), b.offset());
    }
}

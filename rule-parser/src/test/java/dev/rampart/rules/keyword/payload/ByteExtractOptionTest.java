package dev.rampart.rules.keyword.payload;

import static dev.rampart.rules.keyword.payload.PayloadRules.fails;
import static dev.rampart.rules.keyword.payload.PayloadRules.option;
import static dev.rampart.rules.keyword.payload.PayloadRules.rule;
import static dev.rampart.rules.keyword.payload.PayloadRules.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.NumOrVar;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleParseException;
import org.junit.jupiter.api.Test;

class ByteExtractOptionTest {

    @Test
    void parsesAndDefinesAVariable() throws RuleParseException {
        Rule r = rule("content:\"Alice\"; byte_extract:2,0,size; content:\"Bob\"; distance:size; within:3;");
        ByteExtractOption b = r.option(ByteExtractOption.class);
        assertEquals(2, b.nbytes());
        assertEquals(0, b.offset());
        assertEquals("size", b.name());
        assertEquals(1, b.multiplier());
        assertEquals("byte_extract:2,0,size;", text(b));
    }

    @Test
    void options() throws RuleParseException {
        ByteExtractOption b = option(ByteExtractOption.class,
                "content:\"x\"; byte_extract:4, 2, one, align 4, relative, little, multiplier 2, slice;");
        assertTrue(b.relative());
        assertEquals(4, b.align());
        assertEquals(ByteEndian.LITTLE, b.endian());
        assertEquals(2, b.multiplier());
        assertTrue(b.slice());
        assertEquals("byte_extract:4,2,one,relative,multiplier 2,little,align 4,slice;", text(b));
        ByteExtractOption s = option(ByteExtractOption.class, "byte_extract:14,0,v,string,hex;");
        assertEquals(ByteBase.HEX, s.base());
        assertEquals(ByteEndian.DCE, option(ByteExtractOption.class, "byte_extract:4,0,v,dce;").endian());
    }

    @Test
    void errors() {
        fails("byte_extract:4,2;", "needs");
        fails("byte_extract:4,65536,v;", "offset");
        fails("byte_extract:4,2,123;", "invalid variable name");
        fails("byte_extract:4,2,v,align 4,align 4;", "align already set");
        fails("byte_extract:4,2,v,align 3;", "2 or 4");
        fails("byte_extract:4,2,v,relative,relative;", "relative already set");
        fails("byte_extract:4,2,v,hex;", "string must be set");
        fails("byte_extract:4,2,v,little,little;", "endianness already set");
        fails("byte_extract:4,2,v,multiplier 0;", "multiplier");
        fails("byte_extract:4,2,v,multiplier 65536;", "multiplier");
        fails("byte_extract:4,2,v,string,little;", "string and an endian");
        fails("byte_extract:4,2,v,string,slice;", "mutually exclusive");
        fails("byte_extract:9,2,v;", "more than 8 bytes");
        fails("byte_extract:15,2,v,string,hex;", "more than 14 bytes");
        fails("byte_extract:21,2,v,string;", "more than 20 bytes");
        fails("byte_extract:4,2,v,foo;", "unknown option");
        fails("byte_extract:1,0,v; byte_extract:1,1,v;", "already defined");
    }

    @Test
    void laterKeywordsUseTheVariable() throws RuleParseException {
        Rule r = rule("content:\"|00 FF|\"; byte_extract:1,0,len,relative; content:\"|5c 00|\"; distance:2; within:len;"
                + " isdataat:len,relative; byte_test:2,=,len,0;");
        assertEquals(NumOrVar.var("len"), r.option(IsdataatOption.class).offset());
        fails("byte_test:2,=,nope,0;", "unknown byte_extract/byte_math variable");
    }
}

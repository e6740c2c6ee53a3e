package dev.rampart.rules.keyword.payload;

import static dev.rampart.rules.keyword.payload.PayloadRules.fails;
import static dev.rampart.rules.keyword.payload.PayloadRules.option;
import static dev.rampart.rules.keyword.payload.PayloadRules.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.NumOrVar;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.payload.ByteTestOption.Operator;
import org.junit.jupiter.api.Test;

class ByteTestOptionTest {

    @Test
    void parsesPositionalArguments() throws RuleParseException {
        ByteTestOption b = option(ByteTestOption.class, "byte_test:2,=,0x01,0;");
        assertEquals(NumOrVar.of(2), b.nbytes());
        assertFalse(b.negated());
        assertEquals(Operator.EQ, b.operator());
        assertEquals(NumOrVar.of(1), b.value());
        assertEquals(NumOrVar.of(0), b.offset());
        assertFalse(b.relative());
        assertNull(b.endian());
        assertEquals(Buffer.PAYLOAD, b.buffer());
        assertEquals("byte_test:2,=,1,0;", text(b));
    }

    @Test
    void operatorsAndNegation() throws RuleParseException {
        for (Operator op : Operator.values()) {
            assertEquals(op, option(ByteTestOption.class, "byte_test:1," + op.symbol() + ",3,0;").operator());
        }
        ByteTestOption ne = option(ByteTestOption.class, "byte_test:2,!=,6,0;");
        assertTrue(ne.negated());
        assertEquals(Operator.EQ, ne.operator());
        assertEquals(Operator.EQ, option(ByteTestOption.class, "byte_test:4, !, 5, 0;").operator());
        ByteTestOption notAnd = option(ByteTestOption.class, "byte_test:4 , ! &, 5 , 0 , little;");
        assertTrue(notAnd.negated());
        assertEquals(Operator.AND, notAnd.operator());
        assertEquals("byte_test:4,!&,5,0,little;", text(notAnd));
        fails("byte_test:4,=>,5,0;", "invalid operator");
        fails("byte_test:4,,5,0;", "empty argument");
    }

    @Test
    void flags() throws RuleParseException {
        ByteTestOption b = option(ByteTestOption.class,
                "content:\"foo\"; byte_test:4,=,1337,1,relative,string,dec,bitmask 0x3f00;");
        assertTrue(b.relative());
        assertTrue(b.string());
        assertEquals(ByteBase.DEC, b.base());
        assertEquals(0x3f00L, b.bitmask());
        assertEquals("byte_test:4,=,1337,1,relative,string,dec,bitmask 0x3f00;", text(b));
        // the last of big/little counts
        assertEquals(ByteEndian.BIG, option(ByteTestOption.class, "byte_test:2,>,1,0,little,big;").endian());
        assertEquals(ByteEndian.DCE, option(ByteTestOption.class, "byte_test:2,>,1,0,dce;").endian());
    }

    @Test
    void numbersReadLikeC() throws RuleParseException {
        // strtoull with base 0: 0x hex, leading 0 octal; a suffix after the digits is ignored
        assertEquals(8, option(ByteTestOption.class, "byte_test:1,=,010,0;").value().value());
        assertEquals(-1L, option(ByteTestOption.class, "byte_test:8,=,0xffffffffffffffffULL,0;").value().value());
        assertEquals("byte_test:8,=,18446744073709551615,0;",
                text(option(ByteTestOption.class, "byte_test:8,=,0xffffffffffffffff,0;")));
        assertEquals(16, option(ByteTestOption.class, "byte_test:1,=,1,0x10;").offset().value());
        assertEquals(-4, option(ByteTestOption.class, "byte_test:1,=,1,-4,relative;").offset().value());
        fails("byte_test:1,=,1,0xffffffffffffffff;", "offset");
        fails("byte_test:x1,=,1,0;", "unknown byte_extract/byte_math variable");
    }

    @Test
    void sizeLimits() throws RuleParseException {
        fails("byte_test:9,=,1,0;", "more than 8 bytes");
        option(ByteTestOption.class, "byte_test:23,=,1,0,string,oct;");
        fails("byte_test:24,=,1,0,string;", "more than 23 bytes");
        fails("byte_test:4,=,1,0,hex;", "base without \"string\"");
    }

    @Test
    void dceExcludesOtherEncodings() {
        fails("byte_test:4,=,1,0,dce,little;", "dce");
        fails("byte_test:4,=,1,0,string,dce;", "dce");
    }

    @Test
    void unknownAndTooManyOptions() {
        fails("byte_test:4,=,1,0,relativ;", "unknown option");
        fails("byte_test:4,=,1,0,RELATIVE;", "unknown option");
        fails("byte_test:4,=,1,0,relative,big,string,hex,bitmask 1,relative,relative;", "too many options");
        fails("byte_test:4,=,1;", "needs");
    }

    @Test
    void variablesFromByteExtract() throws RuleParseException {
        ByteTestOption b = option(ByteTestOption.class,
                "byte_extract:1,0,len,relative; byte_test:len,=,len,len,relative;");
        assertEquals(NumOrVar.var("len"), b.nbytes());
        assertEquals(NumOrVar.var("len"), b.value());
        assertEquals(NumOrVar.var("len"), b.offset());
    }

    @Test
    void relativeFollowsTheBufferOfThePreviousMatch() throws RuleParseException {
        assertEquals("http.uri", option(ByteTestOption.class, "http",
                "content:\"a\"; http_uri; byte_test:1,=,1,0,relative;").buffer().name());
        assertEquals(Buffer.PAYLOAD, option(ByteTestOption.class, "http",
                "content:\"a\"; http_uri; byte_test:1,=,1,0;").buffer());
        assertEquals("http.header", option(ByteTestOption.class, "http",
                "http.header; content:\"a\"; byte_test:1,=,1,0;").buffer().name());
        assertEquals(Buffer.PAYLOAD, option(ByteTestOption.class, "byte_test:1,=,1,0,relative;").buffer());
    }
}

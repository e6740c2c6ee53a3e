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
import dev.rampart.rules.keyword.payload.ByteMathOption.Operator;
import org.junit.jupiter.api.Test;

class ByteMathOptionTest {

    @Test
    void parsesNamedOptionsInAnyOrder() throws RuleParseException {
        ByteMathOption b = option(ByteMathOption.class, "content:\"|00 04 93 F3|\"; "
                + "byte_math:result var, relative, bytes 4, oper +, offset 0, rvalue 248, endian little, "
                + "string dec, bitmask 0xff00;");
        assertEquals(NumOrVar.of(4), b.nbytes());
        assertEquals(0, b.offset());
        assertEquals(Operator.ADD, b.operator());
        assertEquals(NumOrVar.of(248), b.rvalue());
        assertEquals("var", b.result());
        assertTrue(b.relative());
        assertEquals(ByteEndian.LITTLE, b.endian());
        assertEquals(ByteBase.DEC, b.base());
        assertEquals(0xff00L, b.bitmask());
        assertEquals("byte_math:bytes 4, offset 0, oper +, rvalue 248, result var, relative, endian little, "
                + "string dec, bitmask 0xff00;", text(b));
    }

    @Test
    void chainsVariables() throws RuleParseException {
        Rule r = rule("udp", "byte_extract: 1, 0, extracted_val, relative; "
                + "byte_math: bytes 1, offset 1, oper +, rvalue extracted_val, result var; byte_test: 2, =, var, 13;");
        assertEquals(NumOrVar.var("extracted_val"), r.option(ByteMathOption.class).rvalue());
        assertEquals(NumOrVar.var("var"), r.option(ByteTestOption.class).value());
        // newer Suricata also takes the byte count from a variable
        Rule v = rule("byte_extract:1,5,rpkt_len,relative; "
                + "byte_math:bytes rpkt_len, offset 1, oper +, rvalue 102, result result_val;");
        assertEquals(NumOrVar.var("rpkt_len"), v.option(ByteMathOption.class).nbytes());
    }

    @Test
    void operatorsAndDce() throws RuleParseException {
        for (Operator op : Operator.values()) {
            assertEquals(op, option(ByteMathOption.class, "byte_math:bytes 2, offset 0, oper " + op.symbol()
                    + ", rvalue 1, result r;").operator());
        }
        assertEquals(ByteEndian.DCE,
                option(ByteMathOption.class, "byte_math:bytes 2, offset 0, oper +, rvalue 1, result r, dce;").endian());
    }

    @Test
    void errors() {
        String base = "byte_math:bytes 4, offset 0, oper +, rvalue 1, result r";
        fails("byte_math:bytes 4, offset 0, oper +, rvalue 1;", "needs");
        fails("byte_math:bytes 4, offset 0, oper +, rvalue 1, relative;", "required");
        fails(base + ", bytes 2;", "bytes already set");
        fails("byte_math:bytes 11, offset 0, oper +, rvalue 1, result r;", "bytes value");
        fails("byte_math:bytes 5, offset 0, oper <<, rvalue 1, result r;", "1 through 4");
        fails("byte_math:bytes 4, offset 0, oper %, rvalue 1, result r;", "unknown oper");
        fails("byte_math:bytes 4, offset 70000, oper +, rvalue 1, result r;", "offset");
        fails("byte_math:bytes 4, offset 0, oper +, rvalue 4294967296, result r;", "rvalue");
        fails("byte_math:bytes 4, offset 0, oper +, rvalue nope, result r;", "unknown byte_extract/byte_math");
        fails(base + ", endian middle;", "endian");
        fails(base + ", endian big, dce;", "endian already set");
        fails(base + ", string;", "string");
        fails(base + ", bitmask zz;", "bitmask");
        fails(base + ", dce, string hex;", "dce");
        fails(base + ", foo 1;", "unknown keyword");
    }
}

package dev.rampart.rules.keyword.payload;

import static dev.rampart.rules.keyword.payload.PayloadRules.fails;
import static dev.rampart.rules.keyword.payload.PayloadRules.option;
import static dev.rampart.rules.keyword.payload.PayloadRules.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.RuleParseException;
import org.junit.jupiter.api.Test;

class Asn1OptionTest {

    @Test
    void parsesOptionsSeparatedByCommasOrSpaces() throws RuleParseException {
        Asn1Option a = option(Asn1Option.class, "asn1:double_overflow, oversize_length 1024 absolute_offset 10, "
                + "bitstring_overflow;");
        assertTrue(a.bitstringOverflow());
        assertTrue(a.doubleOverflow());
        assertEquals(1024L, a.oversizeLength());
        assertEquals(10, a.absoluteOffset());
        assertNull(a.relativeOffset());
        assertEquals("asn1:bitstring_overflow, double_overflow, oversize_length 1024, absolute_offset 10;", text(a));
        Asn1Option r = option(Asn1Option.class, "asn1:relative_offset -65535;");
        assertEquals(-65535, r.relativeOffset());
        assertFalse(r.bitstringOverflow());
    }

    @Test
    void errors() {
        fails("asn1:oversize_length;", "needs a number");
        fails("asn1:oversize_length -1;", "needs a number");
        fails("asn1:oversize_length 4294967296;", "out of range");
        fails("asn1:absolute_offset 65536;", "out of range");
        fails("asn1:relative_offset 65536;", "out of range");
        fails("asn1:oversize_length 1024, some_other_param 360;", "malformed");
        fails("asn1:oversize_length 1024,,;", "malformed");
        fails("asn1:bitstring_overflowabsolute_offset;", "malformed");
    }
}

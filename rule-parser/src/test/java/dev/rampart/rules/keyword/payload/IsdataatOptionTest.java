package dev.rampart.rules.keyword.payload;

import static dev.rampart.rules.keyword.payload.PayloadRules.fails;
import static dev.rampart.rules.keyword.payload.PayloadRules.option;
import static dev.rampart.rules.keyword.payload.PayloadRules.rule;
import static dev.rampart.rules.keyword.payload.PayloadRules.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.NumOrVar;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleParseException;
import org.junit.jupiter.api.Test;

class IsdataatOptionTest {

    @Test
    void parsesForms() throws RuleParseException {
        IsdataatOption a = option(IsdataatOption.class, "isdataat:512;");
        assertEquals(NumOrVar.of(512), a.offset());
        assertFalse(a.negated());
        assertFalse(a.relative());
        IsdataatOption b = option(IsdataatOption.class, "content:\"x\"; isdataat: !50 , relative , rawbytes ;");
        assertTrue(b.negated());
        assertTrue(b.relative());
        assertTrue(b.rawbytes());
        assertEquals("isdataat:!50,relative,rawbytes;", text(b));
    }

    @Test
    void errors() {
        fails("isdataat:65536;", "out of range");
        fails("isdataat:-1;", "out of range");
        fails("isdataat:4,rawbytes;", "expected");
        fails("isdataat:4,rawbytes,relative;", "expected");
        fails("isdataat:! 4;", "invalid value");
        fails("isdataat:4,relative,rawbytes,x;", "invalid value");
        fails("isdataat:len;", "unknown byte_extract/byte_math variable");
    }

    @Test
    void notOneRelativeAfterAContentIsEndsWith() throws RuleParseException {
        Rule r = rule("content:\".php\"; isdataat:!1,relative;");
        assertNull(r.option(IsdataatOption.class));
        assertTrue(r.option(ContentOption.class).endsWith());
        // not after a pcre, nor with another offset
        assertTrue(rule("content:\"a\"; pcre:\"/b/R\"; isdataat:!1,relative;").option(IsdataatOption.class) != null);
        assertTrue(rule("content:\"a\"; isdataat:!2,relative;").option(IsdataatOption.class) != null);
    }

    @Test
    void variableOffset() throws RuleParseException {
        assertEquals(NumOrVar.var("n"), option(IsdataatOption.class, "byte_extract:1,0,n; isdataat:n;").offset());
    }
}

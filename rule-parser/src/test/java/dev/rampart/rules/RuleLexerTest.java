package dev.rampart.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleLexerTest {
    private static List<String[]> options(String text) throws RuleParseException {
        List<String[]> out = new ArrayList<>();
        RuleLexer.options(text, 0, text.length(), false, (name, value) -> out.add(new String[] {name, value}));
        return out;
    }

    @Test
    void namesAndValuesAreTrimmedAndKnownNamesAreTheRegistrysStrings() throws Exception {
        List<String[]> o = options(" msg: \"a b\" ;  content:\"x\\;y\"; nosuchkw ; sid :1;");
        assertEquals(4, o.size());
        assertEquals("msg", o.get(0)[0]);
        assertEquals("\"a b\"", o.get(0)[1]);
        assertEquals("content", o.get(1)[0]);
        assertEquals("\"x\\;y\"", o.get(1)[1]);
        assertEquals("nosuchkw", o.get(2)[0]);
        assertEquals(null, o.get(2)[1]);
        assertEquals("sid", o.get(3)[0]);
        assertEquals("1", o.get(3)[1]);
        // a keyword's name is the registry's string (no copy per option), whatever the spacing
        String registered = dev.rampart.rules.keyword.KeywordRegistry.all().stream()
                .filter(d -> d.name().equals("content")).findFirst().orElseThrow().name();
        assertSame(registered, o.get(1)[0]);
        assertSame(registered, options("content :\"z\";").get(0)[0]);
    }
}

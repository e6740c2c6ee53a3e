package dev.rampart.rules.keyword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.RuleParser;
import java.util.List;

/** Helpers for keyword tests: build a one-rule text, parse it, check round trips and errors. */
public final class KeywordTests {
    private static final RuleParser PARSER = new RuleParser();

    private KeywordTests() {
    }

    /** {@code alert PROTO any any -> any any (OPTIONS sid:1;)}; options end with ';'. */
    public static String text(String proto, String options) {
        return "alert " + proto + " any any -> any any (" + options + " sid:1;)";
    }

    /** Parses, and checks that the canonical text parses back to an equal rule. */
    public static Rule parse(String proto, String options) throws RuleParseException {
        Rule r = PARSER.parse(text(proto, options));
        String canon = r.toCanonicalText();
        assertEquals(r, PARSER.parse(canon), "round trip of " + canon);
        return r;
    }

    /** The only option of the given type. */
    public static <T extends RuleOption> T option(String proto, String options, Class<T> type)
            throws RuleParseException {
        List<T> all = parse(proto, options).optionsOf(type);
        assertEquals(1, all.size(), "options of type " + type.getSimpleName());
        return all.get(0);
    }

    /** The canonical text of the single option of {@code type}, without the trailing "; ". */
    public static String canonical(RuleOption o) {
        StringBuilder sb = new StringBuilder();
        o.appendTo(sb);
        return sb.substring(0, sb.length() - 2);
    }

    /** Parsing must fail; the message must contain {@code part}. */
    public static void rejected(String proto, String options, String part) {
        RuleParseException e = assertThrows(RuleParseException.class, () -> PARSER.parse(text(proto, options)),
                options);
        assertTrue(e.getMessage().contains(part), "message \"" + e.getMessage() + "\" should contain \"" + part + "\"");
    }

    public static void rejected(String proto, String options) {
        assertThrows(RuleParseException.class, () -> PARSER.parse(text(proto, options)), options);
    }
}

package dev.rampart.rules.keyword.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.RuleParser;

/** Test helpers: rules around a few options, canonical round trips, expected errors. */
public final class PayloadRules {
    private static final RuleParser PARSER = new RuleParser();

    private PayloadRules() {
    }

    /** Parses {@code alert <proto> any any -> any any (<options> sid:1;)} and checks its round trip. */
    public static Rule rule(String proto, String options) throws RuleParseException {
        Rule r = PARSER.parse("alert " + proto + " any any -> any any (" + options + " sid:1;)");
        String canonical = r.toCanonicalText();
        Rule again = PARSER.parse(canonical);
        assertEquals(r, again, "canonical text must parse to an equal rule: " + canonical);
        return r;
    }

    public static Rule rule(String options) throws RuleParseException {
        return rule("tcp", options);
    }

    /** The only option of a type in a rule built from {@code options}. */
    public static <T extends RuleOption> T option(Class<T> type, String proto, String options)
            throws RuleParseException {
        Rule r = rule(proto, options);
        assertEquals(1, r.optionsOf(type).size(), "one " + type.getSimpleName() + " expected in " + r);
        return r.option(type);
    }

    public static <T extends RuleOption> T option(Class<T> type, String options) throws RuleParseException {
        return option(type, "tcp", options);
    }

    /** Asserts the rule is refused with a message containing {@code fragment}. */
    public static void fails(String proto, String options, String fragment) {
        RuleParseException e = assertThrows(RuleParseException.class,
                () -> PARSER.parse("alert " + proto + " any any -> any any (" + options + " sid:1;)"));
        assertTrue(e.getMessage().contains(fragment), "message \"" + e.getMessage() + "\" should contain \""
                + fragment + "\"");
    }

    public static void fails(String options, String fragment) {
        fails("tcp", options, fragment);
    }

    /** The canonical text of one option. */
    public static String text(RuleOption o) {
        StringBuilder sb = new StringBuilder();
        o.appendTo(sb);
        return sb.toString().trim();
    }
}

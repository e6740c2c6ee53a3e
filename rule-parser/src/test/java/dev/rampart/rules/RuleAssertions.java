package dev.rampart.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Helpers for keyword tests: parse a rule body, check round trip, expect errors. */
public final class RuleAssertions {
    private static final RuleParser PARSER = new RuleParser();

    private RuleAssertions() {
    }

    /** Parses {@code alert tcp any any -> any any (BODY sid:1;)} and checks its canonical round trip. */
    public static Rule rule(String body) {
        return parseRule("alert tcp any any -> any any (" + body + " sid:1;)");
    }

    public static Rule parseRule(String text) {
        try {
            Rule r = PARSER.parse(text);
            Rule again = PARSER.parse(r.toCanonicalText());
            assertEquals(r, again, "canonical text must parse to the same rule: " + r.toCanonicalText());
            assertEquals(r.toCanonicalText(), again.toCanonicalText());
            return r;
        } catch (RuleParseException e) {
            throw new AssertionError("rule should parse but failed with: " + e.getMessage() + "\n" + text, e);
        }
    }

    /** Expects the body to be rejected, with a reason containing {@code fragment}. */
    public static String rejects(String body, String fragment) {
        return rejectsRule("alert tcp any any -> any any (" + body + " sid:1;)", fragment);
    }

    public static String rejectsRule(String text, String fragment) {
        RuleParseException e = assertThrows(RuleParseException.class, () -> PARSER.parse(text), text);
        assertTrue(e.getMessage().contains(fragment), "reason \"" + e.getMessage() + "\" should contain \"" + fragment + "\"");
        return e.getMessage();
    }
}

package dev.rampart.rules.keyword;

import dev.rampart.rules.RuleParseException;
import java.util.List;

/**
 * One row of the keyword table (Suricata's {@code sigmatch_table} model): the name rules use, its
 * aliases, its documentation, whether it takes a value, and the parser that turns the value into
 * typed options in the {@link ParseContext}.
 */
public record KeywordDef(String name, List<String> aliases, String doc, ValueMode value, Parser parser) {

    /** Whether a keyword is written bare ({@code nocase;}), with a value, or either. */
    public enum ValueMode { NONE, REQUIRED, OPTIONAL }

    @FunctionalInterface
    public interface Parser {
        /** @param value the raw value (trimmed, escapes kept), or null when the keyword has none */
        void parse(String value, ParseContext ctx) throws RuleParseException;
    }

    public KeywordDef {
        aliases = List.copyOf(aliases);
    }

    public static KeywordDef of(String name, String doc, ValueMode value, Parser parser, String... aliases) {
        return new KeywordDef(name, List.of(aliases), doc, value, parser);
    }

    /** Suricata documentation page for a keyword group, e.g. {@code payload-keywords}. */
    public static String doc(String page, String anchor) {
        return "https://docs.suricata.io/en/latest/rules/" + page + ".html#" + anchor;
    }
}

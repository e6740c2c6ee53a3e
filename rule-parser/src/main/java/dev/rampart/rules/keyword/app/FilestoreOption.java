package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;
import java.util.List;

/**
 * {@code filestore[:direction[,scope]];} — store the matching file(s). Direction request|response|both
 * (or to_server|to_client), scope file|tx|ssn|flow. Suricata 7 accepts other words too (they fall
 * back to its defaults), so they are kept as written rather than refused.
 */
public record FilestoreOption(String direction, String scope) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("filestore", KeywordDef.doc("file-keywords", "filestore"),
            ValueMode.OPTIONAL, FilestoreOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        if (value == null) {
            ctx.add(new FilestoreOption(null, null));
            return;
        }
        Args.noQuotes("filestore", value);
        List<String> parts = Values.splitComma(value);
        if (parts.size() > 2) {
            throw new RuleParseException("filestore: expected [direction[,scope]], got \"" + value + "\"");
        }
        for (String p : parts) {
            if (!isWord(p)) {
                throw new RuleParseException("filestore: invalid setting \"" + p + "\"");
            }
        }
        ctx.add(new FilestoreOption(parts.get(0), parts.size() > 1 ? parts.get(1) : null));
    }

    private static boolean isWord(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String keyword() {
        return "filestore";
    }

    @Override
    public boolean hasValue() {
        return direction != null;
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(direction);
        if (scope != null) {
            out.append(',').append(scope);
        }
    }
}

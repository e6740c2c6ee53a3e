package dev.rampart.rules.keyword.transform;

import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;
import dev.rampart.rules.keyword.payload.PcreSyntax;

/**
 * {@code pcrexform:"<regex>"} — replaces the buffer with what the regular expression's single
 * capture group matched. The expression is written without delimiters or flags, must compile
 * with PCRE2 and must have exactly one capturing group.
 *
 * @param regex the expression, as written between the quotes
 */
public record Pcrexform(String regex) implements TransformOption {
    public static final KeywordDef DEF = KeywordDef.of("pcrexform", KeywordDef.doc("transforms", "pcre-xform"),
            ValueMode.REQUIRED, Pcrexform::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        String regex = Values.unquote("pcrexform", value, true);
        PcreSyntax.Info info;
        try {
            info = PcreSyntax.check(regex, false);
        } catch (PcreSyntax.Failure f) {
            throw new RuleParseException("pcrexform: compile of \"" + regex + "\" failed at offset " + f.offset()
                    + ": " + f.getMessage());
        }
        if (info.captureCount() != 1) {
            throw new RuleParseException("pcrexform: needs exactly one substring capture, found "
                    + info.captureCount());
        }
        Transforms.add("pcrexform", new Pcrexform(regex), ctx);
    }

    @Override
    public String keyword() {
        return "pcrexform";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append('"').append(regex).append('"');
    }
}

package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.Args.NegatableString;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/**
 * The legacy file string keywords {@code filemagic:[!]"text";} (libmagic description contains
 * text; quotes required), {@code filename:[!]"name";} and {@code fileext:[!]"ext";} (quotes
 * optional). Parsed only; matching is the file engine's job.
 */
public record FileStringOption(String keyword, boolean negated, String text) implements RuleOption {
    public static final KeywordDef FILEMAGIC = def("filemagic", true);
    public static final KeywordDef FILENAME = def("filename", false);
    public static final KeywordDef FILEEXT = def("fileext", false);

    private static KeywordDef def(String name, boolean quotesMandatory) {
        return KeywordDef.of(name, KeywordDef.doc("file-keywords", name), ValueMode.REQUIRED,
                (v, ctx) -> parse(name, quotesMandatory, v, ctx));
    }

    static void parse(String keyword, boolean quotesMandatory, String value, ParseContext ctx)
            throws RuleParseException {
        NegatableString s = Args.negatableQuoted(keyword, value, quotesMandatory);
        ctx.add(new FileStringOption(keyword, s.negated(), s.text()));
    }

    @Override
    public void appendValue(StringBuilder out) {
        Args.appendNegatableQuoted(out, negated, text);
    }
}

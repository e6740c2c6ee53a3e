package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/**
 * {@code filemd5:[!]list.txt;} (and {@code filesha1}, {@code filesha256}) — the file's hash is (not)
 * in a list file. Only the list name is kept: Suricata loads the file, relative to the rule
 * directory, when the rule loads; that is the engine's job, so a missing file is not detected here.
 */
public record FileHashOption(String keyword, boolean negated, String listFile) implements RuleOption {
    public static final KeywordDef MD5 = def("filemd5");
    public static final KeywordDef SHA1 = def("filesha1");
    public static final KeywordDef SHA256 = def("filesha256");

    private static KeywordDef def(String name) {
        return KeywordDef.of(name, KeywordDef.doc("file-keywords", name), ValueMode.REQUIRED,
                (v, ctx) -> parse(name, v, ctx));
    }

    static void parse(String keyword, String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes(keyword, value);
        String v = value.trim();
        boolean neg = v.startsWith("!");
        if (neg) {
            v = v.substring(1).trim();
        }
        if (v.isEmpty()) {
            throw new RuleParseException(keyword + ": missing list file name");
        }
        ctx.add(new FileHashOption(keyword, neg, v));
    }

    @Override
    public void appendValue(StringBuilder out) {
        if (negated) {
            out.append('!');
        }
        out.append(listFile);
    }
}

package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code base64_data;} — a sticky buffer holding what the preceding {@code base64_decode}
 * decoded. Like Suricata: it needs a base64_decode earlier in the rule, takes no transforms, and
 * no other buffer may be started after it ("rule buffer cannot be reset after base64_data").
 */
public final class Base64Data {
    /** The buffer name of the decoded data. */
    public static final String BUFFER = "base64_data";

    public static final KeywordDef DEF = KeywordDef.of("base64_data", KeywordDef.doc("base64-keywords", "base64-data"),
            ValueMode.NONE, Base64Data::parse);

    private Base64Data() {
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        if (ctx.lastIndexOf(Base64DecodeOption.class) < 0) {
            throw new RuleParseException("base64_data: seen without a preceding base64_decode");
        }
        ctx.selectBuffer(BUFFER, BUFFER);
        int first = ctx.options().size();
        ctx.atFinish("base64_data", c -> checkNoBufferAfter(c, first));
    }

    /** No payload buffer may get its first match after the base64_data buffer got its first. */
    private static void checkNoBufferAfter(ParseContext ctx, int from) throws RuleParseException {
        List<RuleOption> options = ctx.options();
        Set<Buffer> before = new HashSet<>();
        for (int i = 0; i < from; i++) {
            if (options.get(i) instanceof PayloadOption p) {
                before.add(p.buffer());
            }
        }
        for (int i = from; i < options.size(); i++) {
            if (options.get(i) instanceof PayloadOption p && !p.buffer().name().equals(BUFFER)
                    && !before.contains(p.buffer())) {
                throw new RuleParseException("base64_data: rule buffer cannot be reset after base64_data");
            }
        }
    }
}

package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Uint;

/**
 * {@code bsize:N}, {@code <N}, {@code >=N}, {@code N<>M}, ... — the length of the active sticky
 * buffer (a 64-bit value; kb/mb/gb units allowed). Needs a sticky buffer; a rule whose contents in
 * that buffer need more bytes than the bsize allows is refused, as Suricata does.
 *
 * @param size   the length condition
 * @param buffer the sticky buffer measured
 */
public record BsizeOption(Uint size, Buffer buffer) implements PayloadOption {
    public static final KeywordDef DEF = KeywordDef.of("bsize", KeywordDef.doc("payload-keywords", "bsize"),
            ValueMode.REQUIRED, BsizeOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        if (!ctx.stickyActive()) {
            throw new RuleParseException("bsize: needs a sticky buffer (e.g. http.uri; bsize:10;)");
        }
        BsizeOption b = new BsizeOption(Uint.parse("bsize", value, Uint.U64), ctx.buffer());
        ctx.add(b);
        ctx.atFinish("bsize " + ctx.options().size(), c -> b.checkContents(c));
    }

    private void checkContents(ParseContext ctx) throws RuleParseException {
        long max = RequiredLength.maxSize(size);
        if (max < 0) {
            return;
        }
        long needed = RequiredLength.of(ctx, buffer);
        if (needed > max) {
            throw new RuleParseException("bsize: rule can't match as required content length " + needed
                    + " exceeds bsize value " + max);
        }
    }

    @Override
    public String keyword() {
        return "bsize";
    }

    @Override
    public void appendValue(StringBuilder out) {
        size.appendTo(out);
    }
}

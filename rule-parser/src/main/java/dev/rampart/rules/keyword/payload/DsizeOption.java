package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Uint;

/**
 * {@code dsize:N}, {@code <N}, {@code >N}, {@code N<>M}, {@code !N}, ... — the size of the packet
 * payload (a 16-bit value). Once per rule; a rule whose payload contents need more bytes than the
 * dsize allows is refused, as Suricata does.
 *
 * @param size the size condition
 */
public record DsizeOption(Uint size) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("dsize", KeywordDef.doc("payload-keywords", "dsize"),
            ValueMode.REQUIRED, DsizeOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        ctx.once("dsize");
        DsizeOption d = new DsizeOption(Uint.parse("dsize", value, Uint.U16));
        ctx.add(d);
        ctx.atFinish("dsize", c -> d.checkContents(c));
    }

    private void checkContents(ParseContext ctx) throws RuleParseException {
        long max = RequiredLength.maxSize(size);
        if (max < 0) {
            return;
        }
        long needed = RequiredLength.of(ctx, Buffer.PAYLOAD);
        if (needed > max) {
            throw new RuleParseException("dsize: rule can't match as required content length " + needed
                    + " exceeds dsize value " + max);
        }
    }

    @Override
    public String keyword() {
        return "dsize";
    }

    @Override
    public void appendValue(StringBuilder out) {
        size.appendTo(out);
    }
}

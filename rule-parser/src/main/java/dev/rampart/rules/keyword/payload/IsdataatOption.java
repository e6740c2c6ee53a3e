package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.NumOrVar;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import java.util.List;

/**
 * {@code isdataat:[!]<offset>[, relative[, rawbytes]]} — whether the buffer has data at an offset
 * (from its start, or from the previous match when relative). {@code isdataat:!1,relative} right
 * after a content is Suricata's spelling of {@code endswith}: like Suricata, it becomes the
 * content's endswith flag instead of an option of its own.
 *
 * @param offset   the position checked (0..65535), or a variable
 * @param negated  {@code !}: the rule matches when there is no data there
 * @param relative the position counts from the previous match
 * @param rawbytes Snort compatibility, accepted and kept
 * @param buffer   the inspection buffer
 */
public record IsdataatOption(NumOrVar offset, boolean negated, boolean relative, boolean rawbytes, Buffer buffer)
        implements PayloadOption {

    public static final KeywordDef DEF = KeywordDef.of("isdataat", KeywordDef.doc("payload-keywords", "isdataat"),
            ValueMode.REQUIRED, IsdataatOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        boolean negated = value.startsWith("!");
        List<String> t = ByteArgs.tokens("isdataat", negated ? value.substring(1) : value);
        String first = t.get(0);
        if (t.size() > 3 || first.indexOf(' ') >= 0 || first.indexOf('\t') >= 0
                || (negated && Character.isWhitespace(value.charAt(1)))) {
            throw new RuleParseException("isdataat: invalid value \"" + value + "\"");
        }
        boolean relative = t.size() > 1;
        boolean rawbytes = t.size() > 2;
        // Suricata's syntax fixes the order: the offset, then relative, then rawbytes
        if ((relative && !t.get(1).equals("relative")) || (rawbytes && !t.get(2).equals("rawbytes"))) {
            throw new RuleParseException("isdataat: expected [!]<offset>[,relative[,rawbytes]], got \"" + value + "\"");
        }
        NumOrVar offset = ByteArgs.numberOrVariable("isdataat", "offset", first, 10, 0, 65535, ctx);
        if (relative && negated && !offset.isVar() && offset.value() == 1 && foldIntoEndsWith(ctx)) {
            return;
        }
        ctx.add(new IsdataatOption(offset, negated, relative, rawbytes, ByteArgs.buffer(ctx, relative)));
    }

    /**
     * {@code isdataat:!1,relative} right after a content marks that content endswith, as Suricata
     * does; false when the previous match is something else. The previous match is the last
     * content or pcre with a sticky buffer active, else the last content, pcre, byte_* or isdataat
     * of any buffer (the options Suricata's setup looks back for).
     */
    private static boolean foldIntoEndsWith(ParseContext ctx) {
        List<RuleOption> options = ctx.options();
        boolean sticky = ctx.stickyActive();
        for (int i = options.size() - 1; i >= 0; i--) {
            RuleOption o = options.get(i);
            if (o instanceof ContentOption c) {
                ctx.replaceLastContent(c.withEndsWith());
                return true;
            }
            if (o instanceof PcreOption || (!sticky && (o instanceof ByteTestOption || o instanceof ByteJumpOption
                    || o instanceof ByteExtractOption || o instanceof ByteMathOption || o instanceof IsdataatOption))) {
                return false;
            }
        }
        return false;
    }

    @Override
    public String keyword() {
        return "isdataat";
    }

    @Override
    public void appendValue(StringBuilder out) {
        if (negated) {
            out.append('!');
        }
        out.append(offset);
        if (relative) {
            out.append(",relative");
        }
        if (rawbytes) {
            out.append(",rawbytes");
        }
    }
}

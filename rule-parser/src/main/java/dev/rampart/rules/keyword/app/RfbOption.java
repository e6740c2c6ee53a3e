package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.Uint;
import java.util.List;
import java.util.Locale;

/**
 * The RFB keywords that compare a value: {@code rfb.sectype} (an unsigned 32-bit comparison with the
 * chosen security type) and {@code rfb.secresult}: a result name, {@code ok}, {@code fail},
 * {@code toomany} or {@code unknown} (any code above 2), in any case, as Suricata 7 takes it, or a
 * number comparison as Suricata 8 also takes it ({@code rfb.secresult:0}, {@code !0}).
 *
 * @param name the result name as written, or null for a number comparison
 */
public record RfbOption(String keyword, Uint value, String name) implements RuleOption {
    /** Result names by code; "unknown" stands for every code above 2. */
    public static final List<String> RESULTS = List.of("ok", "fail", "toomany", "unknown");

    public static final KeywordDef SECTYPE = def("rfb.sectype", "rfb-sectype",
            (k, s) -> new RfbOption(k, Uint.parse(k, s, Uint.U32), null));
    public static final KeywordDef SECRESULT = def("rfb.secresult", "rfb-secresult", RfbOption::parseResult);

    private interface Parser {
        RfbOption parse(String keyword, String value) throws RuleParseException;
    }

    private static KeywordDef def(String keyword, String anchor, Parser p) {
        return KeywordDef.of(keyword, KeywordDef.doc("rfb-keywords", anchor), ValueMode.REQUIRED, (v, ctx) -> {
            RfbOption o = p.parse(keyword, Args.noQuotes(keyword, v).trim());
            AppProto.checkHeader(ctx, keyword, "rfb");
            ctx.add(o);
        });
    }

    private static RfbOption parseResult(String k, String s) throws RuleParseException {
        int i = RESULTS.indexOf(s.toLowerCase(Locale.ROOT));
        if (i >= 0) {
            return new RfbOption(k, i == 3 ? new Uint(Uint.Mode.GT, 2, 0) : Uint.eq(i), RESULTS.get(i));
        }
        if (s.isEmpty() || Character.isLetter(s.charAt(0))) {
            throw new RuleParseException(k + ": unknown security result \"" + s + "\" (ok, fail, toomany or unknown)");
        }
        return new RfbOption(k, Uint.parse(k, s, Uint.U32), null);
    }

    @Override
    public void appendValue(StringBuilder out) {
        if (name != null) {
            out.append(name);
        } else {
            value.appendTo(out);
        }
    }
}

package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.Uint;

/**
 * {@code nfs_procedure:COND;} and {@code nfs_version:COND;}: a condition on an NFS transaction's
 * procedure or RPC program version. What Suricata 7.0.10 loads and how it matches (measured with
 * suricata-oracle on nfs3-01): decimal {@code N}, {@code =N}, {@code !N}, {@code <N}, {@code <=N},
 * {@code >N}, {@code >=N}, and a range {@code A<>B} or {@code A-B} that includes both ends (unlike the
 * shared integer keywords) and needs A below B; blanks around the value are allowed. Refused: quotes,
 * hex, bit masks, a negated range, a range from 0, {@code <0}, {@code >4294967295}, values past 32 bits. Procedure
 * names ({@code WRITE}) are Suricata 9's. Either keyword binds the rule to nfs.
 *
 * @param value the condition, an inclusive range held as the exclusive one around it
 * @param text the value as written (canonical)
 */
public record NfsOption(String keyword, Uint value, String text) implements RuleOption {
    public static final KeywordDef PROCEDURE = def("nfs_procedure", "procedure");
    public static final KeywordDef VERSION = def("nfs_version", "version");

    private static KeywordDef def(String name, String anchor) {
        return KeywordDef.of(name, KeywordDef.doc("nfs-keywords", anchor), ValueMode.REQUIRED, (v, ctx) -> {
            NfsOption o = parse(name, Args.noQuotes(name, v));
            AppProto.checkHeader(ctx, name, "nfs");
            ctx.add(o);
        });
    }

    static NfsOption parse(String name, String raw) throws RuleParseException {
        String s = raw.trim();
        Uint.Mode mode = Uint.Mode.EQ;
        String[] prefixes = {"<=", ">=", "<", ">", "!", "="};
        Uint.Mode[] modes = {Uint.Mode.LE, Uint.Mode.GE, Uint.Mode.LT, Uint.Mode.GT, Uint.Mode.NE, Uint.Mode.EQ};
        for (int i = 0; i < prefixes.length; i++) {
            if (s.startsWith(prefixes[i])) {
                mode = modes[i];
                s = s.substring(prefixes[i].length()).trim();
                break;
            }
        }
        int sep = s.indexOf("<>");
        int sepLen = 2;
        if (sep < 0) {
            sep = s.indexOf('-');
            sepLen = 1;
        }
        if (sep >= 0) {
            if (mode != Uint.Mode.EQ || raw.trim().startsWith("=")) {
                throw bad(name, raw);
            }
            long lo = number(name, raw, s.substring(0, sep).trim());
            long hi = number(name, raw, s.substring(sep + sepLen).trim());
            // 7.0.10 refuses a range from 0 (measured: 0<>2); one up to 4294967295 is refused as well,
            // on the assumption that it widens the range by one at each end
            if (lo >= hi || lo == 0 || hi == Uint.U32) {
                throw bad(name, raw);
            }
            return new NfsOption(name, new Uint(Uint.Mode.RANGE, lo - 1, hi + 1), lo + "<>" + hi);
        }
        long n = number(name, raw, s);
        if (mode == Uint.Mode.LT && n == 0 || mode == Uint.Mode.GT && n == Uint.U32) {
            throw bad(name, raw);
        }
        return new NfsOption(name, new Uint(mode, n, 0), mode == Uint.Mode.EQ ? Long.toString(n) : symbol(mode) + n);
    }

    private static String symbol(Uint.Mode m) {
        return switch (m) {
            case NE -> "!";
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
            default -> "";
        };
    }

    private static long number(String name, String raw, String s) throws RuleParseException {
        if (s.isEmpty() || s.length() > 10) {
            throw bad(name, raw);
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw bad(name, raw);
            }
        }
        long v = Long.parseLong(s);
        if (v > Uint.U32) {
            throw bad(name, raw);
        }
        return v;
    }

    private static RuleParseException bad(String name, String raw) {
        return new RuleParseException(name + ": parsing '" + raw.trim() + "' failed");
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(text);
    }
}

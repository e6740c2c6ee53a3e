package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@code tls_cert_notbefore:[<|>]DATE;} / {@code tls_cert_notafter:...;} and the range form
 * {@code DATE<>DATE} — compare a certificate validity bound. DATE is {@code YYYY[-MM[-DD[THH[:MM[:SS]]]]]}
 * (a blank may replace the T) or a Unix timestamp. Stored as epoch seconds (UTC), printed as
 * {@code YYYY-MM-DDTHH:MM:SS}.
 */
public record TlsCertValidityOption(String keyword, Mode mode, long epoch, long epoch2) implements RuleOption {
    public static final KeywordDef NOT_BEFORE = def("tls_cert_notbefore");
    public static final KeywordDef NOT_AFTER = def("tls_cert_notafter");

    public enum Mode { EQ, LT, GT, RANGE }

    private static final long MAX_EPOCH = 253_402_300_799L;

    private static KeywordDef def(String name) {
        return KeywordDef.of(name, KeywordDef.doc("tls-keywords", name.replace('_', '-')), ValueMode.REQUIRED,
                (v, ctx) -> parse(name, v, ctx));
    }

    static void parse(String keyword, String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes(keyword, value);
        String v = value.trim();
        Mode mode = Mode.EQ;
        if (v.startsWith("<") && !v.startsWith("<>")) {
            mode = Mode.LT;
            v = v.substring(1);
        } else if (v.startsWith(">")) {
            mode = Mode.GT;
            v = v.substring(1);
        }
        int range = v.indexOf("<>");
        long e1;
        long e2 = 0;
        if (range >= 0) {
            if (mode != Mode.EQ) {
                throw new RuleParseException(keyword + ": range given together with < or >");
            }
            e1 = date(keyword, v.substring(0, range));
            e2 = date(keyword, v.substring(range + 2));
            if (e2 < e1) {
                throw new RuleParseException(keyword + ": the second date of a range must not be before the first");
            }
            mode = Mode.RANGE;
        } else {
            e1 = date(keyword, v);
        }
        AppProto.checkHeader(ctx, keyword, "tls");
        ctx.add(new TlsCertValidityOption(keyword, mode, e1, e2));
    }

    /** Parses one date or epoch into seconds since 1970 (UTC). */
    static long date(String keyword, String s) throws RuleParseException {
        if (s.isEmpty()) {
            throw new RuleParseException(keyword + ": missing date");
        }
        if (Args.isDigits(s) && s.length() > 4) {
            // up to the last second of year 9999, so that it prints back as a date
            return Args.parseDecimal(keyword, "timestamp", s, MAX_EPOCH);
        }
        // YYYY[-MM[-DD[(T| )HH[:MM[:SS]]]]]
        int[] f = {0, 1, 1, 0, 0, 0};
        char[] seps = {'-', '-', 'T', ':', ':'};
        int i = 0;
        int field = 0;
        while (true) {
            int width = field == 0 ? 4 : 2;
            if (i + width > s.length() || !Args.isDigits(s.substring(i, i + width))) {
                throw invalidDate(keyword, s);
            }
            f[field] = Integer.parseInt(s.substring(i, i + width));
            i += width;
            if (i == s.length()) {
                break;
            }
            if (field == 5) {
                throw invalidDate(keyword, s);
            }
            char sep = s.charAt(i);
            if (sep != seps[field] && !(field == 2 && sep == ' ')) {
                throw invalidDate(keyword, s);
            }
            i++;
            field++;
        }
        try {
            return LocalDateTime.of(f[0], f[1], f[2], f[3], f[4], f[5]).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw invalidDate(keyword, s);
        }
    }

    private static RuleParseException invalidDate(String keyword, String s) {
        return new RuleParseException(keyword + ": invalid date \"" + s + "\" (YYYY-MM-DDTHH:MM:SS or epoch)");
    }

    @Override
    public void appendValue(StringBuilder out) {
        switch (mode) {
            case LT -> out.append('<');
            case GT -> out.append('>');
            default -> {
            }
        }
        appendDate(out, epoch);
        if (mode == Mode.RANGE) {
            out.append("<>");
            appendDate(out, epoch2);
        }
    }

    private static void appendDate(StringBuilder out, long epoch) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epoch, 0, ZoneOffset.UTC);
        out.append(String.format("%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond()));
    }
}

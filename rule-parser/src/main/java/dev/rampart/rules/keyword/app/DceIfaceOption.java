package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Uint;
import java.util.Locale;

/**
 * {@code dcerpc.iface:UUID[,OPVERSION][,any_frag];} (older name {@code dce_iface}) — the DCERPC
 * interface bound, with an optional version comparison ({@code <N >N =N !N <=N >=N} or a bare N,
 * 0..65535) and {@code any_frag} to match on any fragment. No blanks after the commas.
 */
public record DceIfaceOption(String uuid, Uint version, boolean anyFrag) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("dcerpc.iface", KeywordDef.doc("dcerpc-keywords", "dcerpc-iface"),
            ValueMode.REQUIRED, DceIfaceOption::parse, "dce_iface");

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("dcerpc.iface", value);
        String[] parts = value.trim().split(",", -1);
        if (parts.length > 3) {
            throw invalid(value);
        }
        String uuid = parts[0];
        if (!isUuid(uuid)) {
            throw new RuleParseException("dcerpc.iface: invalid interface uuid \"" + uuid + "\"");
        }
        Uint version = null;
        boolean anyFrag = false;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.equals("any_frag") && i == parts.length - 1) {
                anyFrag = true;
            } else if (i == 1 && version == null) {
                version = version(p, value);
            } else {
                throw invalid(value);
            }
        }
        AppProto.checkHeader(ctx, "dcerpc.iface", "dcerpc");
        ctx.add(new DceIfaceOption(uuid.toLowerCase(Locale.ROOT), version, anyFrag));
    }

    private static Uint version(String p, String value) throws RuleParseException {
        Uint.Mode mode = Uint.Mode.EQ;
        int i = 0;
        if (p.startsWith("<=")) {
            mode = Uint.Mode.LE;
            i = 2;
        } else if (p.startsWith(">=")) {
            mode = Uint.Mode.GE;
            i = 2;
        } else if (!p.isEmpty() && "<>=!".indexOf(p.charAt(0)) >= 0) {
            mode = switch (p.charAt(0)) {
                case '<' -> Uint.Mode.LT;
                case '>' -> Uint.Mode.GT;
                case '!' -> Uint.Mode.NE;
                default -> Uint.Mode.EQ;
            };
            i = 1;
        }
        String digits = p.substring(i);
        if (!Args.isDigits(digits)) {
            throw invalid(value);
        }
        long v = Args.parseDecimal("dcerpc.iface", "version", digits, 0xFFFF);
        // comparisons that can never match are refused
        if (mode == Uint.Mode.LT && v == 0 || mode == Uint.Mode.GT && v == 0xFFFF) {
            throw invalid(value);
        }
        return new Uint(mode, v, v);
    }

    static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static RuleParseException invalid(String value) {
        return new RuleParseException("dcerpc.iface: invalid value \"" + value + "\"");
    }

    @Override
    public String keyword() {
        return "dcerpc.iface";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(uuid);
        if (version != null) {
            out.append(',');
            switch (version.mode()) {
                case LT -> out.append('<');
                case LE -> out.append("<=");
                case GT -> out.append('>');
                case GE -> out.append(">=");
                case NE -> out.append('!');
                default -> out.append('=');
            }
            out.append(version.value());
        }
        if (anyFrag) {
            out.append(",any_frag");
        }
    }
}

package dev.rampart.rules.keyword.header;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;
import java.util.Set;

/**
 * {@code ip_proto:[!<>]N|name;} — the IP protocol number (0..255, or a protocol name) equals,
 * differs from, is below or above the value. Only for rules whose header protocol is generic IP;
 * several ip_proto options combine under Suricata's rules (one {@code =} alone; at most one
 * {@code <} and one {@code >}, forming a non-empty range; any number of {@code !}).
 */
public record IpProtoOption(Op op, int proto) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("ip_proto", KeywordDef.doc("header-keywords", "ip-proto"),
            ValueMode.REQUIRED, IpProtoOption::parse);

    public enum Op {
        EQ(""), NOT("!"), LT("<"), GT(">");

        final String text;

        Op(String text) {
            this.text = text;
        }
    }

    /** Header protocols for which Suricata lets ip_proto narrow the protocol. */
    private static final Set<String> IP_HEADERS = Set.of("ip", "ipv4", "ip4", "ipv6", "ip6", "pkthdr");

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        if (!IP_HEADERS.contains(ctx.protocol())) {
            throw new RuleParseException("ip_proto: only allowed in rules for protocol ip (not "
                    + ctx.protocol() + ")");
        }
        String v = Values.unquote("ip_proto", value, false).trim();
        Op op = Op.EQ;
        if (!v.isEmpty()) {
            switch (v.charAt(0)) {
                case '!' -> op = Op.NOT;
                case '<' -> op = Op.LT;
                case '>' -> op = Op.GT;
                default -> {
                }
            }
        }
        if (op != Op.EQ) {
            v = v.substring(1).trim();
        }
        if (v.isEmpty() || hasSpace(v)) {
            throw new RuleParseException("ip_proto: invalid value \"" + value + "\"");
        }
        int proto;
        if (v.charAt(0) >= '0' && v.charAt(0) <= '9') {
            proto = (int) Args.parseDecimal("ip_proto", "protocol number", v, 255);
        } else {
            proto = IpProtoNames.number(v);
            if (proto < 0) {
                throw new RuleParseException("ip_proto: unknown protocol name \"" + v + "\"");
            }
        }
        checkCombination(op, proto, ctx);
        ctx.add(new IpProtoOption(op, proto));
    }

    private static boolean hasSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Args.isSpace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static void checkCombination(Op op, int proto, ParseContext ctx) throws RuleParseException {
        IpProtoOption lt = null;
        IpProtoOption gt = null;
        boolean eq = false;
        boolean any = false;
        for (var o : ctx.options()) {
            if (o instanceof IpProtoOption p) {
                any = true;
                switch (p.op) {
                    case EQ -> eq = true;
                    case LT -> lt = lt == null ? p : lt;
                    case GT -> gt = gt == null ? p : gt;
                    default -> {
                    }
                }
            }
        }
        switch (op) {
            case EQ -> {
                if (any) {
                    throw new RuleParseException("ip_proto: an equality ip_proto can't be combined with other ip_proto options");
                }
            }
            case GT -> {
                if (eq || gt != null) {
                    throw new RuleParseException("ip_proto: can't combine a > ip_proto with = or another >");
                }
                if (lt != null && lt.proto <= proto) {
                    throw new RuleParseException("ip_proto: the < value must be above the > value");
                }
            }
            case LT -> {
                if (eq || lt != null) {
                    throw new RuleParseException("ip_proto: can't combine a < ip_proto with = or another <");
                }
                if (gt != null && gt.proto >= proto) {
                    throw new RuleParseException("ip_proto: the < value must be above the > value");
                }
            }
            case NOT -> {
                if (eq) {
                    throw new RuleParseException("ip_proto: can't combine a ! ip_proto with =");
                }
            }
        }
    }

    @Override
    public String keyword() {
        return "ip_proto";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(op.text).append(proto);
    }
}

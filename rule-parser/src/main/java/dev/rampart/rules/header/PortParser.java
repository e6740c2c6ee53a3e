package dev.rampart.rules.header;

import dev.rampart.rules.RuleParseException;
import java.util.ArrayList;
import java.util.List;

/** Parses Suricata port expressions ({@code 80}, {@code 1024:}, {@code [80,!81]}, {@code $HTTP_PORTS}). */
public final class PortParser {
    private PortParser() {
    }

    public static PortExpr parse(String text) throws RuleParseException {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new RuleParseException("empty port");
        }
        if (s.charAt(0) == '!') {
            PortExpr inner = parse(s.substring(1));
            if (inner instanceof PortExpr.Not) {
                throw new RuleParseException("double negation in port \"" + text + "\"");
            }
            return new PortExpr.Not(inner);
        }
        if (s.charAt(0) == '[') {
            if (!ListSyntax.isWholeGroup(s)) {
                throw new RuleParseException("malformed port list \"" + text + "\"");
            }
            List<PortExpr> items = new ArrayList<>();
            for (String item : ListSyntax.splitTopLevel(s.substring(1, s.length() - 1), "port")) {
                items.add(parse(item));
            }
            return new PortExpr.Group(items);
        }
        if (s.charAt(0) == '$') {
            if (!ListSyntax.isVarName(s, 1)) {
                throw new RuleParseException("invalid port variable \"" + s + "\"");
            }
            return new PortExpr.Var(s.substring(1));
        }
        if (s.equalsIgnoreCase("any")) {
            return PortExpr.ANY;
        }
        int colon = s.indexOf(':');
        if (colon >= 0) {
            String a = s.substring(0, colon).trim();
            String b = s.substring(colon + 1).trim();
            if (a.isEmpty() && b.isEmpty()) {
                throw new RuleParseException("invalid port range \"" + text + "\"");
            }
            int from = a.isEmpty() ? 0 : port(a, text);
            int to = b.isEmpty() ? 65535 : port(b, text);
            if (from > to) {
                throw new RuleParseException("port range start is above its end: \"" + text + "\"");
            }
            return new PortExpr.Range(from, to);
        }
        int p = port(s, text);
        return new PortExpr.Range(p, p);
    }

    private static int port(String s, String text) throws RuleParseException {
        if (s.isEmpty() || s.length() > 5) {
            throw new RuleParseException("invalid port \"" + text + "\"");
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new RuleParseException("invalid port \"" + text + "\"");
            }
            v = v * 10 + (c - '0');
        }
        if (v > 65535) {
            throw new RuleParseException("port " + v + " out of range in \"" + text + "\"");
        }
        return v;
    }
}

package dev.rampart.rules.header;

import dev.rampart.rules.RuleParseException;
import java.util.ArrayList;
import java.util.List;

/** Parses Suricata address expressions into {@link AddressExpr} (syntax only, variables kept). */
public final class AddressParser {
    private AddressParser() {
    }

    // the two variables nearly every ET Open rule names, one value each (30k were made per load)
    private static final AddressExpr.Var HOME_NET = new AddressExpr.Var("HOME_NET");
    private static final AddressExpr.Var EXTERNAL_NET = new AddressExpr.Var("EXTERNAL_NET");

    private static AddressExpr.Var variable(String name) {
        return name.equals("HOME_NET") ? HOME_NET : name.equals("EXTERNAL_NET") ? EXTERNAL_NET : new AddressExpr.Var(name);
    }

    public static AddressExpr parse(String text) throws RuleParseException {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new RuleParseException("empty address");
        }
        if (s.charAt(0) == '!') {
            AddressExpr inner = parse(s.substring(1));
            if (inner instanceof AddressExpr.Not) {
                throw new RuleParseException("double negation in address \"" + text + "\"");
            }
            return new AddressExpr.Not(inner);
        }
        if (s.charAt(0) == '[') {
            if (!ListSyntax.isWholeGroup(s)) {
                throw new RuleParseException("malformed address list \"" + text + "\"");
            }
            List<AddressExpr> items = new ArrayList<>();
            for (String item : ListSyntax.splitTopLevel(s.substring(1, s.length() - 1), "address")) {
                items.add(parse(item));
            }
            return new AddressExpr.Group(items);
        }
        if (s.charAt(0) == '$') {
            if (!ListSyntax.isVarName(s, 1)) {
                throw new RuleParseException("invalid address variable \"" + s + "\"");
            }
            return variable(s.substring(1));
        }
        if (s.equalsIgnoreCase("any")) {
            return AddressExpr.ANY;
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            IpAddress addr = IpAddress.parse(s.substring(0, slash));
            String mask = s.substring(slash + 1);
            int prefix = parsePrefix(mask, addr, text);
            return new AddressExpr.Net(addr.mask(prefix), prefix);
        }
        int dash = s.indexOf('-');
        if (dash > 0) {
            IpAddress from = IpAddress.parse(s.substring(0, dash));
            IpAddress to = IpAddress.parse(s.substring(dash + 1));
            if (from.v6() != to.v6()) {
                throw new RuleParseException("address range mixes IPv4 and IPv6: \"" + text + "\"");
            }
            if (from.compareTo(to) > 0) {
                throw new RuleParseException("address range start is above its end: \"" + text + "\"");
            }
            return new AddressExpr.Range(from, to);
        }
        IpAddress addr = IpAddress.parse(s);
        return new AddressExpr.Net(addr, addr.bits());
    }

    private static int parsePrefix(String mask, IpAddress addr, String text) throws RuleParseException {
        if (!addr.v6() && mask.indexOf('.') >= 0) {
            long m = IpAddress.parseV4(mask).lo();
            int prefix = Long.bitCount(m);
            long expect = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
            if (m != expect) {
                throw new RuleParseException("non-contiguous netmask in \"" + text + "\"");
            }
            return prefix;
        }
        if (mask.isEmpty() || mask.length() > 3) {
            throw new RuleParseException("invalid prefix length in \"" + text + "\"");
        }
        int prefix = 0;
        for (int i = 0; i < mask.length(); i++) {
            char c = mask.charAt(i);
            if (c < '0' || c > '9') {
                throw new RuleParseException("invalid prefix length in \"" + text + "\"");
            }
            prefix = prefix * 10 + (c - '0');
        }
        if (prefix > addr.bits()) {
            throw new RuleParseException("prefix length " + prefix + " too long in \"" + text + "\"");
        }
        return prefix;
    }
}

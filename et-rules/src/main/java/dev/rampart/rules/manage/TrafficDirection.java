package dev.rampart.rules.manage;

import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.header.AddressExpr;
import dev.rampart.rules.header.AddressParser;
import java.util.Map;

/**
 * Which way a rule looks at traffic, from its header: {@code $HOME_NET -> $EXTERNAL_NET} is
 * outbound, {@code $EXTERNAL_NET -> $HOME_NET} inbound, anything else (any, literal addresses,
 * {@code <>}, home to home) either.
 *
 * <p>This is the direction of the packets the header names, not of the session: a rule written
 * {@code $EXTERNAL_NET any -> $HOME_NET any (flow:to_client; ...)} inspects a server's answer to a
 * connection a home client opened, and is classified inbound here.
 *
 * <p>Variables count by what they stand for: a variable defined as {@code $HOME_NET} (as
 * {@code $HTTP_SERVERS}, {@code $SMTP_SERVERS}... are by default) is home; {@code !$HOME_NET} or
 * {@code $EXTERNAL_NET} is external; a group is home/external when all its members are.
 */
public enum TrafficDirection {
    INBOUND,
    OUTBOUND,
    EITHER;

    /** Which rules a profile keeps by direction: an inbound set keeps inbound and either. */
    public enum Filter {
        ANY,
        INBOUND,
        OUTBOUND;

        public boolean admits(TrafficDirection d) {
            return switch (this) {
                case ANY -> true;
                case INBOUND -> d != TrafficDirection.OUTBOUND;
                case OUTBOUND -> d != TrafficDirection.INBOUND;
            };
        }

        public static Filter parse(String s) {
            return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "any", "both", "either", "all" -> ANY;
                case "inbound", "in" -> INBOUND;
                case "outbound", "out" -> OUTBOUND;
                default -> throw new IllegalArgumentException("direction must be inbound, outbound or any, not \""
                        + s + "\"");
            };
        }
    }

    private enum Side { HOME, EXTERNAL, OTHER }

    public static TrafficDirection of(RuleFacts facts, Map<String, String> addressVars) {
        if (!facts.direction().equals("->")) {
            return EITHER;
        }
        Side src = side(facts.source(), addressVars, 0);
        Side dst = side(facts.destination(), addressVars, 0);
        if (src == Side.HOME && dst == Side.EXTERNAL) {
            return OUTBOUND;
        }
        if (src == Side.EXTERNAL && dst == Side.HOME) {
            return INBOUND;
        }
        return EITHER;
    }

    private static Side side(String text, Map<String, String> vars, int depth) {
        if (text.isEmpty() || depth > 8) {
            return Side.OTHER;
        }
        try {
            return side(AddressParser.parse(text), vars, depth);
        } catch (RuleParseException | RuntimeException e) {
            return Side.OTHER;
        }
    }

    private static Side side(AddressExpr e, Map<String, String> vars, int depth) {
        if (e instanceof AddressExpr.Var v) {
            if (v.name().equals("HOME_NET")) {
                return Side.HOME;
            }
            if (v.name().equals("EXTERNAL_NET")) {
                return Side.EXTERNAL;
            }
            String def = vars.get(v.name());
            return def == null ? Side.OTHER : side(def, vars, depth + 1);
        }
        if (e instanceof AddressExpr.Not n) {
            Side inner = side(n.inner(), vars, depth);
            return inner == Side.HOME ? Side.EXTERNAL : inner == Side.EXTERNAL ? Side.HOME : Side.OTHER;
        }
        if (e instanceof AddressExpr.Group g) {
            Side all = null;
            for (AddressExpr item : g.items()) {
                Side s = side(item, vars, depth);
                if (all != null && s != all) {
                    return Side.OTHER;
                }
                all = s;
            }
            return all == null ? Side.OTHER : all;
        }
        return Side.OTHER;
    }
}

package dev.rampart.rules.header;

import dev.rampart.rules.RuleParseException;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.function.Function;

/** Resolves a {@link PortExpr} against port variables, with the same negation rules as addresses. */
public final class PortResolver {
    private static final int MAX_DEPTH = 64;

    private final Function<String, String> vars;
    /** Resolved variables (copied on use: evaluation mutates bit sets). */
    private final java.util.Map<String, BitSet> resolvedVars = new java.util.HashMap<>();
    /**
     * Results by expression and by port set: a rule set repeats a few dozen port expressions over
     * thousands of rules, and each set is 8 KiB of bits, so equal sets are one object.
     */
    private final java.util.Map<PortExpr, PortSet> resolved = new java.util.HashMap<>();
    private final java.util.Map<BitSet, PortSet> interned = new java.util.HashMap<>();

    public PortResolver(Function<String, String> vars) {
        this.vars = vars;
    }

    public PortSet resolve(PortExpr expr) throws RuleParseException {
        if (expr instanceof PortExpr.Any) {
            return PortSet.ANY;
        }
        PortSet known = resolved.get(expr);
        if (known != null) {
            return known;
        }
        BitSet bits = eval(expr, new ArrayDeque<>());
        if (bits.isEmpty()) {
            throw new RuleParseException("port \"" + expr.text() + "\" matches no port");
        }
        PortSet set = bits.cardinality() == 65536 ? PortSet.ANY : interned.computeIfAbsent(bits, PortSet::new);
        resolved.put(expr, set);
        return set;
    }

    private BitSet eval(PortExpr expr, Deque<String> stack) throws RuleParseException {
        if (expr instanceof PortExpr.Any) {
            return PortSet.ANY.copyBits();
        } else if (expr instanceof PortExpr.Range r) {
            BitSet b = new BitSet(65536);
            b.set(r.from(), r.to() + 1);
            return b;
        } else if (expr instanceof PortExpr.Var v) {
            BitSet cached = resolvedVars.get(v.name());
            if (cached != null) {
                return (BitSet) cached.clone();
            }
            if (stack.contains(v.name()) || stack.size() > MAX_DEPTH) {
                throw new RuleParseException("port variable $" + v.name() + " refers to itself");
            }
            String value = vars.apply(v.name());
            if (value == null) {
                throw new RuleParseException("undefined port variable $" + v.name());
            }
            stack.push(v.name());
            try {
                BitSet bits = eval(PortParser.parse(value), stack);
                resolvedVars.put(v.name(), (BitSet) bits.clone());
                return bits;
            } finally {
                stack.pop();
            }
        } else if (expr instanceof PortExpr.Not n) {
            if (n.inner() instanceof PortExpr.Any) {
                throw new RuleParseException("\"!any\" is not a valid port");
            }
            BitSet b = eval(n.inner(), stack);
            b.flip(0, 65536);
            return b;
        } else {
            PortExpr.Group g = (PortExpr.Group) expr;
            BitSet positive = null;
            BitSet negative = new BitSet(65536);
            for (PortExpr item : g.items()) {
                if (item instanceof PortExpr.Not n) {
                    if (n.inner() instanceof PortExpr.Any) {
                        throw new RuleParseException("\"!any\" is not a valid port");
                    }
                    orInto(negative, n.inner(), stack);
                } else if (positive == null && !(item instanceof PortExpr.Range)) {
                    positive = eval(item, stack); // a set of its own already: the union starts in it
                } else {
                    if (positive == null) {
                        positive = new BitSet(65536);
                    }
                    orInto(positive, item, stack);
                }
            }
            if (positive == null) {
                positive = PortSet.ANY.copyBits();
            }
            positive.andNot(negative);
            return positive;
        }
    }

    /** Adds {@code expr}'s ports to {@code into}: a range straight in, not through an 8 KiB set of its own. */
    private void orInto(BitSet into, PortExpr expr, Deque<String> stack) throws RuleParseException {
        if (expr instanceof PortExpr.Range r) {
            into.set(r.from(), r.to() + 1);
        } else {
            into.or(eval(expr, stack));
        }
    }
}

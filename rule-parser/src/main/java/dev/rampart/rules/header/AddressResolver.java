package dev.rampart.rules.header;

import dev.rampart.rules.RuleParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Resolves an {@link AddressExpr} against a variable table into an {@link AddressSet}, with
 * Suricata's negation rules: inside a list, negated items are taken out of the positive ones (out
 * of "any" when a list has only negations); a result with no address left is an error.
 */
public final class AddressResolver {
    private static final int MAX_DEPTH = 64;

    private final Function<String, String> vars;
    /** Resolved variables: the table is fixed for a resolver, and ET uses a handful of them 30k times. */
    private final java.util.Map<String, AddressSet> resolvedVars = new java.util.HashMap<>();
    /** Results by expression: most rules repeat a few header expressions ($HOME_NET, any, ...). */
    private final java.util.Map<AddressExpr, AddressSet> resolved = new java.util.HashMap<>();

    /** @param vars variable name (without {@code $}) to its text, or null when undefined */
    public AddressResolver(Function<String, String> vars) {
        this.vars = vars;
    }

    public AddressSet resolve(AddressExpr expr) throws RuleParseException {
        AddressSet known = resolved.get(expr);
        if (known != null) {
            return known;
        }
        AddressSet set = eval(expr, new ArrayDeque<>());
        if (set.isEmpty()) {
            throw new RuleParseException("address \"" + expr.text() + "\" matches no address (complete IP space negated)");
        }
        resolved.put(expr, set);
        return set;
    }

    private AddressSet eval(AddressExpr expr, Deque<String> stack) throws RuleParseException {
        if (expr instanceof AddressExpr.Any) {
            return AddressSet.ANY;
        } else if (expr instanceof AddressExpr.Net n) {
            return AddressSet.of(n.address(), n.address().last(n.prefix()));
        } else if (expr instanceof AddressExpr.Range r) {
            return AddressSet.of(r.from(), r.to());
        } else if (expr instanceof AddressExpr.Var v) {
            AddressSet cached = resolvedVars.get(v.name());
            if (cached != null) {
                return cached;
            }
            if (stack.contains(v.name()) || stack.size() > MAX_DEPTH) {
                throw new RuleParseException("address variable $" + v.name() + " refers to itself");
            }
            String value = vars.apply(v.name());
            if (value == null) {
                throw new RuleParseException("undefined address variable $" + v.name());
            }
            stack.push(v.name());
            try {
                AddressSet set = eval(AddressParser.parse(value), stack);
                resolvedVars.put(v.name(), set);
                return set;
            } finally {
                stack.pop();
            }
        } else if (expr instanceof AddressExpr.Not n) {
            if (n.inner() instanceof AddressExpr.Any) {
                throw new RuleParseException("\"!any\" is not a valid address");
            }
            return eval(n.inner(), stack).complement();
        } else {
            AddressExpr.Group g = (AddressExpr.Group) expr;
            // items gathered, then merged once (not item by item: quadratic for long lists)
            List<AddressSet> positive = new ArrayList<>(g.items().size());
            List<AddressSet> negative = new ArrayList<>();
            for (AddressExpr item : g.items()) {
                if (item instanceof AddressExpr.Not n) {
                    if (n.inner() instanceof AddressExpr.Any) {
                        throw new RuleParseException("\"!any\" is not a valid address");
                    }
                    negative.add(eval(n.inner(), stack));
                } else {
                    positive.add(eval(item, stack));
                }
            }
            AddressSet pos = positive.isEmpty() ? AddressSet.ANY : AddressSet.union(positive);
            // a union is already sorted and merged: taking nothing out of it is itself
            return negative.isEmpty() ? pos : pos.minus(AddressSet.union(negative));
        }
    }
}

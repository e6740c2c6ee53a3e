package dev.rampart.rules.seclang;

import java.util.List;

/**
 * A {@code SecRule} or a {@code SecAction} (no variables, operator {@code unconditionalMatch}).
 * A rule whose actions contain {@code chain} carries the next rule of the chain in {@code chained}.
 *
 * @param file      source file
 * @param line      first line of the directive
 * @param variables the targets, in the order written (exclusions included, with their flag)
 * @param operator  the operator
 * @param actions   the actions, in the order written
 * @param chained   the next rule of a chain, or null
 * @param isAction  written as SecAction
 */
public record SecRule(String file, int line, List<SecVariable> variables, SecOperator operator,
                      List<SecActionItem> actions, SecRule chained, boolean isAction) implements SecDirective {

    public SecRule {
        variables = List.copyOf(variables);
        actions = List.copyOf(actions);
    }

    /** The first value of an action by name (ignoring case), or null. */
    public String action(String name) {
        for (SecActionItem a : actions) {
            if (a.name().equalsIgnoreCase(name)) return a.value() == null ? "" : a.value();
        }
        return null;
    }

    /** Whether the action list names the action (ignoring case). */
    public boolean hasAction(String name) {
        return action(name) != null;
    }

    /** The rule id, or 0 when it has none (chained rules). */
    public long id() {
        String v = action("id");
        if (v == null || v.isEmpty()) return 0;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

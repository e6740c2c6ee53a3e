package dev.rampart.rules.manage;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration file (enable/disable/drop/modify.conf, a profile file) had malformed lines. All
 * of them are listed, one {@code file:line: reason} per line of the message.
 */
public final class RuleConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<ConfigProblem> problems;

    public RuleConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public RuleConfigException(String file, int line, String reason) {
        this(List.of(new ConfigProblem(file, line, reason)));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}

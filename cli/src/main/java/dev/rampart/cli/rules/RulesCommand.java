package dev.rampart.cli.rules;

import dev.rampart.cli.Main;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rampart rules}: rule file tools (check), rule-set management (update, list) and rule profiles (profile). */
@Command(name = "rules", description = "Work with Suricata rule files and rule sets.",
        subcommands = {RulesCheckCommand.class, RulesUpdateCommand.class, RulesListCommand.class,
                RulesProfileCommand.class})
public final class RulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("rampart rules: missing subcommand");
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.USAGE;
    }
}

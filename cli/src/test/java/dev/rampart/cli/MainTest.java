package dev.rampart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

    @Test
    void helpListsTheCommands() {
        Cli r = Cli.run("--help");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("Usage: rampart"), r.out);
        assertTrue(r.out.contains("rules"), r.out);
        assertTrue(r.out.contains("demo"), r.out);
        assertTrue(r.out.contains("Exit status: 0 ok, 1 findings or failure, 2 usage error."), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.startsWith("  scan")), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.startsWith("  sensor")), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.startsWith("  console")), r.out);
    }

    /** A scan runs under a root with only scan's model: its usage and version must be the full root's. */
    @Test
    void scanOnlyRootGivesTheSameScanCommand() {
        picocli.CommandLine full = Main.newCommandLine().getSubcommands().get("scan");
        picocli.CommandLine scanOnly = Main.newCommandLine(new String[] {"scan"}).getSubcommands().get("scan");
        assertEquals(full.getUsageMessage(picocli.CommandLine.Help.Ansi.OFF),
                scanOnly.getUsageMessage(picocli.CommandLine.Help.Ansi.OFF));
        assertEquals(full.getCommandSpec().qualifiedName(), scanOnly.getCommandSpec().qualifiedName());
        assertEquals(1, Main.newCommandLine(new String[] {"scan"}).getSubcommands().size());
        Cli v = Cli.run("scan", "--version");
        assertEquals(0, v.exit, v.toString());
        assertEquals(Cli.run("--version").out, v.out);
        Cli bad = Cli.run("scan", "--no-such-option");
        assertEquals(Main.USAGE, bad.exit, bad.toString());
        assertTrue(bad.err.contains("Usage: rampart scan"), bad.err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rules", "rules check", "rules update", "rules list", "demo", "sensor"})
    void everyCommandHasHelp(String command) {
        String[] args = (command + " --help").split(" ");
        Cli r = Cli.run(args);
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("Usage: rampart " + command), r.out);
        assertTrue(r.out.contains("-h, --help"), r.out);
        assertTrue(r.out.contains("-V, --version"), r.out);
    }

    @Test
    void helpSubcommand() {
        Cli r = Cli.run("help", "demo");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("Usage: rampart demo"), r.out);
        Cli h = Cli.run("help", "--help");
        assertEquals(0, h.exit, h.toString());
        assertTrue(h.out.contains("Usage: rampart help"), h.out);
    }

    @Test
    void version() {
        Cli r = Cli.run("--version");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.startsWith("rampart 0."), r.out);
        assertTrue(!r.out.contains("${"), "version is filtered in: " + r.out);
        assertTrue(r.out.contains("Java 17") || r.out.contains("Java "), r.out);
        assertEquals(r.out, Cli.run("demo", "--version").out, "subcommands know the version too");
    }

    @Test
    void noCommandIsAUsageError() {
        Cli r = Cli.run();
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("missing command"), r.err);
        assertTrue(r.err.contains("Usage: rampart"), r.err);
    }

    @Test
    void rulesWithoutSubcommandIsAUsageError() {
        Cli r = Cli.run("rules");
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("Usage: rampart rules"), r.err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"frobnicate", "--no-such-option", "demo --no-such-option", "rules check --json --bogus x",
        "scan", "sensor"})
    void usageErrorsExitWith2(String line) {
        Cli r = Cli.run(line.split(" "));
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("Usage:") || r.err.contains("Unknown") || r.err.contains("Unmatched"), r.err);
    }
}

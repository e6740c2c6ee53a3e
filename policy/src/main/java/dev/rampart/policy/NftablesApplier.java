package dev.rampart.policy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies, lists and removes block policies with the {@code nft} command. It only ever creates or
 * deletes tables named {@code inet rampart_*}: the operator's own tables, chains and rules are never
 * listed as Rampart's, flushed or deleted.
 *
 * <p>Applying changes the host's firewall, so it needs the operator's explicit confirmation and a
 * process running as root; both are checked before {@code nft} is run.
 */
public final class NftablesApplier {
    static final List<String> APPLY = List.of("nft", "-f", "-");
    static final List<String> LIST_TABLES = List.of("nft", "list", "tables");

    /** {@code /dev/stdin:3:5-9: Error: ...}: file, line, columns; the location is optional. */
    private static final Pattern ERROR_LINE = Pattern.compile("^(?:(?<file>[^:\\s]+):(?<line>\\d+):\\d+-\\d+: )?(?:\\S+: )?Error: (?<msg>.*)$");
    private static final Pattern TABLE_LINE = Pattern.compile("^table (\\S+) (\\S+)$");

    private final CommandRunner runner;
    private final BooleanSupplier runningAsRoot;

    public NftablesApplier(CommandRunner runner, BooleanSupplier runningAsRoot) {
        this.runner = Objects.requireNonNull(runner);
        this.runningAsRoot = Objects.requireNonNull(runningAsRoot);
    }

    /** nft on this host, root checked through the effective uid. */
    public static NftablesApplier local() {
        return new NftablesApplier(ProcessCommandRunner.direct(), Privileges::effectiveUidIsRoot);
    }

    /**
     * Loads {@code policy}'s table (replacing an earlier version of it) and returns the script run.
     *
     * @param confirmed the operator confirmed this policy; without it nothing is run
     * @throws IllegalStateException when not confirmed or not running as root
     * @throws NftablesException     when nft is missing or refuses the script
     */
    public String apply(BlockPolicy policy, boolean confirmed) {
        if (!confirmed) {
            throw new IllegalStateException("not applying block policy " + policy.name()
                    + ": changing the firewall needs the operator's confirmation");
        }
        requireRoot("apply block policy " + policy.name());
        String script = NftablesRenderer.render(policy);
        CommandRunner.Result r = run(APPLY, script, "apply block policy " + policy.name());
        if (r.exitCode() != 0) {
            throw new NftablesException("nft refused block policy " + policy.name(), errors(r, script));
        }
        return script;
    }

    /** Names of the Rampart policies loaded now (tables {@code inet rampart_<name>}), in nft's order. */
    public List<String> loadedPolicies() {
        CommandRunner.Result r = run(LIST_TABLES, "", "list tables");
        if (r.exitCode() != 0) {
            throw new NftablesException("nft could not list tables", errors(r, ""));
        }
        List<String> names = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            Matcher m = TABLE_LINE.matcher(line.trim());
            if (m.matches() && m.group(1).equals("inet") && m.group(2).startsWith(BlockPolicy.TABLE_PREFIX)) {
                String name = m.group(2).substring(BlockPolicy.TABLE_PREFIX.length());
                try {
                    names.add(BlockPolicy.validateName(name));
                } catch (PolicyValidationException e) {
                    // rampart_-prefixed but not a name Rampart makes: not ours to list or remove
                }
            }
        }
        return names;
    }

    /**
     * Deletes policy {@code name}'s table; returns false when it was not loaded.
     *
     * @throws IllegalStateException when not running as root
     */
    public boolean remove(String name) {
        BlockPolicy.validateName(name);
        requireRoot("remove block policy " + name);
        if (!loadedPolicies().contains(name)) {
            return false;
        }
        String script = NftablesRenderer.renderDelete(name);
        CommandRunner.Result r = run(APPLY, script, "remove block policy " + name);
        if (r.exitCode() != 0) {
            throw new NftablesException("nft could not remove block policy " + name, errors(r, script));
        }
        return true;
    }

    private void requireRoot(String what) {
        if (!runningAsRoot.getAsBoolean()) {
            throw new IllegalStateException("cannot " + what + ": nft changes the firewall only for root "
                    + "(run the sensor as root, or apply the shown script yourself with: sudo nft -f <file>)");
        }
    }

    private CommandRunner.Result run(List<String> command, String stdin, String what) {
        try {
            return runner.run(command, stdin);
        } catch (IOException e) {
            throw new NftablesException("cannot " + what + " (is nftables installed? the nft command is needed)", e);
        }
    }

    /** nft's error lines as messages, with the script line each one points at. */
    static List<String> errors(CommandRunner.Result r, String script) {
        String[] scriptLines = script.split("\n", -1);
        List<String> out = new ArrayList<>();
        for (String line : r.stderr().split("\n")) {
            Matcher m = ERROR_LINE.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            String msg = m.group("msg").trim();
            if (msg.contains("Operation not permitted")) {
                msg += " (nft needs root or CAP_NET_ADMIN)";
            }
            String ln = m.group("line");
            if (ln != null && "/dev/stdin".equals(m.group("file"))) {
                int n = Integer.parseInt(ln);
                String at = n >= 1 && n <= scriptLines.length ? scriptLines[n - 1].trim() : "";
                msg = "line " + n + ": " + msg + (at.isEmpty() ? "" : " [" + at + "]");
            }
            out.add(msg);
        }
        if (out.isEmpty()) {
            String first = r.stderr().strip().lines().findFirst().orElse("");
            out.add(first.isEmpty() ? "nft exited with status " + r.exitCode() : first);
        }
        return out;
    }
}

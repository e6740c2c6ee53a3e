package dev.rampart.cli.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rampart.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rampart rules profile FILE}: reads a rule profile ({@code scan --profile-rules}) and
 * prints the costliest rules, as Suricata's rule_perf text report does; with {@code --budget PCT}
 * it writes a disable.conf that {@code rules update --disable-conf} (or {@code rules list}) applies
 * to build the subset whose profiled rule cost is at most PCT percent of the whole.
 */
@Command(name = "profile",
        description = {"Print the costliest rules of a rule profile written by `rampart scan --profile-rules FILE`.",
                "With --budget PCT: a disable.conf (one gid:sid a line, costliest first) that keeps the profiled "
                        + "rule-check CPU at most PCT percent of the total; feed it to `rampart rules update "
                        + "--disable-conf FILE` to build the subset. Prefilter CPU is not counted: it does not shrink "
                        + "rule by rule."})
public final class RulesProfileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Rule profile JSON (scan --profile-rules).")
    Path file;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "Rules to print (default 20; 0: all).")
    int top;

    @Option(names = "--sort", paramLabel = "KEY", defaultValue = "ticks",
            description = "ticks (total, default), avg (ticks per check), checks, matches or max.")
    String sort;

    @Option(names = "--budget", paramLabel = "PCT",
            description = "Write the disable list that keeps the rule-check ticks at most PCT percent of the profiled "
                    + "total (0 < PCT <= 100) instead of the table.")
    Double budget;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "With --budget: write the disable.conf here (default: standard output).")
    Path output;

    @Option(names = "--prefilters", paramLabel = "N", defaultValue = "10",
            description = "Prefilters to print after the rules, costliest first (default 10; 0: none).")
    int prefilters;

    /** One rule of the profile. */
    record RuleCost(long sid, long gid, long rev, long checks, long matches, long ticks, long max, long avg,
            long avgMatch, long avgNoMatch, String msg, List<String> sets, List<String> checksBits, boolean seclang,
            String source) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Comparator<RuleCost> order = switch (sort) {
            case "ticks" -> Comparator.comparingLong(RuleCost::ticks);
            case "avg" -> Comparator.comparingLong(RuleCost::avg);
            case "checks" -> Comparator.comparingLong(RuleCost::checks);
            case "matches" -> Comparator.comparingLong(RuleCost::matches);
            case "max" -> Comparator.comparingLong(RuleCost::max);
            default -> throw new ParameterException(spec.commandLine(),
                    "--sort: expected ticks, avg, checks, matches or max, got " + sort);
        };
        if (top < 0 || prefilters < 0) {
            throw new ParameterException(spec.commandLine(), "--top and --prefilters must not be negative");
        }
        if (budget != null && !(budget > 0 && budget <= 100)) {
            throw new ParameterException(spec.commandLine(), "--budget: expected a percentage in (0, 100], got " + budget);
        }
        if (!Files.isRegularFile(file)) {
            err.println("rampart: " + file + ": no such file");
            err.flush();
            return Main.FINDINGS;
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            err.println("rampart: " + file + ": not a rule profile: " + e.getMessage());
            err.flush();
            return Main.FINDINGS;
        }
        if (root == null || !root.path("rules").isArray()) {
            err.println("rampart: " + file + ": not a rule profile (no \"rules\" array)");
            err.flush();
            return Main.FINDINGS;
        }
        List<RuleCost> rules = read(root.get("rules"));
        if (budget != null) {
            return writeBudget(rules, out, err);
        }
        // costliest first; ties keep the file's order (ticks)
        List<RuleCost> sorted = new ArrayList<>(rules);
        sorted.sort(order.reversed());
        long total = 0;
        for (RuleCost r : rules) {
            total += r.ticks;
        }
        printRules(out, sorted, total);
        if (prefilters > 0 && root.path("prefilters").isArray() && root.get("prefilters").size() > 0) {
            printPrefilters(out, root.get("prefilters"), root.path("prefilter_total_ticks").asLong());
        }
        out.flush();
        return Main.OK;
    }

    private static List<RuleCost> read(JsonNode array) {
        List<RuleCost> rules = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            rules.add(new RuleCost(n.path("signature_id").asLong(), n.path("gid").asLong(1), n.path("rev").asLong(),
                    n.path("checks").asLong(), n.path("matches").asLong(), n.path("ticks_total").asLong(),
                    n.path("ticks_max").asLong(), n.path("ticks_avg").asLong(), n.path("ticks_avg_match").asLong(),
                    n.path("ticks_avg_nomatch").asLong(), n.path("msg").asText(""), new ArrayList<>(),
                    new ArrayList<>(), n.path("seclang").asBoolean(false), n.path("source").asText("")));
            RuleCost r = rules.get(rules.size() - 1);
            for (JsonNode fb : n.path("flowbits")) {
                // "set,a|b": set/setx/unset/toggle write the bit, isset/isnotset read it (suricata-update's split)
                String v = fb.asText().strip();
                int comma = v.indexOf(',');
                if (comma < 0) {
                    continue;
                }
                String cmd = v.substring(0, comma).strip().toLowerCase(Locale.ROOT);
                List<String> into = switch (cmd) {
                    case "set", "setx", "unset", "toggle" -> r.sets;
                    case "isset", "isnotset" -> r.checksBits;
                    default -> null;
                };
                if (into != null) {
                    for (String name : v.substring(comma + 1).split("[|&]")) {
                        if (!name.isBlank()) {
                            into.add(name.strip());
                        }
                    }
                }
            }
        }
        return rules;
    }

    private void printRules(PrintWriter out, List<RuleCost> sorted, long total) {
        int n = top == 0 ? sorted.size() : Math.min(top, sorted.size());
        out.printf("rules by %s (%d of %d; ticks are ns, %.1f ms in rule checks in all)%n", sort, n, sorted.size(),
                total / 1e6);
        out.printf("%-5s %-10s %-4s %-4s %14s %7s %12s %10s %12s %11s %11s %13s  %s%n", "Num", "Sid", "Gid", "Rev",
                "Ticks", "%", "Checks", "Matches", "Max Ticks", "Avg Ticks", "Avg Match", "Avg No Match", "Msg");
        for (int i = 0; i < n; i++) {
            RuleCost r = sorted.get(i);
            out.printf(Locale.ROOT, "%-5d %-10d %-4d %-4d %14d %7.2f %12d %10d %12d %11d %11d %13d  %s%n", i + 1, r.sid,
                    r.gid, r.rev, r.ticks, total == 0 ? 0.0 : r.ticks * 100.0 / total, r.checks, r.matches, r.max, r.avg,
                    r.avgMatch, r.avgNoMatch, r.seclang ? "[SecLang " + r.source + "] " + r.msg : r.msg);
        }
    }

    private void printPrefilters(PrintWriter out, JsonNode array, long total) {
        int n = Math.min(prefilters, array.size());
        out.printf("%nprefilters by ticks (%d of %d; %.1f ms in prefilters in all)%n", n, array.size(), total / 1e6);
        out.printf("%-5s %-36s %-28s %12s %14s %12s %14s %10s%n", "Num", "Group", "Buffer", "Scans", "Bytes",
                "Candidates", "Ticks", "Avg Ticks");
        for (int i = 0; i < n; i++) {
            JsonNode p = array.get(i);
            out.printf("%-5d %-36s %-28s %12d %14d %12d %14d %10d%n", i + 1, p.path("group").asText(),
                    p.path("buffer").asText(), p.path("scans").asLong(), p.path("bytes").asLong(),
                    p.path("candidates").asLong(), p.path("ticks_total").asLong(), p.path("ticks_avg").asLong());
        }
    }

    /**
     * Greedy: the costliest rules (total ticks) are disabled until what remains is within the
     * budget — the fewest rules disabled for the cut, since each removes the most it can. A rule
     * that sets flowbits goes together with the kept rules that check them: {@code rules update}'s
     * flowbit resolution would enable it again for them (and without it they could not match as
     * written). When such a checker itself sets flowbits others check, the setter is kept.
     */
    private int writeBudget(List<RuleCost> rules, PrintWriter out, PrintWriter err) throws IOException {
        // SecLang rules (OWASP CRS) are not rule-management rules: CRS is cut by its paranoia level or
        // SecRuleRemoveById, and its setup rules feed the others' scores; the budget covers the Suricata rules
        long secLangTicks = 0;
        int secLangRules = 0;
        List<RuleCost> suricata = new ArrayList<>(rules.size());
        for (RuleCost r : rules) {
            if (r.seclang) {
                secLangTicks += r.ticks;
                secLangRules++;
            } else {
                suricata.add(r);
            }
        }
        rules = suricata;
        List<RuleCost> byTicks = new ArrayList<>(rules);
        byTicks.sort(Comparator.comparingLong(RuleCost::ticks).reversed());
        long total = 0;
        for (RuleCost r : rules) {
            total += r.ticks;
        }
        long allowed = (long) Math.floor(total * (budget / 100.0));
        long kept = total;
        List<RuleCost> disabled = new ArrayList<>();
        java.util.Set<RuleCost> off = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.Map<String, List<RuleCost>> checkersOf = new java.util.HashMap<>();
        for (RuleCost r : rules) {
            for (String name : r.checksBits) {
                checkersOf.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
            }
        }
        List<RuleCost> held = new ArrayList<>();
        java.util.Map<RuleCost, RuleCost> disabledWith = new java.util.IdentityHashMap<>();
        for (RuleCost r : byTicks) {
            if (kept <= allowed) {
                break;
            }
            if (off.contains(r) || r.ticks == 0) {
                continue;
            }
            // a setter goes with the kept rules that check its flowbits, or rule management would enable it again
            List<RuleCost> unit = new ArrayList<>();
            unit.add(r);
            for (String name : r.sets) {
                for (RuleCost c : checkersOf.getOrDefault(name, List.of())) {
                    if (!off.contains(c) && !unit.contains(c)) {
                        unit.add(c);
                    }
                }
            }
            if (!closed(unit, off, checkersOf)) {
                held.add(r); // a checker in the unit sets flowbits other kept rules check: too far-reaching
                continue;
            }
            for (RuleCost u : unit) {
                off.add(u);
                disabled.add(u);
                kept -= u.ticks;
                if (u != r) {
                    disabledWith.put(u, r);
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# disable.conf from rampart rules profile ").append(file.getFileName()).append(String.format(
                Locale.ROOT, " --budget %s: %d of %d rules disabled; rule-check ticks kept %d of %d (%.2f%%)%n",
                budget.toString(), disabled.size(), rules.size(), kept, total, total == 0 ? 0.0 : kept * 100.0 / total));
        sb.append("# feed to: rampart rules update --disable-conf FILE ... (a flowbit setter is disabled with the rules\n")
                .append("# that check its bits, which the flowbit resolution would otherwise enable it again for)\n");
        if (secLangRules > 0) {
            sb.append(String.format(Locale.ROOT, "# not budgeted: %d SecLang rules with %d ticks (cut CRS by its paranoia level or "
                    + "SecRuleRemoveById)%n", secLangRules, secLangTicks));
        }
        for (RuleCost r : held) {
            if (!off.contains(r)) {
                sb.append("# kept ").append(r.gid).append(':').append(r.sid).append(": its flowbits (")
                        .append(String.join(",", r.sets)).append(") reach rules that set flowbits kept rules check\n");
            }
        }
        for (RuleCost r : disabled) {
            sb.append(r.gid).append(':').append(r.sid).append(String.format(Locale.ROOT, "  # %.2f%% ticks, %d checks",
                    total == 0 ? 0.0 : r.ticks * 100.0 / total, r.checks));
            RuleCost setter = disabledWith.get(r);
            if (setter != null) {
                sb.append(", checks a flowbit of ").append(setter.gid).append(':').append(setter.sid);
            }
            sb.append(": ").append(oneLine(r.msg)).append('\n');
        }
        if (output == null) {
            out.print(sb);
            out.flush();
        } else {
            Files.writeString(output, sb, StandardCharsets.UTF_8);
            err.printf(Locale.ROOT, "rampart: %s: %d rules to disable; %.2f%% of the profiled rule-check ticks kept%n",
                    output, disabled.size(), total == 0 ? 0.0 : kept * 100.0 / total);
            err.flush();
        }
        return Main.OK;
    }

    /** Whether no rule of {@code unit} sets a flowbit that a kept rule outside it checks. */
    private static boolean closed(List<RuleCost> unit, java.util.Set<RuleCost> off,
            java.util.Map<String, List<RuleCost>> checkersOf) {
        for (RuleCost u : unit) {
            for (String name : u.sets) {
                for (RuleCost c : checkersOf.getOrDefault(name, List.of())) {
                    if (!off.contains(c) && !unit.contains(c)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** A message on a comment line: no line breaks. */
    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}

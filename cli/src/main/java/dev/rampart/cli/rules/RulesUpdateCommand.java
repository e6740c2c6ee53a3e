package dev.rampart.cli.rules;

import dev.rampart.cli.ConfigOptions;
import dev.rampart.cli.Main;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleError;
import dev.rampart.rules.config.SuricataConfig;
import dev.rampart.rules.manage.Checksum;
import dev.rampart.rules.manage.Downloader;
import dev.rampart.rules.manage.EffectiveRuleSet;
import dev.rampart.rules.manage.ManagedRule;
import dev.rampart.rules.manage.ProfileDecision;
import dev.rampart.rules.manage.RuleFileWriter;
import dev.rampart.rules.manage.RuleManager;
import dev.rampart.rules.manage.RuleSource;
import dev.rampart.rules.manage.UpdateConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rampart rules update}: suricata-update's job. Reads the sources, applies the filter files
 * and the profile, writes one rule file and prints what happened.
 */
@Command(name = "update",
        description = {"Build one rule file from rule sources (directories, .rules files, .tar.gz/.zip archives, "
                + "http(s) URLs), as suricata-update does: enable/disable/drop/modify.conf, then the profile, then "
                + "flowbit resolution. Disabled rules are written commented out; enabled rules that do not parse "
                + "are written commented out after their error.",
                "Prints every rule error as file:line: sid N: reason and a summary. Exit status 1 when a rule "
                        + "failed or a configuration file has errors (all are listed; nothing is written then)."})
public final class RulesUpdateCommand implements Callable<Integer> {
    static final String DEFAULT_OUTPUT = "rampart.rules";

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    RuleManagementOptions manage;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = DEFAULT_OUTPUT,
            description = "Rule file to write (replaced atomically). Default: ${DEFAULT-VALUE} in the current "
                    + "directory.")
    Path output;

    @Option(names = "--source", paramLabel = "SRC",
            description = "A directory (every *.rules below it), a .rules file, an archive (.tar.gz, .tgz, .tar, "
                    + ".zip) or an http(s) URL, checked against <URL>.md5 unless --sha256 is given. Repeatable; "
                    + "at least one is needed.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Keep downloads here: an unchanged <URL>.md5 reuses the copy, a failed download falls "
                    + "back to it.")
    Path cacheDir;

    @Option(names = "--sha256", paramLabel = "HEX",
            description = "Expected SHA-256 of the one URL source (instead of its <URL>.md5).")
    String sha256;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (sources.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "no rule sources: give --source DIR|FILE|URL (repeatable), e.g. --source /path/to/et-open "
                            + "or --source https://HOST/emerging.rules.tar.gz");
        }
        Checksum expected = checksum();
        SuricataConfig config = configOptions.load(spec, err);

        List<String> problems = new ArrayList<>();
        List<RuleSource> resolved = RuleManagementOptions.sources(sources, expected, problems);
        RuleManagementOptions.Prepared prepared = manage.prepare(spec, problems);
        if (!problems.isEmpty()) {
            return RuleManagementOptions.reportProblems(problems, err, "no rules written");
        }
        RuleEnvironment env = ConfigOptions.environment(config, err);
        Consumer<String> log = m -> {
            err.println("rampart: " + m);
            err.flush();
        };
        UpdateConfig.Builder b = UpdateConfig.builder().sources(resolved).filters(prepared.filters())
                .profile(prepared.profile()).environment(env).log(log)
                .downloader(Downloader.create(cacheDir, log));
        manage.ignoreGlobs().forEach(b::ignore);
        EffectiveRuleSet set = RuleManager.update(b.build());

        for (String w : set.warnings()) {
            err.println("rampart: warning: " + w);
        }
        err.flush();
        List<RuleError> errors = new ArrayList<>(set.errors());
        errors.sort(Comparator.comparing(RuleError::file).thenComparingInt(RuleError::line));
        for (RuleError e : errors) {
            out.println(e);
        }
        new RuleFileWriter().write(set, output);
        printSummary(out, set, resolved);
        out.println("wrote " + set.rules().size() + " rules (" + set.stats().active() + " active) to " + output);
        out.flush();
        return errors.isEmpty() ? Main.OK : Main.FINDINGS;
    }

    private Checksum checksum() {
        if (sha256 == null) {
            return null;
        }
        long urls = sources.stream().filter(RuleManagementOptions::isUrl).count();
        if (urls != 1) {
            throw new ParameterException(spec.commandLine(),
                    "--sha256 checks a download: give exactly one http(s) --source (found " + urls + ")");
        }
        try {
            return Checksum.sha256(sha256);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--sha256: " + e.getMessage());
        }
    }

    /** The summary: sources, counts of every step, the profile's decisions grouped by reason. */
    static void printSummary(PrintWriter out, EffectiveRuleSet set, List<RuleSource> sources) {
        EffectiveRuleSet.Stats s = set.stats();
        Set<String> files = new LinkedHashSet<>();
        for (ManagedRule r : set.rules()) {
            files.add(r.file());
        }
        out.printf("sources: %d (%d rule files)%n", sources.size(), files.size());
        for (RuleSource src : sources) {
            out.println("  " + src.label());
        }
        out.printf("rules: %d  read: %d  duplicates: %d%n", set.rules().size(), s.loaded(), s.duplicates());
        out.printf("disabled by filter: %d  enabled by filter: %d  dropped: %d  modified: %d%n", s.disabledByConf(),
                s.enabledByConf(), s.dropped(), s.modified());
        if (set.profile() != null) {
            printDecisions(out, set);
        }
        out.printf("enabled for flowbits: %d%n", s.enabledForFlowbits());
        out.printf("enabled: %d  disabled: %d  active: %d  failed: %d%n", s.enabled(), set.rules().size() - s.enabled(),
                s.active(), s.failed());
    }

    /** Decisions the profile took (on the rules enabled when it ran), counted by reason, most first. */
    private static void printDecisions(PrintWriter out, EffectiveRuleSet set) {
        Map<String, Integer> in = new LinkedHashMap<>();
        Map<String, Integer> outs = new LinkedHashMap<>();
        for (ManagedRule r : set.rules()) {
            ProfileDecision d = r.profileDecision();
            if (d != null) {
                (d.included() ? in : outs).merge(groupKey(d.reason()), 1, Integer::sum);
            }
        }
        int nIn = in.values().stream().mapToInt(Integer::intValue).sum();
        int nOut = outs.values().stream().mapToInt(Integer::intValue).sum();
        out.printf("profile %s: in %d  out %d%n", set.profile().name(), nIn, nOut);
        printCounts(out, "in", in);
        printCounts(out, "out", outs);
    }

    private static void printCounts(PrintWriter out, String label, Map<String, Integer> counts) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        for (Map.Entry<String, Integer> e : entries) {
            out.printf("  %-3s %5d  %s%n", label, e.getValue(), e.getKey());
        }
    }

    /** "direction inbound ($EXTERNAL_NET any -> $HOME_NET) is not in ..." names the header: one group per direction. */
    private static final Pattern HEADER_IN_REASON = Pattern.compile(" \\(.*? (?:->|<>) .*?\\)(?= is not in the )");

    static String groupKey(String reason) {
        return HEADER_IN_REASON.matcher(reason).replaceFirst("");
    }
}

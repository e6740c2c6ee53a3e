package dev.rampart.cli.rules;

import dev.rampart.rules.manage.Checksum;
import dev.rampart.rules.manage.Profile;
import dev.rampart.rules.manage.Profiles;
import dev.rampart.rules.manage.RuleConfigException;
import dev.rampart.rules.manage.RuleFilters;
import dev.rampart.rules.manage.RuleSource;
import dev.rampart.rules.manage.RuleSources;
import dev.rampart.rules.manage.TrafficDirection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The options {@code rules update} and {@code rules list} share: suricata-update's filter files, the
 * profile, and the source file names to skip. {@link #prepare} reads them all and collects every
 * problem, so that one run reports all of them.
 */
public final class RuleManagementOptions {
    /** suricata-update's default {@code ignore}: ET keeps its removed rules, commented out, in this file. */
    static final String DEFAULT_IGNORE = "*deleted.rules";

    @Option(names = "--enable-conf", paramLabel = "FILE",
            description = "enable.conf: rules to enable (also rules shipped commented out), one selector a line.")
    Path enableConf;

    @Option(names = "--disable-conf", paramLabel = "FILE",
            description = "disable.conf: rules to disable, one selector a line (applied before enable.conf).")
    Path disableConf;

    @Option(names = "--drop-conf", paramLabel = "FILE",
            description = "drop.conf: rules whose action becomes drop, one selector a line.")
    Path dropConf;

    @Option(names = "--modify-conf", paramLabel = "FILE",
            description = "modify.conf: <selector> \"<regex>\" \"<replacement>\" lines that rewrite rule texts.")
    Path modifyConf;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Keep only the rules of this profile: minimal, balanced, full, or one of --profiles-file.")
    String profile;

    @Option(names = "--profiles-file", paramLabel = "YAML",
            description = "User profiles (YAML, a 'profiles:' mapping); needs --profile.")
    Path profilesFile;

    @Option(names = "--direction", paramLabel = "DIR", converter = DirectionConverter.class,
            description = "inbound, outbound or both (default): keep only rules for traffic in that direction "
                    + "(from the rule header, $EXTERNAL_NET -> $HOME_NET is inbound).")
    TrafficDirection.Filter direction;

    @Option(names = "--ignore", paramLabel = "GLOB", defaultValue = DEFAULT_IGNORE,
            description = "Skip source files whose base name matches (repeatable; replaces the default "
                    + "'${DEFAULT-VALUE}', as in suricata-update; --ignore '' skips nothing).")
    List<String> ignore = new ArrayList<>();

    /** The filters (null when a filter file had problems) and the profile (null: none). */
    record Prepared(RuleFilters filters, Profile profile) {
    }

    /**
     * Reads the filter files and the profile file. Missing files and malformed lines are added to
     * {@code problems} as {@code file:line: reason}; a profile name nobody defines is a usage error.
     */
    Prepared prepare(CommandSpec spec, List<String> problems) throws IOException {
        if (profilesFile != null && profile == null) {
            throw new ParameterException(spec.commandLine(), "--profiles-file needs --profile NAME");
        }
        RuleFilters.Builder b = RuleFilters.builder();
        String enable = read(enableConf, problems);
        String disable = read(disableConf, problems);
        String drop = read(dropConf, problems);
        String modify = read(modifyConf, problems);
        if (enable != null) {
            b.enable(enableConf.toString(), enable);
        }
        if (disable != null) {
            b.disable(disableConf.toString(), disable);
        }
        if (drop != null) {
            b.drop(dropConf.toString(), drop);
        }
        if (modify != null) {
            b.modify(modifyConf.toString(), modify);
        }
        RuleFilters filters = null;
        try {
            filters = b.build();
        } catch (RuleConfigException e) {
            e.problems().forEach(p -> problems.add(p.toString()));
        }
        Map<String, Profile> user = Map.of();
        boolean userOk = true;
        if (profilesFile != null) {
            String missing = missing(profilesFile);
            if (missing != null) {
                problems.add(missing);
                userOk = false;
            } else {
                try {
                    user = Profiles.load(profilesFile);
                } catch (RuleConfigException e) {
                    e.problems().forEach(p -> problems.add(p.toString()));
                    userOk = false;
                }
            }
        }
        Profile p = null;
        if (profile != null && userOk) {
            try {
                p = Profiles.resolve(profile, user);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (direction != null && direction != TrafficDirection.Filter.ANY) {
            // a direction alone cuts the full set
            p = (p == null ? Profiles.FULL : p).withDirection(direction);
        }
        return new Prepared(filters, p);
    }

    /** The ignore globs, less empty ones ({@code --ignore ''} turns the default off). */
    List<String> ignoreGlobs() {
        return ignore.stream().filter(g -> !g.isBlank()).toList();
    }

    private static String read(Path p, List<String> problems) throws IOException {
        if (p == null) {
            return null;
        }
        String missing = missing(p);
        if (missing != null) {
            problems.add(missing);
            return null;
        }
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /** Why a configuration file cannot be read, or null; pipes ({@code <(...)}) are fine. */
    private static String missing(Path p) {
        if (!Files.exists(p)) {
            return p + ": no such file";
        }
        return Files.isDirectory(p) ? p + ": is a directory" : null;
    }

    /**
     * Rule sources from command-line words, in their order (it decides which duplicate wins):
     * {@code http(s)://} URLs (checked with {@code expected}, or else with {@code <URL>.md5}),
     * directories, rule files and archives. Local paths that do not exist are added to
     * {@code problems}.
     */
    static List<RuleSource> sources(List<String> specs, Checksum expected, List<String> problems) {
        List<RuleSource> out = new ArrayList<>();
        for (String s : specs) {
            if (isUrl(s)) {
                out.add(expected != null ? RuleSources.url(s, expected) : RuleSources.url(s));
            } else if (!Files.exists(Path.of(s))) {
                problems.add(s + ": no such file or directory");
            } else {
                out.add(RuleSources.of(s));
            }
        }
        return out;
    }

    static boolean isUrl(String spec) {
        return spec.startsWith("http://") || spec.startsWith("https://");
    }

    /** Prints configuration problems, all of them, then one error line; returns the exit status. */
    static int reportProblems(List<String> problems, PrintWriter err, String consequence) {
        for (String p : problems) {
            err.println(p);
        }
        err.println("rampart: error: " + problems.size() + " configuration error" + (problems.size() == 1 ? "" : "s")
                + "; " + consequence);
        err.flush();
        return dev.rampart.cli.Main.FINDINGS;
    }

    /** {@code --direction}: a usage error names the accepted values. */
    static final class DirectionConverter implements ITypeConverter<TrafficDirection.Filter> {
        @Override
        public TrafficDirection.Filter convert(String value) {
            try {
                return TrafficDirection.Filter.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("direction must be inbound, outbound or both, not '" + value + "'");
            }
        }
    }
}

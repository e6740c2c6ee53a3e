package dev.rampart.cli.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rampart.cli.ConfigOptions;
import dev.rampart.cli.Main;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.config.SuricataConfig;
import dev.rampart.rules.manage.EffectiveRuleSet;
import dev.rampart.rules.manage.ManagedRule;
import dev.rampart.rules.manage.ProfileDecision;
import dev.rampart.rules.manage.RuleManager;
import dev.rampart.rules.manage.RuleSource;
import dev.rampart.rules.manage.UpdateConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rampart rules list}: every rule of the sources with its state after the filter files and
 * whether the profile keeps it, and why. Runs the same steps as {@code rules update} (flowbit
 * resolution included) without writing anything.
 */
@Command(name = "list",
        description = {"List the rules of rule sources (directories, .rules files, archives, http(s) URLs) after "
                + "the filter files, with whether the profile keeps each (IN/OUT) and the filter or step that "
                + "decided (WHY). The same steps as 'rules update', nothing written.",
                "ENABLED: enabled by its source and the filter files (before the profile). IN: written enabled "
                        + "by 'rules update' with the same options."})
public final class RulesListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    RuleManagementOptions manage;

    @Option(names = "--only", paramLabel = "in|out", converter = InOutConverter.class,
            description = "List only the rules the profile keeps (in) or leaves out (out).")
    Side only;

    /** {@code --only}: the rules the profile keeps, or the others. */
    enum Side { IN, OUT }

    @Option(names = "--json", description = "One JSON object a line per rule: {\"sid\",\"gid\",\"rev\",\"msg\","
            + "\"file\",\"line\",\"enabled\",\"profile_in\",\"reason\"}; the count line goes to stderr.")
    boolean json;

    @Parameters(paramLabel = "SOURCE", arity = "1..*",
            description = "Directories, .rules files, archives or http(s) URLs (checked against <URL>.md5).")
    List<String> sources = new ArrayList<>();

    /** One listed rule. */
    record Row(ManagedRule rule, boolean enabled, boolean in, String reason) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SuricataConfig config = configOptions.load(spec, err);
        List<String> problems = new ArrayList<>();
        List<RuleSource> resolved = RuleManagementOptions.sources(sources, null, problems);
        RuleManagementOptions.Prepared prepared = manage.prepare(spec, problems);
        if (!problems.isEmpty()) {
            return RuleManagementOptions.reportProblems(problems, err, "nothing listed");
        }
        RuleEnvironment env = ConfigOptions.environment(config, err);
        UpdateConfig.Builder b = UpdateConfig.builder().sources(resolved).filters(prepared.filters())
                .profile(prepared.profile()).environment(env).log(m -> {
                    err.println("rampart: " + m);
                    err.flush();
                });
        manage.ignoreGlobs().forEach(b::ignore);
        EffectiveRuleSet set = RuleManager.update(b.build());
        for (String w : set.warnings()) {
            err.println("rampart: warning: " + w);
        }
        if (!set.errors().isEmpty()) {
            // one line, not one per rule: WHY shows a parse error on the rule's own line
            int n = set.errors().size();
            err.println("rampart: warning: " + n + " rule error" + (n == 1 ? "" : "s")
                    + " ('rules update' prints each as file:line: sid N: reason)");
        }
        err.flush();

        List<Row> rows = rows(set);
        int enabled = 0;
        int in = 0;
        List<Row> listed = new ArrayList<>();
        for (Row r : rows) {
            enabled += r.enabled() ? 1 : 0;
            in += r.in() ? 1 : 0;
            if (only == null || (only == Side.IN) == r.in()) {
                listed.add(r);
            }
        }
        String count = String.format("rules: %d  enabled: %d  in: %d  out: %d  listed: %d", rows.size(), enabled, in,
                rows.size() - in, listed.size());
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            for (Row r : listed) {
                out.println(mapper.writeValueAsString(toJson(r)));
            }
            out.flush();
            err.println(count);
            err.flush();
        } else {
            printTable(out, listed);
            out.println(count);
            out.flush();
        }
        return Main.OK;
    }

    static List<Row> rows(EffectiveRuleSet set) {
        List<Row> rows = new ArrayList<>(set.rules().size());
        for (ManagedRule r : set.rules()) {
            // the profile only runs on enabled rules; a rule it left out is disabled afterwards
            boolean enabled = r.enabled() || r.profileDecision() != null;
            rows.add(new Row(r, enabled, r.enabled(), reason(r, set.profileDecision(r))));
        }
        return rows;
    }

    /**
     * The profile's reason, unless flowbit resolution enabled the rule afterwards (then that step
     * decided); a rule that is in but does not parse says so.
     */
    static String reason(ManagedRule r, ProfileDecision d) {
        String why = d.reason();
        if (r.enabled()) {
            for (String step : r.trail()) {
                if (step.startsWith("enabled with noalert")) {
                    why = step;
                    break;
                }
            }
            if (r.error() != null) {
                why = why + "; does not parse: " + r.error().replace('\n', ' ');
            }
        }
        return why;
    }

    static Map<String, Object> toJson(Row row) {
        ManagedRule r = row.rule();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sid", r.sid());
        m.put("gid", r.gid());
        m.put("rev", r.rev());
        m.put("msg", r.msg());
        m.put("file", r.file());
        m.put("line", r.line());
        m.put("enabled", row.enabled());
        m.put("profile_in", row.in());
        m.put("reason", row.reason());
        return m;
    }

    private static String id(ManagedRule r) {
        return r.gid() == 1 ? Long.toString(r.sid()) : r.gid() + ":" + r.sid();
    }

    /** Aligned columns SID, MSG, ENABLED, IN/OUT, WHY; WHY is last and not padded. */
    static void printTable(PrintWriter out, List<Row> rows) {
        int sidW = "SID".length();
        int msgW = "MSG".length();
        for (Row r : rows) {
            sidW = Math.max(sidW, id(r.rule()).length());
            msgW = Math.max(msgW, r.rule().msg().length());
        }
        String fmt = "%-" + sidW + "s  %-" + msgW + "s  %-7s  %-6s  %s%n";
        out.printf(fmt, "SID", "MSG", "ENABLED", "IN/OUT", "WHY");
        for (Row r : rows) {
            out.printf(fmt, id(r.rule()), r.rule().msg(), r.enabled() ? "yes" : "no", r.in() ? "IN" : "OUT",
                    r.reason());
        }
    }

    /** {@code --only in|out}, in any case. */
    static final class InOutConverter implements picocli.CommandLine.ITypeConverter<Side> {
        @Override
        public Side convert(String value) {
            return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "in" -> Side.IN;
                case "out" -> Side.OUT;
                default -> throw new picocli.CommandLine.TypeConversionException("expected in or out, not '" + value
                        + "'");
            };
        }
    }
}

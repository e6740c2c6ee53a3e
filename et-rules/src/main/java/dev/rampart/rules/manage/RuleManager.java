package dev.rampart.rules.manage;

import dev.rampart.rules.RuleError;
import dev.rampart.rules.RuleFileLoader;
import dev.rampart.rules.RuleParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule updates as suricata-update does them:
 * <ol>
 *   <li>read every source (files of all sources in order; {@code *.rules} files only, less
 *       ignored ones) and split them into rules, keeping rules shipped commented out as disabled
 *       ones;</li>
 *   <li>drop duplicates: for one {@code gid:sid} the first rule wins unless a later one has a
 *       higher rev;</li>
 *   <li>per rule: disable.conf, then enable.conf (so enable.conf re-enables single rules of a
 *       disabled group, and can enable rules shipped commented out), then drop.conf (action
 *       becomes {@code drop}; not for {@code noalert} rules), then modify.conf (each matching line
 *       in file order, on the text the previous step left);</li>
 *   <li>the profile, on the rules still enabled;</li>
 *   <li>flowbits: a disabled rule that sets a flowbit an enabled rule checks is enabled with
 *       {@code noalert} (repeated until nothing changes).</li>
 * </ol>
 * A drop/modify result that does not parse is reported and the rule keeps its previous text (as
 * suricata-update does). Every rule text is parsed with {@link RuleParser}; enabled rules that do
 * not parse are carried along and reported in {@link EffectiveRuleSet#errors()}.
 *
 * <p>Deviations from suricata-update, on purpose: several modify.conf lines matching one rule are
 * applied one after the other (suricata-update applies each to the original and keeps the last);
 * a drop followed by a modify keeps both; modify.conf regexes see the rule text without the
 * {@code "# "} suricata-update puts before disabled rules (a modification cannot enable a rule;
 * enable.conf does that); a source that cannot be read stops the update instead of
 * being skipped with an error message, so that a broken download never silently shrinks the rule
 * set.
 */
public final class RuleManager {
    private RuleManager() {
    }

    /**
     * Rules read from the sources, duplicates removed.
     *
     * @param read rules found in the sources, duplicates included
     * @param warnings duplicates dropped and files ignored
     */
    public record Loaded(List<ManagedRule> rules, int read, int duplicates, List<String> warnings) {
        public Loaded {
            rules = List.copyOf(rules);
            warnings = List.copyOf(warnings);
        }
    }

    /** Runs a whole update. */
    public static EffectiveRuleSet update(UpdateConfig config) throws IOException {
        return apply(load(config), config);
    }

    /** Reads and splits the sources of {@code config} (steps 1–2 of an update). */
    public static Loaded load(UpdateConfig config) throws IOException {
        List<String> warnings = new ArrayList<>();
        RuleParser parser = new RuleParser(config.environment());
        List<ManagedRule> all = new ArrayList<>();
        for (RuleSource source : config.sources()) {
            for (SourceFile f : source.fetch(config.downloader())) {
                if (!f.isRules()) {
                    continue;
                }
                if (ignored(f, config.ignore())) {
                    warnings.add(f.name() + ": ignored");
                    continue;
                }
                for (RuleFileLoader.RuleText rt : RuleFileLoader.split(f.name(), f.text())) {
                    all.add(ManagedRule.load(rt.file(), rt.line(), rt.text(), rt.enabled(), parser));
                }
            }
        }
        List<ManagedRule> unique = dedupe(all, warnings);
        return new Loaded(unique, all.size(), all.size() - unique.size(), warnings);
    }

    private static boolean ignored(SourceFile f, List<Glob> ignore) {
        for (Glob g : ignore) {
            if (g.matches(f.baseName())) {
                return true;
            }
        }
        return false;
    }

    private static List<ManagedRule> dedupe(List<ManagedRule> all, List<String> warnings) {
        Map<String, Integer> index = new LinkedHashMap<>();
        List<ManagedRule> out = new ArrayList<>(all.size());
        for (ManagedRule r : all) {
            if (r.sid() == 0) {
                out.add(r); // no id to compare; the parse error reports it
                continue;
            }
            String key = r.facts().id();
            Integer at = index.get(key);
            if (at == null) {
                index.put(key, out.size());
                out.add(r);
                continue;
            }
            ManagedRule old = out.get(at);
            if (r.rev() > old.rev()) {
                out.set(at, r);
                warnings.add(where(old) + ": sid " + key + " rev " + old.rev() + " replaced by rev " + r.rev()
                        + " at " + where(r));
            } else {
                warnings.add(where(r) + ": duplicate sid " + key + " (rev " + r.rev() + "), keeping " + where(old)
                        + " (rev " + old.rev() + ")");
            }
        }
        // rules replaced by a higher rev leave no hole: 'out' holds each key once
        return out;
    }

    private static String where(ManagedRule r) {
        return r.file() + ":" + r.line();
    }

    /** Steps 3–5 of an update on already loaded rules (the sources of {@code config} are not read). */
    public static EffectiveRuleSet apply(Loaded loaded, UpdateConfig config) {
        RuleParser parser = new RuleParser(config.environment());
        RuleFilters filters = config.filters();
        List<RuleError> errors = new ArrayList<>();
        int disabled = 0;
        int enabled = 0;
        int dropped = 0;
        int modified = 0;
        int excluded = 0;
        List<ManagedRule> rules = new ArrayList<>(loaded.rules().size());
        for (ManagedRule r0 : loaded.rules()) {
            ManagedRule r = r0;
            if (r.enabled()) {
                for (FilterEntry f : filters.disable()) {
                    if (f.matches(r)) {
                        r = r.withEnabled(false, "disabled by " + f.describe());
                        disabled++;
                        break;
                    }
                }
            }
            if (!r.enabled()) {
                for (FilterEntry f : filters.enable()) {
                    if (f.matches(r)) {
                        r = r.withEnabled(true, "enabled by " + f.describe());
                        enabled++;
                        break;
                    }
                }
            }
            if (!r.facts().noalert()) {
                for (FilterEntry f : filters.drop()) {
                    if (f.matches(r)) {
                        String t = r.text().replaceFirst("^\\w+", "drop");
                        if (!t.equals(r.text())) {
                            r = rewrite(r, t, "converted to drop by " + f.describe(), parser, errors);
                            if (r.text().equals(t)) {
                                dropped++;
                            }
                        }
                        break;
                    }
                }
            }
            for (Modification m : filters.modify()) {
                if (m.matches(r)) {
                    String t = m.apply(r.text());
                    if (!t.equals(r.text())) {
                        r = rewrite(r, t, "modified by " + m.describe(), parser, errors);
                        if (r.text().equals(t)) {
                            modified++;
                        }
                    }
                }
            }
            if (config.profile() != null && r.enabled()) {
                ProfileDecision d = config.profile().decide(r, config.environment().addressVars());
                r = r.withProfile(d);
                if (!d.included()) {
                    excluded++;
                }
            }
            rules.add(r);
        }
        int flowbits = config.resolveFlowbits() ? resolveFlowbits(rules, parser, errors) : 0;
        for (ManagedRule r : rules) {
            if (r.enabled() && r.error() != null) {
                errors.add(r.toRuleError());
            }
        }
        int enabledCount = 0;
        int active = 0;
        int failed = 0;
        for (ManagedRule r : rules) {
            if (r.enabled()) {
                enabledCount++;
                if (r.active()) {
                    active++;
                } else {
                    failed++;
                }
            }
        }
        EffectiveRuleSet.Stats stats = new EffectiveRuleSet.Stats(loaded.read(), loaded.duplicates(), disabled,
                enabled, dropped, modified, excluded, flowbits, enabledCount, active, failed);
        return new EffectiveRuleSet(rules, errors, loaded.warnings(), config.profile(), stats);
    }

    /**
     * Applies a rewritten text. When the new text does not parse but the old one did, the change is
     * reported and not applied; when neither parses, the change is applied (the parse error stays).
     */
    private static ManagedRule rewrite(ManagedRule r, String text, String why, RuleParser parser,
            List<RuleError> errors) {
        ManagedRule n = r.withText(text, parser, why);
        if (n.error() != null && r.error() == null) {
            errors.add(new RuleError(r.file(), r.line(), r.sid(), why
                    + " makes the rule invalid (" + n.error() + "); kept the previous text: " + text, r.enabled(),
                    text));
            return r.withNote(why + " rejected: " + n.error());
        }
        return n;
    }

    private static final Pattern SID_OPTION = Pattern.compile("(\\s*sid\\s*:\\s*\\d+\\s*;)");

    /**
     * suricata-update's flowbit resolution: names checked by {@code isset}/{@code isnotset} in enabled
     * rules; disabled rules that {@code set}/{@code setx}/{@code unset}/{@code toggle} one of them are
     * enabled with {@code noalert} added, until nothing changes.
     */
    private static int resolveFlowbits(List<ManagedRule> rules, RuleParser parser, List<RuleError> errors) {
        int count = 0;
        while (true) {
            Map<String, ManagedRule> required = new LinkedHashMap<>();
            for (ManagedRule r : rules) {
                if (!r.enabled()) {
                    continue;
                }
                for (String fb : r.facts().flowbits()) {
                    String[] cmd = flowbitCommand(fb);
                    if (cmd != null && (cmd[0].equals("isset") || cmd[0].equals("isnotset"))) {
                        for (String name : names(cmd[1])) {
                            required.putIfAbsent(name, r);
                        }
                    }
                }
            }
            boolean changed = false;
            for (int i = 0; i < rules.size(); i++) {
                ManagedRule r = rules.get(i);
                if (r.enabled()) {
                    continue;
                }
                for (String fb : r.facts().flowbits()) {
                    String[] cmd = flowbitCommand(fb);
                    if (cmd == null || !(cmd[0].equals("set") || cmd[0].equals("setx") || cmd[0].equals("unset")
                            || cmd[0].equals("toggle"))) {
                        continue;
                    }
                    String hit = null;
                    for (String name : names(cmd[1])) {
                        if (required.containsKey(name)) {
                            hit = name;
                            break;
                        }
                    }
                    if (hit == null) {
                        continue;
                    }
                    ManagedRule needer = required.get(hit);
                    String why = "enabled with noalert: sets flowbit " + hit + " checked by sid " + needer.facts().id();
                    ManagedRule n = r.withEnabled(true, why);
                    if (!r.facts().noalert()) {
                        Matcher m = SID_OPTION.matcher(n.text());
                        if (m.find()) {
                            String t = n.text().substring(0, m.start()) + " noalert;" + m.group(1)
                                    + n.text().substring(m.end());
                            n = rewrite(n, t, "added noalert for flowbit " + hit, parser, errors);
                        }
                    }
                    rules.set(i, n);
                    count++;
                    changed = true;
                    break;
                }
            }
            if (!changed) {
                return count;
            }
        }
    }

    /** {@code "set,name"} → {@code ["set", "name"]}; {@code "noalert"} → {@code ["noalert", ""]}. */
    private static String[] flowbitCommand(String value) {
        String v = value.strip();
        int comma = v.indexOf(',');
        if (comma < 0) {
            return new String[] {v.toLowerCase(java.util.Locale.ROOT), ""};
        }
        return new String[] {v.substring(0, comma).strip().toLowerCase(java.util.Locale.ROOT),
                v.substring(comma + 1).strip()};
    }

    /** Flowbit names of {@code a|b} or {@code a&b}. */
    private static List<String> names(String s) {
        List<String> out = new ArrayList<>();
        for (String n : s.split("[|&]")) {
            if (!n.isBlank()) {
                out.add(n.strip());
            }
        }
        return out;
    }
}

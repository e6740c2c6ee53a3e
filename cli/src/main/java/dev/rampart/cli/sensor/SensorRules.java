package dev.rampart.cli.sensor;

import dev.rampart.cli.scan.ScanCommand;
import dev.rampart.engine.detect.DetectionPlan;
import dev.rampart.engine.detect.mpm.MultiPatternMatchers;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleError;
import dev.rampart.rules.config.SuricataConfig;
import dev.rampart.rules.manage.EffectiveRuleSet;
import dev.rampart.rules.manage.Profile;
import dev.rampart.rules.manage.Profiles;
import dev.rampart.rules.manage.RuleConfigException;
import dev.rampart.rules.manage.RuleFilters;
import dev.rampart.rules.manage.RuleManager;
import dev.rampart.rules.manage.RuleSource;
import dev.rampart.rules.manage.RuleSources;
import dev.rampart.rules.manage.UpdateConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads and compiles the sensor's rule set: the configured sources (files and directories, in
 * order), the profile, then {@link DetectionPlan#build}. Used at start and by every reload; with
 * {@code init-errors-fatal} (the default) a rule that does not parse fails the whole load, as
 * Suricata's {@code --init-errors-fatal}, so a reload never silently loses a rule.
 */
final class SensorRules {
    /** A load that produced no usable plan; the message says why. */
    static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }

    /**
     * @param parsed   active rules that parsed
     * @param failed   enabled rules that did not parse (only with init-errors-fatal off)
     * @param warnings lines for the log (rule errors, rules the engine does not support)
     */
    record Loaded(DetectionPlan plan, int parsed, int failed, List<String> warnings, double seconds) {
    }

    private SensorRules() {
    }

    static Loaded load(SensorConfig cfg, SuricataConfig suricata, RuleEnvironment env) throws Failed {
        return load(cfg, suricata, env, null);
    }

    /**
     * @param profile the rule profile to apply instead of {@code rules.profile} (the console's
     *                incoming/outgoing profiles), or null for the configured one
     */
    static Loaded load(SensorConfig cfg, SuricataConfig suricata, RuleEnvironment env, Profile profile) throws Failed {
        long t0 = System.nanoTime();
        List<RuleSource> sources = new ArrayList<>();
        for (Path p : cfg.ruleSources) {
            if (Files.isDirectory(p)) {
                sources.add(RuleSources.directory(p));
            } else if (Files.isRegularFile(p)) {
                sources.add(RuleSources.file(p));
            } else {
                throw new Failed("rule source " + p + ": no such file or directory");
            }
        }
        UpdateConfig.Builder b = UpdateConfig.builder().sources(sources).environment(env);
        if (cfg.disableConf != null && Files.exists(cfg.disableConf)) {
            // read on every load: the console turns a rule off here, then asks for a reload
            try {
                b.filters(RuleFilters.builder()
                        .disable(cfg.disableConf.toString(), Files.readString(cfg.disableConf)).build());
            } catch (IOException e) {
                throw new Failed("rules.disable-conf " + cfg.disableConf + ": cannot read: " + e.getMessage());
            } catch (RuleConfigException e) {
                throw new Failed("rules.disable-conf: " + e.getMessage());
            }
        }
        if (profile != null) {
            b.profile(profile);
        } else if (cfg.profile != null) {
            b.profile(Profiles.resolve(cfg.profile, Map.of()));
        }
        EffectiveRuleSet set;
        try {
            set = RuleManager.update(b.build());
        } catch (IOException | RuntimeException e) {
            throw new Failed("loading rules: " + e.getMessage());
        }
        List<String> warnings = new ArrayList<>(set.warnings());
        if (!set.errors().isEmpty()) {
            RuleError first = set.errors().get(0);
            if (cfg.initErrorsFatal) {
                throw new Failed(set.errors().size() + " rule(s) failed to parse (init-errors-fatal), first: " + first);
            }
            for (RuleError e : set.errors()) {
                warnings.add("rule error: " + e);
            }
        }
        DetectionPlan plan;
        StringWriter settingWarnings = new StringWriter();
        try (PrintWriter w = new PrintWriter(settingWarnings)) {
            plan = DetectionPlan.build(set.parsedRules(), env, ScanCommand.detectSettings(suricata, env, w),
                    MultiPatternMatchers.preferredKind(), ScanCommand.mpmCache(suricata));
        } catch (RuntimeException e) {
            throw new Failed("compiling rules: " + e);
        }
        if (!cfg.secLang.isEmpty()) {
            dev.rampart.engine.detect.mpm.MpmCache cache = ScanCommand.mpmCache(suricata);
            dev.rampart.engine.detect.seclang.SecLangRules seclang = loadSecLang(cfg,
                    cache == null ? null : cache.directory());
            for (String problem : seclang.problems()) {
                warnings.add("seclang: " + problem);
            }
            plan.withSecLang(new dev.rampart.engine.detect.SecLangPlan(seclang));
        }
        settingWarnings.toString().lines().forEach(warnings::add);
        warnings.addAll(plan.settingProblems());
        for (DetectionPlan.Skipped sk : plan.skipped()) {
            warnings.add("rule not loaded: sid " + sk.rule().sid() + ": " + sk.reason());
        }
        return new Loaded(plan, set.parsedRules().size(), set.errors().size(), warnings,
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The SecLang files in order; rules turned off in disable.conf by id ({@code N}, {@code 1:N} or
     * {@code 1:N:REV} lines, as the console writes them) are removed as SecRuleRemoveById would. A file that does
     * not parse fails the load, as ModSecurity refuses to start.
     */
    static dev.rampart.engine.detect.seclang.SecLangRules loadSecLang(SensorConfig cfg) throws Failed {
        return loadSecLang(cfg, null);
    }

    /** As {@link #loadSecLang(SensorConfig)}, the @rx prefilter databases cached in {@code cacheDir} (null: none). */
    static dev.rampart.engine.detect.seclang.SecLangRules loadSecLang(SensorConfig cfg, Path cacheDir) throws Failed {
        try {
            List<dev.rampart.rules.seclang.SecDirective> directives =
                    new ArrayList<>(dev.rampart.rules.seclang.SecLangParser.parseFiles(cfg.secLang));
            if (cfg.disableConf != null) {
                // the console's reading of its own file: exact sid selectors only
                List<String> ids = new ArrayList<>();
                for (long sid : new dev.rampart.console.actions.DisableConf(cfg.disableConf).disabledSids()) {
                    ids.add(Long.toString(sid));
                }
                if (!ids.isEmpty()) {
                    directives.add(new dev.rampart.rules.seclang.SecSetting(cfg.disableConf.toString(), 0,
                            "SecRuleRemoveById", ids));
                }
            }
            return dev.rampart.engine.detect.seclang.SecLangRules.compile(directives,
                    dev.rampart.engine.detect.seclang.SecLangLoader.STANDARD, cacheDir);
        } catch (dev.rampart.rules.seclang.SecLangException e) {
            throw new Failed("rules.seclang: " + e.getMessage());
        } catch (IOException e) {
            throw new Failed("rules.seclang: cannot read: " + e.getMessage());
        }
    }
}

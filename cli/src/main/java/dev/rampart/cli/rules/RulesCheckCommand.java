package dev.rampart.cli.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rampart.cli.ConfigOptions;
import dev.rampart.cli.Main;
import dev.rampart.cli.scan.ScanCommand;
import dev.rampart.engine.detect.DetectSettings;
import dev.rampart.engine.detect.DetectionPlan;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleError;
import dev.rampart.rules.SourceRef;
import dev.rampart.rules.config.SuricataConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rampart rules check}: parse rule files and report every rule that would not load. */
@Command(name = "check",
        description = {"Load rule files and directories (*.rules below a directory) the way Suricata does at "
                + "start-up and report every rule that fails, as file:line: sid N: reason, and every rule "
                + "that parses but that the detection engine would not load (file:line: sid N: not loaded: reason).",
                "Exit status 1 when any rule failed or would not be loaded."})
public final class RulesCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--json", description = "Print one JSON object: {\"rules\",\"parsed\",\"failed\",\"failures\","
            + "\"not_loaded\",\"not_loaded_rules\",\"keywords\"}.")
    boolean json;

    @Option(names = "--include-disabled", description = "Also parse rules shipped commented out (#alert ...).")
    boolean includeDisabled;

    @Option(names = "--seclang", paramLabel = "PATH", description = "Also load SecLang (ModSecurity) configuration "
            + "as `scan --seclang` does (repeatable, in order: e.g. a setup file, then OWASP CRS's rules/) and report "
            + "a file that does not parse (file:line: reason) and every rule the engine would not load.")
    List<Path> secLang = new ArrayList<>();

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Rule files or directories. Default: rule-files of the -c configuration.")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SuricataConfig config = configOptions.load(spec, err);
        if (!secLang.isEmpty() && paths.isEmpty()) {
            return checkSecLang(out);
        }
        List<Path> targets = paths.isEmpty() ? config.ruleFilePaths() : paths;
        if (targets.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "no rule files: give PATH arguments or a -c configuration with rule-files");
        }
        for (Path p : targets) {
            if (!Files.exists(p)) {
                throw new IllegalStateException("no such file or directory: " + p);
            }
        }
        RuleEnvironment env = ConfigOptions.environment(config, err);
        RuleCheck.Result r = RuleCheck.load(env, includeDisabled, targets);
        // the engine's compile step as well: a rule that parses can still be refused (Suricata's
        // SigValidate combinations) or use something the engine does not evaluate
        List<RuleError> notLoaded = notLoaded(r.loaded(), env, ScanCommand.detectSettings(config, env, err));
        if (json) {
            out.println(toJson(r, notLoaded));
        } else {
            for (RuleError e : r.failures()) {
                out.println(e);
            }
            for (RuleError e : notLoaded) {
                out.println(e);
            }
            out.printf("rules: %d  parsed: %d  failed: %d  not loaded: %d%n", r.rules(), r.parsed(), r.failed(),
                    notLoaded.size());
        }
        out.flush();
        int secLangStatus = secLang.isEmpty() ? Main.OK : checkSecLang(out);
        return r.failed() > 0 || !notLoaded.isEmpty() || secLangStatus != Main.OK ? Main.FINDINGS : Main.OK;
    }

    /** Loads the --seclang files: a parse error, or each rule not loaded, then a summary line. */
    private int checkSecLang(PrintWriter out) throws IOException {
        for (Path p : secLang) {
            if (!Files.exists(p)) {
                throw new IllegalStateException("no such file or directory: " + p);
            }
        }
        dev.rampart.engine.detect.seclang.SecLangRules rules;
        try {
            rules = dev.rampart.engine.detect.seclang.SecLangLoader.load(secLang);
        } catch (dev.rampart.rules.seclang.SecLangException e) {
            out.println(e.getMessage());
            out.println("seclang: does not load");
            out.flush();
            return Main.FINDINGS;
        }
        for (String problem : rules.problems()) {
            out.println(problem);
        }
        out.printf("seclang: %d rules loaded, %d not loaded or not applied%n", rules.ruleCount(), rules.problems().size());
        out.flush();
        return rules.problems().isEmpty() ? Main.OK : Main.FINDINGS;
    }

    private static final String NOT_LOADED = "not loaded: ";

    /** The parsed rules the detection engine would skip, as "not loaded: reason" errors in file order. */
    static List<RuleError> notLoaded(List<Rule> parsed, RuleEnvironment env, DetectSettings settings) {
        List<RuleError> out = new ArrayList<>();
        for (DetectionPlan.Skipped sk : DetectionPlan.check(parsed, env, settings)) {
            Rule rule = sk.rule();
            SourceRef src = rule.source() == null ? SourceRef.NONE : rule.source();
            out.add(new RuleError(src.file(), src.line(), rule.sid(), NOT_LOADED + sk.reason(), rule.enabled(),
                    null));
        }
        out.sort(Comparator.comparing(RuleError::file).thenComparingInt(RuleError::line));
        return out;
    }

    static String toJson(RuleCheck.Result r) throws JsonProcessingException {
        return toJson(r, List.of());
    }

    static String toJson(RuleCheck.Result r, List<RuleError> notLoaded) throws JsonProcessingException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("rules", r.rules());
        root.put("parsed", r.parsed());
        root.put("failed", r.failed());
        root.put("failures", errorsJson(r.failures(), ""));
        root.put("not_loaded", notLoaded.size());
        root.put("not_loaded_rules", errorsJson(notLoaded, NOT_LOADED));
        KeywordUsage usage = new KeywordUsage();
        usage.addAll(r.loaded());
        root.put("keywords", usage.sorted());
        return new ObjectMapper().writeValueAsString(root);
    }

    /** Each error as {file, line, sid, reason, enabled}, {@code prefix} taken off its reason. */
    private static List<Map<String, Object>> errorsJson(List<RuleError> errors, String prefix) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RuleError e : errors) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("file", e.file());
            f.put("line", e.line());
            f.put("sid", e.sid());
            f.put("reason", e.reason().substring(prefix.length()));
            f.put("enabled", e.enabled());
            out.add(f);
        }
        return out;
    }
}

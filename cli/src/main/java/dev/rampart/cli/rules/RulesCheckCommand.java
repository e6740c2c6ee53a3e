package dev.rampart.cli.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rampart.cli.ConfigOptions;
import dev.rampart.cli.Main;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleError;
import dev.rampart.rules.config.SuricataConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rampart rules check}: parse rule files and report every rule that would not load. */
@Command(name = "check",
        description = {"Load rule files and directories (*.rules below a directory) the way Suricata does at "
                + "start-up and report every rule that fails, as file:line: sid N: reason.",
                "Exit status 1 when any rule failed."})
public final class RulesCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--json", description = "Print one JSON object: {\"rules\",\"parsed\",\"failed\",\"failures\","
            + "\"keywords\"}.")
    boolean json;

    @Option(names = "--include-disabled", description = "Also parse rules shipped commented out (#alert ...).")
    boolean includeDisabled;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Rule files or directories. Default: rule-files of the -c configuration.")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SuricataConfig config = configOptions.load(spec, err);
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
        if (json) {
            out.println(toJson(r));
        } else {
            for (RuleError e : r.failures()) {
                out.println(e);
            }
            out.printf("rules: %d  parsed: %d  failed: %d%n", r.rules(), r.parsed(), r.failed());
        }
        out.flush();
        return r.failed() > 0 ? Main.FINDINGS : Main.OK;
    }

    static String toJson(RuleCheck.Result r) throws JsonProcessingException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("rules", r.rules());
        root.put("parsed", r.parsed());
        root.put("failed", r.failed());
        List<Map<String, Object>> failures = new ArrayList<>();
        for (RuleError e : r.failures()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("file", e.file());
            f.put("line", e.line());
            f.put("sid", e.sid());
            f.put("reason", e.reason());
            f.put("enabled", e.enabled());
            failures.add(f);
        }
        root.put("failures", failures);
        KeywordUsage usage = new KeywordUsage();
        usage.addAll(r.loaded());
        root.put("keywords", usage.sorted());
        return new ObjectMapper().writeValueAsString(root);
    }
}

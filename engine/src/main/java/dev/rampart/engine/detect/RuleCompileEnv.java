package dev.rampart.engine.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/** Name tables shared by all rules of one plan: flowbit and flowint names to dense slots. */
public final class RuleCompileEnv {
    private final Map<String, Integer> flowbits = new LinkedHashMap<>();
    private final Map<String, Integer> flowints = new LinkedHashMap<>();

    public int flowbit(String name) {
        return flowbits.computeIfAbsent(name, k -> flowbits.size());
    }

    public int flowint(String name) {
        return flowints.computeIfAbsent(name, k -> flowints.size());
    }

    public int flowbitCount() {
        return flowbits.size();
    }

    public int flowintCount() {
        return flowints.size();
    }
}

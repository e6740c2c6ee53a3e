package dev.rampart.engine.detect;

import dev.rampart.engine.detect.mpm.MpmCache;
import dev.rampart.engine.detect.mpm.MpmKind;
import dev.rampart.engine.detect.mpm.MultiPatternMatchers;
import dev.rampart.rules.Action;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The compiled rule set, immutable and shared by all workers (reload builds a new one): rules in
 * Suricata's evaluation order, grouped by packet class with one prefilter per group, plus the
 * rules that could not be loaded and why.
 *
 * <p>Order (Suricata's default signature ordering): action (pass, drop, reject, alert), then
 * flowbits use (rules that set bits before rules that only read them, so a reader sees a bit set
 * by another rule on the same packet), the same for flowints, host bits and IP-pair bits, then
 * priority (1 first), then sid (Suricata's final decider, checked against 7.0.10); load order
 * breaks the remaining ties.
 */
public final class DetectionPlan {
    /** Packet classes, each with its own group. */
    static final int TCP = 0;
    static final int UDP = 1;
    static final int ICMP = 2;
    static final int OTHER_IP = 3;
    static final int NON_IP = 4;
    static final int CLASSES = 5;
    private static final String[] CLASS_NAMES = {"tcp", "udp", "icmp", "other-ip", "non-ip"};

    /** A rule that was not loaded. */
    public record Skipped(Rule rule, String reason) {
    }

    final CompiledRule[] rules;
    final RuleGroup[] groups = new RuleGroup[CLASSES];
    /** IP-only rules (orders, ascending). */
    final int[] ipOnly;
    final int flowbitCount;
    final int flowintCount;
    final int hostbitCount;
    final int ippairbitCount;
    private final List<Skipped> skipped;
    private final MpmKind mpmKind;
    private List<String> settingProblems = List.of();

    private DetectionPlan(CompiledRule[] rules, int[] ipOnly, RuleCompileEnv names, List<Skipped> skipped, MpmKind kind) {
        this.rules = rules;
        this.ipOnly = ipOnly;
        this.flowbitCount = names.flowbitCount();
        this.flowintCount = names.flowintCount();
        this.hostbitCount = names.hostbitCount();
        this.ippairbitCount = names.ippairbitCount();
        this.skipped = List.copyOf(skipped);
        this.mpmKind = kind;
    }

    /** Builds with the preferred matcher (Hyperscan when it loads) and no cache. */
    public static DetectionPlan build(List<Rule> rules, RuleEnvironment env) {
        return build(rules, env, MultiPatternMatchers.preferredKind(), null);
    }

    /**
     * @param rules enabled rules in load order (disabled ones are ignored)
     * @param cache compiled-matcher cache, or null
     */
    public static DetectionPlan build(List<Rule> rules, RuleEnvironment env, MpmKind kind, MpmCache cache) {
        return build(rules, env, DetectSettings.DEFAULT, kind, cache);
    }

    /** Builds with threshold.config entries and action order, the preferred matcher and no cache. */
    public static DetectionPlan build(List<Rule> rules, RuleEnvironment env, DetectSettings settings) {
        return build(rules, env, settings, MultiPatternMatchers.preferredKind(), null);
    }

    public static DetectionPlan build(List<Rule> rules, RuleEnvironment env, DetectSettings settings, MpmKind kind,
            MpmCache cache) {
        RuleCompileEnv names = new RuleCompileEnv();
        RuleCompiler compiler = new RuleCompiler(env, names);
        List<CompiledRule> loaded = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Rule rule : rules) {
            if (!rule.enabled()) {
                continue;
            }
            try {
                loaded.add(compiler.compile(rule));
            } catch (RuleCompiler.Unsupported e) {
                skipped.add(new Skipped(rule, e.getMessage()));
            } catch (RuntimeException e) {
                skipped.add(new Skipped(rule, "internal error compiling rule: " + e));
            }
        }
        List<String> settingProblems = settings.thresholds() == null ? List.of()
                : ThresholdBinding.apply(settings.thresholds(), loaded, env);
        for (CompiledRule r : loaded) {
            r.actionRank = settings.rank(r.action);
        }
        // List.sort is stable: load order breaks the ties sid leaves
        loaded.sort(Comparator.comparingInt((CompiledRule r) -> r.actionRank)
                .thenComparingInt(r -> r.flowbitUse.ordinal())
                .thenComparingInt(r -> r.flowintUse.ordinal())
                .thenComparingInt(r -> r.hostbitUse.ordinal())
                .thenComparingInt(r -> r.ippairbitUse.ordinal())
                .thenComparingInt(r -> r.priority)
                .thenComparingLong(r -> r.rule.sid()));
        CompiledRule[] ordered = loaded.toArray(new CompiledRule[0]);
        List<Integer> ipOnly = new ArrayList<>();
        List<List<CompiledRule>> perClass = new ArrayList<>();
        for (int c = 0; c < CLASSES; c++) {
            perClass.add(new ArrayList<>());
        }
        for (int i = 0; i < ordered.length; i++) {
            CompiledRule r = ordered[i];
            r.order = i;
            if (r.ipOnly) {
                ipOnly.add(i);
                continue;
            }
            if (r.pkthdr) {
                perClass.get(NON_IP).add(r);
            }
            if (r.admitsProto(6)) {
                perClass.get(TCP).add(r);
            }
            if (r.admitsProto(17)) {
                perClass.get(UDP).add(r);
            }
            if (r.admitsProto(1) || r.admitsProto(58)) {
                perClass.get(ICMP).add(r);
            }
            if (r.anyProto || r.admitsProto(132)) {
                perClass.get(OTHER_IP).add(r);
            }
        }
        DetectionPlan plan = new DetectionPlan(ordered, ipOnly.stream().mapToInt(Integer::intValue).toArray(), names,
                skipped, kind);
        plan.settingProblems = List.copyOf(settingProblems);
        for (int c = 0; c < CLASSES; c++) {
            plan.groups[c] = RuleGroup.build(CLASS_NAMES[c], perClass.get(c), kind, cache);
        }
        return plan;
    }

    static int actionRank(Action a) {
        return switch (a) {
            case PASS -> 0;
            case DROP -> 1;
            case REJECT, REJECTSRC, REJECTDST, REJECTBOTH -> 2;
            default -> 3;
        };
    }

    static int classOf(int ipVersion, int proto) {
        if (ipVersion == 0) {
            return NON_IP;
        }
        return switch (proto) {
            case 6 -> TCP;
            case 17 -> UDP;
            case 1, 58 -> ICMP;
            default -> OTHER_IP;
        };
    }

    /** Loaded rules, in evaluation order. */
    public int ruleCount() {
        return rules.length;
    }

    public CompiledRule rule(int order) {
        return rules[order];
    }

    /** Rules that could not be loaded, with the reason. */
    public List<Skipped> skipped() {
        return skipped;
    }

    /** threshold.config entries that could not be applied. */
    public List<String> settingProblems() {
        return settingProblems;
    }

    public MpmKind mpmKind() {
        return mpmKind;
    }

    FlowDetectState newFlowState() {
        return new FlowDetectState(flowbitCount, flowintCount);
    }

    /** One line per group: rules, patterns, unfiltered rules (for logs). */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (RuleGroup g : groups) {
            sb.append(g.name).append(": ").append(g.ruleCount).append(" rules, ").append(g.patternCount())
                    .append(" patterns, ").append(g.unfiltered.length).append(" unfiltered\n");
        }
        return sb.append("ip-only: ").append(ipOnly.length).append(" rules\n").toString();
    }
}

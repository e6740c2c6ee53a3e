package dev.rampart.engine.detect;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.engine.detect.mpm.MpmCache;
import dev.rampart.engine.detect.mpm.MpmKind;
import dev.rampart.engine.detect.mpm.MpmPattern;
import dev.rampart.engine.detect.mpm.MultiPatternMatcher;
import dev.rampart.engine.detect.mpm.MultiPatternMatchers;
import dev.rampart.rules.Action;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleFileLoader;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.header.PortSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The compiled rule set, immutable and shared by all workers (reload builds a new one): rules in
 * Suricata's evaluation order, grouped by packet class, flow direction and server port with one
 * prefilter per group, plus the rules that could not be loaded and why.
 *
 * <p>Order (Suricata's default signature ordering): action (pass, drop, reject, alert), then
 * flowbits use (rules that set bits before rules that only read them, so a reader sees a bit set
 * by another rule on the same packet), the same for flowints, host bits and IP-pair bits, then
 * priority (1 first), then sid (Suricata's final decider, checked against 7.0.10); load order
 * breaks the remaining ties.
 *
 * <p>Grouping (Suricata's signature group heads): each packet class has one group with all its
 * rules, for packets without a flow. Packets with a flow use a group per flow direction that
 * leaves out rules whose {@code flow:} names the other direction; TCP and UDP packets with ports
 * use a group per server-side port within that: to-server packets by destination port against
 * the rules' destination ports, to-client packets by source port against the rules' source ports
 * ({@code <>} rules are in every port group); all groups of a class share one prefilter matcher
 * (see {@link RuleGroup}). Each lookup is a superset of the rules whose header
 * and direction can match, so grouping never changes results. Ports with the same rules share a
 * group; past {@link #MAX_PORT_GROUPS} per protocol and direction, the rarest port sets share one
 * merged group (Suricata's detection profiles limit groups the same way).
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
    /** Port groups per protocol and direction, the merged one included. */
    static final int MAX_PORT_GROUPS = 64;
    /** Ports that get their own group first when the limit is hit (Suricata's default whitelists). */
    private static final int[] TCP_PREFERRED_PORTS = {53, 80, 139, 443, 445, 1433, 3306, 3389, 6666, 6667, 6668,
        6669, 8080};
    private static final int[] UDP_PREFERRED_PORTS = {53, 135, 5060};

    /** A rule that was not loaded. */
    public record Skipped(Rule rule, String reason) {
    }

    final CompiledRule[] rules;
    /**
     * SecLang rules (OWASP CRS) run on HTTP transactions beside the Suricata rules, or null. Set
     * once before the plan is handed to workers (a reload builds a new plan and sets it again).
     */
    private SecLangPlan seclang;
    /** Per class, all its rules: packets without a flow. */
    final RuleGroup[] groups = new RuleGroup[CLASSES];
    /** Transaction rules per app protocol (ordinal) and direction (0 to server, 1 to client); null when none. */
    final TxGroup[][] txGroups;
    /** Per class and flow direction (0 to server, 1 to client): packets with a flow. */
    final RuleGroup[][] directionGroups = new RuleGroup[CLASSES][2];
    /** TCP (0) and UDP (1), per direction: server-side port to index into {@link #portGroups}. */
    final char[][][] portGroupIndex = new char[2][2][];
    final RuleGroup[][][] portGroups = new RuleGroup[2][2][];
    /** Every distinct group, by {@link RuleGroup#index}. */
    RuleGroup[] allGroups;
    /** IP-only rules (orders, ascending). */
    final int[] ipOnly;
    /** {@link #ipOnly} by address for IPv4 packets, or null (see {@link IpOnlyIndex}). */
    final IpOnlyIndex ipOnlyIndex;
    final int flowbitCount;
    /** A rule adds to or removes from a dataset: the one plan state a packet changes ({@link #writesDatasets}). */
    private final boolean datasetWrites;
    final int flowintCount;
    final int hostbitCount;
    final int ippairbitCount;
    /** Names by slot, for remapping flow and host state when a reload swaps plans. */
    final String[] flowbitNames;
    final String[] flowintNames;
    final String[] hostbitNames;
    final String[] ippairbitNames;
    /**
     * (gid &lt;&lt; 32 | sid) of every rule, sorted and distinct, and the evaluation order of the
     * first rule with each ({@link #orderOf}): two flat arrays, not 19k boxed map entries.
     */
    private final long[] sidKeys;
    private final int[] sidOrders;
    private final List<Skipped> skipped;
    private final MpmKind mpmKind;
    private int matchersBuilt;
    private int matchersFromCache;
    private List<String> settingProblems = List.of();
    private LoadPhases phases = new LoadPhases();

    /** @param txGroups by app-layer protocol and direction; filled by the build (maybe on another thread) */
    private DetectionPlan(CompiledRule[] rules, int[] ipOnly, RuleCompileEnv names, List<Skipped> skipped, MpmKind kind,
            TxGroup[][] txGroups) {
        this.rules = rules;
        this.txGroups = txGroups;
        this.ipOnly = ipOnly;
        this.ipOnlyIndex = IpOnlyIndex.build(rules, ipOnly);
        this.flowbitCount = names.flowbitCount();
        this.datasetWrites = names.datasetWrites();
        this.flowintCount = names.flowintCount();
        this.hostbitCount = names.hostbitCount();
        this.ippairbitCount = names.ippairbitCount();
        this.flowbitNames = names.flowbitNames();
        this.flowintNames = names.flowintNames();
        this.hostbitNames = names.hostbitNames();
        this.ippairbitNames = names.ippairbitNames();
        long[] keys = new long[rules.length];
        for (int i = 0; i < rules.length; i++) {
            keys[i] = rules[i].gid() << 32 | rules[i].sid();
        }
        this.sidKeys = SortedArrays.distinct(keys.clone(), keys.length);
        this.sidOrders = new int[sidKeys.length];
        Arrays.fill(sidOrders, -1);
        for (int i = 0; i < keys.length; i++) {
            int at = Arrays.binarySearch(sidKeys, keys[i]);
            if (sidOrders[at] < 0) {
                sidOrders[at] = i;
            }
        }
        this.skipped = List.copyOf(skipped);
        this.mpmKind = kind;
    }

    /**
     * The rules that {@link #build} would skip, with the reason: its compile step alone (no pattern
     * databases), for {@code rampart rules check}. Disabled rules are compiled as if enabled.
     */
    public static List<Skipped> check(List<Rule> rules, RuleEnvironment env, DetectSettings settings) {
        RuleCompileEnv names = compileEnv(settings);
        List<Rule> all = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            all.add(rule.enabled() ? rule : rule.withEnabled(true));
        }
        List<Skipped> skipped = new ArrayList<>();
        for (Object o : compileAll(all, env, names, compileTasks(all.size()))) {
            if (o instanceof Skipped sk) {
                skipped.add(sk);
            }
        }
        return skipped;
    }

    /** The name table rules compile against, with the settings' geoip database and features turned off. */
    private static RuleCompileEnv compileEnv(DetectSettings settings) {
        RuleCompileEnv names = new RuleCompileEnv();
        names.setGeoipDatabase(settings.geoipDatabase());
        names.setFeaturesOff(settings.featuresOff());
        return names;
    }

    /** Builds with the preferred matcher (Hyperscan when it loads) and no cache. */
    /** Runs {@code seclang} on HTTP transactions too; call before the plan goes to workers. */
    public DetectionPlan withSecLang(SecLangPlan seclang) {
        this.seclang = seclang;
        return this;
    }

    /** The SecLang rules this plan runs, or null. */
    public SecLangPlan secLang() {
        return seclang;
    }

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
        return build(rules, env, settings, kind, cache, -1);
    }

    /**
     * As above, for rules loaded through {@code precompiled}: the rules it compiled while they were
     * parsed are taken from it (the list holds stand-ins for them), the others compiled here.
     */
    public static DetectionPlan build(List<Rule> rules, RuleEnvironment env, DetectSettings settings, MpmKind kind,
            MpmCache cache, Precompiler precompiled) {
        return build(rules, env, settings, kind, cache, -1, precompiled);
    }

    /** @param compileTasks parallel compile tasks (see {@link #compileAll}), or -1 for as many as pay off here */
    static DetectionPlan build(List<Rule> rules, RuleEnvironment env, DetectSettings settings, MpmKind kind,
            MpmCache cache, int compileTasks) {
        return build(rules, env, settings, kind, cache, compileTasks, null);
    }

    private static DetectionPlan build(List<Rule> rules, RuleEnvironment env, DetectSettings settings, MpmKind kind,
            MpmCache cache, int compileTasks, Precompiler precompiled) {
        LoadPhases phases = new LoadPhases();
        RuleCompileEnv names = compileEnv(settings);
        List<Rule> enabled = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            if (rule.enabled()) {
                enabled.add(rule);
            }
        }
        List<CompiledRule> loaded = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        int tasks = compileTasks < 0 ? compileTasks(enabled.size()) : compileTasks;
        List<Object> compiled = precompiled == null ? compileAll(enabled, env, names, tasks)
                : precompiled.takeAll(enabled, env, names);
        for (Object o : compiled) {
            if (o instanceof CompiledRule r) {
                loaded.add(r);
            } else {
                skipped.add((Skipped) o);
            }
        }
        List<String> settingProblems = settings.thresholds() == null ? List.of()
                : ThresholdBinding.apply(settings.thresholds(), loaded, env);
        for (CompiledRule r : loaded) {
            r.actionRank = settings.rank(r.action);
        }
        sortInPlanOrder(loaded);
        phases.mark("compile");
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
            if (r.isTxRule() || r.frame != null) {
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
            if (r.admitsOtherProto()) {
                perClass.get(OTHER_IP).add(r);
            }
        }
        GroupBuilder gb = new GroupBuilder(kind, cache);
        // transaction groups (~40% of the groups phase on ET Open) on a second thread beside the
        // plan's tables and the packet classes' groups when the compile ran in parallel: the other
        // core is idle here otherwise. Disjoint rules (the class groups leave transaction rules out);
        // prefilters come from the builder's one matcher table, so shared pattern sets stay shared.
        TxGroup[][] txGroups = new TxGroup[AppProto.values().length][2];
        FutureTask<Void> txBuild = new FutureTask<>(() -> {
            buildTxGroups(txGroups, ordered, gb);
            return null;
        });
        if (tasks >= 2) {
            Thread t = new Thread(txBuild, "rampart-tx-groups");
            t.setDaemon(true);
            t.start();
        }
        DetectionPlan plan = new DetectionPlan(ordered, ipOnly.stream().mapToInt(Integer::intValue).toArray(), names,
                skipped, kind, txGroups);
        plan.settingProblems = List.copyOf(settingProblems);
        phases.mark("order");
        for (int c = 0; c < CLASSES; c++) {
            List<CompiledRule> all = perClass.get(c);
            // only TCP packets have their payload go into a stream (RuleGroup.packetPayload)
            RuleGroup.Patterns classPatterns = new RuleGroup.Patterns(all, gb::matcher, c == TCP);
            gb.patterns = classPatterns;
            plan.groups[c] = gb.group(CLASS_NAMES[c], all, false);
            for (int d = 0; d < 2; d++) {
                List<CompiledRule> dirRules = new ArrayList<>();
                for (CompiledRule r : all) {
                    if (r.flowDirection < 0 || r.flowDirection == d) {
                        dirRules.add(r);
                    }
                }
                // the flow groups of one direction share a matcher of that direction's patterns when
                // that drops a tenth of the class's rules or more: a scan's cost grows with the
                // patterns it looks for, and ET's TCP to-client rules have a third of the class's
                // (HTTP downloads, the bulk of the bytes, were scanned for all of them)
                gb.patterns = dirRules.size() * 10L > all.size() * 9L ? classPatterns
                        : new RuleGroup.Patterns(dirRules, gb::matcher, c == TCP);
                String dname = CLASS_NAMES[c] + (d == 0 ? " toserver" : " toclient");
                plan.directionGroups[c][d] = gb.group(dname, dirRules, c == TCP);
                if (c == TCP || c == UDP) {
                    buildPortGroups(plan, gb, c, d, dname, dirRules);
                }
            }
        }
        if (tasks < 2) {
            txBuild.run();
        }
        // the groups the other thread put in txGroups are visible once its task is done
        await(txBuild, "building the transaction groups");
        plan.frameRules = frameRules(ordered);
        plan.allGroups = gb.distinct.toArray(new RuleGroup[0]);
        phases.mark("groups");
        phases.add("of which prefilters", gb.matcherWall, gb.matcherCpu);
        plan.phases = phases;
        plan.matchersBuilt = gb.built;
        plan.matchersFromCache = gb.fromCache;
        return plan;
    }

    /**
     * Sorts into the plan's rule order: action rank, then flowbit, flowint, hostbit and ippair-bit
     * use (setters before checkers), priority, sid; load order breaks the ties sid leaves (a stable
     * sort). Over one small key object per rule, laid out together, rather than the rules
     * themselves: a comparison through each rule and its enums and EVE info missed the cache, and a
     * chain of {@code thenComparing} lambdas was ~40 ms of the ET Open load in C1-compiled code.
     */
    static void sortInPlanOrder(List<CompiledRule> rules) {
        PlanKey[] keys = new PlanKey[rules.size()];
        for (int i = 0; i < keys.length; i++) {
            CompiledRule r = rules.get(i);
            int uses = r.flowbitUse.ordinal() << 12 | r.flowintUse.ordinal() << 8 | r.hostbitUse.ordinal() << 4
                    | r.ippairbitUse.ordinal();
            keys[i] = new PlanKey(r.actionRank, uses, r.priority, r.sid(), r);
        }
        Arrays.sort(keys, PlanKey.ORDER);
        for (int i = 0; i < keys.length; i++) {
            rules.set(i, keys[i].rule);
        }
    }

    private record PlanKey(int actionRank, int uses, int priority, long sid, CompiledRule rule) {
        static final Comparator<PlanKey> ORDER = (a, b) -> {
            int c = Integer.compare(a.actionRank, b.actionRank);
            if (c == 0) {
                c = Integer.compare(a.uses, b.uses);
            }
            if (c == 0) {
                c = Integer.compare(a.priority, b.priority);
            }
            return c != 0 ? c : Long.compare(a.sid, b.sid);
        };
    }

    /**
     * The result of a task another thread may run: its own exception rethrown as it was (a
     * checked one wrapped), an interrupt restored and reported as {@code while what}.
     */
    private static <T> T await(FutureTask<T> task, String what) {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        }
    }

    /** Rules per compile task: below twice this the rules are compiled on the calling thread. */
    static final int RULES_PER_TASK = 2048;

    static int compileTasks(int rules) {
        return Math.min(Runtime.getRuntime().availableProcessors(), rules / RULES_PER_TASK);
    }

    /**
     * Compiles rules into a {@link CompiledRule} or a {@link Skipped} each, in rule order. With
     * {@code tasks} of 2 or more, contiguous slices compile in parallel, each with its own compiler
     * (the address and port caches are not shared) against a probe name table; the rules that asked
     * for a name slot, a dataset or geoip (ET Open: the ~12% with flowbits) are then compiled again
     * on this thread, in rule order, against {@code names}, which so hands out every slot in the
     * order a sequential compile does. The other rules never saw the table, so their parallel
     * result is the sequential one.
     */
    static List<Object> compileAll(List<Rule> rules, RuleEnvironment env, RuleCompileEnv names, int tasks) {
        int n = rules.size();
        Object[] out = new Object[n];
        if (tasks < 2) {
            RuleCompiler compiler = new RuleCompiler(env, names);
            for (int i = 0; i < n; i++) {
                out[i] = compileOne(compiler, rules.get(i));
            }
            return Arrays.asList(out);
        }
        boolean[] usesNames = new boolean[n];
        java.util.stream.IntStream.range(0, tasks).parallel().forEach(t -> {
            RuleCompileEnv probe = RuleCompileEnv.probe();
            RuleCompiler compiler = new RuleCompiler(env, probe);
            for (int i = (int) ((long) n * t / tasks), end = (int) ((long) n * (t + 1) / tasks); i < end; i++) {
                int before = probe.lookups();
                out[i] = compileOne(compiler, rules.get(i));
                usesNames[i] = probe.lookups() != before;
            }
        });
        RuleCompiler compiler = new RuleCompiler(env, names);
        for (int i = 0; i < n; i++) {
            if (usesNames[i]) {
                out[i] = compileOne(compiler, rules.get(i));
            }
        }
        return Arrays.asList(out);
    }

    /**
     * Compiles rules as they are parsed ({@link RuleFileLoader.ParsedRuleHook}), on the parsing
     * task's thread, so that a rule's parse tree dies young instead of being promoted with the
     * parsed list (ET Open: ~470k objects copied by the load's young collections). As
     * {@link #compileAll}'s parallel tasks: a rule whose compile asks for no plan-wide name
     * (flowbits, ...) compiles the same on its own compiler: its result (compiled, or skipped with
     * the reason) is taken, and the list keeps a {@link Rule#standIn() stand-in}. The others keep
     * their tree and are compiled by {@link #build} in rule order, as before.
     */
    public static final class Precompiler implements RuleFileLoader.ParsedRuleHook {
        private final RuleEnvironment env;

        public Precompiler(RuleEnvironment env) {
            this.env = env;
        }

        @Override
        public Task newTask() {
            RuleCompileEnv probe = RuleCompileEnv.probe();
            RuleCompiler compiler = new RuleCompiler(env, probe);
            return rule -> {
                if (!rule.enabled()) {
                    return rule;
                }
                int before = probe.lookups();
                Object o = compileOne(compiler, rule);
                if (probe.lookups() != before) {
                    return rule;
                }
                // the stand-in carries the result: the compiled rule, or why the rule is skipped
                return rule.standIn(o instanceof Skipped sk ? sk.reason() : o);
            };
        }

        /** Each rule's result: taken from its stand-in, or compiled now (names in rule order). */
        List<Object> takeAll(List<Rule> rules, RuleEnvironment buildEnv, RuleCompileEnv names) {
            if (buildEnv != env) {
                throw new IllegalArgumentException("rules precompiled for another environment");
            }
            Object[] out = new Object[rules.size()];
            RuleCompiler compiler = null;
            for (int i = 0; i < out.length; i++) {
                Rule rule = rules.get(i);
                Object c = rule.attachment(); // null unless a stand-in carries the hook's result
                if (c instanceof CompiledRule) {
                    out[i] = c;
                } else if (c instanceof String reason) {
                    out[i] = new Skipped(rule, reason);
                } else {
                    if (compiler == null) {
                        compiler = new RuleCompiler(env, names);
                    }
                    out[i] = compileOne(compiler, rule);
                }
            }
            return Arrays.asList(out);
        }
    }

    private static Object compileOne(RuleCompiler compiler, Rule rule) {
        try {
            return compiler.compile(rule);
        } catch (RuleCompiler.Unsupported e) {
            return new Skipped(rule, e.getMessage());
        } catch (RuntimeException e) {
            return new Skipped(rule, "internal error compiling rule: " + e);
        }
    }

    /**
     * Splits the rules of one protocol and direction by server-side port: a port's group holds the
     * rules whose port set (destination for to-server, source for to-client) contains it, plus the
     * rules without a port condition there.
     */
    private static void buildPortGroups(DetectionPlan plan, GroupBuilder gb, int c, int d, String dname,
            List<CompiledRule> rules) {
        Map<PortSet, Integer> setIds = new LinkedHashMap<>();
        int[] ruleSet = new int[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            CompiledRule r = rules.get(i);
            PortSet ps = r.bidirectional ? null : d == 0 ? r.dstPorts : r.srcPorts;
            ruleSet[i] = ps == null ? -1 : setIds.computeIfAbsent(ps, k -> setIds.size());
        }
        PortSet[] sets = setIds.keySet().toArray(new PortSet[0]);
        // Membership changes only at range boundaries: between two boundaries every port is in the
        // same sets (its signature), so signatures are computed per segment, not per port.
        TreeSet<Integer> bounds = new TreeSet<>();
        bounds.add(0);
        for (PortSet ps : sets) {
            for (int from = ps.nextPort(0); from >= 0; ) {
                int end = ps.nextNonPort(from);
                bounds.add(from);
                if (end <= 65535) {
                    bounds.add(end);
                }
                from = ps.nextPort(end);
            }
        }
        int[] segStart = bounds.stream().mapToInt(Integer::intValue).toArray();
        Map<BitSet, Signature> bySignature = new HashMap<>();
        Signature[] segSig = new Signature[segStart.length];
        int[] preferred = c == TCP ? TCP_PREFERRED_PORTS : UDP_PREFERRED_PORTS;
        for (int s = 0; s < segStart.length; s++) {
            int from = segStart[s];
            int to = s + 1 < segStart.length ? segStart[s + 1] : 65536;
            BitSet bits = new BitSet(sets.length);
            for (int j = 0; j < sets.length; j++) {
                if (sets[j].contains(from)) {
                    bits.set(j);
                }
            }
            Signature sig = bySignature.computeIfAbsent(bits, b -> new Signature(b, from));
            sig.ports += to - from;
            for (int p : preferred) {
                if (p >= from && p < to) {
                    sig.preferred++;
                }
            }
            segSig[s] = sig;
        }
        List<Signature> signatures = new ArrayList<>(bySignature.values());
        // own groups for: the preferred ports, then the signatures covering most ports (the one for
        // ports no rule names comes first), then the smallest; the rest share one merged group
        signatures.sort(Comparator.comparingInt((Signature sig) -> -sig.preferred)
                .thenComparingInt(sig -> -sig.ports)
                .thenComparingInt(sig -> sig.sets.cardinality())
                .thenComparingInt(sig -> sig.firstPort));
        int kept = signatures.size() <= MAX_PORT_GROUPS ? signatures.size() : MAX_PORT_GROUPS - 1;
        BitSet merged = new BitSet(sets.length);
        List<RuleGroup> groups = new ArrayList<>();
        for (int k = 0; k < signatures.size(); k++) {
            Signature sig = signatures.get(k);
            if (k < kept) {
                sig.group = k;
                groups.add(gb.group(dname + " port " + sig.firstPort + (sig.ports > 1 ? ",... (" + sig.ports
                        + " ports)" : ""), rulesFor(rules, ruleSet, sig.sets), c == TCP));
            } else {
                sig.group = kept;
                merged.or(sig.sets);
            }
        }
        if (kept < signatures.size()) {
            groups.add(gb.group(dname + " ports (merged)", rulesFor(rules, ruleSet, merged), c == TCP));
        }
        char[] index = new char[65536];
        for (int s = 0; s < segStart.length; s++) {
            int to = s + 1 < segStart.length ? segStart[s + 1] : 65536;
            Arrays.fill(index, segStart[s], to, (char) segSig[s].group);
        }
        int pc = c == TCP ? 0 : 1;
        plan.portGroupIndex[pc][d] = index;
        plan.portGroups[pc][d] = groups.toArray(new RuleGroup[0]);
    }

    private static List<CompiledRule> rulesFor(List<CompiledRule> rules, int[] ruleSet, BitSet sig) {
        List<CompiledRule> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            if (ruleSet[i] < 0 || sig.get(ruleSet[i])) {
                out.add(rules.get(i));
            }
        }
        return out;
    }

    /** The port sets a stretch of ports is in, and the group those ports use. */
    private static final class Signature {
        final BitSet sets;
        final int firstPort;
        int ports;
        int preferred;
        int group;

        Signature(BitSet sets, int firstPort) {
            this.sets = sets;
            this.firstPort = firstPort;
        }
    }

    /** One transaction group per app-layer protocol and direction that has rules. */
    private static void add(List<CompiledRule>[] lists, int slot, CompiledRule r) {
        if (lists[slot] == null) {
            lists[slot] = new ArrayList<>();
        }
        lists[slot].add(r);
    }

    private static void buildTxGroups(TxGroup[][] out, CompiledRule[] ordered, GroupBuilder gb) {
        AppProto[] protos = AppProto.values();
        // one pass over the rules (in plan order) into a list per protocol and direction
        @SuppressWarnings("unchecked")
        List<CompiledRule>[] lists = new List[protos.length * 2];
        for (CompiledRule r : ordered) {
            if (!r.isTxRule() || r.appProto == null) {
                continue;
            }
            for (int d = 0; d < 2; d++) {
                if ((r.txDirections & (d == 0 ? AppBuffer.TO_SERVER : AppBuffer.TO_CLIENT)) != 0) {
                    // every protocol whose flows the rule inspects (CompiledRule.matchesAppProto: http
                    // rules HTTP/2 streams, dcerpc rules SMB pipes, tcp file rules SMB and SMTP files)
                    for (AppProto p : protos) {
                        if (r.matchesAppProto(p)) {
                            add(lists, p.ordinal() * 2 + d, r);
                        }
                    }
                }
            }
        }
        for (AppProto p : protos) {
            for (int d = 0; d < 2; d++) {
                List<CompiledRule> tx = lists[p.ordinal() * 2 + d];
                if (tx != null) {
                    out[p.ordinal()][d] = TxGroup.build(p.suricataName() + (d == 0 ? "/ts" : "/tc"), d == 0, tx,
                            gb::matcher);
                }
            }
        }
    }

    /**
     * Makes groups: one group for identical rule lists, all groups of a class over the class's
     * {@link RuleGroup.Patterns}; one matcher for identical pattern lists, read from the cache when
     * there is one.
     */
    private static final class GroupBuilder {
        private final MpmKind kind;
        private final MpmCache cache;
        /** Groups by their rules' orders (an {@code int[]} in a list-equality wrapper, no boxing). */
        private final Map<RuleOrders, RuleGroup> byRules = new HashMap<>();
        private final ConcurrentHashMap<String, FutureTask<MultiPatternMatcher>> matchers = new ConcurrentHashMap<>();
        final List<RuleGroup> distinct = new ArrayList<>();
        /** The current class's patterns. */
        RuleGroup.Patterns patterns;
        int built;
        int fromCache;
        long matcherWall;
        long matcherCpu;

        GroupBuilder(MpmKind kind, MpmCache cache) {
            this.kind = kind;
            this.cache = cache;
        }

        /** @param streamed its packets can have their payload go into a stream (flow groups of TCP) */
        RuleGroup group(String name, List<CompiledRule> rules, boolean streamed) {
            // the last slot: a flow group is not the same rules' group for packets without a flow
            int[] orders = new int[rules.size() + 1];
            for (int i = 0; i < rules.size(); i++) {
                orders[i] = rules.get(i).order;
            }
            orders[rules.size()] = streamed ? -1 : -2;
            RuleOrders key = new RuleOrders(orders, Arrays.hashCode(orders));
            RuleGroup g = byRules.get(key);
            if (g == null) {
                g = RuleGroup.build(name, distinct.size(), rules, patterns, streamed);
                byRules.put(key, g);
                distinct.add(g);
            }
            return g;
        }

        /**
         * The matcher of a pattern list: one per distinct list, read from the cache or built. The
         * transaction groups may be built on a second thread (see build): the key, the cache read
         * and the build run outside any lock, so two lists are worked on at once; a list asked for
         * by both threads is made once (the second waits for the first).
         */
        MultiPatternMatcher matcher(List<MpmPattern> list) {
            long w = System.nanoTime();
            long c = LoadPhases.cpuNow();
            String key = MpmCache.key(kind, list);
            FutureTask<MultiPatternMatcher> task = new FutureTask<>(() -> load(list, key));
            FutureTask<MultiPatternMatcher> made = matchers.putIfAbsent(key, task);
            if (made == null) {
                task.run();
                made = task;
            }
            MultiPatternMatcher m = await(made, "a prefilter was built");
            synchronized (this) {
                matcherWall += System.nanoTime() - w;
                matcherCpu += LoadPhases.cpuNow() - c;
            }
            return m;
        }

        private MultiPatternMatcher load(List<MpmPattern> list, String key) {
            if (cache == null) {
                counted(false);
                return MultiPatternMatchers.build(kind, list);
            }
            MpmCache.Loaded l = cache.getOrBuild(kind, list, key);
            counted(l.fromCache());
            return l.matcher();
        }

        private synchronized void counted(boolean read) {
            if (read) {
                fromCache++;
            } else {
                built++;
            }
        }
    }

    /** A group's rule orders as a map key. */
    private record RuleOrders(int[] orders, int hash) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RuleOrders k && k.hash == hash && Arrays.equals(k.orders, orders);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * The group to evaluate for a packet; {@code hasFlow} and {@code toServer} as the flow keyword
     * sees them (a packet without a flow gets its class's whole group).
     */
    RuleGroup groupFor(Packet p, boolean hasFlow, boolean toServer) {
        int c = classOf(p.ipVersion, p.ipProto);
        if (!hasFlow) {
            return groups[c];
        }
        int d = toServer ? 0 : 1;
        if ((c == TCP || c == UDP) && p.l4Offset > 0 && !p.fragment) {
            int pc = c == TCP ? 0 : 1;
            int port = d == 0 ? p.dstPort : p.srcPort;
            return portGroups[pc][d][portGroupIndex[pc][d][port & 0xffff]];
        }
        return directionGroups[c][d];
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

    /** Frame rule orders by frame type ({@code StreamFrames} types), plan order; null for unused types. */
    int[][] frameRules = new int[dev.rampart.engine.applayer.StreamFrames.TYPES][];

    private static int[][] frameRules(CompiledRule[] ordered) {
        int[][] byType = new int[dev.rampart.engine.applayer.StreamFrames.TYPES][];
        for (int t = 0; t < byType.length; t++) {
            List<Integer> orders = new ArrayList<>();
            for (CompiledRule r : ordered) {
                if (r.frame != null && r.frame.type() == t) {
                    orders.add(r.order);
                }
            }
            byType[t] = orders.isEmpty() ? null : orders.stream().mapToInt(Integer::intValue).toArray();
        }
        return byType;
    }

    /** Frame types some rule inspects (bit per type): what the HTTP parser must record. */
    public int frameTypes() {
        int mask = 0;
        for (int t = 0; t < frameRules.length; t++) {
            if (frameRules[t] != null) {
                mask |= 1 << t;
            }
        }
        return mask;
    }

    /**
     * Whether a rule adds to or removes from a dataset: datasets are the one state in a plan that
     * packets change (every other state is a flow's, a host table's or a worker's).
     */
    public boolean writesDatasets() {
        return datasetWrites;
    }

    /**
     * Whether some loaded rule compares file hashes: the HTTP parser must then hash every body.
     * Asked when a packet path is built, not per packet.
     */
    public boolean needsFileHashes() {
        for (CompiledRule r : rules) {
            if (r.fileHashes) {
                return true;
            }
        }
        return false;
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

    /** Distinct rule groups (each with its prefilter). */
    public int groupCount() {
        return allGroups.length;
    }

    /** How long building took, by phase. */
    public LoadPhases phases() {
        return phases;
    }

    /** Prefilter matchers compiled while building (cache misses included). */
    public int matchersBuilt() {
        return matchersBuilt;
    }

    /** Prefilter matchers read from the cache. */
    public int matchersFromCache() {
        return matchersFromCache;
    }

    FlowDetectState newFlowState() {
        FlowDetectState s = new FlowDetectState(flowbitCount, flowintCount);
        s.plan = this;
        return s;
    }

    /** Evaluation order of rule (gid, sid) in this plan, or -1 when it has no such rule. */
    int orderOf(long gid, long sid) {
        int at = Arrays.binarySearch(sidKeys, gid << 32 | sid);
        return at < 0 ? -1 : sidOrders[at];
    }

    /** Slot of a flowbit name in this plan, or -1. */
    int flowbitSlot(String name) {
        return indexOf(flowbitNames, name);
    }

    int flowintSlot(String name) {
        return indexOf(flowintNames, name);
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** One line per distinct group: rules, patterns, unfiltered rules (for logs). */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (RuleGroup g : allGroups) {
            sb.append(g.name).append(": ").append(g.ruleCount).append(" rules, ").append(g.patternCount())
                    .append(" patterns, ").append(g.unfiltered.length).append(" unfiltered");
            if (g.packetPayload != null) {
                sb.append(", ").append(g.packetPayload.patternCount()).append(" patterns for streamed packets");
            }
            sb.append('\n');
        }
        for (AppProto p : AppProto.values()) {
            for (int d = 0; d < 2; d++) {
                TxGroup g = txGroups[p.ordinal()][d];
                if (g != null) {
                    sb.append(p.suricataName()).append(d == 0 ? " to server: " : " to client: ").append(g.ruleCount)
                            .append(" rules, ").append(g.buffers.length).append(" prefiltered buffers, ")
                            .append(g.unfiltered.length).append(" unfiltered\n");
                }
            }
        }
        return sb.append("ip-only: ").append(ipOnly.length).append(" rules\n").toString();
    }
}

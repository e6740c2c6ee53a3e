package dev.rampart.engine.detect.seclang;

import dev.rampart.engine.detect.seclang.SecRuleProgram.Ctl;
import dev.rampart.engine.detect.seclang.SecRuleProgram.SetVar;
import dev.rampart.engine.detect.seclang.SecRuleProgram.Target;
import dev.rampart.engine.detect.seclang.operator.Operator;
import dev.rampart.engine.detect.seclang.operator.OperatorException;
import dev.rampart.engine.detect.seclang.transform.Transformation;
import dev.rampart.rules.seclang.SecActionItem;
import dev.rampart.rules.seclang.SecDirective;
import dev.rampart.rules.seclang.SecLangParser;
import dev.rampart.rules.seclang.SecMarker;
import dev.rampart.rules.seclang.SecRule;
import dev.rampart.rules.seclang.SecSetting;
import dev.rampart.rules.seclang.SecVariable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A compiled SecLang rule set: per phase (1 request headers, 2 request body, 3 response headers,
 * 4 response body, 5 logging) the rules and markers in configuration order, immutable and shared
 * by all workers. Configuration-time directives are applied as ModSecurity 2 applies them: each
 * SecDefaultAction to the rules of its phase that follow it; SecRuleRemoveBy*, SecRuleUpdateTarget*
 * and SecRuleUpdateActionById to the rules defined before them. A rule that cannot be compiled
 * (an unsupported operator, an unknown transformation or variable) is not loaded and reported in
 * {@link #problems()}: ModSecurity would refuse to start, a sensor keeps the rest running.
 */
public final class SecLangRules {

    static final int PHASES = 5;

    private final SecRuleProgram[][] phases;
    private final List<String> problems;
    private final int ruleCount;
    private final boolean engineOn;
    private final boolean requestBodyAccess;
    private final boolean responseBodyAccess;

    private final Set<String> responseMimeTypes;
    private final RxPrefilter prefilter;
    private final SecRuleProgram[] starters;
    private final int[][] skipTargets;

    private SecLangRules(SecRuleProgram[][] phases, List<String> problems, int ruleCount, boolean engineOn,
            boolean requestBodyAccess, boolean responseBodyAccess, Set<String> responseMimeTypes, boolean prefilter,
            Path prefilterCache) {
        this.prefilter = RxPrefilter.build(phases, prefilter, prefilterCache);
        this.responseMimeTypes = Set.copyOf(responseMimeTypes);
        this.phases = phases;
        this.skipTargets = skipTargets(phases);
        List<SecRuleProgram> all = rules();
        this.starters = all.toArray(new SecRuleProgram[0]);
        for (int i = 0; i < starters.length; i++) starters[i].starterIndex = i;
        this.problems = List.copyOf(problems);
        this.ruleCount = ruleCount;
        this.engineOn = engineOn;
        this.requestBodyAccess = requestBodyAccess;
        this.responseBodyAccess = responseBodyAccess;
    }

    /** The @rx prefilter and the numbering of transformation chains. */
    RxPrefilter prefilter() {
        return prefilter;
    }

    /** The rules and markers of a phase (1-5), in order. */
    SecRuleProgram[] phase(int phase) {
        return phases[phase];
    }

    /** Rules loaded (chain starters and SecActions). */
    public int ruleCount() {
        return ruleCount;
    }

    /** Every rule not loaded and every directive not applied, as {@code file:line: id N: reason}. */
    public List<String> problems() {
        return problems;
    }

    /** SecRuleEngine is On or DetectionOnly (both evaluate: a passive sensor never intercepts). */
    public boolean engineOn() {
        return engineOn;
    }

    public boolean requestBodyAccess() {
        return requestBodyAccess;
    }

    public boolean responseBodyAccess() {
        return responseBodyAccess;
    }

    /**
     * Whether a response body of this Content-Type is inspected (SecResponseBodyMimeType; ModSecurity's
     * default text/plain and text/html): the media type without parameters, case-insensitive.
     */
    public boolean responseBodyMimeType(String contentType) {
        String t = contentType == null ? "" : contentType;
        int semi = t.indexOf(';');
        if (semi >= 0) t = t.substring(0, semi);
        return responseMimeTypes.contains(t.trim().toLowerCase(Locale.ROOT));
    }

    /** Chain starter number {@code i} ({@link SecRuleProgram#starterIndex()}), in {@link #rules()} order. */
    public SecRuleProgram starter(int i) {
        return starters[i];
    }

    /** Every loaded chain starter, in phase then configuration order. */
    public List<SecRuleProgram> rules() {
        List<SecRuleProgram> out = new ArrayList<>();
        for (SecRuleProgram[] p : phases) {
            for (SecRuleProgram r : p) {
                if (r.marker == null) out.add(r);
            }
        }
        return out;
    }

    /**
     * Index in {@code phase} of the entry the skipAfter of entry {@code from} lands after: the
     * marker of that name, or the rule with that id, after it; -1 when there is none. Found once
     * at load ({@link #skipTargets}): CRS skips to a marker in every rule file at every paranoia level.
     */
    int skipTarget(int phase, int from) {
        return skipTargets[phase][from];
    }

    private static int findSkipTarget(SecRuleProgram[] list, String name, int from) {
        for (int i = from + 1; i < list.length; i++) {
            SecRuleProgram r = list[i];
            if (r.marker != null ? r.marker.equals(name) : Long.toString(r.id).equals(name)) return i;
        }
        return -1;
    }

    /** Per phase and entry: where its skipAfter lands ({@link #findSkipTarget}), -1 without one. */
    private static int[][] skipTargets(SecRuleProgram[][] phases) {
        int[][] out = new int[phases.length][];
        for (int p = 0; p < phases.length; p++) {
            SecRuleProgram[] list = phases[p];
            out[p] = new int[list.length];
            for (int i = 0; i < list.length; i++) {
                String to = list[i].skipAfter;
                out[p][i] = to == null ? -1 : findSkipTarget(list, to, i);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ compile

    /** A rule as written plus what later directives changed, compiled at the end. */
    private static final class Pending {
        final SecRule rule;
        final List<SecActionItem> defaults;
        final List<SecVariable> extraTargets = new ArrayList<>();
        final List<SecActionItem> actionOverrides = new ArrayList<>();
        boolean removed;
        final long id;

        Pending(SecRule rule, List<SecActionItem> defaults) {
            this.rule = rule;
            this.defaults = defaults;
            this.id = rule.id();
        }
    }

    /** Known action names that need nothing at evaluation on a passive sensor. */
    private static final Set<String> IGNORED_ACTIONS = Set.of("auditlog", "noauditlog", "pass", "block", "deny",
            "drop", "allow", "status", "redirect", "proxy", "accuracy", "maturity", "expirevar", "initcol",
            "setsid", "setuid", "setenv", "sanitisearg", "sanitizearg", "sanitisematched", "sanitizematched",
            "sanitisematchedbytes", "sanitizematchedbytes", "sanitiserequestheader", "sanitizerequestheader",
            "sanitiseresponseheader", "sanitizeresponseheader", "append", "prepend", "exec", "pause",
            "deprecatevar", "xmlns", "setrsc", "id", "phase", "msg", "logdata", "tag", "severity", "ver", "rev",
            "log", "nolog", "capture", "multimatch", "t", "setvar", "ctl", "chain", "skip", "skipafter");

    /** Compiles directives in configuration order; never throws for a bad rule (it is reported). */
    public static SecLangRules compile(List<SecDirective> directives, SecLangResolver resolver) {
        return compile(directives, resolver, !Boolean.getBoolean("rampart.seclang.noPrefilter"), null);
    }

    /**
     * As {@link #compile(List, SecLangResolver)}, keeping the compiled @rx prefilter databases in
     * {@code prefilterCache} (null: none) so that the next load of the same rules skips Hyperscan's compile.
     */
    public static SecLangRules compile(List<SecDirective> directives, SecLangResolver resolver, Path prefilterCache) {
        return compile(directives, resolver, !Boolean.getBoolean("rampart.seclang.noPrefilter"), prefilterCache);
    }

    static SecLangRules compile(List<SecDirective> directives, SecLangResolver resolver, boolean prefilter) {
        return compile(directives, resolver, prefilter, null);
    }

    /** As {@link #compile(List, SecLangResolver)}; {@code prefilter} false keeps every @rx on java.util.regex alone. */
    private static SecLangRules compile(List<SecDirective> directives, SecLangResolver resolver, boolean prefilter,
            Path prefilterCache) {
        List<String> problems = new ArrayList<>();
        List<Object> order = new ArrayList<>(); // Pending or SecMarker
        Map<Integer, List<SecActionItem>> defaults = new HashMap<>();
        boolean engineOn = true;
        boolean reqBody = true;
        boolean respBody = true;
        java.util.Set<String> mimeTypes = new java.util.HashSet<>(Set.of("text/plain", "text/html"));
        for (SecDirective d : directives) {
            if (d instanceof SecRule r) {
                int phase = phaseOf(r.action("phase"), 2);
                order.add(new Pending(r, defaults.getOrDefault(phase, List.of())));
            } else if (d instanceof SecMarker m) {
                order.add(m);
            } else if (d instanceof SecSetting s) {
                String name = s.name().toLowerCase(Locale.ROOT);
                String a0 = s.args().isEmpty() ? "" : s.args().get(0);
                try {
                    switch (name) {
                        case "secdefaultaction" -> {
                            List<SecActionItem> acts = SecLangParser.parseActions(a0);
                            String ph = null;
                            for (SecActionItem a : acts) {
                                if (a.name().equalsIgnoreCase("phase")) ph = a.value();
                            }
                            if (ph == null) {
                                problems.add(where(s) + "SecDefaultAction without a phase: not applied");
                            } else {
                                defaults.put(phaseOf(ph, 2), acts);
                            }
                        }
                        case "secruleengine" -> engineOn = !a0.equalsIgnoreCase("off");
                        case "secrequestbodyaccess" -> reqBody = a0.equalsIgnoreCase("on");
                        case "secresponsebodyaccess" -> respBody = a0.equalsIgnoreCase("on");
                        case "secresponsebodymimetype" -> {
                            for (String arg : s.args()) {
                                for (String t : arg.trim().split("\\s+")) {
                                    if (!t.isEmpty()) mimeTypes.add(t.toLowerCase(Locale.ROOT));
                                }
                            }
                        }
                        case "secresponsebodymimetypesclear" -> mimeTypes.clear();
                        case "secruleremovebyid" -> {
                            for (String arg : s.args()) {
                                for (String part : arg.split("[\\s,]+")) {
                                    if (part.isEmpty()) continue;
                                    long[] range = idRange(part);
                                    forEachPending(order, p -> p.id >= range[0] && p.id <= range[1], p -> p.removed = true);
                                }
                            }
                        }
                        case "secruleremovebytag" -> {
                            Pattern tag = Pattern.compile(a0);
                            forEachPending(order, p -> anyTag(p.rule, tag), p -> p.removed = true);
                        }
                        case "secruleremovebymsg" -> {
                            Pattern msg = Pattern.compile(a0);
                            forEachPending(order, p -> p.rule.action("msg") != null
                                    && msg.matcher(p.rule.action("msg")).find(), p -> p.removed = true);
                        }
                        case "secruleupdatetargetbyid", "secruleupdatetargetbytag", "secruleupdatetargetbymsg" -> {
                            if (s.args().size() < 2) {
                                problems.add(where(s) + s.name() + " needs a rule selector and targets");
                                break;
                            }
                            if (s.args().size() > 2) {
                                problems.add(where(s) + s.name() + " with a replaced target is not supported: not applied");
                                break;
                            }
                            List<SecVariable> vars = SecLangParser.parseVariables(s.args().get(1));
                            java.util.function.Predicate<Pending> sel;
                            if (name.endsWith("byid")) {
                                long[] range = idRange(a0);
                                sel = p -> p.id >= range[0] && p.id <= range[1];
                            } else if (name.endsWith("bytag")) {
                                Pattern tag = Pattern.compile(a0);
                                sel = p -> anyTag(p.rule, tag);
                            } else {
                                Pattern msg = Pattern.compile(a0);
                                sel = p -> p.rule.action("msg") != null && msg.matcher(p.rule.action("msg")).find();
                            }
                            forEachPending(order, sel, p -> p.extraTargets.addAll(vars));
                        }
                        case "secruleupdateactionbyid" -> {
                            if (s.args().size() < 2) {
                                problems.add(where(s) + "SecRuleUpdateActionById needs an id and actions");
                                break;
                            }
                            long[] range = idRange(a0);
                            List<SecActionItem> acts = SecLangParser.parseActions(s.args().get(1));
                            forEachPending(order, p -> p.id >= range[0] && p.id <= range[1],
                                    p -> p.actionOverrides.addAll(acts));
                        }
                        default -> {
                            // component signature, limits, audit and debug logging: nothing to evaluate
                        }
                    }
                } catch (RuntimeException e) {
                    problems.add(where(s) + s.name() + ": " + e.getMessage());
                }
            }
        }
        List<List<SecRuleProgram>> lists = new ArrayList<>();
        for (int i = 0; i <= PHASES; i++) lists.add(new ArrayList<>());
        int count = 0;
        for (Object o : order) {
            if (o instanceof SecMarker m) {
                // a marker exists in every phase (ModSecurity adds one to each)
                for (int ph = 1; ph <= PHASES; ph++) {
                    lists.get(ph).add(SecRuleProgram.marker(m.name(), m.file(), m.line(), ph));
                }
                continue;
            }
            Pending p = (Pending) o;
            if (p.removed) continue;
            try {
                SecRuleProgram prog = compileChain(p, resolver);
                lists.get(prog.phase).add(prog);
                count++;
            } catch (CompileException e) {
                problems.add(p.rule.file() + ":" + p.rule.line() + ": id " + p.id + ": not loaded: " + e.getMessage());
            }
        }
        SecRuleProgram[][] phases = new SecRuleProgram[PHASES + 1][];
        for (int i = 0; i <= PHASES; i++) phases[i] = lists.get(i).toArray(new SecRuleProgram[0]);
        return new SecLangRules(phases, problems, count, engineOn, reqBody, respBody, mimeTypes, prefilter, prefilterCache);
    }

    private static String where(SecSetting s) {
        return s.file() + ":" + s.line() + ": ";
    }

    private static void forEachPending(List<Object> order, java.util.function.Predicate<Pending> sel,
            java.util.function.Consumer<Pending> act) {
        for (Object o : order) {
            if (o instanceof Pending p && sel.test(p)) act.accept(p);
        }
    }

    private static boolean anyTag(SecRule r, Pattern tag) {
        for (SecActionItem a : r.actions()) {
            if (a.name().equalsIgnoreCase("tag") && a.value() != null && tag.matcher(a.value()).find()) return true;
        }
        return false;
    }

    static long[] idRange(String s) {
        String t = s.trim();
        int dash = t.indexOf('-', 1);
        if (dash > 0) {
            return new long[] {Long.parseLong(t.substring(0, dash).trim()), Long.parseLong(t.substring(dash + 1).trim())};
        }
        long v = Long.parseLong(t);
        return new long[] {v, v};
    }

    static int phaseOf(String v, int dflt) {
        if (v == null) return dflt;
        String t = v.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "request": return 2;
            case "response": return 4;
            case "logging": return 5;
            default:
                try {
                    int n = Integer.parseInt(t);
                    return n >= 1 && n <= PHASES ? n : dflt;
                } catch (NumberFormatException e) {
                    return dflt;
                }
        }
    }

    private static final class CompileException extends Exception {
        CompileException(String m) {
            super(m, null, false, false);
        }
    }

    private static SecRuleProgram compileChain(Pending p, SecLangResolver resolver) throws CompileException {
        // the starter's effective actions: defaults of its phase, then its own, then updates
        List<SecActionItem> starter = new ArrayList<>(p.defaults.size() + p.rule.actions().size());
        starter.addAll(p.defaults);
        starter.addAll(p.rule.actions());
        starter.addAll(p.actionOverrides);
        return compileLink(p.rule, starter, p.extraTargets, p.id, phaseOf(p.rule.action("phase"), 2), true, resolver);
    }

    private static SecRuleProgram compileLink(SecRule r, List<SecActionItem> actions, List<SecVariable> extra, long id,
            int phase, boolean starter, SecLangResolver resolver) throws CompileException {
        String msg = "";
        String logdata = "";
        String severity = "";
        String ver = "";
        String rev = "";
        List<String> tags = new ArrayList<>();
        boolean log = true;
        boolean capture = false;
        boolean multiMatch = false;
        List<Transformation> transforms = new ArrayList<>();
        List<SetVar> setvars = new ArrayList<>();
        List<Ctl> ctls = new ArrayList<>();
        String skipAfter = null;
        int skip = 0;
        for (SecActionItem a : actions) {
            String n = a.name().toLowerCase(Locale.ROOT);
            String v = a.value() == null ? "" : a.value();
            switch (n) {
                case "msg" -> msg = v;
                case "logdata" -> logdata = v;
                case "severity" -> severity = v;
                case "ver" -> ver = v;
                case "rev" -> rev = v;
                case "tag" -> tags.add(v);
                case "log" -> log = true;
                case "nolog" -> log = false;
                case "capture" -> capture = true;
                case "multimatch" -> multiMatch = true;
                case "t" -> {
                    if (v.equalsIgnoreCase("none")) {
                        transforms.clear();
                    } else {
                        Transformation t = resolver.transformation(v);
                        if (t == null) throw new CompileException("unknown transformation t:" + v);
                        transforms.add(t);
                    }
                }
                case "setvar" -> setvars.add(setvar(v));
                case "ctl" -> {
                    int eq = v.indexOf('=');
                    if (eq <= 0) throw new CompileException("bad ctl:" + v);
                    ctls.add(new Ctl(v.substring(0, eq).trim().toLowerCase(Locale.ROOT), v.substring(eq + 1).trim()));
                }
                case "skipafter" -> skipAfter = v.trim();
                case "skip" -> {
                    try {
                        skip = Integer.parseInt(v.trim());
                    } catch (NumberFormatException e) {
                        throw new CompileException("bad skip:" + v);
                    }
                }
                default -> {
                    if (!IGNORED_ACTIONS.contains(n)) throw new CompileException("action " + a.name() + " is not supported");
                }
            }
        }
        // targets
        List<Target> targets = new ArrayList<>();
        List<Target> exclusions = new ArrayList<>();
        List<SecVariable> vars = new ArrayList<>(r.variables());
        vars.addAll(extra);
        for (SecVariable v : vars) {
            Target t = target(v, resolver);
            (v.exclusion() ? exclusions : targets).add(t);
        }
        boolean unconditional = r.isAction();
        Operator op = null;
        String opName = "";
        boolean negated = false;
        if (!r.isAction()) {
            opName = r.operator().name();
            negated = r.operator().negated();
            if (opName.equalsIgnoreCase("unconditionalMatch")) {
                op = (value, ctx) -> true;
            } else {
                try {
                    op = resolver.operator(opName, r.operator().argument(),
                            r.file() == null ? null : Path.of(r.file()).toAbsolutePath().getParent());
                } catch (OperatorException e) {
                    throw new CompileException(e.getMessage());
                } catch (RuntimeException e) {
                    throw new CompileException("@" + opName + ": " + e.getMessage());
                }
            }
        }
        SecRuleProgram next = null;
        if (r.chained() != null) {
            SecRule c = r.chained();
            next = compileLink(c, c.actions(), List.of(), id, phase, false, resolver);
        }
        return new SecRuleProgram(id, r.file(), r.line(), phase, msg, logdata, tags, severity, ver, rev,
                starter && log, targets.toArray(new Target[0]), exclusions.toArray(new Target[0]),
                transforms.toArray(new Transformation[0]), op, opName, negated, capture, multiMatch, unconditional,
                setvars.toArray(new SetVar[0]), ctls.toArray(new Ctl[0]), skipAfter, skip, next);
    }

    /** Variables the evaluator itself provides (the transaction's own state). */
    static final Set<String> EVALUATOR_VARIABLES = Set.of("TX", "MATCHED_VAR", "MATCHED_VAR_NAME", "MATCHED_VARS",
            "MATCHED_VARS_NAMES", "RULE", "IP", "GLOBAL", "SESSION", "USER", "RESOURCE", "GEO", "ENV",
            "HIGHEST_SEVERITY", "DURATION", "TIME", "TIME_DAY", "TIME_EPOCH", "TIME_HOUR", "TIME_MIN", "TIME_MON",
            "TIME_SEC", "TIME_WDAY", "TIME_YEAR", "WEBSERVER_ERROR_LOG", "USERID", "SESSIONID", "WEBAPPID",
            "MODSEC_BUILD", "PERF_ALL", "PERF_COMBINED", "PERF_GC", "PERF_LOGGING", "PERF_PHASE1", "PERF_PHASE2",
            "PERF_PHASE3", "PERF_PHASE4", "PERF_PHASE5", "PERF_RULES", "PERF_SREAD", "PERF_SWRITE", "STREAM_INPUT_BODY",
            "STREAM_OUTPUT_BODY", "INBOUND_DATA_ERROR", "OUTBOUND_DATA_ERROR", "URLENCODED_ERROR", "SCRIPT_BASENAME",
            "SCRIPT_FILENAME", "SCRIPT_GID", "SCRIPT_GROUPNAME", "SCRIPT_MODE", "SCRIPT_UID", "SCRIPT_USERNAME",
            "AUTH_TYPE", "REMOTE_HOST", "REMOTE_USER", "PATH_INFO", "XML");

    private static Target target(SecVariable v, SecLangResolver resolver) throws CompileException {
        String c = v.collection().toUpperCase(Locale.ROOT);
        if (!EVALUATOR_VARIABLES.contains(c) && !resolver.providesVariable(c)) {
            throw new CompileException("variable " + v.collection() + " is not supported");
        }
        if (c.equals("XML")) {
            return new Target(c, null, null, v.count(), v.key() == null ? "/*" : v.key());
        }
        if (v.key() == null) return new Target(c, null, null, v.count(), null);
        if (v.keyIsRegex()) {
            try {
                // ModSecurity 2 compiles selector patterns case-insensitively (collection keys are)
                return new Target(c, null, Pattern.compile(v.key(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL),
                        v.count(), null);
            } catch (PatternSyntaxException e) {
                throw new CompileException("bad selector /" + v.key() + "/: " + e.getDescription());
            }
        }
        return new Target(c, v.key(), null, v.count(), null);
    }

    private static SetVar setvar(String v) throws CompileException {
        String t = v.trim();
        if (t.startsWith("!")) {
            String[] cn = collectionName(t.substring(1));
            return new SetVar(cn[0], cn[1], '!', "");
        }
        int eq = t.indexOf('=');
        if (eq < 0) {
            String[] cn = collectionName(t);
            return new SetVar(cn[0], cn[1], '=', "1");
        }
        String[] cn = collectionName(t.substring(0, eq));
        String value = t.substring(eq + 1);
        if (value.startsWith("+")) return new SetVar(cn[0], cn[1], '+', value.substring(1));
        if (value.startsWith("-")) return new SetVar(cn[0], cn[1], '-', value.substring(1));
        return new SetVar(cn[0], cn[1], '=', value);
    }

    private static String[] collectionName(String s) throws CompileException {
        String t = s.trim();
        int dot = t.indexOf('.');
        if (dot <= 0 || dot == t.length() - 1) throw new CompileException("bad setvar:" + s);
        return new String[] {t.substring(0, dot).toUpperCase(Locale.ROOT), t.substring(dot + 1)};
    }
}

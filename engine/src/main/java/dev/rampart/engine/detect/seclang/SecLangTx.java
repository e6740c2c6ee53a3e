package dev.rampart.engine.detect.seclang;

import dev.rampart.engine.detect.seclang.SecRuleProgram.Ctl;
import dev.rampart.engine.detect.seclang.SecRuleProgram.SetVar;
import dev.rampart.engine.detect.seclang.SecRuleProgram.Target;
import dev.rampart.engine.detect.seclang.operator.OperatorContext;
import dev.rampart.engine.detect.seclang.variable.VarEntry;
import dev.rampart.rules.seclang.SecLangParser;
import dev.rampart.rules.seclang.SecVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The evaluation of a rule set over one HTTP transaction, phase by phase, with ModSecurity 2's
 * semantics: for each rule, each selected variable value is transformed and given to the operator;
 * every match sets MATCHED_VAR(_NAME), adds to MATCHED_VARS, stores captures and runs that link's
 * setvar and ctl actions; a chain link runs when the link before it matched at least once; the
 * whole chain matching logs the starter (when it logs) and runs its skip / skipAfter. The TX
 * collection lives as long as the transaction, so phase 2 sees what phase 1 set.
 * Not thread-safe: one per transaction, used by the worker that owns the flow.
 */
public final class SecLangTx implements OperatorContext {

    /** The transaction's variables (ARGS, REQUEST_HEADERS, ...), by upper-case name; null for unknown. */
    public interface Variables {
        List<VarEntry> get(String name);

        /** ctl:requestBodyProcessor: re-parse the request body with that processor. */
        default boolean setRequestBodyProcessor(String name) {
            return false;
        }

        /** ctl:forceRequestBodyVariable: REQUEST_BODY is kept whatever the body processor. */
        default void forceRequestBodyVariable(boolean on) {
        }

        /** XML:xpath values (ModSecurity's XML collection). */
        default List<VarEntry> xml(String xpath) {
            return List.of();
        }

        /** An HTTP transaction's variables as the evaluation reads them. */
        static Variables of(dev.rampart.engine.detect.seclang.variable.HttpVariables vars) {
            return new Variables() {
                @Override
                public List<VarEntry> get(String name) {
                    return vars.get(name);
                }

                @Override
                public boolean setRequestBodyProcessor(String name) {
                    return vars.setRequestBodyProcessor(name);
                }

                @Override
                public void forceRequestBodyVariable(boolean on) {
                    vars.setForceRequestBodyVariable(on);
                }

                @Override
                public List<VarEntry> xml(String xpath) {
                    List<VarEntry> v = vars.xml(xpath);
                    return v == null ? List.of() : v;
                }
            };
        }
    }

    /** Where rule costs go when profiling ({@code scan --profile-rules}): one call per chain evaluated. */
    public interface Profile {
        /** Chain starter {@code starter} was evaluated (its whole chain) in {@code nanos}; whether it matched. */
        void secLangRule(SecRuleProgram starter, boolean matched, long nanos);
    }

    private static final int MAX_TX_VARS = 4096;
    private static final String[] DIGITS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

    private final SecLangRules rules;
    private final Variables vars;
    /** TX collection, keys lower case (ModSecurity's collection keys are case-insensitive). */
    private final LinkedHashMap<String, String> tx = new LinkedHashMap<>();
    private final Set<Long> removedIds = new HashSet<>();
    private final List<long[]> removedRanges = new ArrayList<>();
    private final List<Pattern> removedTags = new ArrayList<>();
    /** A target ctl:ruleRemoveTarget* removed for this transaction: rules by id range, or by tag. */
    private record RemovedTarget(long lo, long hi, Pattern tag, String collection, String key, Pattern keyPattern) {
        boolean appliesTo(SecRuleProgram r) {
            if (tag == null) return r.id >= lo && r.id <= hi;
            for (String t : r.tags) {
                if (tag.matcher(t).find()) return true;
            }
            return false;
        }

        boolean excludes(String c, String k) {
            if (!collection.equals(c)) return false;
            if (keyPattern != null) return keyPattern.matcher(k).find();
            return key == null || key.equalsIgnoreCase(k);
        }
    }

    private final List<RemovedTarget> removedTargets = new ArrayList<>();

    private String matchedVar;
    private String matchedVarName;
    private final List<VarEntry> matchedVars = new ArrayList<>();
    private SecRuleProgram current;
    private final String[] pendingCaptures = new String[10];
    private int pendingMax = -1;
    private long highestSeverity = 255;

    private final Profile profile;

    public SecLangTx(SecLangRules rules, Variables vars) {
        this(rules, vars, null);
    }

    /** @param profile where each rule's evaluation cost goes, or null (not profiling) */
    public SecLangTx(SecLangRules rules, Variables vars, Profile profile) {
        this.rules = rules;
        this.vars = vars;
        this.profile = profile;
    }

    /** Runs one phase (1-5); each logged match goes to {@code out}. */
    public void runPhase(int phase, Consumer<SecLangMatch> out) {
        if (!rules.engineOn()) return;
        SecRuleProgram[] list = rules.phase(phase);
        int i = 0;
        while (i < list.length) {
            SecRuleProgram r = list[i];
            if (r.marker != null || removed(r)) {
                i++;
                continue;
            }
            boolean matched;
            if (profile == null) {
                matched = evaluateChain(r);
            } else {
                long t0 = System.nanoTime();
                matched = evaluateChain(r);
                profile.secLangRule(r, matched, System.nanoTime() - t0);
            }
            if (matched) {
                if (r.log) {
                    out.accept(new SecLangMatch(r, phase, expand(r.msg), expand(r.logdata),
                            matchedVarName == null ? "" : matchedVarName, matchedVar == null ? "" : matchedVar));
                    int sev = r.severityNumber();
                    if (sev >= 0 && sev < highestSeverity) highestSeverity = sev;
                }
                if (r.skipAfter != null) {
                    int t = rules.skipTarget(phase, i);
                    i = t < 0 ? list.length : t + 1;
                    continue;
                }
                if (r.skip > 0) {
                    int skipped = 0;
                    i++;
                    while (i < list.length && skipped < r.skip) {
                        if (list[i].marker == null) skipped++;
                        i++;
                    }
                    continue;
                }
            }
            i++;
        }
    }

    /** Drops what only evaluation needs (transformed values, prefilter hits) once the last phase ran. */
    public void releaseCaches() {
        transformedCache = null;
    }

    /** The TX collection value, or null (keys case-insensitive). For tests and the alert's details. */
    public String txVar(String name) {
        return tx.get(name.toLowerCase(Locale.ROOT));
    }

    private boolean removed(SecRuleProgram r) {
        if (removedIds.contains(r.id)) return true;
        for (long[] range : removedRanges) {
            if (r.id >= range[0] && r.id <= range[1]) return true;
        }
        if (!removedTags.isEmpty()) {
            for (Pattern p : removedTags) {
                for (String t : r.tags) {
                    if (p.matcher(t).find()) return true;
                }
            }
        }
        return false;
    }

    private boolean evaluateChain(SecRuleProgram r) {
        matchedVars.clear();
        for (SecRuleProgram link = r; link != null; link = link.chained) {
            if (!evaluateLink(link, r)) return false;
        }
        return true;
    }

    private final List<VarEntry> selected = new ArrayList<>();

    private boolean evaluateLink(SecRuleProgram link, SecRuleProgram starter) {
        current = starter;
        if (link.unconditional && link.targets.length == 0) {
            runActions(link);
            return true;
        }
        boolean any = false;
        for (Target t : link.targets) {
            selected.clear();
            select(t, link, starter, selected);
            if (t.count()) {
                String n = Integer.toString(selected.size());
                selected.clear();
                selected.add(new VarEntry("", n));
            }
            scope = t.scope();
            // select copied the entries: a setvar below cannot change the list being iterated
            for (int ei = 0; ei < selected.size(); ei++) {
                VarEntry e = selected.get(ei);
                String value = e.value() == null ? "" : e.value();
                String matchedValue = match(link, value);
                if (matchedValue != null) {
                    any = true;
                    String name = t.count() ? "&" + t.collection()
                            : e.key().isEmpty() && t.key() == null && t.keyPattern() == null && !isCollection(t.collection())
                                    ? t.collection() : t.collection() + ":" + e.key();
                    matchedVar = matchedValue;
                    matchedVarName = name;
                    matchedVars.add(new VarEntry(name, matchedValue));
                    if (link.capture && pendingMax >= 0) {
                        // ModSecurity unsets TX.0-TX.9 before it stores a match's captures
                        for (int c = 0; c <= 9; c++) {
                            tx.remove(DIGITS[c]);
                        }
                        for (int c = 0; c <= pendingMax; c++) {
                            if (pendingCaptures[c] != null) putTx(DIGITS[c], pendingCaptures[c]);
                        }
                    }
                    runActions(link);
                }
            }
        }
        return any;
    }

    private static boolean isCollection(String c) {
        switch (c) {
            case "ARGS", "ARGS_GET", "ARGS_POST", "ARGS_NAMES", "ARGS_GET_NAMES", "ARGS_POST_NAMES", "REQUEST_HEADERS",
                    "REQUEST_HEADERS_NAMES", "REQUEST_COOKIES", "REQUEST_COOKIES_NAMES", "RESPONSE_HEADERS",
                    "RESPONSE_HEADERS_NAMES", "FILES", "FILES_NAMES", "FILES_SIZES", "FILES_TMPNAMES",
                    "MULTIPART_PART_HEADERS", "TX", "XML", "MATCHED_VARS", "MATCHED_VARS_NAMES", "RULE", "ENV":
                return true;
            default:
                return false;
        }
    }

    /** The transformed value when the operator (with the rule's negation) matched it, else null. */
    private String match(SecRuleProgram link, String value) {
        if (link.multiMatch) {
            String v = value;
            if (operatorMatches(link, v)) return v;
            for (var t : link.transforms) {
                String next = t.apply(v);
                if (next != v && !next.equals(v)) {
                    v = next;
                    if (operatorMatches(link, v)) return v;
                }
            }
            return null;
        }
        if (link.chainId < 0) {
            String v = value;
            for (var t : link.transforms) v = t.apply(v);
            return operatorMatches(link, v) ? v : null;
        }
        Transformed tv = transformed(link, value);
        String v = tv.value;
        int idx = link.prefilterIndex[scope];
        if (idx >= 0 && !v.isEmpty()) {
            long[] hits = tv.hits[scope];
            if (hits == null) {
                hits = rules.prefilter().scan(link.chainId, scope, v);
                tv.hits[scope] = hits;
            }
            if ((hits[idx >>> 6] & (1L << idx)) == 0) {
                // prefilter mode never misses a match: the regex cannot match this value
                pendingMax = -1;
                return link.negated ? v : null;
            }
        }
        return operatorMatches(link, v) ? v : null;
    }

    /** The prefilter scope of the target being evaluated ({@link RxPrefilter#scope}). */
    private int scope;

    /** A value after one chain's transformations, and per scope which of that chain's @rx patterns may match it. */
    private static final class Transformed {
        final String value;
        final long[][] hits = new long[RxPrefilter.SCOPES][];

        Transformed(String value) {
            this.value = value;
        }
    }

    /** Per chain id: input value to its transformation (values repeat across the rules of a phase and phases). */
    private HashMap<String, Transformed>[] transformedCache;

    @SuppressWarnings("unchecked")
    private Transformed transformed(SecRuleProgram link, String value) {
        if (transformedCache == null) transformedCache = new HashMap[rules.prefilter().chains()];
        HashMap<String, Transformed> cache = transformedCache[link.chainId];
        if (cache == null) {
            cache = new HashMap<>();
            transformedCache[link.chainId] = cache;
        }
        Transformed tv = cache.get(value);
        if (tv == null) {
            String v = value;
            for (var t : link.transforms) v = t.apply(v);
            tv = new Transformed(v);
            cache.put(value, tv);
        }
        return tv;
    }

    private boolean captureOn;

    private boolean operatorMatches(SecRuleProgram link, String v) {
        pendingMax = -1;
        captureOn = link.capture && !link.negated;
        boolean m = link.operator == null || link.operator.matches(v, this);
        captureOn = false;
        return m != link.negated;
    }

    // ------------------------------------------------------------------ OperatorContext

    @Override
    public String expand(String text) {
        if (text == null || text.indexOf("%{") < 0) return text;
        StringBuilder sb = new StringBuilder(text.length() + 16);
        int i = 0;
        while (i < text.length()) {
            int s = text.indexOf("%{", i);
            if (s < 0) {
                sb.append(text, i, text.length());
                break;
            }
            int e = text.indexOf('}', s + 2);
            if (e < 0) {
                sb.append(text, i, text.length());
                break;
            }
            sb.append(text, i, s);
            String v = resolve(text.substring(s + 2, e));
            if (v == null) sb.append(text, s, e + 1); // unresolved macros stay as written
            else sb.append(v);
            i = e + 1;
        }
        return sb.toString();
    }

    @Override
    public boolean capturing() {
        return captureOn;
    }

    @Override
    public void capture(int index, String value) {
        if (index < 0 || index > 9) return;
        if (index > pendingMax) {
            for (int c = pendingMax + 1; c < index; c++) pendingCaptures[c] = null;
            pendingMax = index;
        }
        pendingCaptures[index] = value;
    }

    /** One macro reference ({@code tx.foo}, {@code MATCHED_VAR}, {@code REQUEST_HEADERS.host}), null when unresolved. */
    String resolve(String ref) {
        int dot = ref.indexOf('.');
        if (dot < 0) dot = ref.indexOf(':');
        String coll = (dot < 0 ? ref : ref.substring(0, dot)).trim().toUpperCase(Locale.ROOT);
        String key = dot < 0 ? null : ref.substring(dot + 1);
        switch (coll) {
            case "TX":
                return key == null ? null : tx.get(key.toLowerCase(Locale.ROOT));
            case "MATCHED_VAR":
                return matchedVar == null ? "" : matchedVar;
            case "MATCHED_VAR_NAME":
                return matchedVarName == null ? "" : matchedVarName;
            case "RULE":
                return ruleField(key);
            case "HIGHEST_SEVERITY":
                return Long.toString(highestSeverity);
            default:
                List<VarEntry> es = vars.get(coll);
                if (es == null || es.isEmpty()) return null;
                if (key == null) return es.get(0).value();
                for (VarEntry e : es) {
                    if (e.key().equalsIgnoreCase(key)) return e.value();
                }
                return null;
        }
    }

    private String ruleField(String key) {
        SecRuleProgram r = current;
        if (r == null || key == null) return null;
        switch (key.toLowerCase(Locale.ROOT)) {
            case "id": return Long.toString(r.id);
            case "msg": return r.msg;
            case "severity": return Integer.toString(Math.max(r.severityNumber(), 0));
            case "logdata": return r.logdata;
            case "ver": return r.ver;
            case "rev": return r.rev;
            case "phase": return Integer.toString(r.phase);
            default: return null;
        }
    }

    // ------------------------------------------------------------------ variables

    private void select(Target t, SecRuleProgram link, SecRuleProgram starter, List<VarEntry> out) {
        String c = t.collection();
        List<VarEntry> all;
        switch (c) {
            case "TX" -> {
                if (t.key() != null) {
                    // one named variable: no copy of the collection
                    String k = t.key().toLowerCase(Locale.ROOT);
                    String v = tx.get(k);
                    all = v == null ? List.of() : List.of(new VarEntry(k, v));
                } else {
                    // TX:/regex/ (CRS: TX:/^header_name_920450_/ among ~100 variables): only the selected ones are copied
                    all = new ArrayList<>();
                    for (Map.Entry<String, String> e : tx.entrySet()) {
                        if (t.selects(e.getKey())) all.add(new VarEntry(e.getKey(), e.getValue()));
                    }
                }
            }
            case "MATCHED_VAR" -> all = matchedVar == null ? List.of() : List.of(new VarEntry("", matchedVar));
            case "MATCHED_VAR_NAME" -> all = matchedVarName == null ? List.of() : List.of(new VarEntry("", matchedVarName));
            case "MATCHED_VARS" -> all = new ArrayList<>(matchedVars);
            case "MATCHED_VARS_NAMES" -> {
                all = new ArrayList<>(matchedVars.size());
                for (VarEntry e : matchedVars) all.add(new VarEntry(e.key(), e.key()));
            }
            case "HIGHEST_SEVERITY" -> all = List.of(new VarEntry("", Long.toString(highestSeverity)));
            case "RULE" -> {
                all = new ArrayList<>();
                for (String k : new String[] {"id", "msg", "severity", "logdata", "ver", "rev", "phase"}) {
                    all.add(new VarEntry(k, ruleField(k)));
                }
            }
            case "XML" -> all = vars.xml(t.xpath());
            default -> {
                List<VarEntry> v = vars.get(c);
                all = v == null ? List.of() : v;
            }
        }
        if (all.isEmpty()) return;
        // the ctl:ruleRemoveTarget* removals that concern this rule and collection, found once, not per value
        List<RemovedTarget> removals = applicableRemovals;
        removals.clear();
        for (int i = 0; i < removedTargets.size(); i++) {
            RemovedTarget x = removedTargets.get(i);
            if (x.collection().equals(c) && x.appliesTo(starter)) removals.add(x);
        }
        // XML:xpath and TX entries were selected above (TX by its key or key pattern, not twice)
        boolean preselected = c.equals("XML") || c.equals("TX");
        outer:
        for (VarEntry e : all) {
            if (preselected || t.selects(e.key())) {
                for (Target x : link.exclusions) {
                    if (x.collection().equals(c) && (x.key() == null && x.keyPattern() == null || x.selects(e.key()))) {
                        continue outer;
                    }
                }
                for (int i = 0; i < removals.size(); i++) {
                    if (removals.get(i).excludes(c, e.key())) continue outer;
                }
                out.add(e);
            }
        }
    }

    private final List<RemovedTarget> applicableRemovals = new ArrayList<>();

    private void removeTargets(long lo, long hi, Pattern tag, String variables) {
        for (SecVariable sv : SecLangParser.parseVariables(variables)) {
            Pattern kp = sv.keyIsRegex() ? Pattern.compile(sv.key(), Pattern.CASE_INSENSITIVE) : null;
            removedTargets.add(new RemovedTarget(lo, hi, tag, sv.collection().toUpperCase(Locale.ROOT),
                    sv.keyIsRegex() ? null : sv.key(), kp));
        }
    }

    // ------------------------------------------------------------------ actions

    private void runActions(SecRuleProgram link) {
        for (SetVar s : link.setvars) {
            if (!s.collection().equals("TX")) continue; // persistent collections (IP, SESSION) are not kept
            String name = expand(s.name()).toLowerCase(Locale.ROOT);
            switch (s.op()) {
                case '!' -> tx.remove(name);
                case '=' -> putTx(name, expand(s.value()));
                case '+', '-' -> {
                    long old = atoi(tx.get(name));
                    long d = atoi(expand(s.value()));
                    putTx(name, Long.toString(s.op() == '+' ? old + d : old - d));
                }
                default -> {
                }
            }
        }
        for (Ctl c : link.ctls) {
            ctl(c);
        }
    }

    private void putTx(String name, String value) {
        if (tx.size() >= MAX_TX_VARS && !tx.containsKey(name)) return;
        tx.put(name, value);
    }

    private void ctl(Ctl c) {
        String v = expand(c.value());
        try {
            switch (c.name()) {
                case "ruleremovebyid" -> {
                    for (String part : v.split("[\\s,]+")) {
                        if (part.isEmpty()) continue;
                        long[] r = SecLangRules.idRange(part);
                        if (r[0] == r[1]) removedIds.add(r[0]);
                        else removedRanges.add(r);
                    }
                }
                case "ruleremovebytag" -> removedTags.add(Pattern.compile(v));
                case "ruleremovetargetbyid" -> {
                    int semi = v.indexOf(';');
                    if (semi > 0) {
                        long[] r = SecLangRules.idRange(v.substring(0, semi));
                        removeTargets(r[0], r[1], null, v.substring(semi + 1));
                    }
                }
                case "ruleremovetargetbytag" -> {
                    int semi = v.indexOf(';');
                    if (semi > 0) {
                        removeTargets(0, -1, Pattern.compile(v.substring(0, semi)), v.substring(semi + 1));
                    }
                }
                case "requestbodyprocessor" -> vars.setRequestBodyProcessor(v.toUpperCase(Locale.ROOT));
                case "forcerequestbodyvariable" -> vars.forceRequestBodyVariable(v.equalsIgnoreCase("on"));
                default -> {
                    // ruleEngine, auditEngine, auditLogParts, forceRequestBodyVariable, debugLogLevel: no effect on a passive sensor
                }
            }
        } catch (RuntimeException e) {
            // a ctl value that does not parse is ignored, as ModSecurity logs and goes on
        }
    }

    /** C's atoi: leading white space, an optional sign, digits; anything else ends it; nothing is 0. */
    static long atoi(String s) {
        if (s == null) return 0;
        int i = 0;
        int n = s.length();
        while (i < n && Character.isWhitespace(s.charAt(i))) i++;
        boolean neg = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9' && v < Long.MAX_VALUE / 10 - 10) {
            v = v * 10 + (s.charAt(i) - '0');
            i++;
        }
        return neg ? -v : v;
    }
}

package dev.rampart.engine.detect.seclang;

import dev.rampart.engine.detect.seclang.operator.Operator;
import dev.rampart.engine.detect.seclang.transform.Transformation;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One compiled SecRule / SecAction (a link of a chain) or a SecMarker, immutable and shared by all
 * workers. The chain starter carries the rule's identity (id, msg, tags, severity), whether it
 * logs, and the flow actions (skip, skipAfter), which ModSecurity runs only when the whole chain
 * matched; every link carries its own targets, transformations, operator and non-disruptive
 * actions (setvar, ctl), which run each time that link matches a variable.
 */
public final class SecRuleProgram {

    /** One target: a variable or collection, optionally narrowed to a key or key pattern, or counted. */
    record Target(String collection, String key, Pattern keyPattern, boolean count, String xpath) {
        boolean selects(String entryKey) {
            if (keyPattern != null) return keyPattern.matcher(entryKey).find();
            return key == null || key.equalsIgnoreCase(entryKey);
        }

        /** The prefilter database its values are scanned with ({@link RxPrefilter#scope}). */
        int scope() {
            return count ? RxPrefilter.SCOPE_OTHER : RxPrefilter.scope(collection);
        }

        String text() {
            String k = keyPattern != null ? "/" + keyPattern.pattern() + "/" : key != null ? key : xpath;
            return (count ? "&" : "") + collection + (k == null ? "" : ":" + k);
        }
    }

    /** A setvar: name and value hold macros; {@code op} '=' set, '+' add, '-' subtract, '!' delete. */
    record SetVar(String collection, String name, char op, String value) {
    }

    /** A ctl action: name (lower case) and its value as written. */
    record Ctl(String name, String value) {
    }

    // identity (chain starter; links copy the starter's id)
    final long id;
    final String file;
    final int line;
    final int phase;
    final String msg;
    final String logdata;
    final List<String> tags;
    final String severity;
    final String ver;
    final String rev;
    final boolean log;

    // matching
    final Target[] targets;
    final Target[] exclusions;
    final Transformation[] transforms;
    final Operator operator;
    final String operatorName;
    final boolean negated;
    final boolean capture;
    final boolean multiMatch;
    final boolean unconditional;

    // actions
    final SetVar[] setvars;
    final Ctl[] ctls;
    final String skipAfter;
    final int skip;
    final SecRuleProgram chained;

    // set once by RxPrefilter.build before the rule set is published (a final field then holds them)
    /** This link's transformation chain number (links with the same chain share it), -1 when none. */
    int chainId = -1;
    /**
     * Per value scope ({@link RxPrefilter#scope}): this link's @rx pattern index in the database of
     * its chain and that scope, -1 when not there (the link does not read such values, or the
     * pattern is not prefiltered).
     */
    final int[] prefilterIndex = {-1, -1, -1};
    /** A chain starter's number among the rule set's starters ({@link SecLangRules#starter}), -1 for links and markers. */
    int starterIndex = -1;

    /** Non-null for a SecMarker entry (then nothing else is set). */
    final String marker;

    SecRuleProgram(long id, String file, int line, int phase, String msg, String logdata, List<String> tags,
            String severity, String ver, String rev, boolean log, Target[] targets, Target[] exclusions,
            Transformation[] transforms, Operator operator, String operatorName, boolean negated, boolean capture,
            boolean multiMatch, boolean unconditional, SetVar[] setvars, Ctl[] ctls, String skipAfter, int skip,
            SecRuleProgram chained) {
        this.id = id;
        this.file = file;
        this.line = line;
        this.phase = phase;
        this.msg = msg;
        this.logdata = logdata;
        this.tags = List.copyOf(tags);
        this.severity = severity;
        this.ver = ver;
        this.rev = rev;
        this.log = log;
        this.targets = targets;
        this.exclusions = exclusions;
        this.transforms = transforms;
        this.operator = operator;
        this.operatorName = operatorName;
        this.negated = negated;
        this.capture = capture;
        this.multiMatch = multiMatch;
        this.unconditional = unconditional;
        this.setvars = setvars;
        this.ctls = ctls;
        this.skipAfter = skipAfter;
        this.skip = skip;
        this.chained = chained;
        this.marker = null;
    }

    private SecRuleProgram(String marker, String file, int line, int phase) {
        this.id = 0;
        this.file = file;
        this.line = line;
        this.phase = phase;
        this.msg = "";
        this.logdata = "";
        this.tags = List.of();
        this.severity = "";
        this.ver = "";
        this.rev = "";
        this.log = false;
        this.targets = new Target[0];
        this.exclusions = new Target[0];
        this.transforms = new Transformation[0];
        this.operator = null;
        this.operatorName = "";
        this.negated = false;
        this.capture = false;
        this.multiMatch = false;
        this.unconditional = false;
        this.setvars = new SetVar[0];
        this.ctls = new Ctl[0];
        this.skipAfter = null;
        this.skip = 0;
        this.chained = null;
        this.marker = marker;
    }

    static SecRuleProgram marker(String name, String file, int line, int phase) {
        return new SecRuleProgram(name, file, line, phase);
    }

    public long id() {
        return id;
    }

    /** This chain starter's number in its rule set (0 .. {@link SecLangRules#ruleCount()} - 1). */
    public int starterIndex() {
        return starterIndex;
    }

    /** Whether the rule logs its matches (false: a rule that only sets variables or skips, such as CRS's setup). */
    public boolean logs() {
        return log;
    }

    public String msg() {
        return msg;
    }

    public List<String> tags() {
        return tags;
    }

    /** ModSecurity's severity as written (a name such as CRITICAL or a number 0-7), "" when none. */
    public String severity() {
        return severity;
    }

    public int phase() {
        return phase;
    }

    public String ver() {
        return ver;
    }

    /** Where the rule was written, {@code file:line}. */
    public String source() {
        return file + ":" + line;
    }

    /** ModSecurity's severity number (0 EMERGENCY .. 7 DEBUG), or -1 when none or unknown. */
    public int severityNumber() {
        String s = severity.trim().toUpperCase(java.util.Locale.ROOT);
        switch (s) {
            case "EMERGENCY": return 0;
            case "ALERT": return 1;
            case "CRITICAL": return 2;
            case "ERROR": return 3;
            case "WARNING": return 4;
            case "NOTICE": return 5;
            case "INFO": return 6;
            case "DEBUG": return 7;
            default:
                if (s.length() == 1 && s.charAt(0) >= '0' && s.charAt(0) <= '7') return s.charAt(0) - '0';
                return -1;
        }
    }

    @Override
    public String toString() {
        return marker != null ? "SecMarker " + marker : "rule " + id + " (" + source() + ")";
    }
}

package dev.rampart.rules.manage;

import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleError;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.RuleParser;
import dev.rampart.rules.SourceRef;
import java.util.ArrayList;
import java.util.List;

/**
 * One rule as rule management sees it: where it came from, its text (the original text until a
 * drop or modify filter rewrites it), whether it is enabled, the parsed model or the parse error,
 * and the trail of decisions that brought it to its current state. Immutable.
 *
 * <p>Output keeps the rule text exactly as the source wrote it (continuation lines joined); the
 * parser's canonical text is never printed, so diffs against upstream stay readable.
 */
public final class ManagedRule {
    private final String file;
    private final int line;
    private final String originalText;
    private final String text;
    private final boolean shippedEnabled;
    private final boolean enabled;
    private final RuleFacts facts;
    private final Rule parsed;
    private final String error;
    private final List<String> trail;
    private final ProfileDecision profileDecision;

    private ManagedRule(String file, int line, String originalText, String text, boolean shippedEnabled,
            boolean enabled, RuleFacts facts, Rule parsed, String error, List<String> trail,
            ProfileDecision profileDecision) {
        this.file = file;
        this.line = line;
        this.originalText = originalText;
        this.text = text;
        this.shippedEnabled = shippedEnabled;
        this.enabled = enabled;
        this.facts = facts;
        this.parsed = parsed;
        this.error = error;
        this.trail = List.copyOf(trail);
        this.profileDecision = profileDecision;
    }

    /** Parses a rule text as found in a source file. */
    public static ManagedRule load(String file, int line, String text, boolean enabled, RuleParser parser) {
        ParseOutcome p = parse(parser, text, file, line, enabled);
        String where = file + ":" + line;
        return new ManagedRule(file, line, text, text, enabled, enabled, RuleFacts.scan(text), p.rule, p.error,
                List.of((enabled ? "enabled" : "disabled (commented out)") + " in " + where), null);
    }

    private record ParseOutcome(Rule rule, String error) {
    }

    private static ParseOutcome parse(RuleParser parser, String text, String file, int line, boolean enabled) {
        try {
            return new ParseOutcome(parser.parse(text, new SourceRef(file, line), enabled), null);
        } catch (RuleParseException e) {
            return new ParseOutcome(null, e.getMessage());
        } catch (RuntimeException e) {
            // a parser bug must not stop rule management; the rule is reported like a bad one
            return new ParseOutcome(null, "internal error: " + e);
        }
    }

    /** The source file as named by its source (a path, or the member name inside an archive). */
    public String file() {
        return file;
    }

    /** suricata-update's "group": the file's base name, e.g. {@code emerging-info.rules}. */
    public String group() {
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        return file.substring(slash + 1);
    }

    public int line() {
        return line;
    }

    public String originalText() {
        return originalText;
    }

    /** Current text: the original, or what drop/modify made of it. */
    public String text() {
        return text;
    }

    public boolean modified() {
        return !text.equals(originalText);
    }

    /** Whether the source file shipped it enabled (not commented out). */
    public boolean shippedEnabled() {
        return shippedEnabled;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Enabled and parsed: the rule will be loaded by the engine. */
    public boolean active() {
        return enabled && parsed != null;
    }

    public RuleFacts facts() {
        return facts;
    }

    public long gid() {
        return facts.gid();
    }

    public long sid() {
        return facts.sid();
    }

    public long rev() {
        return facts.rev();
    }

    public String msg() {
        return facts.msg();
    }

    /**
     * The parsed model (its {@code enabled()} follows this rule's), or null when the text does not
     * parse (see {@link #error()}).
     */
    public Rule parsed() {
        return parsed;
    }

    /** Why the current text does not parse, or null. */
    public String error() {
        return error;
    }

    /** The parse error as the rule parser reports load errors ({@code file:line: sid N: reason}). */
    public RuleError toRuleError() {
        return error == null ? null : new RuleError(file, line, sid(), error, enabled, text);
    }

    /** Decisions in the order they were taken, first "enabled/disabled in FILE:LINE". */
    public List<String> trail() {
        return trail;
    }

    /** The line written to a rule file: disabled rules are commented out. */
    public String format() {
        return enabled ? text : "# " + text;
    }

    /** What the update's profile decided for this rule; null when no profile ran on it. */
    public ProfileDecision profileDecision() {
        return profileDecision;
    }

    ManagedRule withEnabled(boolean on, String why) {
        return new ManagedRule(file, line, originalText, text, shippedEnabled, on, facts, sync(parsed, on), error,
                append(why), profileDecision);
    }

    ManagedRule withNote(String why) {
        return new ManagedRule(file, line, originalText, text, shippedEnabled, enabled, facts, parsed, error,
                append(why), profileDecision);
    }

    ManagedRule withProfile(ProfileDecision d) {
        boolean on = enabled && d.included();
        return new ManagedRule(file, line, originalText, text, shippedEnabled, on, facts, sync(parsed, on), error,
                append(d.toString()), d);
    }

    /** The parsed model carries the enabled flag too; keep it in step. */
    private static Rule sync(Rule r, boolean on) {
        return r == null ? null : r.withEnabled(on);
    }

    /** A rewritten text, parsed again; the result carries the new parse error if there is one. */
    ManagedRule withText(String newText, RuleParser parser, String why) {
        ParseOutcome p = parse(parser, newText, file, line, enabled);
        return new ManagedRule(file, line, originalText, newText, shippedEnabled, enabled, RuleFacts.scan(newText),
                p.rule, p.error, append(why), profileDecision);
    }

    private List<String> append(String why) {
        List<String> t = new ArrayList<>(trail.size() + 1);
        t.addAll(trail);
        t.add(why);
        return t;
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + format();
    }
}

package dev.rampart.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads rule files: joins lines continued with a trailing backslash, skips comments, recognises
 * rules shipped commented out ({@code #alert ...}) as disabled rules, and parses each rule on its
 * own so that one bad rule never stops the others.
 */
public final class RuleFileLoader {

    /** What one load produced: rules in file order and the rules that failed. */
    public record Result(List<Rule> rules, List<RuleError> errors) {
        public long enabledCount() {
            return rules.stream().filter(Rule::enabled).count();
        }
    }

    /** A rule's text with where it starts and whether it was commented out. */
    public record RuleText(String file, int line, String text, boolean enabled) {
    }

    private final RuleParser parser;
    private final boolean includeDisabled;

    /**
     * @param includeDisabled also parse rules that the file ships commented out
     */
    public RuleFileLoader(RuleParser parser, boolean includeDisabled) {
        this.parser = parser;
        this.includeDisabled = includeDisabled;
    }

    /** Loads files and directories (every {@code *.rules} file below a directory, sorted). */
    public Result load(List<Path> paths) throws IOException {
        return load(paths, null);
    }

    /**
     * Work done on each parsed rule by the task that parsed it, right after its parse: while the
     * rule's tree is young. The rule it returns takes the parsed one's place in the result (a
     * {@link Rule#standIn() stand-in} once its tree is of no more use).
     */
    public interface ParsedRuleHook {
        /** One per parsing task; a task is used by one thread. */
        Task newTask();

        interface Task {
            Rule parsed(Rule rule);
        }
    }

    /** As {@link #load(List)}, each parsed rule passed through {@code hook} (null: none). */
    public Result load(List<Path> paths, ParsedRuleHook hook) throws IOException {
        List<Rule> rules = new ArrayList<>();
        List<RuleError> errors = new ArrayList<>();
        for (Path p : expand(paths)) {
            loadText(p.toString(), FileContents.utf8(p), rules, errors, hook);
        }
        return new Result(rules, errors);
    }

    public Result loadString(String label, String text) {
        List<Rule> rules = new ArrayList<>();
        List<RuleError> errors = new ArrayList<>();
        loadText(label, text, rules, errors, null);
        return new Result(rules, errors);
    }

    public static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".rules") && Files.isRegularFile(f))
                            .sorted().forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }

    /**
     * Rules per parsing task: below twice this a file is parsed on the calling thread. Each task
     * has its own parser (its address and port caches are not shared between threads).
     */
    static final int RULES_PER_TASK = 2048;

    private void loadText(String label, String text, List<Rule> rules, List<RuleError> errors, ParsedRuleHook hook) {
        List<RuleText> texts = new ArrayList<>();
        for (RuleText rt : split(label, text)) {
            if (rt.enabled() || includeDisabled) {
                texts.add(rt);
            }
        }
        int tasks = Math.min(Runtime.getRuntime().availableProcessors(), texts.size() / RULES_PER_TASK);
        Object[] parsed = new Object[texts.size()];
        if (tasks < 2) {
            parseRange(parser, hook, texts, 0, texts.size(), parsed);
        } else {
            // rule texts are independent: contiguous slices in parallel, results kept in file order
            int n = texts.size();
            java.util.stream.IntStream.range(0, tasks).parallel().forEach(t -> parseRange(
                    t == 0 ? parser : new RuleParser(parser.env()), hook, texts, (int) ((long) n * t / tasks),
                    (int) ((long) n * (t + 1) / tasks), parsed));
        }
        for (Object o : parsed) {
            if (o instanceof Rule r) {
                rules.add(r);
            } else {
                errors.add((RuleError) o);
            }
        }
    }

    private static void parseRange(RuleParser parser, ParsedRuleHook hook, List<RuleText> texts, int from, int to,
            Object[] out) {
        ParsedRuleHook.Task task = hook == null ? null : hook.newTask();
        for (int i = from; i < to; i++) {
            RuleText rt = texts.get(i);
            try {
                Rule rule = parser.parse(rt.text(), new SourceRef(rt.file(), rt.line()), rt.enabled());
                out[i] = task == null ? rule : task.parsed(rule);
            } catch (RuleParseException e) {
                out[i] = new RuleError(rt.file(), rt.line(), sidOf(rt.text()), e.getMessage(), rt.enabled(), rt.text());
            } catch (RuntimeException e) {
                // a parser bug must not take the other rules down; report it like a bad rule
                out[i] = new RuleError(rt.file(), rt.line(), sidOf(rt.text()), "internal error: " + e, rt.enabled(),
                        rt.text());
            }
        }
    }

    /**
     * Splits a rule file into rule texts (continuations joined, comments and blanks dropped). A line
     * that is not continued becomes its rule text in one substring (ET Open: 12 MB of lines, so no
     * per-line array, builder and trim copies).
     */
    public static List<RuleText> split(String label, String text) {
        List<RuleText> out = new ArrayList<>();
        StringBuilder pending = null;
        int pendingLine = 0;
        int lineNo = 0;
        int n = text.length();
        // like text.split("\n", -1): n + 1 pieces for n newlines, the last one maybe empty
        for (int from = 0; from <= n; ) {
            int nl = text.indexOf('\n', from);
            int end = nl < 0 ? n : nl;
            int lineEnd = end > from && text.charAt(end - 1) == '\r' ? end - 1 : end;
            int lineStart = from;
            from = end + 1;
            lineNo++;
            boolean continued = lineEnd > lineStart && text.charAt(lineEnd - 1) == '\\'
                    && !(lineEnd - lineStart >= 2 && text.charAt(lineEnd - 2) == '\\');
            if (continued) {
                if (pending == null) {
                    pending = new StringBuilder();
                    pendingLine = lineNo;
                }
                pending.append(text, lineStart, lineEnd - 1);
                continue;
            }
            String joined;
            int line;
            if (pending != null) {
                joined = pending.append(text, lineStart, lineEnd).toString().trim();
                line = pendingLine;
                pending = null;
            } else {
                joined = trimmed(text, lineStart, lineEnd);
                line = lineNo;
            }
            if (joined.isEmpty()) {
                continue;
            }
            if (joined.charAt(0) == '#') {
                String inner = stripComment(joined);
                if (looksLikeRule(inner)) {
                    out.add(new RuleText(label, line, inner, false));
                }
                continue;
            }
            out.add(new RuleText(label, line, joined, true));
        }
        if (pending != null && !pending.toString().isBlank()) {
            out.add(new RuleText(label, pendingLine, pending.toString().trim(), true));
        }
        return out;
    }

    /** {@code text.substring(from, to).trim()} in one copy. */
    private static String trimmed(String text, int from, int to) {
        while (from < to && text.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && text.charAt(to - 1) <= ' ') {
            to--;
        }
        return text.substring(from, to);
    }

    private static String stripComment(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == '#' || s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return s.substring(i);
    }

    /** A commented line is a disabled rule when it starts with an action word and ends with ')'. */
    static boolean looksLikeRule(String s) {
        int sp = 0;
        while (sp < s.length() && Character.isLetter(s.charAt(sp))) {
            sp++;
        }
        if (sp == 0 || sp >= s.length() || !Character.isWhitespace(s.charAt(sp))) {
            return false;
        }
        Action a = Action.of(s.substring(0, sp));
        return a != null && s.indexOf('(') > 0 && s.endsWith(")");
    }

    /** The sid written in a rule text, for error messages of rules that did not parse; 0 if none. */
    public static long sidOf(String text) {
        int i = 0;
        while ((i = text.indexOf("sid", i)) >= 0) {
            boolean boundary = i == 0 || text.charAt(i - 1) == ';' || text.charAt(i - 1) == ' '
                    || text.charAt(i - 1) == '(' || text.charAt(i - 1) == '\t';
            int j = i + 3;
            while (j < text.length() && text.charAt(j) == ' ') {
                j++;
            }
            if (boundary && j < text.length() && text.charAt(j) == ':') {
                j++;
                while (j < text.length() && text.charAt(j) == ' ') {
                    j++;
                }
                long v = 0;
                int start = j;
                while (j < text.length() && Character.isDigit(text.charAt(j)) && j - start < 12) {
                    v = v * 10 + (text.charAt(j) - '0');
                    j++;
                }
                if (j > start) {
                    return v;
                }
            }
            i += 3;
        }
        return 0;
    }
}

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
        Spans spans = spans(label, text);
        int[] picked = new int[spans.count];
        int n = 0;
        for (int k = 0; k < spans.count; k++) {
            if (spans.enabled[k] || includeDisabled) {
                picked[n++] = k;
            }
        }
        int count = n;
        int tasks = Math.min(Runtime.getRuntime().availableProcessors(), count / RULES_PER_TASK);
        Object[] parsed = new Object[count];
        if (tasks < 2) {
            parseRange(parser, hook, spans, picked, 0, count, parsed);
        } else {
            // rule texts are independent: contiguous slices in parallel, results kept in file order
            java.util.stream.IntStream.range(0, tasks).parallel().forEach(t -> parseRange(
                    t == 0 ? parser : new RuleParser(parser.env()), hook, spans, picked,
                    (int) ((long) count * t / tasks), (int) ((long) count * (t + 1) / tasks), parsed));
        }
        for (Object o : parsed) {
            if (o instanceof Rule r) {
                rules.add(r);
            } else {
                errors.add((RuleError) o);
            }
        }
    }

    private static void parseRange(RuleParser parser, ParsedRuleHook hook, Spans spans, int[] picked, int from, int to,
            Object[] out) {
        ParsedRuleHook.Task task = hook == null ? null : hook.newTask();
        for (int i = from; i < to; i++) {
            int k = picked[i];
            // made here, not when the file is split: it dies with the parse instead of being
            // promoted with 19k others while the whole file is parsed
            String text = spans.text(k);
            int line = spans.line[k];
            boolean enabled = spans.enabled[k];
            try {
                Rule rule = parser.parse(text, new SourceRef(spans.label, line), enabled);
                out[i] = task == null ? rule : task.parsed(rule);
            } catch (RuleParseException e) {
                out[i] = new RuleError(spans.label, line, sidOf(text), e.getMessage(), enabled, text);
            } catch (RuntimeException e) {
                // a parser bug must not take the other rules down; report it like a bad rule
                out[i] = new RuleError(spans.label, line, sidOf(text), "internal error: " + e, enabled, text);
            }
        }
    }

    /**
     * A file's rule texts as ranges of its text ({@link #split}'s texts, not yet made into strings);
     * a text joined from continued lines is its own string.
     */
    private static final class Spans {
        final String label;
        final String whole;
        int count;
        int[] from = new int[256];
        int[] to = new int[256];
        int[] line = new int[256];
        boolean[] enabled = new boolean[256];
        String[] own = new String[256];

        Spans(String label, String whole) {
            this.label = label;
            this.whole = whole;
        }

        void add(int start, int end, int lineNo, boolean on, String joined) {
            if (count == from.length) {
                int cap = count * 2;
                from = java.util.Arrays.copyOf(from, cap);
                to = java.util.Arrays.copyOf(to, cap);
                line = java.util.Arrays.copyOf(line, cap);
                enabled = java.util.Arrays.copyOf(enabled, cap);
                own = java.util.Arrays.copyOf(own, cap);
            }
            from[count] = start;
            to[count] = end;
            line[count] = lineNo;
            enabled[count] = on;
            own[count] = joined;
            count++;
        }

        String text(int k) {
            return own[k] != null ? own[k] : whole.substring(from[k], to[k]);
        }
    }

    /**
     * Splits a rule file into rule texts (continuations joined, comments and blanks dropped). A line
     * that is not continued becomes its rule text in one substring (ET Open: 12 MB of lines, so no
     * per-line array, builder and trim copies).
     */
    public static List<RuleText> split(String label, String text) {
        Spans spans = spans(label, text);
        List<RuleText> out = new ArrayList<>(spans.count);
        for (int k = 0; k < spans.count; k++) {
            out.add(new RuleText(label, spans.line[k], spans.text(k), spans.enabled[k]));
        }
        return out;
    }

    private static Spans spans(String label, String text) {
        Spans out = new Spans(label, text);
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
            if (pending != null) {
                String joined = pending.append(text, lineStart, lineEnd).toString().trim();
                pending = null;
                addRule(out, joined, 0, joined.length(), pendingLine, true);
                continue;
            }
            // the line trimmed, as a range
            int a = lineStart;
            int b = lineEnd;
            while (a < b && text.charAt(a) <= ' ') {
                a++;
            }
            while (b > a && text.charAt(b - 1) <= ' ') {
                b--;
            }
            addRule(out, text, a, b, lineNo, false);
        }
        if (pending != null && !pending.toString().isBlank()) {
            out.add(0, 0, pendingLine, true, pending.toString().trim());
        }
        return out;
    }

    /**
     * Adds the trimmed text {@code src[a, b)} of one line, or of continuation lines joined into
     * {@code src} ({@code joined}: the span keeps that string), when it is a rule: enabled, or
     * commented out ({@code #} and blanks before an action word, ending in ')'). Blank text and
     * other comments are skipped.
     */
    private static void addRule(Spans out, String src, int a, int b, int line, boolean joined) {
        if (a == b) {
            return;
        }
        boolean on = src.charAt(a) != '#';
        if (!on) {
            while (a < b && (src.charAt(a) == '#' || src.charAt(a) == ' ' || src.charAt(a) == '\t')) {
                a++;
            }
            if (!looksLikeRule(src, a, b)) {
                return;
            }
        }
        if (joined) {
            out.add(0, 0, line, on, src.substring(a, b));
        } else {
            out.add(a, b, line, on, null);
        }
    }

    /** {@link #looksLikeRule(String)} of {@code text[from, to)} without copying it unless it starts with a word. */
    private static boolean looksLikeRule(String text, int from, int to) {
        int sp = from;
        while (sp < to && Character.isLetter(text.charAt(sp))) {
            sp++;
        }
        if (sp == from || sp >= to || !Character.isWhitespace(text.charAt(sp))) {
            return false;
        }
        Action a = Action.of(text.substring(from, sp));
        if (a == null || text.charAt(to - 1) != ')') {
            return false;
        }
        int paren = text.indexOf('(', from);
        return paren > from && paren < to;
    }

    /** A commented line is a disabled rule when it starts with an action word and ends with ')'. */
    static boolean looksLikeRule(String s) {
        return looksLikeRule(s, 0, s.length());
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

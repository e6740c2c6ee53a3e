package dev.rampart.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
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
        List<Spans> files = new ArrayList<>();
        for (Path p : expand(paths)) {
            files.add(spans(p.toString(), FileContents.bytes(p)));
        }
        return parse(files, hook);
    }

    public Result loadString(String label, String text) {
        return parse(List.of(spans(label, text.getBytes(StandardCharsets.UTF_8))), null);
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
     * Rules per parsing task: below twice this the rules are parsed on the calling thread. Each task
     * has its own parser (its address and port caches are not shared between threads).
     */
    static final int RULES_PER_TASK = 2048;

    /**
     * Parses the picked rule texts of all files as one list: ET Open's ~50 files have mostly fewer
     * than {@code 2 * RULES_PER_TASK} rules each, so file by file most of them were parsed on one
     * thread. Contiguous slices in parallel; results in file and line order.
     */
    private Result parse(List<Spans> files, ParsedRuleHook hook) {
        int total = 0;
        for (Spans f : files) {
            total += f.count;
        }
        int[] fileOf = new int[total];
        int[] spanOf = new int[total];
        int n = 0;
        for (int fi = 0; fi < files.size(); fi++) {
            Spans f = files.get(fi);
            for (int k = 0; k < f.count; k++) {
                if (f.enabled[k] || includeDisabled) {
                    fileOf[n] = fi;
                    spanOf[n++] = k;
                }
            }
        }
        int count = n;
        int tasks = Math.min(Runtime.getRuntime().availableProcessors(), count / RULES_PER_TASK);
        Object[] parsed = new Object[count];
        if (tasks < 2) {
            parseRange(parser, hook, files, fileOf, spanOf, 0, count, parsed);
        } else {
            // rule texts are independent: contiguous slices in parallel, results kept in file order
            IntStream.range(0, tasks).parallel().forEach(t -> parseRange(
                    t == 0 ? parser : new RuleParser(parser.env()), hook, files, fileOf, spanOf,
                    (int) ((long) count * t / tasks), (int) ((long) count * (t + 1) / tasks), parsed));
        }
        List<Rule> rules = new ArrayList<>(count);
        List<RuleError> errors = new ArrayList<>();
        for (Object o : parsed) {
            if (o instanceof Rule r) {
                rules.add(r);
            } else {
                errors.add((RuleError) o);
            }
        }
        return new Result(rules, errors);
    }

    private static void parseRange(RuleParser parser, ParsedRuleHook hook, List<Spans> files, int[] fileOf,
            int[] spanOf, int from, int to, Object[] out) {
        ParsedRuleHook.Task task = hook == null ? null : hook.newTask();
        for (int i = from; i < to; i++) {
            Spans spans = files.get(fileOf[i]);
            int k = spanOf[i];
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
     * A file's rule texts as ranges of its UTF-8 bytes ({@link #split}'s texts, not yet decoded):
     * each text is decoded by the task that parses it, so the file is never one 12 MB string. A
     * text joined from continued lines is its own string.
     */
    private static final class Spans {
        final String label;
        final byte[] whole;
        int count;
        int[] from;
        int[] to;
        int[] line;
        boolean[] enabled;
        String[] own;

        Spans(String label, byte[] whole, int capacity) {
            this.label = label;
            this.whole = whole;
            int cap = Math.max(16, capacity);
            from = new int[cap];
            to = new int[cap];
            line = new int[cap];
            enabled = new boolean[cap];
            own = new String[cap];
        }

        void add(int start, int end, int lineNo, boolean on, String joined) {
            if (count == from.length) {
                grow(count * 2);
            }
            from[count] = start;
            to[count] = end;
            line[count] = lineNo;
            enabled[count] = on;
            own[count] = joined;
            count++;
        }

        private void grow(int cap) {
            from = Arrays.copyOf(from, cap);
            to = Arrays.copyOf(to, cap);
            line = Arrays.copyOf(line, cap);
            enabled = Arrays.copyOf(enabled, cap);
            own = Arrays.copyOf(own, cap);
        }

        /** Appends {@code piece}'s texts, their line numbers moved down by {@code lines}. */
        void append(Spans piece, int lines) {
            if (count + piece.count > from.length) {
                grow(count + piece.count);
            }
            System.arraycopy(piece.from, 0, from, count, piece.count);
            System.arraycopy(piece.to, 0, to, count, piece.count);
            System.arraycopy(piece.enabled, 0, enabled, count, piece.count);
            System.arraycopy(piece.own, 0, own, count, piece.count);
            for (int k = 0; k < piece.count; k++) {
                line[count + k] = piece.line[k] + lines;
            }
            count += piece.count;
        }

        String text(int k) {
            return own[k] != null ? own[k] : new String(whole, from[k], to[k] - from[k], StandardCharsets.UTF_8);
        }
    }

    /**
     * Splits a rule file into rule texts (continuations joined, comments and blanks dropped). A line
     * that is not continued becomes its rule text in one decode of its bytes (ET Open: 12 MB of
     * lines, so no per-line array, builder and trim copies).
     */
    public static List<RuleText> split(String label, String text) {
        return texts(spans(label, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Files above this many bytes are split into pieces that are scanned for rule texts in parallel. */
    static final int PIECE_BYTES = 1 << 20;

    /**
     * The rule texts of a file. A large file is cut into pieces at line ends that no backslash
     * continues (so no text spans two pieces), the pieces scanned in parallel, their line numbers
     * then moved down by the lines of the pieces before them.
     */
    private static Spans spans(String label, byte[] text) {
        return spans(label, text, (int) Math.min(Runtime.getRuntime().availableProcessors(), text.length / PIECE_BYTES));
    }

    /** {@link #split(String, String)} of UTF-8 bytes cut into (up to) {@code pieces} pieces: for tests. */
    static List<RuleText> split(String label, byte[] text, int pieces) {
        return texts(spans(label, text, pieces));
    }

    private static List<RuleText> texts(Spans spans) {
        List<RuleText> out = new ArrayList<>(spans.count);
        for (int k = 0; k < spans.count; k++) {
            out.add(new RuleText(spans.label, spans.line[k], spans.text(k), spans.enabled[k]));
        }
        return out;
    }

    private static Spans spans(String label, byte[] text, int pieces) {
        int[] cuts = new int[Math.max(1, pieces) + 1];
        int made = 0;
        for (int p = 1; p < pieces; p++) {
            int at = safeCut(text, (int) ((long) text.length * p / pieces));
            if (at > cuts[made] && at < text.length) {
                cuts[++made] = at;
            }
        }
        cuts[++made] = text.length;
        int parts = made;
        if (parts == 1) {
            Spans out = new Spans(label, text, text.length / 400);
            scan(out, text, 0, text.length, true);
            return out;
        }
        Spans[] part = new Spans[parts];
        int[] lines = new int[parts];
        IntStream.range(0, parts).parallel().forEach(p -> {
            part[p] = new Spans(label, text, (cuts[p + 1] - cuts[p]) / 400);
            lines[p] = scan(part[p], text, cuts[p], cuts[p + 1], p == parts - 1);
        });
        int total = 0;
        for (Spans piece : part) {
            total += piece.count;
        }
        Spans out = new Spans(label, text, total); // one allocation, not a regrowth per piece
        int before = 0;
        for (int p = 0; p < parts; p++) {
            out.append(part[p], before);
            before += lines[p];
        }
        return out;
    }

    /**
     * The first line start at or after {@code at} whose previous line no backslash continues, or
     * the text's length when there is none.
     */
    static int safeCut(byte[] text, int at) {
        int lineStart = Math.max(at, 1) - 1;
        while (lineStart > 0 && text[lineStart - 1] != '\n') {
            lineStart--;
        }
        for (int i = Math.max(at, 1); i < text.length; i++) {
            if (text[i - 1] == '\n') {
                int lineEnd = i - 1;
                if (lineEnd > lineStart && text[lineEnd - 1] == '\r') {
                    lineEnd--;
                }
                if (!continues(text, lineStart, lineEnd)) {
                    return i;
                }
                lineStart = i;
            }
        }
        return text.length;
    }

    /** Whether the line {@code text[lineStart, lineEnd)} (no line break) ends in a backslash that continues it. */
    private static boolean continues(byte[] text, int lineStart, int lineEnd) {
        return lineEnd > lineStart && text[lineEnd - 1] == '\\'
                && !(lineEnd - lineStart >= 2 && text[lineEnd - 2] == '\\');
    }

    /**
     * Scans the lines of {@code text[start, end)} ({@code end} a line start or the text's end) into
     * {@code out} with line numbers from 1; returns the number of lines. Like
     * {@code text.split("\n", -1)}: n + 1 lines for n newlines, the last one maybe empty, counted
     * only in the text's {@code last} piece (the other pieces end where a line starts).
     */
    private static int scan(Spans out, byte[] text, int start, int end, boolean last) {
        StringBuilder pending = null;
        int pendingLine = 0;
        int lineNo = 0;
        for (int from = start; from < end || (last && from == end); ) {
            int nl = indexOfNewline(text, from, end);
            int stop = nl < 0 ? end : nl;
            int lineEnd = stop > from && text[stop - 1] == '\r' ? stop - 1 : stop;
            int lineStart = from;
            from = stop + 1;
            lineNo++;
            if (continues(text, lineStart, lineEnd)) {
                if (pending == null) {
                    pending = new StringBuilder();
                    pendingLine = lineNo;
                }
                pending.append(new String(text, lineStart, lineEnd - 1 - lineStart, StandardCharsets.UTF_8));
                continue;
            }
            if (pending != null) {
                String joined = pending.append(new String(text, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8))
                        .toString().trim();
                pending = null;
                addJoined(out, joined, pendingLine);
                continue;
            }
            // the line trimmed, as a range (String.trim's rule: chars up to ' '; UTF-8's other bytes are above)
            int a = lineStart;
            int b = lineEnd;
            while (a < b && (text[a] & 0xff) <= ' ') {
                a++;
            }
            while (b > a && (text[b - 1] & 0xff) <= ' ') {
                b--;
            }
            addLine(out, text, a, b, lineNo);
        }
        if (pending != null && !pending.toString().isBlank()) {
            out.add(0, 0, pendingLine, true, pending.toString().trim());
        }
        return lineNo;
    }

    private static int indexOfNewline(byte[] text, int from, int end) {
        for (int i = from; i < end; i++) {
            if (text[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Adds the trimmed line {@code text[a, b)} when it is a rule: enabled, or commented out
     * ({@code #} and blanks before an action word, ending in ')'). Blank lines and other comments
     * are skipped.
     */
    private static void addLine(Spans out, byte[] text, int a, int b, int line) {
        int start = ruleStart(text, a, b);
        if (start >= 0) {
            out.add(start, b, line, text[a] != '#', null);
        }
    }

    /** As {@link #addLine}, for continuation lines joined into one trimmed string (the span keeps its rule text). */
    private static void addJoined(Spans out, String joined, int line) {
        byte[] text = joined.getBytes(StandardCharsets.UTF_8);
        int start = ruleStart(text, 0, text.length);
        if (start >= 0) {
            out.add(0, 0, line, text[0] != '#', new String(text, start, text.length - start, StandardCharsets.UTF_8));
        }
    }

    /**
     * Where the rule text of the trimmed line {@code text[a, b)} starts: {@code a} for a rule, after
     * the {@code #} and blanks for a commented-out one; -1 for a blank line or another comment.
     */
    private static int ruleStart(byte[] text, int a, int b) {
        if (a == b) {
            return -1;
        }
        if (text[a] != '#') {
            return a;
        }
        while (a < b && (text[a] == '#' || text[a] == ' ' || text[a] == '\t')) {
            a++;
        }
        return looksLikeRule(text, a, b) ? a : -1;
    }

    /** {@link #looksLikeRule(String, int, int)} of a line's UTF-8 bytes, decoded only when not ASCII where it matters. */
    private static boolean looksLikeRule(byte[] text, int from, int to) {
        int sp = from;
        while (sp < to && isAsciiLetter(text[sp])) {
            sp++;
        }
        if (sp < to && text[sp] < 0) {
            // a non-ASCII letter or space after the word: the String rule decides, as it always did
            String s = new String(text, from, to - from, StandardCharsets.UTF_8);
            return looksLikeRule(s, 0, s.length());
        }
        if (sp == from || sp >= to || !Character.isWhitespace(text[sp])) {
            return false;
        }
        Action a = Action.of(new String(text, from, sp - from, StandardCharsets.ISO_8859_1));
        if (a == null || text[to - 1] != ')') {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            if (text[i] == '(') {
                return true;
            }
        }
        return false;
    }

    private static boolean isAsciiLetter(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
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

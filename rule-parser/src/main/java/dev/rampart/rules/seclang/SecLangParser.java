package dev.rampart.rules.seclang;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Reads a SecLang (ModSecurity v2) configuration as ModSecurity 2.9 under Apache httpd does.
 *
 * <p>Lines: a line ending in a backslash goes on with the next line (the backslash dropped, the
 * next line's leading whitespace kept), then the joined line is trimmed; it is a comment when it
 * starts with {@code #} (a comment ending in a backslash swallows the next line too, as in Apache).
 * Arguments: split on whitespace; a double- or single-quoted argument keeps its spaces, and in it
 * {@code \"} (or {@code \'}) and {@code \\} stand for the character. Unlike Apache, which takes an
 * unterminated quote to the end of the line, an unterminated quote is refused here: it is always a
 * typo that would silently change the rule.
 *
 * <p>Rules are checked as ModSecurity checks them when it loads: variable, operator, action and
 * transformation names, parameters required or refused, a chain starter must have an id, a chained
 * rule must not have an id or a phase, a chain must not be left open at the end of a file.
 * Files are read as Latin-1 (one char per byte).
 */
public final class SecLangParser {
    /** Include depth at which we stop (Apache stops at 128). */
    private static final int MAX_INCLUDE_DEPTH = 64;

    private final Deque<Path> including = new ArrayDeque<>();
    private final List<SecDirective> out = new ArrayList<>();
    /** Rule ids seen so far, with where: ModSecurity refuses a second rule with the same id. */
    private final Map<String, String> ids = new HashMap<>();

    private SecLangParser() {
    }

    /**
     * Parses one configuration text. {@code Include} paths are relative to {@code file}'s directory.
     *
     * @param text the configuration
     * @param file the name to report in directives and errors
     */
    public static List<SecDirective> parse(String text, String file) throws SecLangException {
        SecLangParser p = new SecLangParser();
        Path dir;
        try {
            dir = parentOf(Path.of(file.isEmpty() ? "." : file));
        } catch (InvalidPathException e) {
            dir = Path.of("").toAbsolutePath();
        }
        p.parseText(text, file, dir);
        return List.copyOf(p.out);
    }

    /**
     * Parses files in order; a directory stands for its {@code *.conf} files sorted by name.
     *
     * @throws IOException when a given path cannot be read
     */
    public static List<SecDirective> parseFiles(List<Path> paths) throws SecLangException, IOException {
        SecLangParser p = new SecLangParser();
        for (Path path : paths) {
            for (Path f : Files.isDirectory(path) ? confFiles(path) : List.of(path)) {
                p.parseFile(f, f.toString(), 0);
            }
        }
        return List.copyOf(p.out);
    }

    /** Parses an action list ({@code "id:1,phase:2,t:none,msg:'a, b'"}). */
    public static List<SecActionItem> parseActions(String actionList) {
        List<SecActionItem> items = new ArrayList<>();
        for (String[] pair : SecLangLists.split(actionList)) {
            items.add(action(pair[0], pair[1]));
        }
        return List.copyOf(items);
    }

    /** Parses a target list ({@code "ARGS|!ARGS:foo|&TX:score|REQUEST_HEADERS:/^x-/"}). */
    public static List<SecVariable> parseVariables(String variables) {
        List<SecVariable> vars = new ArrayList<>();
        for (String[] pair : SecLangLists.split(variables)) {
            vars.add(variable(pair[0], pair[1]));
        }
        if (vars.isEmpty()) throw new IllegalArgumentException("no variables");
        return List.copyOf(vars);
    }

    /** Parses an operator ({@code "@rx ^a"}, {@code "!@within %{tx.x}"}, {@code "^a"} is rx). */
    public static SecOperator parseOperator(String operator) {
        String s = operator;
        boolean negated = false;
        int i = 0;
        if (s.startsWith("!")) {
            negated = true;
            i = 1;
            while (i < s.length() && isSpace(s.charAt(i))) i++;
        }
        if (i >= s.length() || s.charAt(i) != '@') {
            return new SecOperator("rx", s.substring(i), negated);
        }
        int start = ++i;
        while (i < s.length() && !isSpace(s.charAt(i))) i++;
        String name = s.substring(start, i);
        // ModSecurity skips all the whitespace between the name and the argument.
        while (i < s.length() && isSpace(s.charAt(i))) i++;
        if (!SecLangNames.OPERATORS.contains(name)) {
            throw new IllegalArgumentException("unknown operator @" + name);
        }
        return new SecOperator(name, s.substring(i), negated);
    }

    private static SecActionItem action(String name, String value) {
        int[] arity = SecLangNames.ACTIONS.get(name);
        if (arity == null) throw new IllegalArgumentException("unknown action '" + name + "'");
        if (value == null && arity[0] > 0) {
            throw new IllegalArgumentException("action " + name + " needs a value");
        }
        if (value != null && arity[1] == 0) {
            throw new IllegalArgumentException("action " + name + " takes no value");
        }
        if (name.equalsIgnoreCase("t") && !SecLangNames.TRANSFORMATIONS.contains(value)) {
            throw new IllegalArgumentException("unknown transformation t:" + value);
        }
        if (name.equalsIgnoreCase("phase") && SecLangNames.phase(value) == null) {
            throw new IllegalArgumentException("invalid phase '" + value + "'");
        }
        return new SecActionItem(name, value);
    }

    private static SecVariable variable(String written, String key) {
        boolean exclusion = false;
        boolean count = false;
        String name = written;
        if (name.startsWith("!")) {
            exclusion = true;
            name = name.substring(1);
        } else if (name.startsWith("&")) {
            count = true;
            name = name.substring(1);
        }
        // ModSecurity reads HTTP_X as REQUEST_HEADERS:X.
        if (name.length() > 5 && name.startsWith("HTTP_")) {
            key = name.substring(5);
            name = "REQUEST_HEADERS";
        }
        int[] meta = SecLangNames.VARIABLES.get(name);
        if (meta == null) throw new IllegalArgumentException("unknown variable '" + written + "'");
        if (count && meta[0] == 0) {
            throw new IllegalArgumentException("& applies to collections only: " + written);
        }
        if (key == null && meta[1] > 0) {
            throw new IllegalArgumentException("variable " + name + " needs a key");
        }
        if (key != null && meta[2] == 0) {
            throw new IllegalArgumentException("variable " + name + " takes no key");
        }
        String collection = name.toUpperCase(Locale.ROOT);
        // XML's selector is an XPath expression, not a regex.
        boolean regex = key != null && key.length() > 2 && key.startsWith("/") && key.endsWith("/")
                && !collection.equals("XML");
        return new SecVariable(collection, regex ? key.substring(1, key.length() - 1) : key, regex, count,
                exclusion);
    }

    private void parseFile(Path path, String shown, int depth) throws SecLangException, IOException {
        Path real = path.toRealPath();
        if (including.contains(real)) {
            throw new IOException("Include cycle: " + path + " includes itself");
        }
        including.push(real);
        try {
            String text = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
            parseText(text, shown, parentOf(path), depth);
        } finally {
            including.pop();
        }
    }

    private void parseText(String text, String file, Path dir) throws SecLangException {
        parseText(text, file, dir, 0);
    }

    private void parseText(String text, String file, Path dir, int depth) throws SecLangException {
        Chain chain = null;
        for (SecLangLines.Line l : SecLangLines.split(text)) {
            String s = l.text();
            if (s.isEmpty() || s.charAt(0) == '#') continue;
            int sp = 0;
            while (sp < s.length() && !isSpace(s.charAt(sp))) sp++;
            String name = s.substring(0, sp);
            List<String> args;
            try {
                args = SecLangLines.words(s.substring(sp));
            } catch (IllegalArgumentException e) {
                throw new SecLangException(file, l.number(), e.getMessage() + " in " + name);
            }
            String lower = name.toLowerCase(Locale.ROOT);
            try {
                switch (lower) {
                    case "secrule", "secaction" -> chain = rule(lower.equals("secaction"), args, file, l.number(),
                            chain);
                    case "secmarker" -> {
                        arity(name, args, 1, 1);
                        if (chain != null) throw new IllegalArgumentException("SecMarker inside an open chain");
                        out.add(new SecMarker(file, l.number(), args.get(0)));
                    }
                    case "include", "includeoptional" -> {
                        arity(name, args, 1, 1);
                        include(args.get(0), lower.equals("includeoptional"), dir, depth, file, l.number());
                    }
                    default -> {
                        if (!SecLangNames.SETTINGS.contains(name)) {
                            throw new IllegalArgumentException("unknown directive " + name);
                        }
                        checkSetting(lower, args);
                        out.add(new SecSetting(file, l.number(), name, args));
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new SecLangException(file, l.number(), e.getMessage());
            }
        }
        if (chain != null) {
            throw new SecLangException(file, chain.rules.get(chain.rules.size() - 1).line,
                    "chain left open at end of file (the rule's chain action has no following rule)");
        }
    }

    /** Checks the list arguments of the directives the engine reads with this class. */
    private static void checkSetting(String lower, List<String> args) {
        switch (lower) {
            case "secdefaultaction" -> {
                arity("SecDefaultAction", args, 1, 1);
                parseActions(args.get(0));
            }
            case "secruleupdatetargetbyid", "secruleupdatetargetbytag", "secruleupdatetargetbymsg" -> {
                arity(lower, args, 2, 3);
                parseVariables(args.get(1));
            }
            case "secruleupdateactionbyid" -> {
                arity("SecRuleUpdateActionById", args, 2, 2);
                parseActions(args.get(1));
            }
            default -> {
            }
        }
    }

    private Chain rule(boolean isAction, List<String> args, String file, int line, Chain chain) {
        List<SecVariable> vars;
        SecOperator op;
        List<SecActionItem> actions;
        if (isAction) {
            arity("SecAction", args, 1, 1);
            vars = List.of();
            op = new SecOperator("unconditionalMatch", "", false);
            actions = parseActions(args.get(0));
        } else {
            arity("SecRule", args, 2, 3);
            vars = parseVariables(args.get(0));
            op = parseOperator(args.get(1));
            actions = args.size() > 2 ? parseActions(args.get(2)) : List.of();
        }
        PendingRule r = new PendingRule(file, line, vars, op, actions, isAction);
        boolean chains = actions.stream().anyMatch(a -> a.name().equalsIgnoreCase("chain"));
        if (chain == null) {
            SecActionItem id = actions.stream().filter(a -> a.name().equalsIgnoreCase("id")).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("rule has no id action (ModSecurity requires one)"));
            String key = id.value().trim().replaceFirst("^0+(?=\\d)", "");
            String before = ids.putIfAbsent(key, file + ":" + line);
            if (before != null) {
                throw new IllegalArgumentException("rule id " + key + " already used at " + before);
            }
            chain = new Chain(out.size());
            out.add(null); // the chain's place, filled when it closes
        } else {
            for (SecActionItem a : actions) {
                if (a.name().equalsIgnoreCase("id") || a.name().equalsIgnoreCase("phase")) {
                    throw new IllegalArgumentException("a chained rule cannot have the " + a.name()
                            + " action (only its chain starter)");
                }
            }
        }
        chain.rules.add(r);
        if (chains) return chain;
        SecRule built = null;
        for (int i = chain.rules.size() - 1; i >= 0; i--) {
            PendingRule p = chain.rules.get(i);
            built = new SecRule(p.file, p.line, p.vars, p.op, p.actions, built, p.isAction);
        }
        out.set(chain.slot, built);
        return null;
    }

    private void include(String pattern, boolean optional, Path dir, int depth, String file, int line)
            throws SecLangException {
        if (depth >= MAX_INCLUDE_DEPTH) throw new IllegalArgumentException("Include nested too deep");
        List<Path> files;
        try {
            Path target = dir.resolve(pattern).normalize();
            String last = target.getFileName() == null ? "" : target.getFileName().toString();
            if (last.contains("*") || last.contains("?") || last.contains("[")) {
                files = new ArrayList<>();
                Path parent = parentOf(target);
                if (Files.isDirectory(parent)) {
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, last)) {
                        for (Path p : ds) {
                            if (Files.isRegularFile(p)) files.add(p);
                        }
                    }
                }
                files.sort(null);
                if (files.isEmpty() && !optional) {
                    throw new IllegalArgumentException("Include: no file matches " + pattern);
                }
            } else if (Files.isDirectory(target)) {
                files = confFiles(target);
            } else if (Files.isRegularFile(target)) {
                files = List.of(target);
            } else if (optional) {
                files = List.of();
            } else {
                throw new IllegalArgumentException("Include: cannot read " + pattern);
            }
            for (Path f : files) {
                parseFile(f, f.toString(), depth + 1);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) throw iae;
            throw new SecLangException(file, line, "Include " + pattern + ": " + e.getMessage());
        }
    }

    private static List<Path> confFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.conf")) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) files.add(p);
            }
        }
        files.sort(null);
        return files;
    }

    private static void arity(String name, List<String> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            String want = min == max ? String.valueOf(min) : min + " to " + max;
            throw new IllegalArgumentException(name + " takes " + want + " argument(s), got " + args.size());
        }
    }

    private static Path parentOf(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    static boolean isSpace(char c) {
        // C isspace in the "C" locale.
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    private record PendingRule(String file, int line, List<SecVariable> vars, SecOperator op,
                               List<SecActionItem> actions, boolean isAction) {
    }

    private static final class Chain {
        final int slot;
        final List<PendingRule> rules = new ArrayList<>();

        Chain(int slot) {
            this.slot = slot;
        }
    }
}

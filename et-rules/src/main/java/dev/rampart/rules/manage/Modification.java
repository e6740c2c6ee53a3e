package dev.rampart.rules.manage;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One modify.conf line: {@code <selector> "<from regex>" "<to>"} (or Oinkmaster's
 * {@code modifysid <selector> "<from>" | "<to>"}). Every match of {@code from} in the rule text is
 * replaced (Python's {@code re.sub}); the replacement may refer to groups as {@code \1},
 * {@code \g<1>}, {@code \g<name>} or {@code ${1}}. The regex is case-sensitive, as in
 * suricata-update.
 */
public final class Modification {
    private final RuleMatcher matcher;
    private final Pattern from;
    private final String to;
    private final List<Object> template;
    private final String origin;

    private Modification(RuleMatcher matcher, Pattern from, String to, List<Object> template, String origin) {
        this.matcher = matcher;
        this.from = from;
        this.to = to;
        this.template = template;
        this.origin = origin;
    }

    /**
     * Parses one modify.conf line (comments already removed).
     *
     * @throws IllegalArgumentException with a short reason
     */
    public static Modification parse(String line, String origin) {
        // suricata-update lets "\$" stand for "$" on these lines
        String l = line.replace("\\$", "$");
        List<String> words = ShellWords.split(l);
        String sel;
        String a;
        String b;
        if (words.size() == 3) {
            sel = words.get(0);
            a = words.get(1);
            b = words.get(2);
        } else if (words.size() == 5 && words.get(0).equals("modifysid")) {
            if (!words.get(3).equals("|")) {
                throw new IllegalArgumentException("modifysid: expected '|' between the two strings");
            }
            sel = words.get(1);
            a = words.get(2);
            b = words.get(4);
        } else {
            throw new IllegalArgumentException("expected <selector> \"<from regex>\" \"<to>\", found "
                    + words.size() + " words");
        }
        RuleMatcher m = RuleMatcher.parse(sel);
        Pattern p;
        try {
            p = Pattern.compile(PythonRegex.toJava(a));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression \"" + a + "\": " + e.getDescription());
        }
        return new Modification(m, p, b, compileTemplate(b, p), origin);
    }

    public RuleMatcher matcher() {
        return matcher;
    }

    public Pattern from() {
        return from;
    }

    public String to() {
        return to;
    }

    public String origin() {
        return origin;
    }

    public boolean matches(ManagedRule rule) {
        return matcher.matches(rule);
    }

    /** Replaces every match of the regex in {@code text}. */
    public String apply(String text) {
        Matcher m = from.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            for (Object part : template) {
                if (part instanceof String s) {
                    out.append(s);
                } else if (part instanceof Integer g) {
                    String v = m.group(g);
                    out.append(v == null ? "" : v);
                } else {
                    String v = m.group(((GroupName) part).name());
                    out.append(v == null ? "" : v);
                }
            }
            last = m.end();
        }
        if (last == 0 && out.length() == 0) {
            return text;
        }
        return out.append(text, last, text.length()).toString();
    }

    public String describe() {
        return origin + " (" + matcher.text() + ")";
    }

    private record GroupName(String name) {
    }

    /** Python re.sub replacement template: literal strings, group numbers and group names. */
    private static List<Object> compileTemplate(String t, Pattern p) {
        int groups = p.matcher("").groupCount();
        List<Object> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '$' && t.startsWith("${", i)) {
                // Oinkmaster's ${N}
                int close = t.indexOf('}', i);
                String num = close < 0 ? "" : t.substring(i + 2, close);
                if (!num.isEmpty() && num.chars().allMatch(Character::isDigit)) {
                    flush(lit, parts);
                    parts.add(groupRef(Integer.parseInt(num), groups));
                    i = close + 1;
                    continue;
                }
                lit.append(c);
                i++;
            } else if (c == '\\') {
                if (i + 1 >= t.length()) {
                    throw new IllegalArgumentException("bad escape (end of replacement)");
                }
                char d = t.charAt(i + 1);
                if (Character.isDigit(d)) {
                    int j = i + 1;
                    while (j < t.length() && j < i + 3 && Character.isDigit(t.charAt(j))) {
                        j++;
                    }
                    flush(lit, parts);
                    parts.add(groupRef(Integer.parseInt(t.substring(i + 1, j)), groups));
                    i = j;
                } else if (d == 'g') {
                    int close = t.indexOf('>', i);
                    if (i + 2 >= t.length() || t.charAt(i + 2) != '<' || close < 0) {
                        throw new IllegalArgumentException("bad group reference in replacement (expected \\g<...>)");
                    }
                    String ref = t.substring(i + 3, close);
                    flush(lit, parts);
                    if (!ref.isEmpty() && ref.chars().allMatch(Character::isDigit)) {
                        parts.add(groupRef(Integer.parseInt(ref), groups));
                    } else {
                        if (!p.pattern().contains("(?<" + ref + ">")) {
                            throw new IllegalArgumentException("unknown group name '" + ref + "' in replacement");
                        }
                        parts.add(new GroupName(ref));
                    }
                    i = close + 1;
                } else {
                    String esc = switch (d) {
                        case 'n' -> "\n";
                        case 't' -> "\t";
                        case 'r' -> "\r";
                        case 'f' -> "\f";
                        case 'v' -> "\u000b";
                        case 'a' -> "\u0007";
                        case 'b' -> "\b";
                        case '\\' -> "\\";
                        default -> {
                            if ((d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z')) {
                                throw new IllegalArgumentException("bad escape \\" + d + " in replacement");
                            }
                            // Python keeps other unknown escapes as written
                            yield "\\" + d;
                        }
                    };
                    lit.append(esc);
                    i += 2;
                }
            } else {
                lit.append(c);
                i++;
            }
        }
        flush(lit, parts);
        return List.copyOf(parts);
    }

    private static Integer groupRef(int g, int groups) {
        if (g > groups) {
            throw new IllegalArgumentException("invalid group reference " + g + " (the regex has " + groups
                    + " groups)");
        }
        return g;
    }

    private static void flush(StringBuilder lit, List<Object> parts) {
        if (lit.length() > 0) {
            parts.add(lit.toString());
            lit.setLength(0);
        }
    }
}

package dev.rampart.rules.manage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A rule selector in suricata-update's syntax, as used by {@code enable.conf}, {@code disable.conf},
 * {@code drop.conf}, {@code modify.conf} and profile filters:
 * <ul>
 *   <li>{@code *} — every rule</li>
 *   <li>{@code 2019401}, {@code 1:2019401}, {@code 1:2019401:3} (gid:sid:rev), or a comma-separated
 *       list of those</li>
 *   <li>{@code re:REGEX} — case-insensitive search in the rule text</li>
 *   <li>{@code group:GLOB} — the rule file's base name, with or without {@code .rules};
 *       a bare {@code NAME.rules} means the same</li>
 *   <li>{@code filename:GLOB} — the rule file's full name as its source names it</li>
 *   <li>{@code metadata: KEY VALUE} — a metadata entry, case-insensitive</li>
 * </ul>
 */
public sealed interface RuleMatcher {

    boolean matches(ManagedRule rule);

    /** The selector as written in the configuration. */
    String text();

    /**
     * Parses a selector. Tries the forms in suricata-update's order (all, ids, re, filename, group,
     * metadata).
     *
     * @throws IllegalArgumentException with a short reason when the text is none of them
     */
    static RuleMatcher parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty rule selector");
        }
        if (s.equals("*")) {
            return new All();
        }
        Ids ids = Ids.tryParse(s);
        if (ids != null) {
            return ids;
        }
        if (s.startsWith("re:")) {
            String re = s.substring(3).strip();
            if (re.isEmpty()) {
                throw new IllegalArgumentException("re: needs a regular expression");
            }
            try {
                return new Regex(s, Pattern.compile(PythonRegex.toJava(re),
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("re: invalid regular expression: " + e.getDescription());
            }
        }
        if (s.startsWith("filename:")) {
            String g = s.substring(9).strip();
            if (g.isEmpty()) {
                throw new IllegalArgumentException("filename: needs a file name pattern");
            }
            return new Filename(s, Glob.compile(g));
        }
        if (s.startsWith("group:")) {
            String g = s.substring(6).strip();
            if (g.isEmpty()) {
                throw new IllegalArgumentException("group: needs a file name pattern");
            }
            return new Group(s, Glob.compile(g));
        }
        if (s.endsWith(".rules") && s.indexOf(' ') < 0) {
            return new Group(s, Glob.compile(s));
        }
        if (s.startsWith("metadata:")) {
            String kv = s.substring(9).strip();
            int sp = kv.indexOf(' ');
            if (sp < 0) {
                throw new IllegalArgumentException("metadata: needs a key and a value (metadata: KEY VALUE)");
            }
            return new Metadata(s, kv.substring(0, sp).toLowerCase(Locale.ROOT),
                    kv.substring(sp + 1).strip().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("not a rule selector: \"" + s
                + "\" (expected sid, gid:sid, re:, group:, filename:, metadata: or *)");
    }

    /** Every rule. */
    record All() implements RuleMatcher {
        public boolean matches(ManagedRule rule) {
            return true;
        }

        public String text() {
            return "*";
        }
    }

    /** One id: gid and sid, and rev when given (rev &lt; 0: any). */
    record Id(long gid, long sid, long rev) {
        boolean matches(RuleFacts f) {
            return f.gid() == gid && f.sid() == sid && (rev < 0 || f.rev() == rev);
        }
    }

    /** A list of ids ({@code 2019401, 1:2019402, 1:2019403:2}). */
    record Ids(String text, List<Id> ids) implements RuleMatcher {
        public Ids {
            ids = List.copyOf(ids);
        }

        public boolean matches(ManagedRule rule) {
            for (Id id : ids) {
                if (id.matches(rule.facts())) {
                    return true;
                }
            }
            return false;
        }

        static Ids tryParse(String s) {
            List<Id> ids = new ArrayList<>();
            for (String entry : s.split(",", -1)) {
                String[] parts = entry.strip().split(":", -1);
                if (parts.length > 3) {
                    return null;
                }
                long[] n = new long[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    n[i] = parseId(parts[i].strip());
                    if (n[i] < 0) {
                        return null;
                    }
                }
                ids.add(switch (n.length) {
                    case 1 -> new Id(1, n[0], -1);
                    case 2 -> new Id(n[0], n[1], -1);
                    default -> new Id(n[0], n[1], n[2]);
                });
            }
            return new Ids(s, ids);
        }

        private static long parseId(String s) {
            if (s.isEmpty() || s.length() > 18) {
                return -1;
            }
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                    return -1;
                }
            }
            return Long.parseLong(s);
        }
    }

    /** {@code re:REGEX}: searched in the rule text, ignoring case. */
    record Regex(String text, Pattern pattern) implements RuleMatcher {
        public boolean matches(ManagedRule rule) {
            return pattern.matcher(rule.text()).find();
        }
    }

    /** {@code group:GLOB}: the file's base name, with or without its extension. */
    record Group(String text, Glob glob) implements RuleMatcher {
        public boolean matches(ManagedRule rule) {
            String g = rule.group();
            if (glob.matches(g)) {
                return true;
            }
            int dot = g.lastIndexOf('.');
            return dot > 0 && glob.matches(g.substring(0, dot));
        }
    }

    /** {@code filename:GLOB}: the file name as the source gives it. */
    record Filename(String text, Glob glob) implements RuleMatcher {
        public boolean matches(ManagedRule rule) {
            return glob.matches(rule.file());
        }
    }

    /** {@code metadata: KEY VALUE}: an entry whose key and value equal these, ignoring case. */
    record Metadata(String text, String key, String value) implements RuleMatcher {
        public boolean matches(ManagedRule rule) {
            for (RuleFacts.Meta m : rule.facts().metadata()) {
                if (m.key().equalsIgnoreCase(key) && m.value().equalsIgnoreCase(value)) {
                    return true;
                }
            }
            return false;
        }
    }
}

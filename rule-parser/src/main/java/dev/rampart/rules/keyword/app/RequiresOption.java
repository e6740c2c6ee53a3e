package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code requires:feature ja4, version >= 7.0.3 < 8 | >= 9;} (Suricata 7.0.3+) — conditions the
 * engine must meet, otherwise the rule is skipped without an error. The requirements are kept as
 * written for the engine to evaluate; only {@code version} expressions are checked here, since a
 * malformed one is a load error in Suricata. Other requirement kinds ({@code feature},
 * {@code keyword}, and unknown ones, which merely make Suricata skip the rule) are accepted.
 */
public record RequiresOption(List<Requirement> requirements) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("requires", KeywordDef.doc("meta", "requires"),
            ValueMode.REQUIRED, RequiresOption::parse);

    /** One {@code kind value} requirement, e.g. ({@code feature}, {@code ja4}). */
    public record Requirement(String kind, String value) {
    }

    public RequiresOption {
        requirements = List.copyOf(requirements);
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("requires", value);
        List<Requirement> out = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            String t = item.trim();
            if (t.isEmpty()) {
                continue;
            }
            int i = 0;
            while (i < t.length() && !Args.isSpace(t.charAt(i))) {
                i++;
            }
            String kind = t.substring(0, i);
            String rest = t.substring(i).trim().replaceAll("\\s+", " ");
            if (kind.equals("version")) {
                checkVersionExpr(rest);
            }
            out.add(new Requirement(kind, rest));
        }
        if (out.isEmpty()) {
            throw new RuleParseException("requires: no requirements given");
        }
        ctx.add(new RequiresOption(out));
    }

    /** {@code OP VERSION [OP VERSION...] [| ...]} with OP one of &lt; &lt;= &gt; &gt;= = and VERSION N[.N[.N]]. */
    static void checkVersionExpr(String expr) throws RuleParseException {
        for (String alt : expr.split("\\|", -1)) {
            String s = alt.trim();
            if (s.isEmpty()) {
                throw badVersion(expr);
            }
            int i = 0;
            while (i < s.length()) {
                int opStart = i;
                while (i < s.length() && "<>=".indexOf(s.charAt(i)) >= 0) {
                    i++;
                }
                String op = s.substring(opStart, i);
                if (!op.equals("<") && !op.equals("<=") && !op.equals(">") && !op.equals(">=") && !op.equals("=")) {
                    throw badVersion(expr);
                }
                i = Args.skipSpaces(s, i);
                int parts = 0;
                while (true) {
                    int ds = i;
                    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                        i++;
                    }
                    if (i == ds) {
                        throw badVersion(expr);
                    }
                    parts++;
                    if (i < s.length() && s.charAt(i) == '.' && parts < 3) {
                        i++;
                        continue;
                    }
                    break;
                }
                if (i < s.length() && !Args.isSpace(s.charAt(i))) {
                    throw badVersion(expr);
                }
                i = Args.skipSpaces(s, i);
            }
        }
    }

    /** The Suricata version whose rules Rampart follows (the engine's requires evaluation uses the same). */
    public static final int[] EMULATED_VERSION = {8, 0, 0};

    /**
     * Whether a raw {@code requires} value names a well-formed version requirement that
     * {@link #EMULATED_VERSION} does not meet (some alternative must have every comparison true).
     */
    public static boolean versionUnmet(String value) {
        if (value == null) {
            return false;
        }
        for (String item : value.split(",", -1)) {
            String t = item.trim().replaceAll("\\s+", " ");
            if (!t.startsWith("version ")) {
                continue;
            }
            String expr = t.substring("version ".length()).trim();
            try {
                checkVersionExpr(expr);
            } catch (RuleParseException e) {
                return false;
            }
            if (!versionMet(expr, EMULATED_VERSION)) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern COMPARISON =
            java.util.regex.Pattern.compile("(<=|>=|<|>|=)\\s*([0-9]+(?:\\.[0-9]+)*)");

    /** {@code OP V [OP V ...] [| ...]}: some alternative has every comparison true (syntax already checked); parts left out are 0. */
    public static boolean versionMet(String expr, int[] version) {
        for (String alt : expr.split("\\|")) {
            java.util.regex.Matcher m = COMPARISON.matcher(alt);
            boolean all = true;
            while (m.find()) {
                String[] parts = m.group(2).split("\\.");
                int c = 0;
                for (int i = 0; i < 3 && c == 0; i++) {
                    c = Integer.compare(version[i], i < parts.length ? Integer.parseInt(parts[i]) : 0);
                }
                all &= switch (m.group(1)) {
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    case ">=" -> c >= 0;
                    default -> c == 0;
                };
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static RuleParseException badVersion(String expr) {
        return new RuleParseException("requires: invalid version expression \"" + expr + "\"");
    }

    @Override
    public String keyword() {
        return "requires";
    }

    @Override
    public void appendValue(StringBuilder out) {
        for (int i = 0; i < requirements.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            Requirement r = requirements.get(i);
            out.append(r.kind());
            if (!r.value().isEmpty()) {
                out.append(' ').append(r.value());
            }
        }
    }
}

package dev.rampart.rules.keyword.flow;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code threshold:type limit|threshold|both, track by_src|by_dst|by_both|by_rule|by_flow,
 * count N, seconds N;} — alert rate control; the four parts in any order, each exactly once.
 * Suricata 8's {@code type backoff} takes {@code multiplier N} instead of {@code seconds}.
 * Only one threshold per rule, and not together with {@code detection_filter}.
 */
public record ThresholdOption(Type type, Track track, long count, long seconds, long multiplier)
        implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("threshold", KeywordDef.doc("thresholding", "threshold"),
            ValueMode.REQUIRED, ThresholdOption::parse);

    public enum Type {
        LIMIT("limit"), THRESHOLD("threshold"), BOTH("both"), BACKOFF("backoff");

        final String text;

        Type(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** Tracking key, shared with {@link DetectionFilterOption}. */
    public enum Track {
        BY_SRC("by_src"), BY_DST("by_dst"), BY_BOTH("by_both"), BY_RULE("by_rule"), BY_FLOW("by_flow");

        final String text;

        Track(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        static Track of(String s) {
            for (Track t : values()) {
                if (t.text.equals(s)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** One {@code name value} pair of a threshold-like keyword. */
    record Pair(String name, String value) {
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("threshold", value);
        if (ctx.seen("detection_filter")) {
            throw new RuleParseException("threshold: \"detection_filter\" and \"threshold\" are not allowed in the same rule");
        }
        if (ctx.seen("threshold")) {
            throw new RuleParseException("threshold: multiple \"threshold\" options are not allowed in the same rule");
        }
        boolean backoff = value.contains("backoff");
        // Suricata first counts, per comma-separated part, the parts mentioning each key
        String second = backoff ? "multiplier" : "second";
        if (countParts(value, "count") != 1 || countParts(value, second) != 1 || countParts(value, "type") != 1
                || countParts(value, "track") != 1) {
            throw new RuleParseException("threshold: needs each of type, track, count and "
                    + (backoff ? "multiplier" : "seconds") + " exactly once");
        }
        // then takes the first four "name value" pairs; anything after them is ignored
        List<Pair> pairs = pairs("threshold", value, 4, 4, false);
        Type type = null;
        Track track = null;
        Long count = null;
        Long seconds = null;
        Long multiplier = null;
        for (Pair p : pairs) {
            switch (p.name()) {
                case "type" -> type = switch (p.value()) {
                    case "limit" -> Type.LIMIT;
                    case "threshold" -> Type.THRESHOLD;
                    case "both" -> Type.BOTH;
                    case "backoff" -> Type.BACKOFF;
                    default -> throw new RuleParseException("threshold: invalid type \"" + p.value() + "\"");
                };
                case "track" -> {
                    track = Track.of(p.value());
                    if (track == null) {
                        throw new RuleParseException("threshold: invalid track \"" + p.value() + "\"");
                    }
                }
                case "count" -> count = Args.parseDecimal("threshold", "count", p.value(), 0xFFFF_FFFFL);
                case "seconds" -> seconds = Args.parseDecimal("threshold", "seconds", p.value(), 0xFFFF_FFFFL);
                case "multiplier" -> multiplier = Args.parseDecimal("threshold", "multiplier", p.value(),
                        0xFFFF_FFFFL);
                default -> throw new RuleParseException("threshold: unknown setting \"" + p.name() + "\"");
            }
        }
        if (type == null || track == null || count == null) {
            throw new RuleParseException("threshold: needs type, track, count and seconds");
        }
        if (type == Type.BACKOFF) {
            if (multiplier == null || seconds != null) {
                throw new RuleParseException("threshold: type backoff needs count and multiplier (no seconds)");
            }
            if (count == 0 || multiplier < 2) {
                // a backoff with count 0 or a multiplier below 2 makes no sense (Suricata 8 refuses)
                throw new RuleParseException("threshold: backoff needs count > 0 and multiplier > 1");
            }
            if (track != Track.BY_FLOW) {
                // its counter is the flow's (Suricata 8 refuses any other track)
                throw new RuleParseException("threshold: type backoff supports only track by_flow");
            }
        } else if (seconds == null || multiplier != null) {
            throw new RuleParseException("threshold: type " + type.text + " needs count and seconds");
        }
        ctx.once("threshold");
        ctx.add(new ThresholdOption(type, track, count, seconds == null ? 0 : seconds,
                multiplier == null ? 0 : multiplier));
    }

    /** Number of comma-separated parts containing {@code word}. */
    static int countParts(String value, String word) {
        int n = 0;
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == ',') {
                if (value.substring(start, i).contains(word)) {
                    n++;
                }
                start = i + 1;
            }
        }
        return n;
    }

    /**
     * Reads {@code min..max} pairs {@code \s*name\s+value\s*} separated by commas. The name is
     * letters/underscore, the value letters/digits/underscore. When {@code anchored}, nothing may
     * follow the last pair; otherwise reading stops after {@code max} pairs and the rest is
     * ignored (Suricata's unanchored pattern).
     */
    static List<Pair> pairs(String keyword, String value, int min, int max, boolean anchored)
            throws RuleParseException {
        List<Pair> out = new ArrayList<>();
        int i = 0;
        while (out.size() < max) {
            if (!out.isEmpty()) {
                i = Args.skipSpaces(value, i);
                if (i >= value.length() && out.size() >= min) {
                    break;
                }
                if (i >= value.length() || value.charAt(i) != ',') {
                    throw invalidSettings(keyword, value);
                }
                i++;
            }
            i = Args.skipSpaces(value, i);
            int ns = i;
            while (i < value.length() && (isAsciiLetter(value.charAt(i)) || value.charAt(i) == '_')) {
                i++;
            }
            String name = value.substring(ns, i);
            int vs = Args.skipSpaces(value, i);
            if (name.isEmpty() || vs == i) {
                throw invalidSettings(keyword, value);
            }
            i = vs;
            while (i < value.length() && (isAsciiLetter(value.charAt(i)) || value.charAt(i) == '_'
                    || value.charAt(i) >= '0' && value.charAt(i) <= '9')) {
                i++;
            }
            String val = value.substring(vs, i);
            if (!anchored && out.size() == max - 1) {
                // the unanchored pattern stops after the last value it knows: "seconds 60x" is 60
                val = knownPrefix(val);
                i = vs + val.length();
            }
            if (val.isEmpty()) {
                throw invalidSettings(keyword, value);
            }
            out.add(new Pair(name, val));
        }
        if (out.size() < min || anchored && Args.skipSpaces(value, i) != value.length()) {
            throw invalidSettings(keyword, value);
        }
        return out;
    }

    private static final String[] WORDS = {
        "limit", "both", "threshold", "backoff", "by_dst", "by_src", "by_both", "by_rule", "by_flow",
    };

    /** The longest prefix of {@code v} that is a threshold value word or a run of digits. */
    private static String knownPrefix(String v) {
        int d = 0;
        while (d < v.length() && v.charAt(d) >= '0' && v.charAt(d) <= '9') {
            d++;
        }
        if (d > 0) {
            return v.substring(0, d);
        }
        String best = "";
        for (String w : WORDS) {
            if (v.startsWith(w) && w.length() > best.length()) {
                best = w;
            }
        }
        return best;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static RuleParseException invalidSettings(String keyword, String value) {
        return new RuleParseException(keyword + ": invalid settings \"" + value + "\"");
    }

    @Override
    public String keyword() {
        return "threshold";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append("type ").append(type.text).append(", track ").append(track.text).append(", count ").append(count);
        if (type == Type.BACKOFF) {
            out.append(", multiplier ").append(multiplier);
        } else {
            out.append(", seconds ").append(seconds);
        }
    }
}

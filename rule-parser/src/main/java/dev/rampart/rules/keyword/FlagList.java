package dev.rampart.rules.keyword;

import dev.rampart.rules.RuleParseException;
import java.util.List;

/**
 * A keyword value that names flags: a comma list of names, each possibly negated ({@code !name}),
 * none twice, read as the bit-mask comparison "the named bits are as given" (Suricata's bitflag
 * lists: mqtt.flags, mqtt.connect.flags, websocket.flags).
 */
public final class FlagList {
    private FlagList() {
    }

    /** Whether {@code text} is a flag list rather than a number (it starts with a name). */
    public static boolean isList(String text) {
        String t = text.startsWith("!") ? text.substring(1).trim() : text;
        return !t.isEmpty() && Character.isLetter(t.charAt(0));
    }

    /** The list as {@code (value & mask) == set}; {@code bits[i]} is the bit of {@code names.get(i)}. */
    public static Uint parse(String keyword, String text, List<String> names, int[] bits) throws RuleParseException {
        int set = 0;
        int clear = 0;
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            boolean neg = p.startsWith("!");
            String name = neg ? p.substring(1).trim() : p;
            int i = names.indexOf(name);
            if (i < 0) {
                throw new RuleParseException(keyword + ": unknown flag \"" + p + "\"");
            }
            if (((set | clear) & bits[i]) != 0) {
                throw new RuleParseException(keyword + ": flag \"" + name + "\" given twice");
            }
            if (neg) {
                clear |= bits[i];
            } else {
                set |= bits[i];
            }
        }
        return new Uint(Uint.Mode.BITMASK, set | clear, set);
    }

    /** Appends a comparison {@link #parse} made as its list; false (nothing appended) for other comparisons. */
    public static boolean append(StringBuilder out, Uint value, List<String> names, int[] bits) {
        if (value.mode() != Uint.Mode.BITMASK) {
            return false;
        }
        boolean first = true;
        for (int i = 0; i < names.size(); i++) {
            if ((value.arg1() & bits[i]) != 0) {
                out.append(first ? "" : ",").append((value.arg2() & bits[i]) == 0 ? "!" : "").append(names.get(i));
                first = false;
            }
        }
        return true;
    }
}

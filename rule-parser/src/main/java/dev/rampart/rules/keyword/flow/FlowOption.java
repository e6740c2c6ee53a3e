package dev.rampart.rules.keyword.flow;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code flow:established,to_server;} — flow state, direction and stream/fragment conditions.
 * Up to three comma-separated options (case-insensitive), checked for conflicts as Suricata does.
 */
public record FlowOption(Set<Flag> flags) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("flow", KeywordDef.doc("flow-keywords", "flow"),
            ValueMode.REQUIRED, FlowOption::parse);

    /** The flow options, in canonical print order (an order that always parses back). */
    public enum Flag {
        NOT_ESTABLISHED("not_established"),
        ESTABLISHED("established"),
        STATELESS("stateless"),
        TO_SERVER("to_server"),
        TO_CLIENT("to_client"),
        ONLY_STREAM("only_stream"),
        NO_STREAM("no_stream"),
        ONLY_FRAG("only_frag"),
        NO_FRAG("no_frag");

        final String text;

        Flag(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public FlowOption {
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    public boolean has(Flag f) {
        return flags.contains(f);
    }

    public boolean established() {
        return has(Flag.ESTABLISHED);
    }

    public boolean toServer() {
        return has(Flag.TO_SERVER);
    }

    public boolean toClient() {
        return has(Flag.TO_CLIENT);
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("flow", value);
        List<String> parts = Values.splitComma(value);
        // Suricata's pattern takes at most three options of letters and '_'
        if (parts.size() > 3) {
            throw new RuleParseException("flow: at most 3 options are allowed, got " + parts.size());
        }
        EnumSet<Flag> set = EnumSet.noneOf(Flag.class);
        for (String p : parts) {
            if (p.isEmpty()) {
                throw new RuleParseException("flow: empty option in \"" + value + "\"");
            }
            add(set, flag(p));
        }
        // Suricata drops a direction-only flow (it only sets the rule direction), so it does not
        // count as "the" flow option: flow:to_server; flow:established; is accepted, while
        // anything after a flow with state/stream/frag conditions is refused.
        if (ctx.seen("flow")) {
            throw new RuleParseException("flow: a rule may have only one flow option");
        }
        boolean directionOnly = set.equals(EnumSet.of(Flag.TO_SERVER)) || set.equals(EnumSet.of(Flag.TO_CLIENT));
        if (!directionOnly) {
            ctx.once("flow");
        }
        ctx.add(new FlowOption(set));
    }

    private static Flag flag(String word) throws RuleParseException {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "established" -> Flag.ESTABLISHED;
            case "not_established" -> Flag.NOT_ESTABLISHED;
            case "stateless" -> Flag.STATELESS;
            case "to_server", "from_client" -> Flag.TO_SERVER;
            case "to_client", "from_server" -> Flag.TO_CLIENT;
            case "only_stream" -> Flag.ONLY_STREAM;
            case "no_stream" -> Flag.NO_STREAM;
            case "only_frag" -> Flag.ONLY_FRAG;
            case "no_frag" -> Flag.NO_FRAG;
            default -> throw new RuleParseException("flow: invalid flow option \"" + word + "\"");
        };
    }

    /** Adds one option, rejecting repeats and the combinations Suricata refuses (in its order rules). */
    private static void add(EnumSet<Flag> set, Flag f) throws RuleParseException {
        if (set.contains(f)) {
            throw new RuleParseException("flow: " + f.text + " is already set");
        }
        Flag conflict = switch (f) {
            // Suricata checks only these pairs: not_established,stateless is accepted
            case ESTABLISHED -> set.contains(Flag.NOT_ESTABLISHED) ? Flag.NOT_ESTABLISHED
                    : set.contains(Flag.STATELESS) ? Flag.STATELESS : null;
            case NOT_ESTABLISHED, STATELESS -> set.contains(Flag.ESTABLISHED) ? Flag.ESTABLISHED : null;
            case TO_SERVER -> set.contains(Flag.TO_CLIENT) ? Flag.TO_CLIENT : null;
            case TO_CLIENT -> set.contains(Flag.TO_SERVER) ? Flag.TO_SERVER : null;
            case ONLY_STREAM -> set.contains(Flag.NO_STREAM) ? Flag.NO_STREAM : null;
            case NO_STREAM -> set.contains(Flag.ONLY_STREAM) ? Flag.ONLY_STREAM : null;
            case ONLY_FRAG -> set.contains(Flag.NO_FRAG) ? Flag.NO_FRAG : null;
            case NO_FRAG -> set.contains(Flag.ONLY_FRAG) ? Flag.ONLY_FRAG : null;
        };
        if (conflict != null) {
            throw new RuleParseException("flow: cannot combine " + f.text + " with " + conflict.text);
        }
        set.add(f);
    }

    @Override
    public String keyword() {
        return "flow";
    }

    @Override
    public void appendValue(StringBuilder out) {
        boolean first = true;
        for (Flag f : Flag.values()) {
            if (flags.contains(f)) {
                if (!first) {
                    out.append(',');
                }
                out.append(f.text);
                first = false;
            }
        }
    }
}

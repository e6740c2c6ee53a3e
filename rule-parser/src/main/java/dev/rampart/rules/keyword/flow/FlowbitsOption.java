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
 * {@code flowbits:set,name;} — set/unset/toggle/test named bits on the flow;
 * {@code flowbits:noalert;} suppresses the alert. {@code isset}/{@code isnotset} (and, as Suricata
 * parses them, the other commands) take {@code a|b|c}: true when any listed bit qualifies.
 * {@code toggle} exists until Suricata 8 (removed in 9) and is accepted.
 */
public record FlowbitsOption(Command command, List<String> names) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("flowbits", KeywordDef.doc("flow-keywords", "flowbits"),
            ValueMode.REQUIRED, FlowbitsOption::parse);

    /** Suricata's limit on names in one {@code a|b|...} list. */
    static final int MAX_OR_NAMES = 100;

    public enum Command {
        SET("set"), UNSET("unset"), TOGGLE("toggle"), ISSET("isset"), ISNOTSET("isnotset"), NOALERT("noalert");

        final String text;

        Command(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        /** Whether the command modifies state after the rule matched (rather than testing). */
        public boolean isModifier() {
            return this == SET || this == UNSET || this == TOGGLE;
        }
    }

    public FlowbitsOption {
        names = List.copyOf(names);
    }

    /** The single bit name (first of an OR list); null for noalert. */
    public String name() {
        return names.isEmpty() ? null : names.get(0);
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("flowbits", value);
        // Suricata: ^([a-z]+)(?:,\s*(.*))?  -- the command is lower case and directly followed by ','
        int i = 0;
        while (i < value.length() && value.charAt(i) >= 'a' && value.charAt(i) <= 'z') {
            i++;
        }
        if (i == 0) {
            throw new RuleParseException("flowbits: \"" + value + "\" is not a valid setting");
        }
        String cmdText = value.substring(0, i);
        String name = "";
        if (i < value.length() && value.charAt(i) == ',') {
            name = trimBlanks(value.substring(i + 1));
        }
        Command cmd = command(cmdText);
        if (cmd == Command.NOALERT) {
            if (!name.isEmpty()) {
                throw new RuleParseException("flowbits: noalert takes no bit name");
            }
            ctx.add(new FlowbitsOption(cmd, List.of()));
            return;
        }
        if (name.isEmpty()) {
            throw new RuleParseException("flowbits: " + cmdText + " needs a bit name");
        }
        ctx.add(new FlowbitsOption(cmd, names(name)));
    }

    private static Command command(String text) throws RuleParseException {
        for (Command c : Command.values()) {
            if (c.text.equals(text)) {
                return c;
            }
        }
        throw new RuleParseException("flowbits: action \"" + text + "\" is not supported");
    }

    private static List<String> names(String name) throws RuleParseException {
        if (name.length() > 255) {
            throw new RuleParseException("flowbits: name too long (max 255 characters)");
        }
        List<String> out = new ArrayList<>();
        if (name.indexOf('|') < 0) {
            checkNoBlank(name);
            out.add(name);
            return out;
        }
        // an OR list: empty items are skipped, each item is trimmed
        int start = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '|') {
                String item = name.substring(start, i).trim();
                start = i + 1;
                if (item.isEmpty()) {
                    continue;
                }
                checkNoBlank(item);
                out.add(item);
            }
        }
        if (out.isEmpty()) {
            throw new RuleParseException("flowbits: no valid flowbit names");
        }
        if (out.size() > MAX_OR_NAMES) {
            throw new RuleParseException("flowbits: more than " + MAX_OR_NAMES + " names");
        }
        return out;
    }

    private static void checkNoBlank(String name) throws RuleParseException {
        for (int i = 0; i < name.length(); i++) {
            if (Args.isSpace(name.charAt(i))) {
                throw new RuleParseException("flowbits: spaces are not allowed in flowbit names");
            }
        }
    }

    private static String trimBlanks(String s) {
        int start = 0;
        while (start < s.length() && Args.isSpace(s.charAt(start))) {
            start++;
        }
        int end = s.length();
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }

    @Override
    public String keyword() {
        return "flowbits";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(command.text);
        if (!names.isEmpty()) {
            out.append(',').append(String.join("|", names));
        }
    }
}

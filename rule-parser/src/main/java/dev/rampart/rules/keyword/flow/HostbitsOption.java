package dev.rampart.rules.keyword.flow;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/**
 * {@code hostbits:set,name[,src|dst];} — bits kept on a host (source by default);
 * {@code hostbits:noalert;} suppresses the alert. Suricata 7 takes no {@code track}/{@code expire}
 * here ({@code both} is refused as not implemented); names may not contain spaces or commas.
 */
public record HostbitsOption(Command command, String name, Direction direction) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("hostbits", KeywordDef.doc("xbits", "hostbits"),
            ValueMode.REQUIRED, HostbitsOption::parse);

    public enum Command {
        SET("set"), UNSET("unset"), TOGGLE("toggle"), ISSET("isset"), ISNOTSET("isnotset"), NOALERT("noalert");

        final String text;

        Command(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** Which host of the packet holds the bit; null in the record means not given (source). */
    public enum Direction { SRC, DST }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("hostbits", value);
        // Suricata: ^([a-z]+)(?:\s*,\s*([^\s,]+))?(?:\s*,\s*([^,\s]+))?\s*$
        int i = 0;
        while (i < value.length() && value.charAt(i) >= 'a' && value.charAt(i) <= 'z') {
            i++;
        }
        if (i == 0) {
            throw invalid(value);
        }
        String cmdText = value.substring(0, i);
        String[] fields = new String[2];
        int n = 0;
        while (true) {
            int j = Args.skipSpaces(value, i);
            if (j == value.length()) {
                break;
            }
            if (value.charAt(j) != ',' || n == 2) {
                throw invalid(value);
            }
            j = Args.skipSpaces(value, j + 1);
            int start = j;
            while (j < value.length() && value.charAt(j) != ',' && !Args.isSpace(value.charAt(j))) {
                j++;
            }
            if (j == start) {
                throw invalid(value);
            }
            fields[n++] = value.substring(start, j);
            i = j;
        }
        Direction dir = null;
        if (fields[1] != null) {
            dir = switch (fields[1]) {
                case "src" -> Direction.SRC;
                case "dst" -> Direction.DST;
                case "both" -> throw new RuleParseException("hostbits: direction 'both' is not implemented");
                default -> throw new RuleParseException("hostbits: invalid direction \"" + fields[1]
                        + "\" (expected src or dst)");
            };
        }
        Command cmd = null;
        for (Command c : Command.values()) {
            if (c.text.equals(cmdText)) {
                cmd = c;
            }
        }
        if (cmd == null) {
            throw new RuleParseException("hostbits: action \"" + cmdText + "\" is not supported");
        }
        String name = fields[0];
        if (cmd == Command.NOALERT) {
            if (name != null) {
                throw new RuleParseException("hostbits: noalert takes no bit name");
            }
        } else if (name == null) {
            throw new RuleParseException("hostbits: " + cmdText + " needs a bit name");
        } else if (name.length() > 255) {
            throw new RuleParseException("hostbits: name too long (max 255 characters)");
        }
        ctx.add(new HostbitsOption(cmd, name, dir));
    }

    private static RuleParseException invalid(String value) {
        return new RuleParseException("hostbits: \"" + value + "\" is not a valid setting");
    }

    @Override
    public String keyword() {
        return "hostbits";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(command.text);
        if (name != null) {
            out.append(',').append(name);
        }
        if (direction != null) {
            out.append(',').append(direction == Direction.SRC ? "src" : "dst");
        }
    }
}

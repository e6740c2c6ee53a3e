package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;
import java.util.List;
import java.util.Locale;

/**
 * {@code dataset:<set|isset|isnotset|unset>,<name>[, type <string|md5|sha256|ipv4|ip>][, load <file>]
 * [, save <file>][, state <file>][, memcap <size>][, hashsize <n>][, format <csv|json|jsonline>]} —
 * the whole active sticky buffer looked up in (or added to, removed from) a named set shared by
 * all rules. Needs a sticky buffer. Options the parser does not know are kept verbatim in
 * {@link #extra}.
 *
 * @param command what to do with the buffer
 * @param name    the set's name
 * @param type    the set's type word (string when not given)
 * @param load    file the set is loaded from, or null
 * @param save    file the set is written to at exit, or null
 * @param state   file both loaded and saved, or null
 * @param extra   the other "key value" options (memcap, hashsize, format, ...)
 * @param buffer  the sticky buffer looked up
 */
public record DatasetOption(Command command, String name, String type, String load, String save, String state,
        List<String> extra, Buffer buffer) implements PayloadOption {
    public static final KeywordDef DEF = KeywordDef.of("dataset", KeywordDef.doc("datasets", "dataset"),
            ValueMode.REQUIRED, DatasetOption::parse);

    public enum Command { SET, ISSET, ISNOTSET, UNSET }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        if (!ctx.stickyActive()) {
            throw new RuleParseException("dataset: needs a sticky buffer (e.g. dns.query; dataset:isset,name;)");
        }
        List<String> parts = Values.splitComma(value);
        if (parts.size() < 2) {
            throw new RuleParseException("dataset: expected <command>,<name>[,options]");
        }
        Command cmd = switch (parts.get(0).trim().toLowerCase(Locale.ROOT)) {
            case "set" -> Command.SET;
            case "isset" -> Command.ISSET;
            case "isnotset" -> Command.ISNOTSET;
            case "unset" -> Command.UNSET;
            default -> throw new RuleParseException("dataset: unknown command \"" + parts.get(0).trim() + "\"");
        };
        String name = parts.get(1).trim();
        if (name.isEmpty()) {
            throw new RuleParseException("dataset: empty set name");
        }
        String type = "string";
        String load = null;
        String save = null;
        String state = null;
        List<String> extra = new java.util.ArrayList<>();
        for (int i = 2; i < parts.size(); i++) {
            String p = parts.get(i).trim();
            int sp = p.indexOf(' ');
            String key = sp < 0 ? p : p.substring(0, sp);
            String arg = sp < 0 ? "" : p.substring(sp + 1).trim();
            switch (key) {
                case "type" -> {
                    type = arg.toLowerCase(Locale.ROOT);
                    if (!List.of("string", "md5", "sha256", "ipv4", "ipv6", "ip").contains(type)) {
                        throw new RuleParseException("dataset: unknown type \"" + arg + "\"");
                    }
                }
                case "load" -> load = arg;
                case "save" -> save = arg;
                case "state" -> state = arg;
                default -> extra.add(p);
            }
        }
        ctx.add(new DatasetOption(cmd, name, type, load, save, state, List.copyOf(extra), ctx.buffer()));
    }

    @Override
    public String keyword() {
        return "dataset";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(command.name().toLowerCase(Locale.ROOT)).append(',').append(name).append(", type ").append(type);
        if (load != null) {
            out.append(", load ").append(load);
        }
        if (save != null) {
            out.append(", save ").append(save);
        }
        if (state != null) {
            out.append(", state ").append(state);
        }
        for (String e : extra) {
            out.append(", ").append(e);
        }
    }
}

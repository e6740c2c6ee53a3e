package dev.rampart.rules;

import dev.rampart.rules.keyword.app.RequiresOption;
import dev.rampart.rules.header.AddressParser;
import dev.rampart.rules.header.AddressResolver;
import dev.rampart.rules.header.PortParser;
import dev.rampart.rules.header.PortResolver;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordRegistry;
import dev.rampart.rules.keyword.ParseContext;
import java.util.List;
import java.util.Locale;

/**
 * Parses one rule's text into a {@link Rule}. Hand-written scanner (no regular expressions) that
 * follows Suricata's option syntax: options end at the first {@code ;} not escaped by a
 * backslash, names end at {@code :} or {@code ;}, values are trimmed, keywords are looked up in
 * {@link KeywordRegistry} and parse their own values. Not thread-safe (it caches resolved
 * variables): use one per loading thread.
 */
public final class RuleParser {
    private final RuleEnvironment env;
    private final AddressResolver addresses;
    private final PortResolver ports;

    public RuleParser(RuleEnvironment env) {
        this.env = env;
        this.addresses = new AddressResolver(env.addressVars()::get);
        this.ports = new PortResolver(env.portVars()::get);
    }

    public RuleParser() {
        this(RuleEnvironment.suricataDefaults());
    }

    public RuleEnvironment env() {
        return env;
    }

    public Rule parse(String text) throws RuleParseException {
        return parse(text, SourceRef.NONE, true);
    }

    public Rule parse(String text, SourceRef source, boolean enabled) throws RuleParseException {
        String s = text.trim();
        int open = RuleLexer.headerEnd(s);
        if (open < 0) {
            throw new RuleParseException("no option list: a rule needs '(' options ')' after its header");
        }
        if (s.charAt(s.length() - 1) != ')') {
            throw new RuleParseException("rule does not end with ')'");
        }
        Rule rule;
        try {
            RuleHeader header = parseHeader(s.substring(0, open));
            ParseContext ctx = new ParseContext(header, env);
            RuleLexer.options(s, open + 1, s.length() - 1, true, (name, value) -> applyKeyword(name, value, ctx));
            ctx.finish();
            rule = new Rule(header, ctx.options(), source, enabled);
        } catch (RuleParseException e) {
            Rule skipped = unmetRequires(s, open, source, enabled);
            if (skipped == null) {
                throw e;
            }
            rule = skipped;
        }
        if (rule.sid() == 0 && rule.header().action() != Action.CONFIG) {
            throw new RuleParseException("rule has no sid");
        }
        return rule;
    }


    /**
     * Suricata 8 evaluates {@code requires} before the rest of a rule: a rule whose version
     * requirement the emulated version does not meet is skipped even where the rest would not
     * parse (a newer protocol or keyword). Such a rule comes back as a placeholder holding only
     * its msg/sid/gid/rev and the requires option, which keeps it out of detection with that
     * reason; null when the rule has no unmet version requirement.
     */
    private Rule unmetRequires(String s, int open, SourceRef source, boolean enabled) {
        StringBuilder kept = new StringBuilder("alert ip any any -> any any (");
        boolean[] unmet = {false};
        try {
            RuleLexer.options(s, open + 1, s.length() - 1, false, (name, value) -> {
                switch (name) {
                    case "requires" -> {
                        unmet[0] |= RequiresOption.versionUnmet(value);
                        kept.append(name).append(':').append(value).append("; ");
                    }
                    case "msg", "sid", "gid", "rev" -> kept.append(name).append(':').append(value).append("; ");
                    default -> {
                    }
                }
            });
            if (!unmet[0]) {
                return null;
            }
            RuleHeader header = parseHeader("alert ip any any -> any any");
            ParseContext ctx = new ParseContext(header, env);
            String k = kept.append(')').toString();
            RuleLexer.options(k, k.indexOf('(') + 1, k.length() - 1, true, (name, value) -> applyKeyword(name, value, ctx));
            ctx.finish();
            return new Rule(header, ctx.options(), source, enabled);
        } catch (RuleParseException | RuntimeException ignored) {
            return null;
        }
    }

    private RuleHeader parseHeader(String text) throws RuleParseException {
        List<String> tokens = RuleLexer.headerTokens(text);
        if (tokens.size() != 7) {
            throw new RuleParseException("rule header needs 7 fields (action proto src sport dir dst dport), found "
                    + tokens.size());
        }
        Action action = Action.of(tokens.get(0).toLowerCase(Locale.ROOT));
        if (action == null) {
            throw new RuleParseException("unknown action \"" + tokens.get(0) + "\"");
        }
        String proto = tokens.get(1).toLowerCase(Locale.ROOT);
        if (!Protocols.isKnown(proto)) {
            throw new RuleParseException("unknown protocol \"" + tokens.get(1) + "\"");
        }
        Direction dir = Direction.of(tokens.get(4));
        if (dir == null) {
            throw new RuleParseException("invalid direction \"" + tokens.get(4) + "\" (expected -> or <>)");
        }
        RuleHeader header = new RuleHeader(action, proto,
                AddressParser.parse(tokens.get(2)), PortParser.parse(tokens.get(3)), dir,
                AddressParser.parse(tokens.get(5)), PortParser.parse(tokens.get(6)));
        // resolving validates variables and negations now, as Suricata does at load time
        addresses.resolve(header.src());
        addresses.resolve(header.dst());
        ports.resolve(header.srcPorts());
        ports.resolve(header.dstPorts());
        return header;
    }



    private static void applyKeyword(String name, String value, ParseContext ctx) throws RuleParseException {
        KeywordDef def = KeywordRegistry.get(name);
        if (def == null) {
            throw new RuleParseException("unknown rule keyword '" + name + "'");
        }
        switch (def.value()) {
            case NONE -> {
                if (value != null && !value.isEmpty()) {
                    throw new RuleParseException(def.name() + " takes no argument");
                }
                def.parser().parse(null, ctx);
            }
            case REQUIRED -> {
                if (value == null || value.isEmpty()) {
                    throw new RuleParseException(def.name() + " needs an argument");
                }
                def.parser().parse(value, ctx);
            }
            case OPTIONAL -> def.parser().parse(value == null || value.isEmpty() ? null : value, ctx);
        }
    }

}

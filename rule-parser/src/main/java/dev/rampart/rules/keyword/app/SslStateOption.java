package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code ssl_state:client_hello|!server_hello;} — handshake states seen on the TLS session:
 * client_hello, server_hello, client_keyx, server_keyx, unknown; items separated by {@code |}
 * (or {@code ,}), each optionally negated. Matches when any listed condition holds.
 */
public record SslStateOption(Set<State> states, Set<State> negated) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("ssl_state", KeywordDef.doc("tls-keywords", "ssl-state"),
            ValueMode.REQUIRED, SslStateOption::parse);

    public enum State { CLIENT_HELLO, SERVER_HELLO, CLIENT_KEYX, SERVER_KEYX, UNKNOWN }

    public SslStateOption {
        states = Set.copyOf(states);
        negated = Set.copyOf(negated);
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("ssl_state", value);
        EnumSet<State> states = EnumSet.noneOf(State.class);
        EnumSet<State> neg = EnumSet.noneOf(State.class);
        int i = Args.skipSpaces(value, 0);
        while (true) {
            boolean not = false;
            if (i < value.length() && value.charAt(i) == '!') {
                not = true;
                i++;
            }
            int start = i;
            while (i < value.length() && isWordChar(value.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw invalid(value);
            }
            State s = state(value.substring(start, i));
            states.add(s);
            if (not) {
                neg.add(s);
            } else {
                neg.remove(s);
            }
            i = Args.skipSpaces(value, i);
            if (i == value.length()) {
                break;
            }
            char sep = value.charAt(i);
            if (sep != '|' && sep != ',') {
                throw invalid(value);
            }
            i = Args.skipSpaces(value, i + 1);
        }
        AppProto.checkHeader(ctx, "ssl_state", "tls");
        ctx.add(new SslStateOption(states, neg));
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    private static State state(String s) throws RuleParseException {
        return switch (s) {
            case "client_hello" -> State.CLIENT_HELLO;
            case "server_hello" -> State.SERVER_HELLO;
            case "client_keyx" -> State.CLIENT_KEYX;
            case "server_keyx" -> State.SERVER_KEYX;
            case "unknown" -> State.UNKNOWN;
            default -> throw new RuleParseException("ssl_state: invalid option \"" + s + "\"");
        };
    }

    private static RuleParseException invalid(String value) {
        return new RuleParseException("ssl_state: invalid argument \"" + value + "\"");
    }

    @Override
    public String keyword() {
        return "ssl_state";
    }

    @Override
    public void appendValue(StringBuilder out) {
        boolean first = true;
        for (State s : State.values()) {
            if (states.contains(s)) {
                if (!first) {
                    out.append('|');
                }
                if (negated.contains(s)) {
                    out.append('!');
                }
                out.append(s.name().toLowerCase());
                first = false;
            }
        }
    }
}

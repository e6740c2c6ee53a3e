package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.FlagList;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.Uint;
import java.util.List;
import java.util.Locale;

/**
 * Suricata 8's WebSocket keywords that compare a value: {@code websocket.opcode} (a name, possibly
 * negated, or an unsigned comparison), {@code websocket.flags} (a comma list of {@code fin} /
 * {@code comp}, each possibly negated, or a number compared with the header's flag bits) and
 * {@code websocket.mask} (the masking key, an unsigned comparison).
 */
public record WebSocketOption(String keyword, Uint value) implements RuleOption {
    /** Opcode names by value (null: none). */
    private static final String[] OPCODES = new String[16];
    private static final List<String> FLAG_NAMES = List.of("fin", "comp");
    private static final int[] FLAG_BITS = {0x80, 0x40};

    static {
        OPCODES[0] = "continuation";
        OPCODES[1] = "text";
        OPCODES[2] = "binary";
        OPCODES[8] = "close";
        OPCODES[9] = "ping";
        OPCODES[10] = "pong";
    }

    public static final KeywordDef OPCODE = def("websocket.opcode", "websocket-opcode", WebSocketOption::opcode);
    public static final KeywordDef FLAGS = def("websocket.flags", "websocket-flags", WebSocketOption::flags);
    public static final KeywordDef MASK = def("websocket.mask", "websocket-mask",
            (k, s) -> new WebSocketOption(k, Uint.parse(k, s, Uint.U32)));

    private interface Parser {
        WebSocketOption parse(String keyword, String value) throws RuleParseException;
    }

    private static KeywordDef def(String keyword, String anchor, Parser p) {
        return KeywordDef.of(keyword, KeywordDef.doc("websocket-keywords", anchor), ValueMode.REQUIRED, (v, ctx) -> {
            WebSocketOption o = p.parse(keyword, Args.noQuotes(keyword, v).trim());
            AppProto.checkHeader(ctx, keyword, "websocket");
            ctx.add(o);
        });
    }

    private static WebSocketOption opcode(String k, String s) throws RuleParseException {
        boolean neg = s.startsWith("!");
        String name = (neg ? s.substring(1) : s).trim().toLowerCase(Locale.ROOT);
        for (int i = 0; i < OPCODES.length; i++) {
            if (name.equals(OPCODES[i])) {
                return new WebSocketOption(k, neg ? new Uint(Uint.Mode.NE, i, 0) : Uint.eq(i));
            }
        }
        if (!name.isEmpty() && Character.isLetter(name.charAt(0))) {
            throw new RuleParseException(k + ": unknown opcode \"" + s + "\"");
        }
        return new WebSocketOption(k, Uint.parse(k, s, Uint.U8));
    }

    private static WebSocketOption flags(String k, String s) throws RuleParseException {
        return new WebSocketOption(k, FlagList.isList(s) ? FlagList.parse(k, s, FLAG_NAMES, FLAG_BITS) : Uint.parse(k, s, Uint.U8));
    }

    @Override
    public void appendValue(StringBuilder out) {
        if (keyword.equals("websocket.opcode") && (value.mode() == Uint.Mode.EQ || value.mode() == Uint.Mode.NE)
                && value.arg1() < OPCODES.length && OPCODES[(int) value.arg1()] != null) {
            out.append(value.mode() == Uint.Mode.NE ? "!" : "").append(OPCODES[(int) value.arg1()]);
            return;
        }
        if (keyword.equals("websocket.flags") && FlagList.append(out, value, FLAG_NAMES, FLAG_BITS)) {
            return;
        }
        value.appendTo(out);
    }
}

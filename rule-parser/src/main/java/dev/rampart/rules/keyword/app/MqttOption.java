package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.Uint;
import java.util.List;
import java.util.Locale;

/**
 * The MQTT keywords that compare a value (Suricata's detect in rust/src/mqtt): {@code mqtt.type}
 * (a packet type name or an unsigned comparison), {@code mqtt.qos} (0 to 2), {@code mqtt.reason_code},
 * {@code mqtt.protocol_version} (unsigned comparisons), {@code mqtt.connack.session_present} (true /
 * false), and the flag lists {@code mqtt.flags:!retain,dup} and
 * {@code mqtt.connect.flags:username,!will} (or a number compared with the flags byte). A flag list is
 * {@code set} (bits that must be on) and {@code clear} (bits that must be off) with no {@code value}.
 */
public record MqttOption(String keyword, Uint value, int set, int clear) implements RuleOption {
    /** Packet type names by code (0 is no type). */
    public static final List<String> TYPES = List.of("", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC",
            "PUBREL", "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP",
            "DISCONNECT", "AUTH");
    /** mqtt.flags names and their bits in the fixed header's flag nibble as Suricata packs it. */
    private static final List<String> FLAG_NAMES = List.of("retain", "dup");
    private static final int[] FLAG_BITS = {0x01, 0x08};
    /** mqtt.connect.flags names and their bits in the CONNECT flags byte. */
    private static final List<String> CONNECT_FLAG_NAMES = List.of("username", "password", "will_retain", "will",
            "clean_session");
    private static final int[] CONNECT_FLAG_BITS = {0x80, 0x40, 0x20, 0x04, 0x02};

    public static final KeywordDef TYPE = def("mqtt.type", "mqtt-type", MqttOption::parseType);
    public static final KeywordDef QOS = def("mqtt.qos", "mqtt-qos", (k, s) -> {
        if (!s.equals("0") && !s.equals("1") && !s.equals("2")) {
            throw new RuleParseException(k + ": invalid value \"" + s + "\" (0, 1 or 2)");
        }
        return new MqttOption(k, Uint.eq(Integer.parseInt(s)), 0, 0);
    });
    public static final KeywordDef REASON_CODE = def("mqtt.reason_code", "mqtt-reason-code",
            (k, s) -> new MqttOption(k, Uint.parse(k, s, Uint.U8), 0, 0));
    public static final KeywordDef PROTOCOL_VERSION = def("mqtt.protocol_version", "mqtt-protocol-version",
            (k, s) -> new MqttOption(k, Uint.parse(k, s, Uint.U8), 0, 0));
    public static final KeywordDef SESSION_PRESENT = def("mqtt.connack.session_present",
            "mqtt-connack-session-present", (k, s) -> {
                boolean yes = s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes") || s.equals("1");
                if (!yes && !s.equalsIgnoreCase("false") && !s.equalsIgnoreCase("no") && !s.equals("0")) {
                    throw new RuleParseException(k + ": invalid value \"" + s + "\" (true or false)");
                }
                return new MqttOption(k, Uint.eq(yes ? 1 : 0), 0, 0);
            });
    public static final KeywordDef FLAGS = def("mqtt.flags", "mqtt-flags",
            (k, s) -> flags(k, s, FLAG_NAMES, FLAG_BITS));
    public static final KeywordDef CONNECT_FLAGS = def("mqtt.connect.flags", "mqtt-connect-flags",
            (k, s) -> flags(k, s, CONNECT_FLAG_NAMES, CONNECT_FLAG_BITS));

    private interface Parser {
        MqttOption parse(String keyword, String value) throws RuleParseException;
    }

    private static KeywordDef def(String keyword, String anchor, Parser p) {
        return KeywordDef.of(keyword, KeywordDef.doc("mqtt-keywords", anchor), ValueMode.REQUIRED, (v, ctx) -> {
            MqttOption o = p.parse(keyword, Args.noQuotes(keyword, v).trim());
            AppProto.checkHeader(ctx, keyword, "mqtt");
            ctx.add(o);
        });
    }

    private static MqttOption parseType(String k, String s) throws RuleParseException {
        int i = TYPES.indexOf(s.toUpperCase(Locale.ROOT));
        if (i > 0) {
            return new MqttOption(k, Uint.eq(i), 0, 0);
        }
        if (s.isEmpty() || Character.isLetter(s.charAt(0))) {
            throw new RuleParseException(k + ": unknown packet type \"" + s + "\"");
        }
        return new MqttOption(k, Uint.parse(k, s, Uint.U8), 0, 0);
    }

    /** A number compared with the flags, or a comma list of flag names, each possibly negated, none twice. */
    private static MqttOption flags(String k, String s, List<String> names, int[] bits) throws RuleParseException {
        if (!s.isEmpty() && !Character.isLetter(s.charAt(0)) && s.charAt(0) != '!') {
            return new MqttOption(k, Uint.parse(k, s, Uint.U8), 0, 0);
        }
        if (!s.isEmpty() && s.charAt(0) == '!' && s.length() > 1 && !Character.isLetter(s.charAt(1))) {
            return new MqttOption(k, Uint.parse(k, s, Uint.U8), 0, 0);
        }
        int set = 0;
        int clear = 0;
        for (String part : s.split(",", -1)) {
            String p = part.trim();
            boolean neg = p.startsWith("!");
            String name = neg ? p.substring(1).trim() : p;
            int i = names.indexOf(name);
            if (i < 0) {
                throw new RuleParseException(k + ": unknown flag \"" + p + "\"");
            }
            int bit = bits[i];
            if (((set | clear) & bit) != 0) {
                throw new RuleParseException(k + ": flag \"" + name + "\" given twice");
            }
            if (neg) {
                clear |= bit;
            } else {
                set |= bit;
            }
        }
        return new MqttOption(k, null, set, clear);
    }

    @Override
    public void appendValue(StringBuilder out) {
        if (value != null) {
            if (keyword.equals("mqtt.type") && value.mode() == Uint.Mode.EQ && value.arg1() > 0 && value.arg1() < TYPES.size()) {
                out.append(TYPES.get((int) value.arg1()));
            } else {
                value.appendTo(out);
            }
            return;
        }
        List<String> names = keyword.equals("mqtt.flags") ? FLAG_NAMES : CONNECT_FLAG_NAMES;
        int[] bits = keyword.equals("mqtt.flags") ? FLAG_BITS : CONNECT_FLAG_BITS;
        boolean first = true;
        for (int i = 0; i < names.size(); i++) {
            if (((set | clear) & bits[i]) != 0) {
                out.append(first ? "" : ",").append((clear & bits[i]) != 0 ? "!" : "").append(names.get(i));
                first = false;
            }
        }
    }
}

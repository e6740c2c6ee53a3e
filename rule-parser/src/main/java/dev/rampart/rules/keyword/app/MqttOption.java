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
 * The MQTT keywords that compare a value (Suricata's detect in rust/src/mqtt): {@code mqtt.type}
 * (a packet type name or an unsigned comparison), {@code mqtt.qos} (0 to 2), {@code mqtt.reason_code},
 * {@code mqtt.protocol_version} (unsigned comparisons), {@code mqtt.connack.session_present} (true /
 * false), and the flag lists {@code mqtt.flags:!retain,dup} and
 * {@code mqtt.connect.flags:username,!will} (or a number compared with the flags byte); a flag list is a
 * bit-mask comparison ({@link FlagList}).
 */
public record MqttOption(String keyword, Uint value) implements RuleOption {
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
        return new MqttOption(k, Uint.eq(Integer.parseInt(s)));
    });
    public static final KeywordDef REASON_CODE = def("mqtt.reason_code", "mqtt-reason-code",
            (k, s) -> new MqttOption(k, Uint.parse(k, s, Uint.U8)));
    public static final KeywordDef PROTOCOL_VERSION = def("mqtt.protocol_version", "mqtt-protocol-version",
            (k, s) -> new MqttOption(k, Uint.parse(k, s, Uint.U8)));
    public static final KeywordDef SESSION_PRESENT = def("mqtt.connack.session_present",
            "mqtt-connack-session-present", (k, s) -> {
                boolean yes = s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes") || s.equals("1");
                if (!yes && !s.equalsIgnoreCase("false") && !s.equalsIgnoreCase("no") && !s.equals("0")) {
                    throw new RuleParseException(k + ": invalid value \"" + s + "\" (true or false)");
                }
                return new MqttOption(k, Uint.eq(yes ? 1 : 0));
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
            return new MqttOption(k, Uint.eq(i));
        }
        if (s.isEmpty() || Character.isLetter(s.charAt(0))) {
            throw new RuleParseException(k + ": unknown packet type \"" + s + "\"");
        }
        return new MqttOption(k, Uint.parse(k, s, Uint.U8));
    }

    /** A number compared with the flags byte, or a list of its flag names ({@link FlagList}). */
    private static MqttOption flags(String k, String s, List<String> names, int[] bits) throws RuleParseException {
        return new MqttOption(k, FlagList.isList(s) ? FlagList.parse(k, s, names, bits) : Uint.parse(k, s, Uint.U8));
    }

    @Override
    public void appendValue(StringBuilder out) {
        if (keyword.equals("mqtt.type") && value.mode() == Uint.Mode.EQ && value.arg1() > 0 && value.arg1() < TYPES.size()) {
            out.append(TYPES.get((int) value.arg1()));
            return;
        }
        boolean fixed = keyword.equals("mqtt.flags");
        boolean connect = keyword.equals("mqtt.connect.flags");
        if ((fixed || connect) && FlagList.append(out, value, fixed ? FLAG_NAMES : CONNECT_FLAG_NAMES,
                fixed ? FLAG_BITS : CONNECT_FLAG_BITS)) {
            return;
        }
        value.appendTo(out);
    }
}

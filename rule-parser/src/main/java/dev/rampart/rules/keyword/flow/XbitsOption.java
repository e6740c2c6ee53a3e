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
 * {@code xbits:set,name,track ip_src[,expire 60];} — bits kept per host ({@code ip_src},
 * {@code ip_dst}) or per address pair ({@code ip_pair}), with an optional expiry in seconds.
 * The name is kept as written (Suricata does not trim or restrict it here).
 */
public record XbitsOption(Command command, String name, Track track, Long expire) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("xbits", KeywordDef.doc("xbits", "xbits"),
            ValueMode.REQUIRED, XbitsOption::parse);

    public enum Command {
        SET("set"), UNSET("unset"), TOGGLE("toggle"), ISSET("isset"), ISNOTSET("isnotset");

        final String text;

        Command(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public enum Track {
        IP_SRC("ip_src"), IP_DST("ip_dst"), IP_PAIR("ip_pair");

        final String text;

        Track(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("xbits", value);
        // Suricata: ^([a-z]+)(?:,\s*([^,]+))?(?:,\s*track\s+([^,]+))(?:,\s*expire\s+([^,]+))?
        // (not anchored at the end: anything after the expire part is ignored)
        List<String> parts = split(value);
        String cmdText = parts.get(0);
        if (cmdText.isEmpty() || !isLower(cmdText)) {
            throw invalid(value);
        }
        if (parts.size() < 3) {
            throw invalid(value);
        }
        String name = Args.trimLeft(parts.get(1));
        String trackValue = keywordValue(parts.get(2), "track");
        if (trackValue == null || name.isEmpty()) {
            // Suricata can match the track part as the second field, but then has no name: refused
            throw invalid(value);
        }
        Track track = switch (trackValue) {
            case "ip_src" -> Track.IP_SRC;
            case "ip_dst" -> Track.IP_DST;
            case "ip_pair" -> Track.IP_PAIR;
            default -> throw new RuleParseException("xbits: invalid track \"" + trackValue
                    + "\" (expected ip_src, ip_dst or ip_pair)");
        };
        Long expire = null;
        if (parts.size() > 3) {
            String e = keywordValue(parts.get(3), "expire");
            if (e != null) {
                expire = Args.parseDecimal("xbits", "expire", e, 0xFFFF_FFFFL);
                if (expire == 0) {
                    throw new RuleParseException("xbits: expire must be bigger than 0");
                }
            }
        }
        Command cmd = switch (cmdText) {
            case "set" -> Command.SET;
            case "unset" -> Command.UNSET;
            case "toggle" -> Command.TOGGLE;
            case "isset" -> Command.ISSET;
            case "isnotset" -> Command.ISNOTSET;
            // xbits:noalert would need a name, which noalert refuses: never valid
            default -> throw new RuleParseException("xbits: action \"" + cmdText + "\" is not supported");
        };
        if (name.length() > 255) {
            throw new RuleParseException("xbits: name too long (max 255 characters)");
        }
        ctx.add(new XbitsOption(cmd, name, track, expire));
    }

    private static List<String> split(String s) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == ',') {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        return parts;
    }

    /** For {@code \s*KEY\s+VALUE}: VALUE (as written, up to the comma), or null. */
    private static String keywordValue(String part, String key) {
        int i = Args.skipSpaces(part, 0);
        if (!part.startsWith(key, i)) {
            return null;
        }
        i += key.length();
        int v = Args.skipSpaces(part, i);
        if (v == i || v == part.length()) {
            return null;
        }
        return part.substring(v);
    }

    private static boolean isLower(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 'a' || s.charAt(i) > 'z') {
                return false;
            }
        }
        return true;
    }

    private static RuleParseException invalid(String value) {
        return new RuleParseException("xbits: \"" + value + "\" is not a valid setting");
    }

    @Override
    public String keyword() {
        return "xbits";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(command.text).append(',').append(name).append(",track ").append(track.text);
        if (expire != null) {
            out.append(",expire ").append(expire);
        }
    }
}

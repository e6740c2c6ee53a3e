package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Uint;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP/2 frame keywords (Suricata's detect-http2.c): {@code http2.frametype:HEADERS;} (a
 * frame type name or number), {@code http2.errorcode:INTERNAL_ERROR;} (an error code name or
 * number, from RST_STREAM and GOAWAY frames), {@code http2.settings:SETTINGS_HEADER_TABLE_SIZE>1000;}
 * (a setting, with an optional unsigned comparison of its value), and the unsigned comparisons
 * {@code http2.priority}, {@code http2.window}, {@code http2.size_update}. {@code id} is the frame
 * type, error code or setting id (-1 for the comparisons); {@code value} the comparison or null.
 */
public record Http2Option(String keyword, long id, Uint value) implements RuleOption {
    public static final List<String> FRAME_TYPES = List.of("DATA", "HEADERS", "PRIORITY", "RST_STREAM", "SETTINGS",
            "PUSH_PROMISE", "PING", "GOAWAY", "WINDOW_UPDATE", "CONTINUATION");
    public static final List<String> ERROR_CODES = List.of("NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR",
            "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT", "STREAM_CLOSED", "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL",
            "COMPRESSION_ERROR", "CONNECT_ERROR", "ENHANCE_YOUR_CALM", "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED");
    /** Setting names by id - 1. */
    public static final List<String> SETTINGS = List.of("SETTINGS_HEADER_TABLE_SIZE", "SETTINGS_ENABLE_PUSH",
            "SETTINGS_MAX_CONCURRENT_STREAMS", "SETTINGS_INITIAL_WINDOW_SIZE", "SETTINGS_MAX_FRAME_SIZE",
            "SETTINGS_MAX_HEADER_LIST_SIZE");

    public static final KeywordDef FRAMETYPE = named("http2.frametype", "http2-frametype", FRAME_TYPES, Uint.U8);
    public static final KeywordDef ERRORCODE = named("http2.errorcode", "http2-errorcode", ERROR_CODES, Uint.U32);
    public static final KeywordDef PRIORITY = compare("http2.priority", "http2-priority", Uint.U8);
    public static final KeywordDef WINDOW = compare("http2.window", "http2-window", Uint.U32);
    public static final KeywordDef SIZE_UPDATE = compare("http2.size_update", "http2-size-update", Uint.U64);
    public static final KeywordDef SETTINGS_DEF = KeywordDef.of("http2.settings",
            KeywordDef.doc("http2-keywords", "http2-settings"), ValueMode.REQUIRED, Http2Option::parseSettings);

    /** A name of {@code names} (its index is the value) or a number up to {@code max}. */
    private static KeywordDef named(String keyword, String anchor, List<String> names, long max) {
        return KeywordDef.of(keyword, KeywordDef.doc("http2-keywords", anchor), ValueMode.REQUIRED, (v, ctx) -> {
            String s = Args.noQuotes(keyword, v).trim();
            int i = indexOf(names, s);
            long id;
            if (i >= 0) {
                id = i;
            } else if (Args.isDigits(s)) {
                id = Args.parseDecimal(keyword, "value", s, max);
            } else {
                throw new RuleParseException(keyword + ": unknown value \"" + s + "\"");
            }
            AppProto.checkHeader(ctx, keyword, "http2");
            ctx.add(new Http2Option(keyword, id, null));
        });
    }

    /**
     * The index of {@code s} in {@code names}, case and underscores ignored: Suricata 7 spells the
     * names without underscores (WINDOWUPDATE, INTERNALERROR), Suricata 8 with them.
     */
    private static int indexOf(List<String> names, String s) {
        String want = s.replace("_", "").toUpperCase(Locale.ROOT);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).replace("_", "").equals(want)) {
                return i;
            }
        }
        return -1;
    }

    private static KeywordDef compare(String keyword, String anchor, long max) {
        return KeywordDef.of(keyword, KeywordDef.doc("http2-keywords", anchor), ValueMode.REQUIRED, (v, ctx) -> {
            Uint u = Uint.parse(keyword, Args.noQuotes(keyword, v), max);
            AppProto.checkHeader(ctx, keyword, "http2");
            ctx.add(new Http2Option(keyword, -1, u));
        });
    }

    private static void parseSettings(String v, ParseContext ctx) throws RuleParseException {
        String s = Args.noQuotes("http2.settings", v).trim();
        int end = 0;
        while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
            end++;
        }
        String name = s.substring(0, end);
        int i = indexOf(SETTINGS, name);
        long id;
        if (i >= 0) {
            id = i + 1;
        } else if (Args.isDigits(name)) {
            id = Args.parseDecimal("http2.settings", "id", name, Uint.U16);
        } else {
            throw new RuleParseException("http2.settings: unknown setting \"" + s.substring(0, end) + "\"");
        }
        String rest = s.substring(end).trim();
        Uint u = rest.isEmpty() ? null : Uint.parse("http2.settings", rest, Uint.U32);
        AppProto.checkHeader(ctx, "http2.settings", "http2");
        ctx.add(new Http2Option("http2.settings", id, u));
    }

    @Override
    public void appendValue(StringBuilder out) {
        switch (keyword) {
            case "http2.frametype" -> out.append(id < FRAME_TYPES.size() ? FRAME_TYPES.get((int) id) : Long.toString(id));
            case "http2.errorcode" -> out.append(id < ERROR_CODES.size() ? ERROR_CODES.get((int) id) : Long.toString(id));
            case "http2.settings" -> {
                out.append(id >= 1 && id <= SETTINGS.size() ? SETTINGS.get((int) id - 1) : Long.toString(id));
                if (value != null) {
                    value.appendTo(out);
                }
            }
            default -> value.appendTo(out);
        }
    }

    /** Whether {@code v} satisfies the comparison (always, without one). */
    public boolean valueMatches(long v) {
        return value == null || value.matches(v);
    }
}

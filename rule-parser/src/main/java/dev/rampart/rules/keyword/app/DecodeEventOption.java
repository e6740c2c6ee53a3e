package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code decode-event:ipv4.pkt_too_small;} and {@code stream-event:3whs_syn_flood;} — a packet
 * decoder or TCP stream engine event (names case-insensitive, checked against Suricata's event
 * table in {@code decode-events.txt}). The record keeps the full lower-case name
 * ({@code decoder.ipv4.pkt_too_small}, {@code stream.3whs_syn_flood}).
 */
public record DecodeEventOption(String keyword, String event) implements RuleOption {
    public static final KeywordDef DECODE = KeywordDef.of("decode-event",
            KeywordDef.doc("decode-layer", "decode-event"), ValueMode.REQUIRED,
            (v, ctx) -> parse("decode-event", "decoder.", v, ctx));
    public static final KeywordDef STREAM = KeywordDef.of("stream-event",
            KeywordDef.doc("decode-layer", "stream-event"), ValueMode.REQUIRED,
            (v, ctx) -> parse("stream-event", "stream.", v, ctx));

    private static final Set<String> EVENTS = load();

    private static Set<String> load() {
        Set<String> s = new HashSet<>();
        try (InputStream in = DecodeEventOption.class.getResourceAsStream("decode-events.txt")) {
            if (in == null) {
                throw new IllegalStateException("decode-events.txt missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                line = line.trim();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    s.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(s);
    }

    static void parse(String keyword, String prefix, String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes(keyword, value);
        String full = prefix + value.trim().toLowerCase(Locale.ROOT);
        if (!EVENTS.contains(full)) {
            throw new RuleParseException(keyword + ": unknown event \"" + value.trim() + "\"");
        }
        ctx.add(new DecodeEventOption(keyword, full));
    }

    /** Whether a full event name ({@code decoder.x.y} / {@code stream.x}) is known. */
    public static boolean isKnown(String fullName) {
        return EVENTS.contains(fullName);
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(event, event.indexOf('.') + 1, event.length());
    }
}

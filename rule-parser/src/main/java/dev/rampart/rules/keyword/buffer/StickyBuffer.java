package dev.rampart.rules.keyword.buffer;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.payload.ContentOption;

/**
 * Sticky buffer keywords ({@code http.uri;}) and the legacy content modifiers that put the
 * previous content into the same buffer ({@code content:"x"; http_uri;}). One registry line per
 * buffer creates both; see {@code KeywordRegistry}.
 */
public final class StickyBuffer {
    private StickyBuffer() {
    }

    /**
     * A sticky buffer keyword.
     *
     * @param name    canonical dotted name, also the buffer name
     * @param page    Suricata docs page (for the doc link)
     * @param aliases older spellings that are sticky too ({@code dns_query}, {@code tls_sni})
     */
    public static KeywordDef sticky(String name, String page, String... aliases) {
        String proto = appProtoOf(name);
        return KeywordDef.of(name, KeywordDef.doc(page, name.replace('.', '-').replace('_', '-')), ValueMode.OPTIONAL,
                (v, ctx) -> {
                    if (proto != null) {
                        ctx.requireAppProto(name, proto);
                    }
                    ctx.selectBuffer(name, name + direction(name, v));
                }, aliases);
    }

    /**
     * {@code file.data: to_client;} (Suricata 8): a buffer of both directions pinned to one side,
     * for => rules; the buffer name carries it as {@code name@to_client}.
     */
    private static String direction(String name, String value) throws RuleParseException {
        if (value == null || value.isBlank()) {
            return "";
        }
        String v = value.trim();
        if (!v.equals(TO_CLIENT) && !v.equals(TO_SERVER)) {
            throw new RuleParseException(name + ": unexpected value \"" + v + "\" (to_client or to_server)");
        }
        return DIRECTION_MARK + v;
    }

    public static final String TO_CLIENT = "to_client";
    public static final String TO_SERVER = "to_server";
    /** Separates a buffer name from the direction it is pinned to. */
    public static final String DIRECTION_MARK = "@";

    /** The app-layer protocol a buffer belongs to, from its name; null for protocol-free buffers. */
    static String appProtoOf(String buffer) {
        int dot = buffer.indexOf('.');
        String prefix = dot < 0 ? buffer : buffer.substring(0, dot);
        return switch (prefix) {
            case "http" -> "http";
            case "dns" -> "dns";
            case "tls", "ja3", "ja3s" -> "tls";
            case "ssh", "smb", "krb5", "sip", "quic", "http2", "mqtt", "ike", "websocket", "rfb", "snmp" -> prefix;
            default -> null;
        };
    }

    /** {@code pkt_data;}: back to the packet/stream payload. */
    public static final KeywordDef PKT_DATA = KeywordDef.of("pkt_data", KeywordDef.doc("payload-keywords", "pkt-data"),
            ValueMode.NONE, (v, ctx) -> ctx.selectBuffer("pkt_data", Buffer.PAYLOAD_NAME));

    /** A legacy content modifier that moves the previous content into {@code bufferName}. */
    public static KeywordDef modifier(String legacyName, String bufferName, String page) {
        return KeywordDef.of(legacyName, KeywordDef.doc(page, legacyName.replace('_', '-')), ValueMode.NONE,
                (v, ctx) -> moveLastContent(legacyName, bufferName, ctx));
    }

    /**
     * Suricata moves the last content of the payload list (not simply the last content), so
     * {@code content:"a"; http_uri; http_header;} has no content for http_header.
     */
    static void moveLastContent(String keyword, String bufferName, ParseContext ctx) throws RuleParseException {
        if (ctx.stickyActive()) {
            throw new RuleParseException(keyword + " seen with a sticky buffer still set; reset it with pkt_data first");
        }
        int index = ctx.lastPayloadContentIndex();
        if (index < 0) {
            throw new RuleParseException(keyword + " found without a content context: use a content keyword before it");
        }
        ContentOption c = (ContentOption) ctx.options().get(index);
        if (c.rawbytes()) {
            throw new RuleParseException(keyword + " can not be used with the rawbytes keyword");
        }
        ctx.requireAppProto(keyword, appProtoOf(bufferName));
        ctx.replace(index, c.withBuffer(Buffer.of(bufferName)));
    }
}

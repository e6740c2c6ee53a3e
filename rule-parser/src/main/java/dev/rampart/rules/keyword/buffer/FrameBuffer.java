package dev.rampart.rules.keyword.buffer;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.Protocols;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import java.util.Set;

/**
 * {@code frame:http1.request;} — Suricata's sticky buffer over an app-layer frame: the stream bytes
 * a protocol parser marked as one unit (an HTTP/1 request or response, or {@code stream}, the whole
 * direction). The value is {@code <proto>.<frame>} or, when the rule already has an app-layer
 * protocol, just {@code <frame>}. The buffer is named {@code frame:<proto>.<frame>}.
 *
 * <p>As Suricata's DetectFrameSetup: a short name needs the rule's protocol; a protocol that is
 * not an app-layer one makes the whole value the short name; the keyword's protocol must agree
 * with the rule's; {@code stream} exists for every protocol. A frame cannot be mixed with payload
 * content or app-layer buffers in one rule (checked with suricata-oracle: both are parse errors).
 */
public final class FrameBuffer {
    private FrameBuffer() {
    }

    /** Buffer names of frame buffers start with this. */
    public static final String PREFIX = "frame:";

    /** The frame every TCP app-layer protocol has: all of one direction's stream. */
    public static final String STREAM = "stream";

    /** Frame names Suricata 7 registers for HTTP/1 ({@code HttpFrameTypes}); plain {@code http} has none. */
    private static final Set<String> HTTP1 = Set.of("request", "response");

    public static final KeywordDef DEF = KeywordDef.of("frame", KeywordDef.doc("app-layer", "frame"),
            ValueMode.REQUIRED, FrameBuffer::parse);

    private static void parse(String value, ParseContext ctx) throws RuleParseException {
        String v = value.trim();
        if (!admitsTcpOrUdp(ctx.protocol())) {
            throw new RuleParseException("frame: only supported for TCP and UDP rules");
        }
        String ruleProto = ctx.appProto() != null ? ctx.appProto()
                : Protocols.isAppLayer(ctx.protocol()) ? ctx.protocol() : null;
        int dot = v.indexOf('.');
        String proto = dot < 0 ? null : v.substring(0, dot);
        String name;
        if (proto != null && Protocols.isAppLayer(proto) && !proto.equals("http-any") && !proto.equals("failed")) {
            name = v.substring(dot + 1);
            ctx.requireAppProto("frame", proto);
        } else {
            if (ruleProto == null) {
                throw new RuleParseException("frame: rule protocol unknown, can't use shorthand notation for frame '" + v + "'");
            }
            proto = ruleProto;
            name = v;
        }
        if (name.isEmpty()) {
            throw new RuleParseException("frame: missing frame name in '" + v + "'");
        }
        if (!name.equals(STREAM) && (proto.equals("http") || (proto.equals("http1") && !HTTP1.contains(name)))) {
            throw new RuleParseException("frame: unknown frame '" + name + "' for protocol '" + proto + "'");
        }
        ctx.selectBuffer("frame", PREFIX + proto + "." + name);
        ctx.atFinish("frame", FrameBuffer::checkNotMixed);
    }

    /** Suricata's DetectFrameSetup: the rule's protocol must include TCP or UDP. */
    private static boolean admitsTcpOrUdp(String headerProto) {
        return switch (headerProto) {
            case "udp-pkt", "icmp", "icmpv4", "icmpv6", "sctp", "tcp-pkt", "pkthdr" -> false;
            default -> true;
        };
    }

    /** Suricata: "can't mix pure content and frame inspection" / "can't mix app-layer buffer and frame inspection". */
    private static void checkNotMixed(ParseContext ctx) throws RuleParseException {
        for (RuleOption o : ctx.options()) {
            if (o instanceof PayloadOption p && !p.buffer().name().startsWith(PREFIX)) {
                if (p.buffer().name().equals(Buffer.PAYLOAD_NAME)) {
                    throw new RuleParseException("frame: can't mix pure content and frame inspection");
                }
                throw new RuleParseException("frame: can't mix app-layer buffer and frame inspection");
            }
        }
    }
}

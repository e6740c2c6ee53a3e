package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.decode.DecodeEvent;
import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.stream.StreamEvent;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.app.DecodeEventOption;

/**
 * {@code decode-event} / {@code stream-event}: the decoder raised the event for this packet, or
 * the TCP stream engine did while handling it. Matched by Suricata's event name; an event the
 * engine never raises makes the rule unsupported (it could never fire).
 */
public final class DecodeEventMatcher implements PacketMatcher {
    private final int decodeOrdinal;
    private final long streamBit;

    private DecodeEventMatcher(int decodeOrdinal, long streamBit) {
        this.decodeOrdinal = decodeOrdinal;
        this.streamBit = streamBit;
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        String name = ((DecodeEventOption) option).event();
        if (name.startsWith("decoder.")) {
            String shortName = name.substring("decoder.".length());
            for (DecodeEvent e : DecodeEvent.values()) {
                if (e.eventName().equals(shortName) || e.eventName().equals(name)) {
                    rule.addMatcher(new DecodeEventMatcher(e.ordinal(), 0));
                    return;
                }
            }
        } else {
            for (StreamEvent e : StreamEvent.values()) {
                if (e.eventName().equals(name)) {
                    rule.addMatcher(new DecodeEventMatcher(-1, 1L << e.ordinal()));
                    return;
                }
            }
        }
        rule.unsupported("event " + name + " is not raised by the engine yet");
    }

    @Override
    public boolean matches(DetectContext ctx) {
        if (streamBit != 0) {
            return (ctx.streamEvents & streamBit) != 0;
        }
        var p = ctx.packet;
        // only this layer's events: an enclosing tunnel layer's are matched on that layer's packet
        for (int i = p.firstOwnEvent; i < p.eventCount; i++) {
            if (p.events[i] == decodeOrdinal) {
                return true;
            }
        }
        return false;
    }
}

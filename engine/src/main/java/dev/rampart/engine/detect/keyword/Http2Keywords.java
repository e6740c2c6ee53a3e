package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.http.Http2Stream;
import dev.rampart.engine.applayer.http.HttpTx;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.app.Http2Option;

/**
 * The HTTP/2 frame keywords over a stream's frames of the inspected direction (Suricata's
 * frames_ts / frames_tc): {@code http2.frametype} (a frame of that type), {@code http2.errorcode}
 * (a RST_STREAM or GOAWAY with that code), {@code http2.priority} (a PRIORITY frame's or a HEADERS
 * priority's weight), {@code http2.window} (a WINDOW_UPDATE increment), {@code http2.size_update}
 * (an HPACK table size update), {@code http2.settings} (a SETTINGS entry, its value compared when
 * the rule gives a comparison). Any one frame satisfying the keyword is a match.
 */
public final class Http2Keywords {
    private Http2Keywords() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        Http2Option o = (Http2Option) option;
        Matcher m = switch (o.keyword()) {
            case "http2.frametype" -> s -> s.hasFrameType((int) o.id());
            case "http2.errorcode" -> s -> any(s.errorCodes(), v -> (v & 0xffffffffL) == o.id());
            case "http2.priority" -> s -> any(s.priorities(), o::valueMatches);
            case "http2.window" -> s -> any(s.windows(), o::valueMatches);
            case "http2.size_update" -> s -> any(s.sizeUpdates(), v -> o.valueMatches(v & 0xffffffffL));
            case "http2.settings" -> s -> {
                Http2Stream.IntList l = s.settings();
                for (int i = 0; i + 1 < l.size(); i += 2) {
                    if (l.get(i) == o.id() && o.valueMatches(l.get(i + 1) & 0xffffffffL)) {
                        return true;
                    }
                }
                return false;
            };
            default -> throw new IllegalArgumentException(o.keyword());
        };
        rule.addTxMatcher(AppProto.HTTP2, AppBuffer.BOTH, (ctx, session, tx) -> {
            Http2Stream h2 = ((HttpTx) tx).http2();
            return h2 != null && m.matches(h2.side(ctx.toServer));
        });
    }

    private interface Matcher {
        boolean matches(Http2Stream.Side side);
    }

    private interface LongTest {
        boolean test(long v);
    }

    private static boolean any(Http2Stream.IntList l, LongTest t) {
        for (int i = 0; i < l.size(); i++) {
            if (t.test(l.get(i))) {
                return true;
            }
        }
        return false;
    }
}

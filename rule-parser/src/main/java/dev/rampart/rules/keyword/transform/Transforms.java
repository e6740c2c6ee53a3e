package dev.rampart.rules.keyword.transform;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.payload.Base64Data;
import dev.rampart.rules.keyword.payload.ContentOption;
import java.util.function.Supplier;

/** What all transforms share: how they attach to the active sticky buffer. */
public final class Transforms {
    /** Most transforms one buffer may have (Suricata's DETECT_TRANSFORMS_MAX). */
    public static final int MAX = 16;

    private Transforms() {
    }

    /**
     * Adds a transform to the active sticky buffer: it must directly follow a sticky buffer that
     * takes transforms (base64_data does not), before the buffer's matches.
     */
    public static void add(String keyword, TransformOption transform, ParseContext ctx) throws RuleParseException {
        if (ctx.stickyActive() && Base64Data.BUFFER.equals(ctx.buffer().name())) {
            throw new RuleParseException(keyword + ": base64_data does not support transforms");
        }
        if (ctx.buffer().transforms().size() >= MAX) {
            throw new RuleParseException(keyword + ": a buffer can have at most " + MAX + " transforms");
        }
        ctx.addTransform(keyword, transform);
        if (transform instanceof ContentCheck) {
            ctx.atFinish("transform content check", Transforms::checkContents);
        }
    }

    /** Contents a transform of their buffer can never produce are refused, as Suricata does. */
    private static void checkContents(ParseContext ctx) throws RuleParseException {
        for (RuleOption o : ctx.options()) {
            if (o instanceof ContentOption c) {
                for (TransformOption t : c.buffer().transforms()) {
                    if (t instanceof ContentCheck check && !check.accepts(c.pattern())) {
                        throw new RuleParseException("content string \"" + c.pattern() + "\" incompatible with "
                                + t.keyword() + " transform");
                    }
                }
            }
        }
    }

    /** The definition of a transform that takes no value. */
    static KeywordDef flag(String name, Supplier<TransformOption> transform) {
        return KeywordDef.of(name, KeywordDef.doc("transforms", name.replace('_', '-')), ValueMode.NONE,
                (v, ctx) -> add(name, transform.get(), ctx));
    }
}

package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Uint;

/**
 * The least length a buffer must have for its contents to match, for the check by which Suricata
 * refuses rules whose dsize or bsize can never hold their contents ("signature can't match as
 * required content length exceeds ..."). Computed conservatively, so that only rules that truly
 * cannot match are refused: a chain is a content (with its offset) followed by the contents that
 * are relative to it (their positive distance plus their length); the required length is that of
 * the longest chain. Negated contents need nothing; a negated content, a negative or variable
 * distance, a pcre or another keyword in between ends a chain.
 */
final class RequiredLength {
    private RequiredLength() {
    }

    /** The required length of the contents in {@code buffer}. */
    static long of(ParseContext ctx, Buffer buffer) {
        long best = 0;
        long chain = -1; // -1: no chain to extend
        for (RuleOption o : ctx.options()) {
            if (!(o instanceof PayloadOption p) || !p.buffer().equals(buffer)) {
                continue;
            }
            if (!(o instanceof ContentOption c) || c.negated()) {
                chain = -1;
                continue;
            }
            long len = c.pattern().length();
            if (c.isRelative() && chain >= 0) {
                long distance = c.distance() == null ? 0 : c.distance().isVar() ? -1 : c.distance().value();
                chain = distance < 0 ? len : chain + distance + len;
            } else {
                long offset = c.offset() != null && !c.offset().isVar() ? c.offset().value() : 0;
                chain = c.isRelative() ? len : offset + len;
            }
            best = Math.max(best, chain);
        }
        return best;
    }

    /**
     * The size bound Suricata checks against: the value of {@code N} and {@code <N}, the upper
     * bound of a range; -1 (no check) for the other conditions.
     */
    static long maxSize(Uint u) {
        return switch (u.mode()) {
            case EQ, LT -> u.arg1();
            case RANGE -> u.arg2();
            default -> -1;
        };
    }
}

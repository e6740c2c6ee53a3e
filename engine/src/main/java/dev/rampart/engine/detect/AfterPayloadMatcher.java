package dev.rampart.engine.detect;

/**
 * A packet keyword that Suricata runs after the rule's payload keywords and that reads where the
 * last payload match ended ({@code det_ctx->buffer_offset}): {@code asn1}'s relative offset.
 * Implementations are immutable and shared by all workers.
 */
@FunctionalInterface
public interface AfterPayloadMatcher {
    /** {@code bufferOffset}: the end of the payload inspection's last match, 0 without payload keywords. */
    boolean matches(DetectContext ctx, int bufferOffset);
}

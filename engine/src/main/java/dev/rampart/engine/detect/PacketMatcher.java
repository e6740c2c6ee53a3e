package dev.rampart.engine.detect;

/**
 * One non-payload rule keyword evaluated against the packet and its flow (Suricata's
 * {@code DETECT_SM_LIST_MATCH} entries: ttl, flags, flow, flowbits isset, ...). Implementations
 * are immutable and shared by all workers; per-call state lives in the {@link DetectContext}.
 */
@FunctionalInterface
public interface PacketMatcher {
    boolean matches(DetectContext ctx);
}

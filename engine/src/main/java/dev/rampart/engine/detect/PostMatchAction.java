package dev.rampart.engine.detect;

/**
 * Work a rule does once it has fully matched, before alerts are finalised (Suricata's
 * {@code DETECT_SM_LIST_POSTMATCH}: flowbits set/unset/toggle, flowint arithmetic, xbits). Runs in
 * rule order, so a later rule on the same packet sees the effect.
 */
@FunctionalInterface
public interface PostMatchAction {
    void apply(DetectContext ctx);
}

/**
 * Flow tracking after decoding: {@link dev.rampart.engine.flow.FlowTable} finds or creates the
 * bidirectional {@link dev.rampart.engine.flow.Flow} of each packet (symmetric hash, int-linked
 * bucket chains over a bounded pool, no allocation per packet), times flows out on packet time
 * with Suricata's per-protocol/per-state timeouts, recycles the idlest flow when full (emergency
 * mode) and counts as Suricata's {@code flow.*} stats. Later stages hang their state on the flow
 * and learn about its end through {@link dev.rampart.engine.flow.FlowEndListener}.
 */
package dev.rampart.engine.flow;

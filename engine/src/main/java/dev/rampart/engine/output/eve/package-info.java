/**
 * EVE JSON output shaped as Suricata 7.0's, byte for byte where checked (golden lines from the
 * oracle in the tests): {@link dev.rampart.engine.output.eve.EveAlertWriter} for {@code alert}
 * records filled from a reused {@link dev.rampart.engine.output.eve.AlertEvent} plus a per-rule
 * {@link dev.rampart.engine.output.eve.EveRuleInfo} rendered at rule-load time, and
 * {@link dev.rampart.engine.output.eve.EveStatsWriter} for the {@code stats} record. Hand-written
 * JSON into a reused byte buffer: nothing is allocated per alert.
 *
 * <p>Not produced yet (the engine has no source for them): app-layer objects (passed through as a
 * pre-rendered fragment), {@code tunnel}, payload/packet/verdict/xff/raw-rule options, community_id,
 * ethernet, flow bypass counters.
 */
package dev.rampart.engine.output.eve;

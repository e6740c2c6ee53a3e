/**
 * Packet decoding: {@link dev.rampart.engine.decode.PacketDecoder} fills a reused
 * {@link dev.rampart.engine.decode.Packet} from a captured frame, one small decoder class per
 * layer. Behaviour follows Suricata 7.0: malformed headers become
 * {@link dev.rampart.engine.decode.DecodeEvent}s named like Suricata's decoder events (some mark
 * the packet invalid and stop decoding, exactly where Suricata sets its invalid flag), and
 * {@link dev.rampart.engine.decode.DecodeCounters} mirror its {@code decoder.*} stats. Both were
 * checked against the real Suricata on suricata-verify and crafted pcaps (OracleCountersTest).
 */
package dev.rampart.engine.decode;

/**
 * TCP session tracking and stream reassembly after Suricata's stream-tcp:
 * {@link dev.rampart.engine.stream.TcpTracker} runs the per-session state machine (handshake,
 * windows, RST/FIN handling, port reuse), {@link dev.rampart.engine.stream.TcpReassembler} stores
 * segments in pooled buffers, resolves overlaps by the receiver's
 * {@link dev.rampart.engine.stream.OsPolicy} and hands in-order bytes and gaps to the app-layer
 * and raw {@link dev.rampart.engine.stream.StreamConsumer}s, each with its own progress.
 *
 * <p>Wiring: {@code FlowTable(config, tracker)} (the tracker is the flow-end listener, which
 * flushes and frees sessions), {@code flowTable.setReuseCheck(tracker)}, then per TCP packet
 * {@code tracker.handle(flowTable.handle(p), p)}.
 */
package dev.rampart.engine.stream;

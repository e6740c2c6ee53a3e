package dev.rampart.engine.flow;

import dev.rampart.engine.decode.Packet;

/**
 * Asked when a packet matches an existing flow: true means the packet starts a new connection on
 * the same 5-tuple (a TCP SYN after the old session closed, Suricata's {@code flow.tcp_reuse}),
 * so the old flow ends and a new one begins. The TCP tracker implements it.
 */
@FunctionalInterface
public interface FlowReuseCheck {
    boolean startsNewFlow(Flow flow, Packet p, boolean toServer);
}

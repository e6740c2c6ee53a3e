package dev.rampart.engine.detect;

import dev.rampart.engine.output.eve.AlertEvent;

/** Receives each finalised alert; the event is a reused flyweight, valid only during the call. */
@FunctionalInterface
public interface AlertSink {
    void onAlert(AlertEvent alert, CompiledRule rule);
}

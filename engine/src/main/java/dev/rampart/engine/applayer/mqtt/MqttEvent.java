package dev.rampart.engine.applayer.mqtt;

/** MQTT app-layer events ({@code app-layer-event:mqtt.NAME}), as Suricata 7 raises them on transactions. */
public enum MqttEvent {
    MISSING_CONNECT,
    MISSING_PUBLISH,
    MISSING_SUBSCRIBE,
    MISSING_UNSUBSCRIBE,
    DOUBLE_CONNECT,
    UNINTRODUCED_MESSAGE,
    INVALID_QOS_LEVEL,
    MISSING_MSG_ID,
    UNASSIGNED_MSG_TYPE,
    TOO_MANY_TRANSACTIONS,
    MALFORMED_TRAFFIC;
}

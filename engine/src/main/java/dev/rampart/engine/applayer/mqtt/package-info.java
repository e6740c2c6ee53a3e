/** MQTT 3.1 / 3.1.1 / 5 over TCP: control packets, Suricata's transaction model, the mqtt.* buffers. */
package dev.rampart.engine.applayer.mqtt;

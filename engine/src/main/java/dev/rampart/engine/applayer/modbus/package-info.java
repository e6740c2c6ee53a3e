/** Modbus/TCP: application data units, Suricata 7's request/response transactions, the modbus keyword. */
package dev.rampart.engine.applayer.modbus;

/** SNMP v1 / v2c / v3 over UDP: Suricata 7's message parser, one transaction per datagram, the snmp.* keywords. */
package dev.rampart.engine.applayer.snmp;

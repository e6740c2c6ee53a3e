/** RFB (the VNC handshake) over TCP: Suricata 7's handshake parser, its one transaction and its alert object. */
package dev.rampart.engine.applayer.rfb;

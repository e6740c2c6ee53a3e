/** WebSocket (RFC 6455) frames after an HTTP/1 upgrade, as Suricata 8 parses them; the websocket.* keywords. */
package dev.rampart.engine.applayer.websocket;

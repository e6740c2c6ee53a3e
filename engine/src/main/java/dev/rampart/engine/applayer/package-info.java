/**
 * Application layer: protocol detection and the HTTP/1.x, TLS and DNS parsers, fed in-order
 * stream bytes by the TCP reassembler's "app" consumer (or datagrams for UDP). Parsers expose
 * per-transaction fields as {@link dev.rampart.engine.applayer.Slice}s; the detection layer maps
 * sticky-buffer names onto those accessors.
 */
package dev.rampart.engine.applayer;

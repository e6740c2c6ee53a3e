/**
 * HTTP/1.x parsing as Suricata 7 sees it through libhtp: {@link dev.rampart.engine.applayer.http.HttpParser}
 * (one per flow) produces {@link dev.rampart.engine.applayer.http.HttpTx} transactions whose sticky
 * buffers are zero-copy {@link dev.rampart.engine.applayer.Slice} views, anomaly
 * {@link dev.rampart.engine.applayer.http.HttpEvent}s, and the eve "http" object
 * ({@link dev.rampart.engine.applayer.http.HttpEveJson}).
 */
package dev.rampart.engine.applayer.http;

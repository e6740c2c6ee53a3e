/**
 * TLS: {@link dev.rampart.engine.applayer.tls.TlsParser} (one per flow, poolable with
 * {@code reset()}) turns the in-order bytes of both directions into the handshake fields that
 * Suricata's tls.* keywords and EVE use: SNI, versions, randoms, hellos' lists, JA3/JA3S/JA4
 * ({@link dev.rampart.engine.applayer.tls.TlsFingerprints}), the server's certificate chain as DER
 * and the first certificate's fields ({@link dev.rampart.engine.applayer.tls.X509Reader}), the
 * ssl_state bits and the {@code tls.*} events. {@link dev.rampart.engine.applayer.tls.TlsEveJson}
 * renders Suricata 7's "tls" EVE object.
 */
package dev.rampart.engine.applayer.tls;

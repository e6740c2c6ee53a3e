package dev.rampart.engine.applayer.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one certificate that rules and EVE use, as Suricata 7 prints them (its x509
 * module renders names as "C=US, O=Org, CN=host", serials as upper-case colon hex). Filled by
 * {@link X509Reader}; reused per flow.
 */
public final class X509Certificate {
    public String subject;
    public String issuer;
    /** Raw serial INTEGER content bytes as {@code 0A:1B:...}. */
    public String serial;
    /** Validity as seconds since the epoch (UTC). */
    public long notBefore;
    public long notAfter;
    /** dNSName entries of subjectAltName, in certificate order. */
    public final List<String> subjectAltNames = new ArrayList<>(4);
    /** Why the last read failed, null when it succeeded. */
    public TlsEvent error;

    public X509Certificate clear() {
        subject = null;
        issuer = null;
        serial = null;
        notBefore = 0;
        notAfter = 0;
        subjectAltNames.clear();
        error = null;
        return this;
    }
}

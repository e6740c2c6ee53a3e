package dev.rampart.engine.applayer.tls;

import dev.rampart.engine.applayer.Slice;
import dev.rampart.eve.JsonBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Suricata 7's {@code "tls":{...}} object of alert (and tls) records, extended form: subject,
 * issuerdn, session_resumed, serial, fingerprint, sni, version, notbefore, notafter, then ja3 and
 * ja3s ({@code {"hash":..,"string":..}}) when JA3 is enabled and ja4 when JA4 logging is on. A
 * field is left out when the handshake did not provide it; version is always there
 * ("UNDETERMINED" before the server spoke).
 */
public final class TlsEveJson {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private TlsEveJson() {}

    /** Writes the object (braces included, no key). */
    public static void write(JsonBuffer b, TlsParser t, boolean ja3, boolean ja4) {
        b.raw('{');
        boolean[] first = {true};
        X509Certificate cert = t.serverCertificate();
        if (cert != null) {
            field(b, first, "subject").string(cert.subject);
            field(b, first, "issuerdn").string(cert.issuer);
        }
        // Suricata logs it only without a server certificate and for a server version below 1.3
        // (a 1.3 server echoes the client's legacy session id in every handshake)
        int sv = t.version();
        if (t.sessionResumed() && cert == null && sv != 0x0304 && (sv >>> 8) != 0x7F) {
            field(b, first, "session_resumed").ascii("true");
        }
        if (cert != null) {
            field(b, first, "serial").string(cert.serial);
            field(b, first, "fingerprint").string(t.certificateFingerprint());
        }
        Slice sni = t.sni();
        if (!sni.isEmpty()) {
            field(b, first, "sni").string(text(sni));
        }
        field(b, first, "version").string(t.versionString());
        if (cert != null) {
            field(b, first, "notbefore").string(isoTime(cert.notBefore));
            field(b, first, "notafter").string(isoTime(cert.notAfter));
        }
        if (ja3 && t.ja3() != null) {
            field(b, first, "ja3");
            hashObject(b, t.ja3Hash(), t.ja3());
        }
        if (ja3 && t.ja3s() != null) {
            field(b, first, "ja3s");
            hashObject(b, t.ja3sHash(), t.ja3s());
        }
        if (ja4 && t.ja4() != null) {
            field(b, first, "ja4").string(t.ja4());
        }
        b.raw('}');
    }

    private static void hashObject(JsonBuffer b, String hash, String s) {
        b.raw('{').key("hash").string(hash).raw(',').key("string").string(s).raw('}');
    }

    private static JsonBuffer field(JsonBuffer b, boolean[] first, String key) {
        if (!first[0]) {
            b.raw(',');
        }
        first[0] = false;
        return b.key(key);
    }

    private static String text(Slice s) {
        return new String(s.array, s.offset, s.length, StandardCharsets.UTF_8);
    }

    /** Certificate validity as Suricata prints it: UTC, {@code 2024-11-21T11:42:33}. */
    public static String isoTime(long epochSeconds) {
        return LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC).format(ISO);
    }
}

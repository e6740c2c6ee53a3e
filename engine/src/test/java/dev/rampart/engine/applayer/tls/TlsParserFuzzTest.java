package dev.rampart.engine.applayer.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.engine.applayer.Slice;

/**
 * Input: {@code [chunk][client length hi][lo][client bytes][server bytes]}. Invariants: nothing
 * throws, and feeding each direction in {@code chunk}-byte pieces gives the same fields, state and
 * event counts as feeding it in one piece. The order of the directions stays the same: which
 * direction speaks first may matter (e.g. a bogus ClientHello sent toward the client), as it
 * does for Suricata; a first corpus entry found exactly that with interleaved pieces. {@code mvn test}
 * replays {@code TlsParserFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class TlsParserFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anySplitGivesTheSameResult(byte[] in) {
        if (in.length < 3) {
            return;
        }
        int chunk = 1 + (in[0] & 0xFF);
        int clientLen = Math.min(in.length - 3, (in[1] & 0xFF) << 8 | (in[2] & 0xFF));
        int serverOff = 3 + clientLen;
        int serverLen = in.length - serverOff;

        TlsParser whole = new TlsParser();
        whole.onData(true, in, 3, clientLen);
        whole.onData(false, in, serverOff, serverLen);

        TlsParser pieces = new TlsParser();
        for (int c = 0; c < clientLen; c += chunk) {
            pieces.onData(true, in, 3 + c, Math.min(chunk, clientLen - c));
        }
        for (int s = 0; s < serverLen; s += chunk) {
            pieces.onData(false, in, serverOff + s, Math.min(chunk, serverLen - s));
        }
        assertEquals(summary(whole), summary(pieces));
    }

    static String summary(TlsParser t) {
        StringBuilder sb = new StringBuilder();
        sb.append(t.sni()).append('|').append(t.versionString()).append('|').append(t.clientVersion())
                .append('|').append(t.ja3()).append('|').append(t.ja4()).append('|').append(t.ja3s())
                .append('|').append(t.stateFlags()).append('|').append(t.certificateCount())
                .append('|').append(t.certificateFingerprint()).append('|').append(t.sessionResumed());
        X509Certificate cert = t.serverCertificate();
        if (cert != null) {
            sb.append('|').append(cert.subject).append('|').append(cert.issuer).append('|').append(cert.serial)
                    .append('|').append(cert.notBefore).append('|').append(cert.subjectAltNames);
        }
        Slice x = new Slice();
        for (int i = 0; i < t.certificateCount(); i++) {
            sb.append('|').append(t.certificate(i, x).length);
        }
        for (TlsEvent e : TlsEvent.values()) {
            sb.append('|').append(t.eventCount(e));
        }
        return sb.toString();
    }
}

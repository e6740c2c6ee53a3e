package dev.rampart.engine.applayer.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes: read() never throws, fails exactly when it sets an error, and a success exposes all
 * fields. Reading the same bytes at an offset inside a larger array gives the same result.
 */
class X509ReaderFuzzTest {
    private final X509Reader reader = new X509Reader();

    @FuzzTest(maxDuration = "10m")
    void arbitraryDer(byte[] der) {
        X509Certificate a = new X509Certificate();
        boolean ok = reader.read(der, 0, der.length, a);
        if (ok) {
            assertNull(a.error);
            assertNotNull(a.subject);
            assertNotNull(a.issuer);
            assertNotNull(a.serial);
        } else {
            assertNotNull(a.error);
        }
        byte[] padded = new byte[der.length + 7];
        System.arraycopy(der, 0, padded, 3, der.length);
        X509Certificate b = new X509Certificate();
        assertEquals(ok, reader.read(padded, 3, der.length, b));
        assertEquals(a.subject, b.subject);
        assertEquals(a.issuer, b.issuer);
        assertEquals(a.serial, b.serial);
        assertEquals(a.notAfter, b.notAfter);
        assertEquals(a.subjectAltNames, b.subjectAltNames);
        assertEquals(a.error, b.error);
    }
}

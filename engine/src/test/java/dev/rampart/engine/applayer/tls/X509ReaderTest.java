package dev.rampart.engine.applayer.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.engine.applayer.PcapStreams;
import dev.rampart.engine.applayer.Slice;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class X509ReaderTest {

    private static List<byte[]> chain() throws Exception {
        Path pcap = PcapStreams.sv("tls-alpn-log-detect-02", "input.pcap");
        assumeTrue(pcap != null, "shared suricata-verify captures not present");
        TlsParser t = new TlsParser();
        byte[] s = PcapStreams.tcp(pcap).get(0).toClient.toByteArray();
        t.onData(false, s, 0, s.length);
        List<byte[]> out = new ArrayList<>();
        Slice sl = new Slice();
        for (int i = 0; i < t.certificateCount(); i++) {
            t.certificate(i, sl);
            out.add(Arrays.copyOfRange(sl.array, sl.offset, sl.offset + sl.length));
        }
        return out;
    }

    /** Serial, validity and dNSNames agree with the JDK's parser on every certificate of a real chain. */
    @Test
    void agreesWithTheJdkOnARealChain() throws Exception {
        List<byte[]> certs = chain();
        assertEquals(2, certs.size());
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        X509Reader r = new X509Reader();
        X509Certificate out = new X509Certificate();
        for (byte[] der : certs) {
            assertTrue(r.read(der, 0, der.length, out), String.valueOf(out.error));
            var jdk = (java.security.cert.X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
            BigInteger serial = new BigInteger(out.serial.replace(":", ""), 16);
            assertEquals(jdk.getSerialNumber(), serial);
            assertEquals(jdk.getNotBefore().getTime() / 1000, out.notBefore);
            assertEquals(jdk.getNotAfter().getTime() / 1000, out.notAfter);
            List<String> jdkSans = new ArrayList<>();
            if (jdk.getSubjectAlternativeNames() != null) {
                for (List<?> san : jdk.getSubjectAlternativeNames()) {
                    if ((Integer) san.get(0) == 2) {
                        jdkSans.add((String) san.get(1));
                    }
                }
            }
            assertEquals(jdkSans, out.subjectAltNames);
        }
        r.read(certs.get(0), 0, certs.get(0).length, out);
        assertTrue(out.subjectAltNames.contains("p142-contacts.icloud.com"));
    }

    @Test
    void everyTruncationFailsCleanly() throws Exception {
        byte[] der = chain().get(0);
        X509Reader r = new X509Reader();
        X509Certificate out = new X509Certificate();
        for (int len = 0; len < der.length; len++) {
            assertFalse(r.read(der, 0, len, out), "prefix " + len);
            assertNotNull(out.error);
        }
    }

    @Test
    void corruptedBytesNeverThrow() throws Exception {
        byte[] der = chain().get(0);
        X509Reader r = new X509Reader();
        X509Certificate out = new X509Certificate();
        Random rnd = new Random(1);
        int failures = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] m = der.clone();
            for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
            }
            if (!r.read(m, 0, m.length, out)) {
                failures++;
                assertNotNull(out.error);
            }
        }
        assertTrue(failures > 0);
    }

    @Test
    void namesRenderMultiValuedRdnsAndUnknownTypes() {
        // Name: SET{ CN=a + O=b }, SET{ 1.2.3.4=c }
        byte[] cn = {0x30, 0x08, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0C, 0x01, 'a'};
        byte[] o = {0x30, 0x08, 0x06, 0x03, 0x55, 0x04, 0x0A, 0x13, 0x01, 'b'};
        byte[] other = {0x30, 0x08, 0x06, 0x03, 0x2A, 0x03, 0x04, 0x0C, 0x01, 'c'};
        byte[] name = concat(new byte[] {0x30, 0x22, 0x31, 0x14}, cn, o, new byte[] {0x31, 0x0A}, other);
        byte[] validity = concat(new byte[] {0x30, 0x1E, 0x17, 0x0D}, "240101000000Z".getBytes(),
                new byte[] {0x17, 0x0D}, "991231235959Z".getBytes());
        byte[] tbs = concat(new byte[] {0x02, 0x01, 0x00, 0x30, 0x00}, name, validity, name, new byte[] {0x30, 0x00});
        byte[] cert = concat(new byte[] {0x30, (byte) (tbs.length + 2 + 2 + 3)}, new byte[] {0x30, (byte) tbs.length}, tbs,
                new byte[] {0x30, 0x00, 0x03, 0x01, 0x00});
        X509Certificate out = new X509Certificate();
        assertTrue(new X509Reader().read(cert, 0, cert.length, out), String.valueOf(out.error));
        assertEquals("CN=a + O=b, OID(1.2.3.4)=c", out.subject);
        assertEquals("00", out.serial);
        assertEquals("2024-01-01T00:00:00", TlsEveJson.isoTime(out.notBefore));
        assertEquals("1999-12-31T23:59:59", TlsEveJson.isoTime(out.notAfter));
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}

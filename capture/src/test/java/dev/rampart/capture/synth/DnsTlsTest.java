package dev.rampart.capture.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsTlsTest {

    @Test
    void queryWireFormat() {
        byte[] q = Dns.query(0x1234, "www.example.com", Dns.TYPE_A);
        assertEquals(0x1234, Decoded.u16(q, 0));
        assertEquals(0x0100, Decoded.u16(q, 2), "standard query, RD");
        assertEquals(1, Decoded.u16(q, 4));
        assertEquals(0, Decoded.u16(q, 6));
        assertEquals("www.example.com", readName(q, 12));
        int end = 12 + 17;
        assertEquals(Dns.TYPE_A, Decoded.u16(q, end));
        assertEquals(Dns.CLASS_IN, Decoded.u16(q, end + 2));
        assertEquals(end + 4, q.length);
    }

    @Test
    void responseWithCompressedAnswer() {
        byte[] r = Dns.response(7, "cdn.evil.test", Dns.TYPE_A, Dns.RCODE_NOERROR,
                List.of(Dns.Answer.a(300, "198.51.100.66")));
        assertEquals(0x8180, Decoded.u16(r, 2));
        assertEquals(1, Decoded.u16(r, 6), "one answer");
        int a = 12 + Dns.encodeName("cdn.evil.test").length + 4;
        assertEquals(0xc00c, Decoded.u16(r, a));
        assertEquals(Dns.TYPE_A, Decoded.u16(r, a + 2));
        assertEquals(300, Decoded.u32(r, a + 6));
        assertEquals(4, Decoded.u16(r, a + 10));
        assertArrayEquals(new byte[] {(byte) 198, 51, 100, 66}, java.util.Arrays.copyOfRange(r, a + 12, a + 16));
        byte[] nx = Dns.response(8, "nope.test", Dns.TYPE_A, Dns.RCODE_NXDOMAIN, List.of());
        assertEquals(0x8183, Decoded.u16(nx, 2));
    }

    @Test
    void badNames() {
        assertThrows(IllegalArgumentException.class, () -> Dns.encodeName("a..b"));
        assertThrows(IllegalArgumentException.class, () -> Dns.encodeName("x".repeat(64) + ".com"));
        assertArrayEquals(new byte[] {0}, Dns.encodeName("."));
    }

    @Test
    void clientHelloCarriesTheServerName() {
        byte[] h = Tls.clientHello("login.example.test", 42);
        assertEquals(0x16, h[0]);
        assertEquals(h.length - 5, Decoded.u16(h, 3), "record length");
        assertEquals(1, h[5], "ClientHello");
        int hsLen = ((h[6] & 0xff) << 16) | Decoded.u16(h, 7);
        assertEquals(h.length - 9, hsLen);
        int p = 9 + 2 + 32;
        p += 1 + (h[p] & 0xff); // session id
        p += 2 + Decoded.u16(h, p); // cipher suites
        p += 1 + (h[p] & 0xff); // compression
        int extEnd = p + 2 + Decoded.u16(h, p);
        assertEquals(h.length, extEnd);
        p += 2;
        String sni = null;
        while (p < extEnd) {
            int type = Decoded.u16(h, p);
            int len = Decoded.u16(h, p + 2);
            if (type == 0) {
                int nameLen = Decoded.u16(h, p + 4 + 3);
                sni = new String(h, p + 4 + 5, nameLen, StandardCharsets.US_ASCII);
            }
            p += 4 + len;
        }
        assertEquals("login.example.test", sni);
        assertArrayEquals(h, Tls.clientHello("login.example.test", 42), "same seed, same bytes");
        assertEquals(false, java.util.Arrays.equals(h, Tls.clientHello("login.example.test", 43)));
    }

    private static String readName(byte[] b, int off) {
        StringBuilder sb = new StringBuilder();
        int p = off;
        while (b[p] != 0) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            int len = b[p];
            sb.append(new String(b, p + 1, len, StandardCharsets.US_ASCII));
            p += len + 1;
        }
        return sb.toString();
    }
}

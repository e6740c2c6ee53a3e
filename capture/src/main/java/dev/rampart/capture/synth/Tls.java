package dev.rampart.capture.synth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A TLS 1.3-style ClientHello record with a server name (SNI), ALPN and the usual extensions.
 * The random and key share bytes come from a seed, so the same seed gives the same bytes.
 */
public final class Tls {
    private static final int[] CIPHER_SUITES = {0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030};

    private Tls() {
    }

    public static byte[] clientHello(String serverName, long seed) {
        long[] state = {seed == 0 ? 0x9e3779b97f4a7c15L : seed};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, 0x0303); // legacy_version TLS 1.2
        body.write(random(state, 32), 0, 32);
        body.write(0); // empty legacy session id
        u16(body, CIPHER_SUITES.length * 2);
        for (int cs : CIPHER_SUITES) {
            u16(body, cs);
        }
        body.write(1); // compression methods: null
        body.write(0);

        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        byte[] host = serverName.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream sni = new ByteArrayOutputStream();
        u16(sni, host.length + 3);
        sni.write(0); // host_name
        u16(sni, host.length);
        sni.write(host, 0, host.length);
        extension(ext, 0x0000, sni.toByteArray());
        extension(ext, 0x000a, new byte[] {0, 4, 0, 0x1d, 0, 0x17}); // groups: x25519, secp256r1
        extension(ext, 0x000b, new byte[] {1, 0}); // ec point formats: uncompressed
        extension(ext, 0x000d, new byte[] {0, 6, 4, 3, 8, 4, 4, 1}); // signature algorithms
        extension(ext, 0x0010, alpn("h2", "http/1.1"));
        extension(ext, 0x002b, new byte[] {4, 3, 4, 3, 3}); // supported versions: 1.3, 1.2
        ByteArrayOutputStream ks = new ByteArrayOutputStream();
        u16(ks, 36);
        u16(ks, 0x001d);
        u16(ks, 32);
        ks.write(random(state, 32), 0, 32);
        extension(ext, 0x0033, ks.toByteArray()); // key share
        byte[] e = ext.toByteArray();
        u16(body, e.length);
        body.write(e, 0, e.length);

        byte[] b = body.toByteArray();
        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        rec.write(0x16); // handshake
        u16(rec, 0x0301);
        u16(rec, b.length + 4);
        rec.write(0x01); // ClientHello
        rec.write((b.length >>> 16) & 0xff);
        u16(rec, b.length & 0xffff);
        rec.write(b, 0, b.length);
        return rec.toByteArray();
    }

    private static byte[] alpn(String... protocols) {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (String p : protocols) {
            byte[] b = p.getBytes(StandardCharsets.US_ASCII);
            list.write(b.length);
            list.write(b, 0, b.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, list.size());
        byte[] l = list.toByteArray();
        out.write(l, 0, l.length);
        return out.toByteArray();
    }

    private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
        u16(out, type);
        u16(out, data.length);
        out.write(data, 0, data.length);
    }

    /** xorshift64*: deterministic filler bytes; not for cryptography. */
    private static byte[] random(long[] state, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            long x = state[0];
            x ^= x >>> 12;
            x ^= x << 25;
            x ^= x >>> 27;
            state[0] = x;
            b[i] = (byte) ((x * 0x2545F4914F6CDD1DL) >>> 56);
        }
        return b;
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write((v >>> 8) & 0xff);
        out.write(v & 0xff);
    }
}

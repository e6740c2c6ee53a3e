package dev.rampart.engine.testutil;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Kerberos 5 messages in DER (RFC 4120's ASN.1), built for tests: AS-REQ, TGS-REQ, AS-REP,
 * TGS-REP, KRB-ERROR, and the 4-byte length record they travel in over TCP.
 */
public final class Krb5Wire {
    private Krb5Wire() {
    }

    /** One element: identifier byte, definite length (short or long form), the parts as content. */
    public static byte[] tlv(int id, byte[]... parts) {
        byte[] content = concat(parts);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(id);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    public static byte[] seq(byte[]... parts) {
        return tlv(0x30, parts);
    }

    /** An explicit context tag {@code [n]}. */
    public static byte[] ctx(int n, byte[] inner) {
        return tlv(0xA0 | n, inner);
    }

    /** {@code [APPLICATION n]} (n up to 30). */
    public static byte[] app(int n, byte[] inner) {
        return tlv(0x60 | n, inner);
    }

    /** A minimal two's complement INTEGER. */
    public static byte[] integer(long v) {
        int n = 1;
        while (n < 8 && (v >> (8 * n - 1)) != 0 && (v >> (8 * n - 1)) != -1) {
            n++;
        }
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[n - 1 - i] = (byte) (v >> (8 * i));
        }
        return tlv(0x02, b);
    }

    public static byte[] generalString(String s) {
        return tlv(0x1B, s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] time() {
        return tlv(0x18, "20370913024805Z".getBytes(StandardCharsets.US_ASCII));
    }

    /** PrincipalName: name-type, then the components. */
    public static byte[] principal(int nameType, String... components) {
        byte[][] parts = new byte[components.length][];
        for (int i = 0; i < components.length; i++) {
            parts[i] = generalString(components[i]);
        }
        return seq(ctx(0, integer(nameType)), ctx(1, seq(parts)));
    }

    /** EncryptedData of that type (a kvno, some cipher bytes). */
    public static byte[] encrypted(int etype) {
        return seq(ctx(0, integer(etype)), ctx(1, integer(2)), ctx(2, tlv(0x04, new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
    }

    /** AS-REQ of {@code cname} for {@code sname} in {@code realm} (with a PA-DATA). */
    public static byte[] asReq(String cname, String realm, String... sname) {
        return kdcReq(10, principal(1, cname), realm, principal(2, sname));
    }

    /** TGS-REQ (no cname in its body) for {@code sname}. */
    public static byte[] tgsReq(String realm, String... sname) {
        return kdcReq(12, null, realm, principal(2, sname));
    }

    static byte[] kdcReq(int type, byte[] cname, String realm, byte[] sname) {
        byte[] body = seq(
                ctx(0, tlv(0x03, new byte[] {0, 0x50, (byte) 0x80, 0, 0})),
                cname == null ? new byte[0] : ctx(1, cname),
                ctx(2, generalString(realm)),
                sname == null ? new byte[0] : ctx(3, sname),
                ctx(5, time()),
                ctx(6, time()),
                ctx(7, integer(0x2de004d8L)),
                ctx(8, seq(integer(18), integer(17), integer(23))));
        byte[] padata = seq(seq(ctx(1, integer(128)), ctx(2, tlv(0x04, new byte[] {0x30, 0x05, (byte) 0xa0, 0x03, 0x01, 0x01, (byte) 0xff}))));
        return app(type, seq(ctx(1, integer(5)), ctx(2, integer(type)), ctx(3, padata), ctx(4, body)));
    }

    /** AS-REP (11) or TGS-REP (13): enc-part of {@code etype}, ticket for {@code sname} of {@code ticketEtype}. */
    public static byte[] kdcRep(int type, String realm, String cname, int etype, int ticketEtype, String... sname) {
        byte[] ticket = app(1, seq(ctx(0, integer(5)), ctx(1, generalString(realm)), ctx(2, principal(2, sname)),
                ctx(3, encrypted(ticketEtype))));
        return app(type, seq(ctx(0, integer(5)), ctx(1, integer(type)), ctx(3, generalString(realm)),
                ctx(4, principal(1, cname)), ctx(5, ticket), ctx(6, encrypted(etype))));
    }

    /** KRB-ERROR with that code for {@code sname}; {@code cname} null: none (as a KDC asking for preauth sends). */
    public static byte[] krbError(int code, String realm, String cname, String... sname) {
        return app(30, seq(ctx(0, integer(5)), ctx(1, integer(30)), ctx(4, time()), ctx(5, integer(77)),
                ctx(6, integer(code)), cname == null ? new byte[0] : ctx(7, generalString(realm)),
                cname == null ? new byte[0] : ctx(8, principal(1, cname)), ctx(9, generalString(realm)),
                ctx(10, principal(2, sname))));
    }

    /** An AP-REQ shell: the application tag with a sequence (Suricata makes no transaction of it). */
    public static byte[] apReq() {
        return app(14, seq(ctx(0, integer(5)), ctx(1, integer(14)), ctx(2, tlv(0x03, new byte[] {0, 0, 0, 0, 0}))));
    }

    /** The TCP record: 4-byte big-endian length, then the message. */
    public static byte[] record(byte[] message) {
        int n = message.length;
        return concat(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n}, message);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}

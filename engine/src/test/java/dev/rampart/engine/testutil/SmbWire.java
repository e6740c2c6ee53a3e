package dev.rampart.engine.testutil;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * SMB bytes for tests, laid out as MS-SMB2 / MS-CIFS define them: NetBIOS records, SMB2 commands
 * (64-byte header and body), SMB1 commands (32-byte header, words, bytes), DCERPC PDUs and an
 * NTLMSSP AUTHENTICATE message.
 */
public final class SmbWire {
    public static final int SMB2_NEGOTIATE = 0, SMB2_SESSION_SETUP = 1, SMB2_TREE_CONNECT = 3, SMB2_CREATE = 5,
            SMB2_CLOSE = 6, SMB2_READ = 8, SMB2_WRITE = 9, SMB2_IOCTL = 11, SMB2_ECHO = 13, SMB2_GET_INFO = 16;

    private SmbWire() {
    }

    /** A NetBIOS session message around {@code body}. */
    public static byte[] nbss(byte[]... parts) {
        byte[] body = cat(parts);
        byte[] r = new byte[4 + body.length];
        r[1] = (byte) (body.length >>> 16);
        r[2] = (byte) (body.length >>> 8);
        r[3] = (byte) body.length;
        System.arraycopy(body, 0, r, 4, body.length);
        return r;
    }

    /** An SMB2 header (sync) and its body; {@code response} sets SERVER_TO_REDIR. */
    public static byte[] smb2(int command, boolean response, long status, long messageId, long sessionId, int treeId,
                              byte[] body) {
        byte[] h = new byte[64 + body.length];
        h[0] = (byte) 0xFE;
        h[1] = 'S';
        h[2] = 'M';
        h[3] = 'B';
        le(h, 4, 64, 2);
        le(h, 8, status, 4);
        le(h, 12, command, 2);
        le(h, 16, response ? 1 : 0, 4);
        le(h, 24, messageId, 8);
        le(h, 36, treeId, 4);
        le(h, 40, sessionId, 8);
        System.arraycopy(body, 0, h, 64, body.length);
        return h;
    }

    /** Sets NextCommand of a compounded SMB2 command (its length, padded to 8 by the caller). */
    public static byte[] withNext(byte[] smb2) {
        le(smb2, 20, smb2.length, 4);
        return smb2;
    }

    public static byte[] treeConnectRequest(String path) {
        byte[] p = path.getBytes(StandardCharsets.UTF_16LE);
        byte[] b = new byte[8 + p.length];
        le(b, 0, 9, 2);
        le(b, 4, 64 + 8, 2);
        le(b, 6, p.length, 2);
        System.arraycopy(p, 0, b, 8, p.length);
        return b;
    }

    /** shareType: 1 disk, 2 pipe, 3 print. */
    public static byte[] treeConnectResponse(int shareType) {
        byte[] b = new byte[16];
        le(b, 0, 16, 2);
        b[2] = (byte) shareType;
        return b;
    }

    public static byte[] sessionSetupRequest(byte[] securityBlob) {
        byte[] b = new byte[24 + securityBlob.length];
        le(b, 0, 25, 2);
        le(b, 12, 64 + 24, 2);
        le(b, 14, securityBlob.length, 2);
        System.arraycopy(securityBlob, 0, b, 24, securityBlob.length);
        return b;
    }

    public static byte[] createRequest(String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
        byte[] b = new byte[56 + n.length];
        le(b, 0, 57, 2);
        le(b, 44, 64 + 56, 2);
        le(b, 46, n.length, 2);
        System.arraycopy(n, 0, b, 56, n.length);
        return b;
    }

    public static byte[] createResponse(byte[] fileId) {
        byte[] b = new byte[88];
        le(b, 0, 89, 2);
        System.arraycopy(fileId, 0, b, 64, 16);
        return b;
    }

    public static byte[] writeRequest(byte[] fileId, long offset, byte[] data) {
        byte[] b = new byte[48 + data.length];
        le(b, 0, 49, 2);
        le(b, 2, 64 + 48, 2);
        le(b, 4, data.length, 4);
        le(b, 8, offset, 8);
        System.arraycopy(fileId, 0, b, 16, 16);
        System.arraycopy(data, 0, b, 48, data.length);
        return b;
    }

    public static byte[] writeResponse(int count) {
        byte[] b = new byte[16];
        le(b, 0, 17, 2);
        le(b, 4, count, 4);
        return b;
    }

    public static byte[] readRequest(byte[] fileId, long offset, int length) {
        byte[] b = new byte[48];
        le(b, 0, 49, 2);
        le(b, 4, length, 4);
        le(b, 8, offset, 8);
        System.arraycopy(fileId, 0, b, 16, 16);
        return b;
    }

    public static byte[] readResponse(byte[] data) {
        byte[] b = new byte[16 + data.length];
        le(b, 0, 17, 2);
        b[2] = (byte) (64 + 16);
        le(b, 4, data.length, 4);
        System.arraycopy(data, 0, b, 16, data.length);
        return b;
    }

    public static byte[] closeRequest(byte[] fileId) {
        byte[] b = new byte[24];
        le(b, 0, 24, 2);
        System.arraycopy(fileId, 0, b, 8, 16);
        return b;
    }

    /** A fixed-size body of {@code size} bytes with its StructureSize (for commands whose content is not read). */
    public static byte[] plainBody(int structureSize) {
        byte[] b = new byte[Math.max(4, structureSize & ~1)];
        le(b, 0, structureSize, 2);
        return b;
    }

    /** A 16-byte SMB2 file id. */
    public static byte[] fileId(int n) {
        byte[] f = new byte[16];
        le(f, 0, n, 8);
        le(f, 8, n + 100, 8);
        return f;
    }

    // ---- SMB1

    /** An SMB1 command: header (unicode strings flag set), word block, byte block. */
    public static byte[] smb1(int command, boolean response, long status, int tid, int uid, int mid, int[] words,
                              byte[] bytes) {
        byte[] h = new byte[32 + 1 + words.length * 2 + 2 + bytes.length];
        h[0] = (byte) 0xFF;
        h[1] = 'S';
        h[2] = 'M';
        h[3] = 'B';
        h[4] = (byte) command;
        le(h, 5, status, 4);
        h[9] = (byte) (response ? 0x80 : 0x00);
        le(h, 10, 0x8000 | 0x0800, 2);
        le(h, 24, tid, 2);
        le(h, 26, 0xFEFF, 2);
        le(h, 28, uid, 2);
        le(h, 30, mid, 2);
        h[32] = (byte) words.length;
        for (int i = 0; i < words.length; i++) {
            le(h, 33 + 2 * i, words[i], 2);
        }
        int bc = 33 + words.length * 2;
        le(h, bc, bytes.length, 2);
        System.arraycopy(bytes, 0, h, bc + 2, bytes.length);
        return h;
    }

    // ---- DCERPC

    /** A little-endian DCERPC PDU: the 16-byte common header (first and last fragment) and {@code body}. */
    public static byte[] dcerpc(int type, long callId, byte[] body) {
        byte[] p = new byte[16 + body.length];
        p[0] = 5;
        p[2] = (byte) type;
        p[3] = 0x03;
        p[4] = 0x10;
        le(p, 8, p.length, 2);
        le(p, 12, callId, 4);
        System.arraycopy(body, 0, p, 16, body.length);
        return p;
    }

    /** A BIND body with one context item: context id 0, the interface (text UUID), version major.minor. */
    public static byte[] bind(String uuid, int major, int minor) {
        byte[] b = new byte[12 + 44];
        le(b, 0, 4280, 2);
        le(b, 2, 4280, 2);
        b[8] = 1;
        byte[] u = uuidLe(uuid);
        b[12 + 2] = 1;
        System.arraycopy(u, 0, b, 12 + 4, 16);
        le(b, 12 + 20, major, 2);
        le(b, 12 + 22, minor, 2);
        return b;
    }

    /** A BIND_ACK body: no secondary address, one result. */
    public static byte[] bindAck(int result) {
        byte[] b = new byte[10 + 2 + 4 + 24];
        le(b, 8, 0, 2);
        b[12] = 1;
        le(b, 16, result, 2);
        return b;
    }

    /** A REQUEST body: alloc hint, context id 0, opnum, stub. */
    public static byte[] request(int opnum, byte[] stub) {
        byte[] b = new byte[8 + stub.length];
        le(b, 0, stub.length, 4);
        le(b, 6, opnum, 2);
        System.arraycopy(stub, 0, b, 8, stub.length);
        return b;
    }

    /** A RESPONSE body: alloc hint, context id, cancel count, stub. */
    public static byte[] response(byte[] stub) {
        byte[] b = new byte[8 + stub.length];
        le(b, 0, stub.length, 4);
        System.arraycopy(stub, 0, b, 8, stub.length);
        return b;
    }

    /**
     * An NTLMSSP AUTHENTICATE message with UTF-16LE domain, user and host "WS01", 24-byte LM and NT
     * responses, a session key, and a version (6.1 build 7601 rev 15), laid out as Windows sends it.
     */
    public static byte[] ntlmsspAuth(String domain, String user) {
        byte[] d = domain.getBytes(StandardCharsets.UTF_16LE);
        byte[] u = user.getBytes(StandardCharsets.UTF_16LE);
        byte[] w = "WS01".getBytes(StandardCharsets.UTF_16LE);
        int payload = 72;
        byte[] m = new byte[payload + d.length + u.length + w.length + 48 + 16];
        System.arraycopy("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII), 0, m, 0, 8);
        le(m, 8, 3, 4);
        int at = payload;
        at = securityBuffer(m, 28, at, d);
        at = securityBuffer(m, 36, at, u);
        at = securityBuffer(m, 44, at, w);
        at = securityBuffer(m, 12, at, new byte[24]);
        at = securityBuffer(m, 20, at, new byte[24]);
        securityBuffer(m, 52, at, new byte[16]); // the encrypted session key
        le(m, 60, 0x02000000 | 0x1, 4); // NEGOTIATE_VERSION, UNICODE
        m[64] = 6;
        m[65] = 1;
        le(m, 66, 7601, 2);
        m[71] = 15;
        return m;
    }

    private static int securityBuffer(byte[] m, int field, int at, byte[] v) {
        le(m, field, v.length, 2);
        le(m, field + 2, v.length, 2);
        le(m, field + 4, at, 4);
        System.arraycopy(v, 0, m, at, v.length);
        return at + v.length;
    }

    /** An SPNEGO NegTokenResp carrying {@code token} as its responseToken (DER). */
    public static byte[] spnegoResponse(byte[] token) {
        return der(0xa1, der(0x30, der(0xa2, der(0x04, token))));
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] len = n < 128 ? new byte[] {(byte) n} : n < 256 ? new byte[] {(byte) 0x81, (byte) n}
                : new byte[] {(byte) 0x82, (byte) (n >>> 8), (byte) n};
        return cat(new byte[] {(byte) tag}, len, content);
    }

    private static byte[] uuidLe(String text) {
        String h = text.replace("-", "");
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        // the first three fields are little-endian on the wire
        reverse(b, 0, 4);
        reverse(b, 4, 2);
        reverse(b, 6, 2);
        return b;
    }

    private static void reverse(byte[] a, int from, int n) {
        for (int i = from, j = from + n - 1; i < j; i++, j--) {
            byte t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    public static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    public static void le(byte[] b, int at, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}

package dev.rampart.engine.applayer.smb;

/** SMB records for tests: a NetBIOS session message holding an SMB1 or SMB2 header and a body. */
public final class SmbBytes {
    private SmbBytes() {}

    /** NetBIOS header of {@code type} and {@code length}, then {@code body}. */
    public static byte[] nbss(int type, byte[] body) {
        byte[] r = new byte[4 + body.length];
        r[0] = (byte) type;
        r[1] = (byte) (body.length >>> 16);
        r[2] = (byte) (body.length >>> 8);
        r[3] = (byte) body.length;
        System.arraycopy(body, 0, r, 4, body.length);
        return r;
    }

    /** An SMB1 message: 32-byte header (command 0x73, session setup) then {@code extra} zero bytes. */
    public static byte[] smb1(boolean reply, int extra) {
        byte[] h = new byte[32 + extra];
        h[0] = (byte) 0xFF;
        h[1] = 'S';
        h[2] = 'M';
        h[3] = 'B';
        h[4] = 0x73;
        h[9] = (byte) (reply ? 0x98 : 0x18); // flags: 0x80 = reply
        return nbss(0, h);
    }

    /** An SMB2 message: 64-byte header then {@code extra} zero bytes. */
    public static byte[] smb2(boolean response, int extra) {
        byte[] h = new byte[64 + extra];
        h[0] = (byte) 0xFE;
        h[1] = 'S';
        h[2] = 'M';
        h[3] = 'B';
        h[4] = 64; // structure size
        h[16] = (byte) (response ? 0x01 : 0x00); // flags: SERVER_TO_REDIR
        return nbss(0, h);
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] r = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, r, o, p.length);
            o += p.length;
        }
        return r;
    }
}

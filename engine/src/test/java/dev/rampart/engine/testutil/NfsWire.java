package dev.rampart.engine.testutil;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** ONC RPC / NFS messages for tests: calls with AUTH_UNIX credentials, accepted replies, record marks. */
public final class NfsWire {
    private NfsWire() {
    }

    /** An XDR writer. */
    public static final class X {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public X u32(long v) {
            out.write((int) (v >>> 24));
            out.write((int) (v >>> 16));
            out.write((int) (v >>> 8));
            out.write((int) v);
            return this;
        }

        public X u64(long v) {
            return u32(v >>> 32).u32(v);
        }

        public X raw(byte[] b) {
            out.write(b, 0, b.length);
            return this;
        }

        /** Length, bytes, fill bytes. */
        public X opaque(byte[] b) {
            u32(b.length).raw(b);
            for (int i = b.length; i % 4 != 0; i++) {
                out.write(0);
            }
            return this;
        }

        public X string(String s) {
            return opaque(s.getBytes(StandardCharsets.US_ASCII));
        }

        public byte[] bytes() {
            return out.toByteArray();
        }
    }

    public static X x() {
        return new X();
    }

    /** A 32-byte file handle filled with {@code n}. */
    public static byte[] handle(int n) {
        byte[] h = new byte[32];
        java.util.Arrays.fill(h, (byte) n);
        return h;
    }

    /** A call to NFS (program 100003) version {@code vers} with AUTH_UNIX credentials. */
    public static byte[] call(long xid, int vers, int proc, byte[] args) {
        byte[] creds = x().u32(0x12345678).string("client").u32(0).u32(0).u32(0).bytes();
        return x().u32(xid).u32(0).u32(2).u32(100003).u32(vers).u32(proc).u32(1).opaque(creds).u32(0).u32(0)
                .raw(args).bytes();
    }

    /** An accepted, successful reply. */
    public static byte[] reply(long xid, byte[] results) {
        return x().u32(xid).u32(1).u32(0).u32(0).u32(0).u32(0).raw(results).bytes();
    }

    /** A TCP record: the last-fragment mark and the message. */
    public static byte[] record(byte[] msg) {
        return x().u32(0x8000_0000L | msg.length).raw(msg).bytes();
    }

    public static byte[] concat(byte[]... parts) {
        X o = x();
        for (byte[] p : parts) {
            o.raw(p);
        }
        return o.bytes();
    }

    /** v3 WRITE arguments: handle, offset, count, stable, data. */
    public static byte[] write3(byte[] fh, long offset, byte[] data, int stable) {
        return x().opaque(fh).u64(offset).u32(data.length).u32(stable).opaque(data).bytes();
    }

    /** v3 READ reply: status OK, attributes, count, eof, data. */
    public static byte[] read3Reply(byte[] data, boolean eof) {
        return x().u32(0).u32(1).raw(new byte[84]).u32(data.length).u32(eof ? 1 : 0).opaque(data).bytes();
    }

    /** A v4 COMPOUND's arguments around its operations (each: op code then arguments). */
    public static byte[] compound(byte[]... ops) {
        X o = x().string("").u32(0).u32(ops.length);
        for (byte[] op : ops) {
            o.raw(op);
        }
        return o.bytes();
    }

    public static byte[] putfh(byte[] fh) {
        return x().u32(22).opaque(fh).bytes();
    }

    public static byte[] write4(byte[] data, int stable) {
        return x().u32(38).u32(0).raw(new byte[12]).u64(0).u32(stable).opaque(data).bytes();
    }

    public static byte[] remove4(String name) {
        return x().u32(28).string(name).bytes();
    }

    public static byte[] getattr4() {
        return x().u32(9).u32(2).u32(0x0010011a).u32(0x00b0a23a).bytes();
    }
}

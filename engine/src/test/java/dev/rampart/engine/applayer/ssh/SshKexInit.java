package dev.rampart.engine.applayer.ssh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds SSH binary packets carrying a KEXINIT, for tests. */
public final class SshKexInit {
    private SshKexInit() {
    }

    /** A KEXINIT record with these ten name-lists (kex, host key, cipher c2s/s2c, mac c2s/s2c, compression c2s/s2c, languages c2s/s2c). */
    public static byte[] record(String... lists) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write(20); // SSH_MSG_KEXINIT
        payload.writeBytes(new byte[16]); // cookie
        for (String l : lists) {
            byte[] b = l.getBytes(StandardCharsets.US_ASCII);
            payload.writeBytes(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8),
                (byte) b.length});
            payload.writeBytes(b);
        }
        payload.write(0); // first_kex_packet_follows
        payload.writeBytes(new byte[4]); // reserved
        int padding = 8 - (payload.size() + 5) % 8;
        if (padding < 4) {
            padding += 8;
        }
        int packetLength = payload.size() + padding + 1;
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.writeBytes(new byte[] {(byte) (packetLength >>> 24), (byte) (packetLength >>> 16), (byte) (packetLength >>> 8),
            (byte) packetLength, (byte) padding});
        r.writeBytes(payload.toByteArray());
        r.writeBytes(new byte[padding]);
        return r.toByteArray();
    }

    /** Ten lists with recognisable names: "kex", "hostkey", "enc-cs", "enc-sc", "mac-cs", "mac-sc", "comp-cs", "comp-sc", "", "". */
    public static byte[] sample() {
        return record("kex1,kex2", "hostkey", "enc-cs", "enc-sc", "mac-cs", "mac-sc", "comp-cs", "comp-sc", "", "");
    }
}

package dev.rampart.engine.testutil;

import java.io.ByteArrayOutputStream;

/** WebSocket frames for tests (RFC 6455 section 5.2). */
public final class WebSocketWire {
    private WebSocketWire() {
    }

    /** A frame: first byte (FIN / RSV / opcode), the payload masked with {@code mask} unless -1. */
    public static byte[] frame(int first, long mask, byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(first);
        int m = mask >= 0 ? 0x80 : 0;
        if (payload.length < 126) {
            b.write(m | payload.length);
        } else if (payload.length < 65536) {
            b.write(m | 126);
            b.write(payload.length >> 8);
            b.write(payload.length);
        } else {
            b.write(m | 127);
            for (int i = 7; i >= 0; i--) {
                b.write((int) ((long) payload.length >>> (8 * i)));
            }
        }
        byte[] x = payload.clone();
        if (mask >= 0) {
            for (int i = 3; i >= 0; i--) {
                b.write((int) (mask >>> (8 * i)));
            }
            for (int i = 0; i < x.length; i++) {
                x[i] ^= (byte) (mask >>> (8 * (3 - (i & 3))));
            }
        }
        b.writeBytes(x);
        return b.toByteArray();
    }
}

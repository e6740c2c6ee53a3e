package dev.rampart.engine.applayer.dcerpc;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds connection-oriented DCERPC PDUs (little-endian unless said) for tests. */
public final class DcerpcPdus {
    /** The NDR transfer syntax every context item here offers. */
    private static final String NDR = "8a885d04-1ceb-11c9-9fe8-08002b104860";

    private DcerpcPdus() {
    }

    /** A context item: context id, interface UUID (text), major version (minor 0). */
    public static byte[] item(int ctxId, String uuid, int major) {
        return item(ctxId, uuid, major, true);
    }

    static byte[] item(int ctxId, String uuid, int major, boolean le) {
        ByteBuffer b = ByteBuffer.allocate(44).order(le ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        b.putShort((short) ctxId).put((byte) 1).put((byte) 0).put(uuid(uuid, le)).putShort((short) major).putShort((short) 0)
                .put(uuid(NDR, true)).order(ByteOrder.LITTLE_ENDIAN).putInt(2);
        return b.array();
    }

    public static byte[] bind(int callId, int flags, byte[]... items) {
        return binding(DcerpcSession.BIND, callId, flags, true, items);
    }

    public static byte[] alterContext(int callId, byte[]... items) {
        return binding(DcerpcSession.ALTER_CONTEXT, callId, 3, true, items);
    }

    static byte[] binding(int type, int callId, int flags, boolean le, byte[]... items) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteBuffer fixed = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        fixed.putShort((short) 4280).putShort((short) 4280).putInt(0).put((byte) items.length);
        body.writeBytes(fixed.array());
        for (byte[] i : items) {
            body.writeBytes(i);
        }
        return pdu(type, flags, callId, le, body.toByteArray());
    }

    public static byte[] bindAck(int callId, int... results) {
        return ack(DcerpcSession.BIND_ACK, callId, results);
    }

    public static byte[] alterContextResp(int callId, int... results) {
        return ack(DcerpcSession.ALTER_CONTEXT_RESP, callId, results);
    }

    private static byte[] ack(int type, int callId, int... results) {
        byte[] secondary = {'1', '3', '5', 0};
        ByteBuffer b = ByteBuffer.allocate(10 + secondary.length + 2 + 4 + results.length * 24).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 4280).putShort((short) 4280).putInt(0x1234).putShort((short) secondary.length).put(secondary);
        b.position(b.position() + 2); // (4 + 2) % 4 = 2: two bytes of padding
        b.put((byte) results.length).position(b.position() + 3);
        for (int r : results) {
            b.putShort((short) r).putShort((short) 0).put(uuid(NDR, true)).putInt(2);
        }
        return pdu(type, 3, callId, true, b.array());
    }

    public static byte[] request(int callId, int ctxId, int opnum, int flags, byte[] stub) {
        return request(callId, ctxId, opnum, flags, stub, true);
    }

    static byte[] request(int callId, int ctxId, int opnum, int flags, byte[] stub, boolean le) {
        ByteBuffer b = ByteBuffer.allocate(8 + stub.length).order(le ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        b.putInt(stub.length).putShort((short) ctxId).putShort((short) opnum).put(stub);
        return pdu(DcerpcSession.REQUEST, flags, callId, le, b.array());
    }

    public static byte[] response(int callId, byte[] stub) {
        ByteBuffer b = ByteBuffer.allocate(8 + stub.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(stub.length).putShort((short) 0).put((byte) 0).put((byte) 0).put(stub);
        return pdu(DcerpcSession.RESPONSE, 3, callId, true, b.array());
    }

    public static byte[] fault(int callId) {
        return pdu(3, 3, callId, true, new byte[16]);
    }

    static byte[] pdu(int type, int flags, int callId, boolean le, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(16 + body.length).order(le ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        b.put((byte) 5).put((byte) 0).put((byte) type).put((byte) flags).put((byte) (le ? 0x10 : 0)).put((byte) 0)
                .put((byte) 0).put((byte) 0).putShort((short) (16 + body.length)).putShort((short) 0).putInt(callId).put(body);
        return b.array();
    }

    /** A UUID's 16 bytes as sent: the first three fields in the PDU's byte order. */
    static byte[] uuid(String text, boolean le) {
        byte[] u = new byte[16];
        String hex = text.replace("-", "");
        for (int i = 0; i < 16; i++) {
            u[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        if (le) {
            swap(u, 0, 3);
            swap(u, 1, 2);
            swap(u, 4, 5);
            swap(u, 6, 7);
        }
        return u;
    }

    private static void swap(byte[] a, int i, int j) {
        byte t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

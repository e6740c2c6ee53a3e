package dev.rampart.engine.testutil;

import java.io.ByteArrayOutputStream;

/** Modbus/TCP units for tests: the MBAP header (transaction, protocol 0, length) around unit, function, data. */
public final class ModbusWire {
    private ModbusWire() {
    }

    /** A unit with protocol identifier 0 and the length its contents give. */
    public static byte[] adu(int tid, int unit, int function, int... data) {
        return aduProto(tid, 0, unit, function, data);
    }

    public static byte[] aduProto(int tid, int proto, int unit, int function, int... data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) (tid >> 8), (byte) tid, (byte) (proto >> 8), (byte) proto,
            (byte) ((data.length + 2) >> 8), (byte) (data.length + 2), (byte) unit, (byte) function});
        for (int d : data) {
            b.write(d);
        }
        return b.toByteArray();
    }

    /** A header with any length field, then the given bytes (a unit whose length does not fit). */
    public static byte[] header(int tid, int length, int... rest) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) (tid >> 8), (byte) tid, 0, 0, (byte) (length >> 8), (byte) length});
        for (int d : rest) {
            b.write(d);
        }
        return b.toByteArray();
    }

    public static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }
}

package dev.rampart.engine.applayer.ike;

import dev.rampart.engine.applayer.Slice;
import java.util.ArrayList;
import java.util.List;

/**
 * One IKE message, a transaction of its own direction, complete at once (Suricata's IKE parser has
 * unidirectional transactions). Holds what the ike.* keywords read: the SPIs as 16 hex digits, the
 * exchange type, and for IKEv1 the key exchange and nonce data, the vendor IDs (hex) and the
 * attributes of the message's first transform (what ike.chosen_sa_attribute reads on the server's
 * answer).
 */
public final class IkeTx implements dev.rampart.engine.applayer.OneSidedTransactions.Message {
    final long id;
    final boolean toServer;
    final int majorVersion;
    final int minorVersion;
    final byte[] initSpi;
    final byte[] respSpi;
    final int exchangeType;
    final long messageId;
    final int flags;
    byte[] keyExchange;
    byte[] nonce;
    final List<byte[]> vendorIds = new ArrayList<>(2);
    /** The message's transforms so far (how many), and the first one's attributes: type, numeric value (-1 none). */
    int transforms;
    int[] firstTypes = new int[0];
    long[] firstValues = new long[0];
    private int events;

    IkeTx(long id, boolean toServer, IkeParser.Header h) {
        this.id = id;
        this.toServer = toServer;
        this.majorVersion = h.majorVersion;
        this.minorVersion = h.minorVersion;
        this.initSpi = hex16(h.initSpi);
        this.respSpi = hex16(h.respSpi);
        this.exchangeType = h.exchangeType;
        this.messageId = h.messageId;
        this.flags = h.flags;
    }

    private static byte[] hex16(long v) {
        return String.format("%016x", v).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    void raise(IkeEvent e) {
        events |= 1 << e.ordinal();
    }

    public boolean hasEvent(IkeEvent e) {
        return (events & (1 << e.ordinal())) != 0;
    }

    @Override
    public boolean toServer() {
        return toServer;
    }

    @Override
    public long id() {
        return id;
    }

    public int exchangeType() {
        return exchangeType;
    }

    public boolean initSpi(Slice out) {
        out.set(initSpi, 0, initSpi.length);
        return true;
    }

    public boolean respSpi(Slice out) {
        out.set(respSpi, 0, respSpi.length);
        return true;
    }

    /** IKEv1 key exchange data, absent when empty. */
    public boolean keyExchange(Slice out) {
        return set(keyExchange, out);
    }

    public boolean nonce(Slice out) {
        return set(nonce, out);
    }

    /** Length of the IKEv1 key exchange (-1: none, the keyword does not match). */
    public long keyExchangeLength() {
        return keyExchange == null || keyExchange.length == 0 ? -1 : keyExchange.length;
    }

    public long nonceLength() {
        return nonce == null || nonce.length == 0 ? -1 : nonce.length;
    }

    /** Vendor ID {@code i} in hex. */
    public boolean vendor(int i, Slice out) {
        if (i >= vendorIds.size()) {
            return false;
        }
        byte[] v = vendorIds.get(i);
        out.set(v, 0, v.length);
        return true;
    }

    /**
     * The numeric value of the first attribute of type {@code type} that has one in the message's
     * first transform, or -1 (IKEv1; Suricata 7 reads no IKEv2 transforms here: not modelled).
     */
    public long chosenAttribute(int type) {
        for (int i = 0; i < firstTypes.length; i++) {
            if (firstTypes[i] == type && firstValues[i] >= 0) {
                return firstValues[i];
            }
        }
        return -1;
    }

    private static boolean set(byte[] v, Slice out) {
        if (v == null || v.length == 0) {
            return false;
        }
        out.set(v, 0, v.length);
        return true;
    }
}

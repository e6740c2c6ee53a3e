package dev.rampart.engine.applayer.ike;

import java.util.Arrays;

/**
 * ISAKMP reading as Suricata 7's IKE parser does it: the 28-byte header, then for IKEv1 messages
 * whose payloads are not encrypted the chain of generic payloads (next payload, reserved, length,
 * data), walked into Security Association, Proposal and Transform payloads. A payload whose length
 * runs past the message ends the chain (what follows is "extra data"); a Security Association or
 * Proposal payload too short for its fixed fields makes the whole message unreadable (Suricata then
 * makes no transaction for it); a short Transform or attribute is ignored.
 */
final class IkeParser {
    static final int HEADER = 28;
    static final int SECURITY_ASSOCIATION = 1;
    static final int PROPOSAL = 2;
    static final int TRANSFORM = 3;
    static final int KEY_EXCHANGE = 4;
    static final int NONCE = 10;
    static final int VENDOR_ID = 13;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private IkeParser() {
    }

    /** The ISAKMP header. */
    static final class Header {
        long initSpi;
        long respSpi;
        int nextPayload;
        int majorVersion;
        int minorVersion;
        int exchangeType;
        int flags;
        long messageId;
        long length;
    }

    /** Reads the header at {@code b[off]}; false when fewer than {@link #HEADER} bytes. */
    static boolean header(byte[] b, int off, int len, Header h) {
        if (len < HEADER) {
            return false;
        }
        h.initSpi = u64(b, off);
        h.respSpi = u64(b, off + 8);
        h.nextPayload = b[off + 16] & 0xFF;
        h.majorVersion = (b[off + 17] & 0xFF) >>> 4;
        h.minorVersion = b[off + 17] & 0x0F;
        h.exchangeType = b[off + 18] & 0xFF;
        h.flags = b[off + 19] & 0xFF;
        h.messageId = u32(b, off + 20);
        h.length = u32(b, off + 24);
        return true;
    }

    /**
     * Suricata's IKE probe on a datagram's first bytes: an ISAKMP header of version 1, or of version
     * 2.0 with an IKEv2 exchange type (34 to 37) whose length is the datagram's.
     */
    static boolean probe(byte[] b, int off, int len) {
        Header h = new Header();
        if (!header(b, off, len, h)) {
            return false;
        }
        if (h.majorVersion == 1) {
            return true;
        }
        return h.majorVersion == 2 && h.minorVersion == 0 && h.exchangeType >= 34 && h.exchangeType <= 37
                && h.length == len;
    }

    /** What an IKEv1 payload walk found besides the transaction's fields. */
    static final class Walk {
        boolean securityAssociation;
        /** Bytes after the last whole payload of the message's chain. */
        boolean extraData;
    }

    /**
     * Walks the IKEv1 payload chain of a message (the bytes after the header) into {@code tx}; false
     * when a Security Association or Proposal payload cannot be read (no transaction then).
     */
    static boolean ikev1(byte[] b, int off, int len, int first, IkeTx tx, Walk w) {
        int end = off + len;
        // the header's first payload type counts even when no payload follows
        w.securityAssociation = first == SECURITY_ASSOCIATION;
        int at = chain(b, off, end, first, tx, w);
        if (at == -1) {
            return false;
        }
        w.extraData = at < end;
        return true;
    }

    /** A chain of generic payloads; returns where the last whole one ended, -1 on a fatal error. */
    private static int chain(byte[] b, int off, int end, int type, IkeTx tx, Walk w) {
        int p = off;
        while (end - p >= 4) {
            int next = b[p] & 0xFF;
            int length = (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
            int dataLen = length >= 4 ? length - 4 : 0;
            if (end - (p + 4) < dataLen) {
                break; // cut: the chain ends here
            }
            if (!payload(type, b, p + 4, dataLen, tx, w)) {
                return -1;
            }
            type = next;
            p += 4 + dataLen;
        }
        return p;
    }

    private static boolean payload(int type, byte[] b, int off, int len, IkeTx tx, Walk w) {
        switch (type) {
            case SECURITY_ASSOCIATION -> {
                w.securityAssociation = true;
                if (len < 4) {
                    return false;
                }
                long doi = u32(b, off);
                if (doi != 1) {
                    return true; // only the IPsec domain's proposals are read
                }
                if (len < 8) {
                    return false; // the situation is missing
                }
                return chain(b, off + 8, off + len, PROPOSAL, tx, w) != -1;
            }
            case PROPOSAL -> {
                if (len < 4) {
                    return false;
                }
                int spiSize = b[off + 2] & 0xFF;
                if (len - 4 < spiSize) {
                    return false;
                }
                return chain(b, off + 4 + spiSize, off + len, TRANSFORM, tx, w) != -1;
            }
            case TRANSFORM -> {
                if (len >= 4) {
                    attributes(b, off + 4, off + len, tx);
                }
                return true;
            }
            case KEY_EXCHANGE -> {
                tx.keyExchange = Arrays.copyOfRange(b, off, off + len);
                return true;
            }
            case NONCE -> {
                tx.nonce = Arrays.copyOfRange(b, off, off + len);
                return true;
            }
            case VENDOR_ID -> {
                tx.vendorIds.add(hex(b, off, len));
                return true;
            }
            default -> {
                return true;
            }
        }
    }

    /**
     * A transform's attributes (type with the format bit; a 2-byte value, or a length and that many
     * bytes, read as a number when 4): the first transform's are kept, later ones only counted.
     */
    private static void attributes(byte[] b, int p, int end, IkeTx tx) {
        tx.transforms++;
        if (tx.transforms > 1) {
            return;
        }
        int n = 0;
        int[] types = new int[4];
        long[] values = new long[4];
        while (end - p >= 4) {
            int t = (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
            int v = (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
            boolean tv = (t & 0x8000) != 0;
            long value;
            int size = 4;
            if (tv) {
                value = v;
            } else if (v == 4) {
                if (end - p < 8) {
                    break;
                }
                value = u32(b, p + 4);
                size = 8;
            } else {
                if (end - p - 4 < v) {
                    break;
                }
                value = -1; // a longer value is no number
                size = 4 + v;
            }
            if (n == types.length) {
                types = Arrays.copyOf(types, n * 2);
                values = Arrays.copyOf(values, n * 2);
            }
            types[n] = t & 0x7FFF;
            values[n++] = value;
            p += size;
        }
        tx.firstTypes = Arrays.copyOf(types, n);
        tx.firstValues = Arrays.copyOf(values, n);
    }

    static byte[] hex(byte[] b, int off, int len) {
        byte[] out = new byte[len * 2];
        for (int i = 0; i < len; i++) {
            out[2 * i] = (byte) HEX[(b[off + i] >> 4) & 15];
            out[2 * i + 1] = (byte) HEX[b[off + i] & 15];
        }
        return out;
    }

    private static long u64(byte[] b, int off) {
        return u32(b, off) << 32 | u32(b, off + 4);
    }

    private static long u32(byte[] b, int off) {
        return (b[off] & 0xFFL) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }
}

package dev.rampart.rules.header;

import java.util.BitSet;

/** A resolved set of ports 0..65535. Immutable view over a bit set built at load time. */
public final class PortSet {
    public static final PortSet ANY;

    static {
        BitSet all = new BitSet(65536);
        all.set(0, 65536);
        ANY = new PortSet(all);
    }

    private final BitSet bits;
    /** Counted once: the compiler asks per rule and a count walks 1024 words. */
    private final boolean any;
    private final int hash;

    PortSet(BitSet bits) {
        this.bits = bits;
        this.any = bits.cardinality() == 65536;
        this.hash = bits.hashCode();
    }

    public boolean contains(int port) {
        return bits.get(port);
    }

    public boolean isAny() {
        return any;
    }

    public boolean isEmpty() {
        return bits.isEmpty();
    }

    public int cardinality() {
        return bits.cardinality();
    }

    /** The first port in the set at or above {@code from}, or -1 (walks the set as ranges). */
    public int nextPort(int from) {
        return from > 65535 ? -1 : bits.nextSetBit(from);
    }

    /** The first port not in the set at or above {@code from} (65536 when none below it). */
    public int nextNonPort(int from) {
        return bits.nextClearBit(from);
    }

    BitSet copyBits() {
        return (BitSet) bits.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof PortSet p && p.hash == hash && p.bits.equals(bits);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        int i = bits.nextSetBit(0);
        while (i >= 0) {
            int end = bits.nextClearBit(i) - 1;
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(i);
            if (end > i) {
                sb.append(':').append(end);
            }
            i = end + 1 > 65535 ? -1 : bits.nextSetBit(end + 1);
        }
        return sb.append(']').toString();
    }
}

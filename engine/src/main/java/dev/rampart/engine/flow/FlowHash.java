package dev.rampart.engine.flow;

import dev.rampart.engine.decode.Packet;

/**
 * Direction-independent flow hash: both directions of a flow hash alike, so the pipeline can
 * shard packets across workers by it and the table finds a flow from either side.
 */
public final class FlowHash {
    private FlowHash() {
    }

    public static int hash(Packet p) {
        int sp = p.srcPort;
        int dp = p.dstPort;
        if (p.ipProto != 6 && p.ipProto != 17 && p.ipProto != 132) {
            sp = dp = 0;
        }
        return hash(p.srcHi, p.srcLo, sp, p.dstHi, p.dstLo, dp, p.ipProto, vlan(p, 0), vlan(p, 1));
    }

    public static int hash(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort,
                           int proto, int vlan0, int vlan1) {
        long a = mix(aHi * 0x9E3779B97F4A7C15L ^ aLo) + aPort;
        long b = mix(bHi * 0x9E3779B97F4A7C15L ^ bLo) + bPort;
        // sum and xor are both symmetric in (a, b)
        long h = mix((a + b) ^ Long.rotateLeft(a ^ b, 29) ^ ((long) proto << 48)
                ^ ((long) vlan0 << 24) ^ vlan1);
        return (int) (h ^ (h >>> 32));
    }

    static int vlan(Packet p, int i) {
        return p.vlanCount > i ? p.vlanIds[i] : 0;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}

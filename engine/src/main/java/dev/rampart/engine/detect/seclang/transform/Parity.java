package dev.rampart.engine.detect.seclang.transform;

/** Byte parity as ModSecurity's parity transformations compute it: over all 8 bits of the byte. */
final class Parity {
    private Parity() {
    }

    /** True when the byte has an odd number of set bits (ModSecurity's 0x6996 nibble lookup). */
    static boolean odd(char c) {
        int v = (c ^ (c >> 4)) & 0xF;
        return ((0x6996 >> v) & 1) != 0;
    }
}

package dev.rampart.engine.detect.mpm;

/** Matcher implementations; the tag byte is part of the serialized form. */
public enum MpmKind {
    AHO_CORASICK(1),
    HYPERSCAN(2);

    final byte tag;

    MpmKind(int tag) {
        this.tag = (byte) tag;
    }

    static MpmKind ofTag(int tag) {
        for (MpmKind k : values()) {
            if (k.tag == tag) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown matcher tag " + tag);
    }
}

package dev.rampart.engine.defrag;

/** The fragments of one datagram being rebuilt, keyed as Suricata's defrag tracker. */
final class FragmentTracker {
    // ---- key
    int version;
    long id;
    int proto;
    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    int vlanCount;
    final int[] vlanIds = new int[3];
    int hash;

    // ---- fragments, in arrival order
    Fragment first;
    Fragment last;
    int fragmentCount;
    int bytes;
    boolean seenLast;
    /** End of the datagram's data as the fragment without "more fragments" says. */
    int lastEnd;

    // ---- the unfragmentable part, from a fragment at offset 0
    byte[] header = new byte[64];
    int headerLength;
    boolean haveHeader;
    /** End of the offset-0 fragment whose header is kept (to apply the policy between them). */
    int headerFragEnd;
    /** IPv6: offset in {@link #header} of the next-header byte naming the fragment header. */
    int nextHeaderField;
    /** IPv6: protocol after the fragment header. */
    int fragNextHeader;

    long lastSeenNanos;

    // ---- intrusive lists: hash chain and least-recently-used order
    FragmentTracker hashNext;
    FragmentTracker lruPrev;
    FragmentTracker lruNext;

    void clearData() {
        first = last = null;
        fragmentCount = 0;
        bytes = 0;
        seenLast = false;
        lastEnd = 0;
        headerLength = 0;
        haveHeader = false;
        headerFragEnd = 0;
        nextHeaderField = 0;
        fragNextHeader = 0;
    }
}

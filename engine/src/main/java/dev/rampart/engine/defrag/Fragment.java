package dev.rampart.engine.defrag;

/** One stored fragment: its place in the datagram and a copy of its data (buffer reused). */
final class Fragment {
    int offset;
    int length;
    byte[] data = new byte[0];
    /** Next fragment of the same tracker in arrival order (or next free fragment). */
    Fragment next;

    int end() {
        return offset + length;
    }
}

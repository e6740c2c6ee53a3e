package dev.rampart.engine.defrag;

/**
 * Overlap resolution policies of Suricata's defrag engine ({@code defrag.default-policy} /
 * host-os-policy: first, last, bsd, bsd-right, linux, windows, solaris), after Novak's
 * "Target-Based Fragmentation Reassembly". Each policy answers one question: when a newly
 * arrived fragment covers bytes an earlier fragment already supplied, does the new data replace
 * them? Offsets and ends are those of the whole fragments as they arrived.
 */
public enum DefragPolicy {
    /** The earlier data always stays (old Solaris, HP-UX 11, Mac OS). */
    FIRST,
    /** The newer data always wins (Cisco). */
    LAST,
    /** New data wins only where the new fragment starts before the old one (the default). */
    BSD,
    /**
     * The fragment that starts further right wins, the newer one on a tie: Suricata 7 applies no
     * trimming for bsd-right and copies fragments in offset order (equal offsets in arrival
     * order), so later-copied bytes overwrite earlier ones.
     */
    BSD_RIGHT,
    /** New data wins where the new fragment starts before or at the old one's start. */
    LINUX,
    /** New data wins only where it starts before and ends after the old fragment. */
    WINDOWS,
    /** New data wins only where it starts before and ends at or after the old fragment. */
    SOLARIS;

    /** Whether a new fragment {@code [newOff, newEnd)} replaces bytes of an old {@code [oldOff, oldEnd)}. */
    public boolean newWins(int newOff, int newEnd, int oldOff, int oldEnd) {
        return switch (this) {
            case FIRST -> false;
            case LAST -> true;
            case BSD -> newOff < oldOff;
            case BSD_RIGHT -> newOff >= oldOff;
            case LINUX -> newOff <= oldOff;
            case WINDOWS -> newOff < oldOff && newEnd > oldEnd;
            case SOLARIS -> newOff < oldOff && newEnd >= oldEnd;
        };
    }

    /** Parses Suricata's configuration names ({@code bsd-right} ...). */
    public static DefragPolicy parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "first" -> FIRST;
            case "last" -> LAST;
            case "bsd" -> BSD;
            case "bsd-right", "bsd_right" -> BSD_RIGHT;
            case "linux" -> LINUX;
            case "windows" -> WINDOWS;
            case "solaris" -> SOLARIS;
            default -> throw new IllegalArgumentException("unknown defrag policy: " + name);
        };
    }
}

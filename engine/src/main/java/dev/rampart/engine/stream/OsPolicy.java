package dev.rampart.engine.stream;

/**
 * Target-OS overlap policies of Suricata's {@code host-os-policy}. When new segment data
 * overlaps stored data that differs, the policy of the receiving host decides which bytes the
 * reassembled stream keeps ({@link #useNewData}), following the cases of Suricata's
 * stream-tcp-list.c: the overlap is judged by where the new segment starts (before, at, after
 * the stored one) and where it ends.
 */
public enum OsPolicy {
    FIRST("first"),
    LAST("last"),
    BSD("bsd"),
    BSD_RIGHT("bsd-right"),
    OLD_LINUX("old-linux"),
    LINUX("linux"),
    OLD_SOLARIS("old-solaris"),
    SOLARIS("solaris"),
    HPUX10("hpux10"),
    HPUX11("hpux11"),
    IRIX("irix"),
    MACOS("macos"),
    WINDOWS("windows"),
    VISTA("vista"),
    WINDOWS2K3("windows2k3");

    private final String configName;

    OsPolicy(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** Suricata folds bsd-right into bsd and old-solaris into solaris for stream handling. */
    public OsPolicy effective() {
        if (this == BSD_RIGHT) {
            return BSD;
        }
        if (this == OLD_SOLARIS) {
            return SOLARIS;
        }
        return this;
    }

    public static OsPolicy fromName(String name) {
        for (OsPolicy p : values()) {
            if (p.configName.equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown host-os-policy '" + name + "'");
    }

    /**
     * True when the new segment [newStart, newEnd) wins over the stored segment
     * [oldStart, oldEnd) in their overlap (stream offsets, end exclusive).
     */
    public boolean useNewData(long newStart, long newEnd, long oldStart, long oldEnd) {
        OsPolicy p = effective();
        if (p == LAST) {
            return true;
        }
        if (newStart == oldStart) {
            if (newEnd < oldEnd) {
                return false;
            }
            if (newEnd > oldEnd && p == LINUX) {
                return true;
            }
            return p == OLD_LINUX || p == SOLARIS || p == HPUX11;
        }
        if (newStart < oldStart) {
            if (newEnd >= oldEnd && (p == SOLARIS || p == HPUX11)) {
                return true;
            }
            switch (p) {
                case BSD:
                case HPUX10:
                case IRIX:
                case WINDOWS:
                case WINDOWS2K3:
                case OLD_LINUX:
                case LINUX:
                case MACOS:
                    return true;
                default:
                    return false;
            }
        }
        // starts after the stored segment
        return newEnd > oldEnd && (p == SOLARIS || p == HPUX11);
    }
}

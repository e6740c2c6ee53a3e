package dev.rampart.engine.scope;

import dev.rampart.engine.flow.Flow;
import java.util.List;
import java.util.Set;

/**
 * Which traffic the sensor analyses (the console's per-host settings): nothing when analysis is
 * off; otherwise all of it, only the flows of listed processes, or all but theirs. A flow's
 * processes are the owners of its endpoints on this host ({@link SocketOwners}); the decision is
 * taken once per flow and kept on it ({@link Flow#scope}).
 *
 * <p>Until the owners of a flow's local endpoints are known it is analysed (a sensor must not
 * miss the start of an attack while its socket table catches up), unless one already known is
 * listed; an owner still unknown after {@link #UNKNOWN_GRACE_NANOS} of the flow's own time is no
 * process, and a flow with no local endpoint (forwarded traffic) has none at once. A flow of no
 * process is out of scope for "only listed" and in scope for "all but listed". A flow between
 * two local processes is in scope for "only listed" when either is listed, and out of scope for
 * "all but listed" when either is.
 *
 * <p>A process is listed when an entry equals its name ({@code comm}; Linux cuts it to 15
 * characters, so a longer entry matches a cut name by prefix), its executable path, or that
 * path's file name. Immutable.
 */
public final class TrafficScope {
    public enum Mode { ALL, ONLY_LISTED, ALL_BUT_LISTED }

    /** Flow scope states ({@link Flow#scope}). */
    public static final byte UNDECIDED = 0;
    public static final byte IN = 1;
    public static final byte OUT = 2;

    /** How long (flow time) a flow's owner may stay unknown before it counts as owned by no process. */
    public static final long UNKNOWN_GRACE_NANOS = 2_000_000_000L;

    /** Everything analysed: the default, and what offline scans use. */
    public static final TrafficScope ALL = new TrafficScope(true, Mode.ALL, List.of());

    private final boolean active;
    private final Mode mode;
    private final Set<String> processes;
    /** The same entries as an array: {@link #listed} runs per packet while a flow is undecided, without an iterator. */
    private final String[] entries;

    private TrafficScope(boolean active, Mode mode, List<String> processes) {
        this.active = active;
        this.mode = mode;
        this.processes = Set.copyOf(processes);
        this.entries = this.processes.toArray(new String[0]);
    }

    /**
     * @param active    false: nothing is analysed
     * @param mode      which flows
     * @param processes process names or executable paths (needed for the listed modes)
     */
    public static TrafficScope of(boolean active, Mode mode, List<String> processes) {
        if (mode != Mode.ALL && (processes == null || processes.isEmpty())) {
            throw new IllegalArgumentException("mode " + mode + " needs at least one process");
        }
        if (active && mode == Mode.ALL) {
            return ALL;
        }
        return new TrafficScope(active, mode, mode == Mode.ALL ? List.of() : processes);
    }

    public boolean active() {
        return active;
    }

    public Mode mode() {
        return mode;
    }

    public Set<String> processes() {
        return processes;
    }

    /** Whether deciding needs socket owners (a listed mode while active). */
    public boolean needsOwners() {
        return active && mode != Mode.ALL;
    }

    /**
     * Whether this flow's packet is analysed, deciding the flow's scope when its owners are
     * known (or their grace ran out); an undecided flow is analysed and asks for a refresh.
     */
    public boolean analyses(Flow f, SocketOwners owners) {
        if (!active) {
            return false;
        }
        if (mode == Mode.ALL) {
            return true;
        }
        if (f.scope == IN) {
            return true;
        }
        if (f.scope == OUT) {
            return false;
        }
        if (f.ipProto != 6 && f.ipProto != 17) {
            // no socket owns it (ICMP, ...): a flow of no process
            f.scope = decide(false, false) ? IN : OUT;
            return f.scope == IN;
        }
        boolean srcLocal = owners.isLocal(f.ipVersion, f.srcHi, f.srcLo);
        boolean dstLocal = owners.isLocal(f.ipVersion, f.dstHi, f.dstLo);
        SocketOwners.ProcessInfo a = srcLocal ? owners.owner(f.ipProto, f.ipVersion, f.srcHi, f.srcLo, f.srcPort) : null;
        SocketOwners.ProcessInfo b = dstLocal ? owners.owner(f.ipProto, f.ipVersion, f.dstHi, f.dstLo, f.dstPort) : null;
        boolean anyListed = listed(a) || listed(b);
        // a local endpoint whose owner is not known yet (a new client socket) could still be a listed one's
        boolean pending = (srcLocal && a == null) || (dstLocal && b == null);
        if (!anyListed && pending && f.lastSeenNanos - f.firstSeenNanos < UNKNOWN_GRACE_NANOS) {
            owners.refreshSoon();
            return true; // undecided: analysed meanwhile
        }
        f.scope = decide(a != null || b != null, anyListed) ? IN : OUT;
        return f.scope == IN;
    }

    /** In scope: with an owner, whether one is listed; without (owned == false), by mode. */
    private boolean decide(boolean owned, boolean anyListed) {
        return switch (mode) {
            case ALL -> true;
            case ONLY_LISTED -> owned && anyListed;
            case ALL_BUT_LISTED -> !anyListed;
        };
    }

    /** Whether the process is one of the listed ones. */
    public boolean listed(SocketOwners.ProcessInfo p) {
        if (p == null) {
            return false;
        }
        for (String entry : entries) {
            if (entry.equals(p.name()) || (!p.exe().isEmpty() && (entry.equals(p.exe()) || entry.equals(baseName(p.exe()))))) {
                return true;
            }
            if (p.name().length() == 15 && entry.length() > 15 && entry.startsWith(p.name())) {
                return true; // Linux keeps 15 characters of a process name
            }
        }
        return false;
    }

    private static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    @Override
    public String toString() {
        return !active ? "analysis off" : mode == Mode.ALL ? "all traffic"
                : (mode == Mode.ONLY_LISTED ? "only " : "all but ") + String.join(", ", processes);
    }
}

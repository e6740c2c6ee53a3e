package dev.rampart.engine.flow;

import dev.rampart.engine.decode.Packet;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The flow table of one worker: bucket chains (int links) over a bounded pool of {@link Flow}
 * slots, looked up without allocation. Flows are kept in a least-recently-seen list so that a
 * full table recycles the idlest flow. Time is packet time: {@link #timeout(long)} visits a
 * bounded number of buckets per call and ends flows idle past their state's timeout, and
 * {@link #flush(long)} ends everything at end of input.
 *
 * <p>Emergency mode follows Suricata: entered when a new flow finds the pool exhausted, it uses
 * the emergency timeouts until the free share of the pool rises above {@code emergency-recovery}
 * percent.
 */
public final class FlowTable {
    private static final long ID_MASK = (1L << 51) - 1;
    private static final long LRU_GRANULARITY_NANOS = 1_000_000_000L;

    private final FlowConfig config;
    private final FlowTimeouts timeouts;
    private final FlowEndListener listener;
    private final FlowCounters counters = new FlowCounters();
    private final int maxFlows;
    private final Flow[] slots;
    /*
     * Bucket heads are the flows themselves and the chain link is a field of the flow: a lookup
     * is then two dependent loads (bucket, flow) where slot-indexed link arrays made it four
     * (bucket, link, slot, flow). Packets of many interleaved flows miss the cache on each of
     * them. With the default hash size chains are rarely longer than one, so walking a chain
     * seldom touches a neighbour.
     */
    private final Flow[] buckets;
    private final int mask;
    private final int[] freeSlots;
    /*
     * The least-recently-seen list lives in int arrays indexed by slot: an update, once a second
     * per flow, then touches no neighbouring flow objects.
     */
    private final int[] lruPrev;
    private final int[] lruNext;
    private int freeCount;
    private int allocated;
    private int lruHead = -1;
    private int lruTail = -1;
    private int sweepCursor;
    private boolean emergency;
    private FlowReuseCheck reuseCheck;
    private long idCounter;

    public FlowTable(FlowConfig config, FlowEndListener listener) {
        this.config = config;
        this.timeouts = config.timeouts;
        this.listener = listener == null ? FlowEndListener.NONE : listener;
        this.maxFlows = config.maxFlows();
        this.slots = new Flow[maxFlows];
        int size = Integer.highestOneBit(Math.max(16, config.hashSize - 1)) << 1;
        if (size > config.hashSize && Integer.bitCount(config.hashSize) == 1) {
            size = config.hashSize;
        }
        this.buckets = new Flow[size];
        this.mask = size - 1;
        this.freeSlots = new int[maxFlows];
        this.lruPrev = new int[maxFlows];
        this.lruNext = new int[maxFlows];
        Arrays.fill(lruPrev, -1);
        Arrays.fill(lruNext, -1);
        int pre = Math.min(Math.max(0, config.prealloc), maxFlows);
        for (int i = pre - 1; i >= 0; i--) {
            slots[i] = new Flow(i);
            freeSlots[freeCount++] = i;
        }
        allocated = pre;
        updateMemuse();
    }

    /** Installs the check that lets a TCP SYN on a finished session start a new flow. */
    public void setReuseCheck(FlowReuseCheck check) {
        this.reuseCheck = check;
    }

    public FlowCounters counters() {
        return counters;
    }

    public boolean inEmergency() {
        return emergency;
    }

    public int activeFlows() {
        return (int) counters.active;
    }

    public int maxFlows() {
        return maxFlows;
    }

    /** The symmetric hash the pipeline shards by; same for both directions of a flow. */
    public static int hash(Packet p) {
        return FlowHash.hash(p);
    }

    /**
     * Finds or creates the flow of {@code p}, updates its counters and sets {@code p.flowRef} and
     * {@code p.toServer}. Returns null for packets without an IP layer.
     */
    public Flow handle(Packet p) {
        if (p.ipVersion == 0 || !wantsFlow(p)) {
            return null;
        }
        final long now = p.timestampNanos;
        final int proto = p.ipProto;
        if (proto == 1 && p.icmpType == 3) {
            Flow f = lookupIcmpv4Embedded(p, now);
            if (f != null) {
                return f;
            }
        }
        final boolean ported = proto == 6 || proto == 17 || proto == 132;
        final int sp;
        final int dp;
        if (ported) {
            sp = p.srcPort;
            dp = p.dstPort;
        } else if (proto == 1 || proto == 58) {
            // as Suricata: ICMP "ports" are (type, code) and the counterpart type, so a request
            // and its reply (echo 8/0, ...) meet in one flow whatever their id
            sp = (p.icmpType << 8) | p.icmpCode;
            int counter = IcmpCounterpart.of(proto, p.icmpType);
            dp = counter < 0 ? 0 : counter << 8;
        } else {
            sp = 0;
            dp = 0;
        }
        final int v0 = vlan(p, 0);
        final int v1 = vlan(p, 1);
        // the hash leaves non-TCP/UDP/SCTP ports out (Suricata hashes ICMP without them)
        final int h = ported ? FlowHash.hash(p.srcHi, p.srcLo, sp, p.dstHi, p.dstLo, dp, proto, v0, v1)
                : FlowHash.hash(p.srcHi, p.srcLo, 0, p.dstHi, p.dstLo, 0, proto, v0, v1);
        final int b = h & mask;
        for (Flow f = buckets[b]; f != null; f = f.chainNext) {
            if (f.hash == h && f.ipProto == proto && f.vlan0 == v0 && f.vlan1 == v1) {
                boolean fwd = f.srcLo == p.srcLo && f.dstLo == p.dstLo && f.srcHi == p.srcHi
                        && f.dstHi == p.dstHi && f.srcPort == sp && f.dstPort == dp;
                boolean rev = !fwd && f.srcLo == p.dstLo && f.dstLo == p.srcLo && f.srcHi == p.dstHi
                        && f.dstHi == p.srcHi && f.srcPort == dp && f.dstPort == sp;
                if (fwd || rev) {
                    if (timedOut(f, now)) {
                        // expired before the sweep got to it: end it, a new flow follows
                        end(f, FlowEndReason.TIMEOUT);
                        counters.mgrFlowsTimeout++;
                        break;
                    }
                    if (proto == 6 && reuseCheck != null && (p.tcpFlags & Packet.TCP_SYN) != 0
                            && reuseCheck.startsNewFlow(f, p, fwd)) {
                        end(f, FlowEndReason.TIMEOUT);
                        counters.tcpReuse++;
                        break;
                    }
                    update(f, p, fwd);
                    return f;
                }
            }
        }
        Flow f = allocate();
        if (f == null) {
            return null;
        }
        f.ipVersion = p.ipVersion;
        f.srcHi = p.srcHi;
        f.srcLo = p.srcLo;
        f.dstHi = p.dstHi;
        f.dstLo = p.dstLo;
        f.srcPort = sp;
        f.dstPort = dp;
        f.ipProto = proto;
        f.vlan0 = v0;
        f.vlan1 = v1;
        f.hash = h;
        f.protoIndex = FlowTimeouts.protoIndex(proto);
        f.state = FlowState.NEW;
        f.firstSeenNanos = now;
        f.flowId = nextId(h);
        f.bucket = b;
        f.chainNext = buckets[b];
        buckets[b] = f;
        counters.total++;
        switch (proto) {
            case 6:
                counters.tcp++;
                break;
            case 17:
                counters.udp++;
                break;
            case 1:
                counters.icmpv4++;
                break;
            case 58:
                counters.icmpv6++;
                break;
            default:
                break;
        }
        update(f, p, true);
        return f;
    }

    /**
     * As Suricata's decoders: only TCP, UDP, ICMPv4/v6, SCTP (with a decoded header) and ESP
     * packets get a flow, and the outer IPv4 packet of IPv6-in-IPv4; other IP protocols (IGMP, PIM,
     * ...) are flowless.
     */
    private static boolean wantsFlow(Packet p) {
        switch (p.ipProto) {
            case 6:
            case 17:
            case 1:
            case 58:
            case 132:
                return p.l4Offset > 0;
            case 50:
                return p.l4Offset > 0;
            case 41: // the outer packet of IPv6-in-IPv4 (Suricata's IPv4 decoder sets it up for a flow)
                return p.ipVersion == 4;
            default:
                return false;
        }
    }

    private long nextId(int h) {
        idCounter++;
        long id = (((long) (h & 0xFFFFF)) << 31 | (idCounter & 0x7FFFFFFFL)) & ID_MASK;
        return id == 0 ? 1 : id;
    }

    private void update(Flow f, Packet p, boolean toServer) {
        // EVE byte counts are whole captured frames (Suricata's GET_PKT_LEN)
        final int len = p.frameLength;
        if (toServer) {
            f.pktsToServer++;
            f.bytesToServer += len;
        } else {
            f.pktsToClient++;
            f.bytesToClient += len;
        }
        if (p.timestampNanos > f.lastSeenNanos || f.lastSeenNanos == 0) {
            f.lastSeenNanos = p.timestampNanos;
        }
        if (f.state == FlowState.NEW && f.ipProto != 6 && f.seenBothDirections()) {
            f.state = FlowState.ESTABLISHED;
        }
        // the eviction order only needs second granularity: skipping the move for packets close
        // together keeps the list (and its cache misses) off the per-packet path
        if (p.timestampNanos - f.lruStamp >= LRU_GRANULARITY_NANOS || f.lruStamp == Long.MIN_VALUE) {
            f.lruStamp = p.timestampNanos;
            lruMoveToTail(f);
        }
        p.flowRef = f;
        p.toServer = toServer;
    }

    /**
     * ICMPv4 destination unreachable carries the start of the offending packet: when it is an
     * IPv4 TCP/UDP header of a known flow, the error joins that flow (as Suricata does). Otherwise
     * the ICMP packet gets its own flow.
     */
    private Flow lookupIcmpv4Embedded(Packet p, long now) {
        ByteBuffer buf = p.buffer;
        if (buf == null || p.l4Offset <= 0) {
            return null;
        }
        int base = p.l4Offset + 8;
        int end = p.l4Length > 0 ? Math.min(buf.limit(), p.l4Offset + p.l4Length) : buf.limit();
        if (base + 20 > end) {
            return null;
        }
        int vihl = buf.get(base) & 0xFF;
        int ihl = (vihl & 0x0F) * 4;
        if ((vihl >>> 4) != 4 || ihl < 20 || base + ihl + 4 > end) {
            return null;
        }
        int eproto = buf.get(base + 9) & 0xFF;
        if (eproto != 6 && eproto != 17) {
            return null;
        }
        long esrc = buf.getInt(base + 12) & 0xFFFFFFFFL;
        long edst = buf.getInt(base + 16) & 0xFFFFFFFFL;
        int esp = buf.getShort(base + ihl) & 0xFFFF;
        int edp = buf.getShort(base + ihl + 2) & 0xFFFF;
        int v0 = vlan(p, 0);
        int v1 = vlan(p, 1);
        int h = FlowHash.hash(0, esrc, esp, 0, edst, edp, eproto, v0, v1);
        for (Flow f = buckets[h & mask]; f != null; f = f.chainNext) {
            if (f.hash != h || f.ipProto != eproto || f.vlan0 != v0 || f.vlan1 != v1
                    || f.ipVersion != 4 || timedOut(f, now)) {
                continue;
            }
            if (f.srcLo == esrc && f.dstLo == edst && f.srcPort == esp && f.dstPort == edp) {
                // the offending packet went client to server: the error travels back
                update(f, p, false);
                return f;
            }
            if (f.srcLo == edst && f.dstLo == esrc && f.srcPort == edp && f.dstPort == esp) {
                update(f, p, true);
                return f;
            }
        }
        return null;
    }

    private boolean timedOut(Flow f, long now) {
        return now - f.lastSeenNanos >= timeouts.nanos(f.protoIndex, f.state, emergency)
                && now > f.lastSeenNanos;
    }

    private Flow allocate() {
        Flow f;
        if (freeCount > 0) {
            f = slots[freeSlots[--freeCount]];
        } else if (allocated < maxFlows) {
            f = new Flow(allocated);
            slots[allocated++] = f;
            updateMemuse();
        } else {
            counters.memcap++;
            if (!emergency) {
                emergency = true;
                counters.emergModeEntered++;
            }
            if (lruHead < 0) {
                counters.getUsedFailed++;
                return null;
            }
            counters.getUsed++;
            end(slots[lruHead], FlowEndReason.FORCED);
            f = slots[freeSlots[--freeCount]];
        }
        f.inUse = true;
        counters.active++;
        if (!emergency && counters.active == maxFlows && freeCount == 0 && allocated == maxFlows) {
            // the pool is exhausted now: Suricata flags emergency when no spare flow is left
            emergency = true;
            counters.emergModeEntered++;
        }
        return f;
    }

    /** Ends a flow: listener, bookkeeping, back to the free pool. */
    private void end(Flow f, FlowEndReason reason) {
        listener.onFlowEnd(f, reason);
        counters.endState[f.state]++;
        unlinkBucket(f);
        lruUnlink(f.slot);
        f.clear();
        f.inUse = false;
        freeSlots[freeCount++] = f.slot;
        counters.active--;
        if (emergency && (maxFlows - counters.active) * 100 > (long) config.emergencyRecovery * maxFlows) {
            emergency = false;
            counters.emergModeOver++;
        }
    }

    private void unlinkBucket(Flow f) {
        int b = f.bucket;
        Flow prev = null;
        for (Flow o = buckets[b]; o != null; o = o.chainNext) {
            if (o == f) {
                if (prev == null) {
                    buckets[b] = f.chainNext;
                } else {
                    prev.chainNext = f.chainNext;
                }
                break;
            }
            prev = o;
        }
        f.chainNext = null;
        f.bucket = -1;
    }

    private void lruMoveToTail(Flow f) {
        int slot = f.slot;
        if (lruTail == slot) {
            return;
        }
        if (lruPrev[slot] >= 0 || lruHead == slot) {
            lruUnlink(slot);
        }
        lruPrev[slot] = lruTail;
        lruNext[slot] = -1;
        if (lruTail >= 0) {
            lruNext[lruTail] = slot;
        } else {
            lruHead = slot;
        }
        lruTail = slot;
    }

    private void lruUnlink(int slot) {
        int p = lruPrev[slot];
        int n = lruNext[slot];
        if (p >= 0) {
            lruNext[p] = n;
        } else if (lruHead == slot) {
            lruHead = n;
        }
        if (n >= 0) {
            lruPrev[n] = p;
        } else if (lruTail == slot) {
            lruTail = p;
        }
        lruPrev[slot] = -1;
        lruNext[slot] = -1;
    }

    /**
     * Incremental timeout sweep: visits the next {@code sweepBucketsPerCall} buckets (four times
     * as many in emergency mode) and ends flows idle past their timeout at {@code nowNanos}.
     * Returns the number of flows ended.
     */
    public int timeout(long nowNanos) {
        int budget = emergency ? config.sweepBucketsPerCall * 4 : config.sweepBucketsPerCall;
        budget = Math.min(budget, buckets.length);
        int ended = 0;
        for (int n = 0; n < budget; n++) {
            int b = sweepCursor;
            sweepCursor = (sweepCursor + 1) & mask;
            if (sweepCursor == 0) {
                counters.mgrFullHashPass++;
            }
            int len = 0;
            for (Flow f = buckets[b]; f != null; ) {
                Flow next = f.chainNext;
                len++;
                counters.mgrFlowsChecked++;
                if (nowNanos - f.lastSeenNanos >= timeouts.nanos(f.protoIndex, f.state, emergency)) {
                    end(f, FlowEndReason.TIMEOUT);
                    counters.mgrFlowsTimeout++;
                    counters.mgrFlowsEvicted++;
                    ended++;
                } else {
                    counters.mgrFlowsNotimeout++;
                }
                f = next;
            }
            if (len > counters.mgrRowsMaxlen) {
                counters.mgrRowsMaxlen = len;
            }
        }
        return ended;
    }

    /** End of input: ends every flow, least recently seen first. */
    public void flush(long nowNanos) {
        while (lruHead >= 0) {
            end(slots[lruHead], FlowEndReason.SHUTDOWN);
        }
    }

    private void updateMemuse() {
        counters.memuse = (long) allocated * FlowConfig.FLOW_BYTES + (long) buckets.length * Integer.BYTES;
    }

    /** VLAN id {@code i} of the packet for the flow key: 0 when vlan.use-for-tracking is off. */
    private int vlan(Packet p, int i) {
        return config.vlanTracking ? FlowHash.vlan(p, i) : 0;
    }
}

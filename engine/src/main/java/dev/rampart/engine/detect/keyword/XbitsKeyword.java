package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.detect.xbits.XbitTable;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.flow.HostbitsOption;
import dev.rampart.rules.keyword.flow.XbitsOption;

/**
 * {@code xbits} (track ip_src, ip_dst or ip_pair, optional expire) and {@code hostbits} (src or
 * dst host): bits that outlive a flow, kept per host or per address pair in the worker's
 * {@link XbitTable}s. isset/isnotset are match conditions; set/unset/toggle run after the rule
 * matched. A bit set lasts {@code expire} seconds of packet time, counted in whole seconds as
 * Suricata 7.0 does (default 30; see
 * {@link XbitTable} for how expired bits behave). Host bits
 * from hostbits and from xbits ip_src/ip_dst share names, as in Suricata; a pair is the same
 * whichever way the packet goes. Non-IP packets never match.
 */
public final class XbitsKeyword {
    private static final long DEFAULT_EXPIRE = 30;
    private static final int SRC = 0;
    private static final int DST = 1;
    private static final int PAIR = 2;

    private enum Cmd { SET, UNSET, TOGGLE, ISSET, ISNOTSET }

    private XbitsKeyword() {
    }

    public static void compileXbits(RuleOption option, RuleBuilder rule) {
        XbitsOption o = (XbitsOption) option;
        int track = switch (o.track()) {
            case IP_SRC -> SRC;
            case IP_DST -> DST;
            case IP_PAIR -> PAIR;
        };
        Cmd cmd = Cmd.valueOf(o.command().name());
        int bit = track == PAIR ? rule.ippairbit(o.name()) : rule.hostbit(o.name());
        boolean reads = cmd == Cmd.ISSET || cmd == Cmd.ISNOTSET;
        // Suricata's rule ordering counts xbits reads only (its writes are not seen by the sorter)
        if (reads) {
            if (track == PAIR) {
                rule.ippairbitUse(false, true);
            } else {
                rule.hostbitUse(false, true);
            }
        }
        add(rule, cmd, track, bit, o.expire() == null ? DEFAULT_EXPIRE : o.expire());
    }

    public static void compileHostbits(RuleOption option, RuleBuilder rule) {
        HostbitsOption o = (HostbitsOption) option;
        if (o.command() == HostbitsOption.Command.NOALERT) {
            rule.noalert();
            return;
        }
        Cmd cmd = Cmd.valueOf(o.command().name());
        int track = o.direction() == HostbitsOption.Direction.DST ? DST : SRC;
        boolean reads = cmd == Cmd.ISSET || cmd == Cmd.ISNOTSET;
        // Suricata's rule ordering counts hostbits writes only (its reads are not seen by the sorter)
        if (!reads) {
            rule.hostbitUse(true, false);
        }
        add(rule, cmd, track, rule.hostbit(o.name()), DEFAULT_EXPIRE);
    }

    private static void add(RuleBuilder rule, Cmd cmd, int track, int bit, long expire) {
        switch (cmd) {
            case ISSET -> rule.addMatcher(ctx -> isSet(ctx, track, bit) == 1);
            case ISNOTSET -> rule.addMatcher(ctx -> isSet(ctx, track, bit) == 0);
            default -> {
                rule.addMatcher(ctx -> ctx.packet.ipVersion != 0);
                rule.addPostMatch(ctx -> change(ctx, cmd, track, bit, expire));
            }
        }
    }


    /** 1 set, 0 not set, -1 not applicable (not IP). */
    private static int isSet(DetectContext ctx, int track, int bit) {
        Packet p = ctx.packet;
        if (p.ipVersion == 0) {
            return -1;
        }
        long now = Math.floorDiv(p.timestampNanos, 1_000_000_000L);
        boolean set;
        if (track == PAIR) {
            set = pairFirstIsSrc(p)
                    ? ctx.ippairbits.isSet(p.ipVersion, p.srcHi, p.srcLo, p.dstHi, p.dstLo, bit, now)
                    : ctx.ippairbits.isSet(p.ipVersion, p.dstHi, p.dstLo, p.srcHi, p.srcLo, bit, now);
        } else if (track == SRC) {
            set = ctx.hostbits.isSet(p.ipVersion, p.srcHi, p.srcLo, 0, 0, bit, now);
        } else {
            set = ctx.hostbits.isSet(p.ipVersion, p.dstHi, p.dstLo, 0, 0, bit, now);
        }
        return set ? 1 : 0;
    }

    private static void change(DetectContext ctx, Cmd cmd, int track, int bit, long expire) {
        Packet p = ctx.packet;
        XbitTable t;
        long ahi;
        long alo;
        long bhi = 0;
        long blo = 0;
        if (track == PAIR) {
            t = ctx.ippairbits;
            boolean srcFirst = pairFirstIsSrc(p);
            ahi = srcFirst ? p.srcHi : p.dstHi;
            alo = srcFirst ? p.srcLo : p.dstLo;
            bhi = srcFirst ? p.dstHi : p.srcHi;
            blo = srcFirst ? p.dstLo : p.srcLo;
        } else {
            t = ctx.hostbits;
            ahi = track == SRC ? p.srcHi : p.dstHi;
            alo = track == SRC ? p.srcLo : p.dstLo;
        }
        long now = Math.floorDiv(p.timestampNanos, 1_000_000_000L);
        switch (cmd) {
            case SET -> t.set(p.ipVersion, ahi, alo, bhi, blo, bit, now, expire);
            case UNSET -> t.unset(p.ipVersion, ahi, alo, bhi, blo, bit, now);
            case TOGGLE -> t.toggle(p.ipVersion, ahi, alo, bhi, blo, bit, now, expire);
            default -> throw new IllegalStateException();
        }
    }

    private static boolean pairFirstIsSrc(Packet p) {
        int c = Long.compareUnsigned(p.srcHi, p.dstHi);
        return c < 0 || c == 0 && Long.compareUnsigned(p.srcLo, p.dstLo) <= 0;
    }
}

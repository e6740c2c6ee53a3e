package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.detect.geoip.MmdbReader;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.header.GeoipOption;

/**
 * {@code geoip}: the country of the packet's source and/or destination IPv4 address (from the
 * configured MaxMind database) is one of the rule's codes; IPv6 packets do not match. A rule is
 * not loaded when no database is configured or it cannot be read.
 */
public final class GeoipMatcher implements PacketMatcher {
    private final MmdbReader db;
    private final GeoipOption.Which which;
    private final boolean negated;
    private final int[] codes;

    private GeoipMatcher(MmdbReader db, GeoipOption o) {
        this.db = db;
        this.which = o.which();
        this.negated = o.negated();
        this.codes = o.countries().stream().mapToInt(MmdbReader::pack).toArray();
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.requirePacket();
        MmdbReader db = rule.geoip();
        if (db == null) {
            rule.unsupported("geoip: " + rule.geoipProblem());
            return;
        }
        rule.addMatcher(new GeoipMatcher(db, (GeoipOption) option));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        Packet p = ctx.packet;
        if (p.ipVersion != 4) {
            return false;
        }
        return switch (which) {
            case SRC -> listed((int) p.srcLo);
            case DST -> listed((int) p.dstLo);
            case BOTH -> listed((int) p.srcLo) && listed((int) p.dstLo);
            case ANY -> listed((int) p.srcLo) || listed((int) p.dstLo);
        };
    }

    private boolean listed(int ipv4) {
        int c = db.countryOf(ipv4);
        boolean in = false;
        if (c != 0) {
            for (int code : codes) {
                if (code == c) {
                    in = true;
                    break;
                }
            }
        }
        return in != negated;
    }
}

package dev.rampart.engine.detect.threshold;

import dev.rampart.engine.detect.AddressMatch;

/**
 * A threshold.config {@code suppress} line with {@code track} and {@code ip}: alerts whose source
 * ({@code by_src}), destination ({@code by_dst}) or either address is in the list are not logged,
 * but the rule's actions still apply (Suricata's "silent match"). A suppress line without track
 * makes the rule noalert instead and is not represented here.
 */
public final class SuppressSpec {
    /** Which packet address is tested. */
    public enum Track { SRC, DST, EITHER }

    final Track track;
    final AddressMatch addresses;

    public SuppressSpec(Track track, AddressMatch addresses) {
        this.track = track;
        this.addresses = addresses;
    }

    boolean suppresses(int ipVersion, long srcHi, long srcLo, long dstHi, long dstLo) {
        return switch (track) {
            case SRC -> addresses.matches(ipVersion, srcHi, srcLo);
            case DST -> addresses.matches(ipVersion, dstHi, dstLo);
            case EITHER -> addresses.matches(ipVersion, srcHi, srcLo) || addresses.matches(ipVersion, dstHi, dstLo);
        };
    }
}

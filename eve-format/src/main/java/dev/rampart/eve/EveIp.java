package dev.rampart.eve;

/**
 * Addresses as Suricata 7 prints them in EVE: IPv4 dotted decimal; IPv6 in full form, eight
 * groups of four lowercase hex digits, no {@code ::} compression
 * ({@code 2001:0db8:0000:0000:0000:0000:0000:0001}). Addresses are the engine's 128-bit hi/lo
 * pairs, IPv4 in the low 32 bits of lo.
 */
public final class EveIp {
    private EveIp() {
    }

    public static void append(JsonBuffer out, int ipVersion, long hi, long lo) {
        if (ipVersion == 4) {
            int v = (int) lo;
            out.number((v >>> 24) & 0xff).raw('.').number((v >>> 16) & 0xff).raw('.')
                    .number((v >>> 8) & 0xff).raw('.').number(v & 0xff);
            return;
        }
        groups(out, hi);
        out.raw(':');
        groups(out, lo);
    }

    private static void groups(JsonBuffer out, long v) {
        for (int g = 3; g >= 0; g--) {
            int group = (int) (v >>> (g * 16)) & 0xffff;
            out.hexDigit(group >>> 12).hexDigit(group >>> 8).hexDigit(group >>> 4).hexDigit(group);
            if (g > 0) {
                out.raw(':');
            }
        }
    }

    /** Appends the address as a quoted JSON string. */
    public static void appendQuoted(JsonBuffer out, int ipVersion, long hi, long lo) {
        out.raw('"');
        append(out, ipVersion, hi, lo);
        out.raw('"');
    }
}

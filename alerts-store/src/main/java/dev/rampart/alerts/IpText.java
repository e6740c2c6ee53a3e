package dev.rampart.alerts;

import dev.rampart.eve.EveIp;
import dev.rampart.eve.JsonBuffer;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Addresses as two longs (IPv4 in the low 32 bits of lo) to and from their usual text. */
public final class IpText {
    private IpText() {
    }

    /** Dotted quad for IPv4, Suricata's uncompressed 8-group form for IPv6: EVE's text ({@link EveIp}). */
    public static String format(int ipVersion, long hi, long lo) {
        JsonBuffer b = new JsonBuffer(40);
        EveIp.append(b, ipVersion, hi, lo);
        return b.toString();
    }

    /** Appends {@link #format}'s text. */
    public static void append(StringBuilder out, int ipVersion, long hi, long lo) {
        out.append(format(ipVersion, hi, lo));
    }

    /**
     * Parses a literal address (never a name: no DNS look-up) into {@code out[0]} version,
     * {@code out[1]} hi, {@code out[2]} lo.
     *
     * @throws IllegalArgumentException when the text is not an IP literal
     */
    public static void parse(String text, long[] out) {
        String t = text.trim();
        boolean literal = !t.isEmpty() && (t.indexOf(':') >= 0 || t.chars().allMatch(c -> c == '.' || Character.isDigit(c)));
        if (!literal) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        byte[] b;
        try {
            b = InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
        long hi = 0;
        long lo = 0;
        if (b.length == 4) {
            for (byte x : b) {
                lo = (lo << 8) | (x & 0xFF);
            }
            out[0] = 4;
        } else {
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (b[i] & 0xFF);
                lo = (lo << 8) | (b[i + 8] & 0xFF);
            }
            out[0] = 6;
        }
        out[1] = hi;
        out[2] = lo;
    }
}

package dev.rampart.rules.header;

import dev.rampart.rules.RuleParseException;

/**
 * An IPv4 or IPv6 address as a 128-bit value ({@code hi}, {@code lo}); IPv4 uses the low 32 bits.
 * Parsing is our own (no DNS, no {@link java.net.InetAddress} surprises) and strict like Suricata's.
 */
public record IpAddress(boolean v6, long hi, long lo) implements Comparable<IpAddress> {

    public static IpAddress v4(long value) {
        return new IpAddress(false, 0, value & 0xFFFF_FFFFL);
    }

    public int bits() {
        return v6 ? 128 : 32;
    }

    public static boolean looksLikeV6(String s) {
        return s.indexOf(':') >= 0;
    }

    public static IpAddress parse(String s) throws RuleParseException {
        return looksLikeV6(s) ? parseV6(s) : parseV4(s);
    }

    static IpAddress parseV4(String s) throws RuleParseException {
        long value = 0;
        int parts = 0;
        int i = 0;
        int n = s.length();
        while (i <= n) {
            int start = i;
            int octet = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                octet = octet * 10 + (s.charAt(i) - '0');
                if (octet > 255) {
                    throw new RuleParseException("invalid IPv4 address \"" + s + "\"");
                }
                i++;
            }
            if (i == start || i - start > 3) {
                throw new RuleParseException("invalid IPv4 address \"" + s + "\"");
            }
            value = (value << 8) | octet;
            parts++;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                throw new RuleParseException("invalid IPv4 address \"" + s + "\"");
            }
            i++;
        }
        if (parts != 4) {
            throw new RuleParseException("invalid IPv4 address \"" + s + "\"");
        }
        return v4(value);
    }

    static IpAddress parseV6(String s) throws RuleParseException {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        int n = s.length();
        if (n == 0) {
            throw new RuleParseException("invalid IPv6 address \"\"");
        }
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == n) {
                return new IpAddress(true, 0, 0);
            }
        } else if (s.charAt(0) == ':') {
            throw new RuleParseException("invalid IPv6 address \"" + s + "\"");
        }
        while (i < n) {
            int start = i;
            // an embedded IPv4 tail, e.g. ::ffff:1.2.3.4
            int dot = s.indexOf('.', i);
            int colon = s.indexOf(':', i);
            if (dot >= 0 && (colon < 0 || dot < colon)) {
                if (count > 6) {
                    throw new RuleParseException("invalid IPv6 address \"" + s + "\"");
                }
                long v4 = parseV4(s.substring(i)).lo();
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                i = n;
                break;
            }
            int value = 0;
            while (i < n && Character.digit(s.charAt(i), 16) >= 0) {
                value = (value << 4) | Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i == start || i - start > 4 || count == 8) {
                throw new RuleParseException("invalid IPv6 address \"" + s + "\"");
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                throw new RuleParseException("invalid IPv6 address \"" + s + "\"");
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gap >= 0) {
                    throw new RuleParseException("invalid IPv6 address \"" + s + "\" (two '::')");
                }
                gap = count;
                i++;
            } else if (i == n) {
                throw new RuleParseException("invalid IPv6 address \"" + s + "\"");
            }
        }
        int[] full = new int[8];
        if (gap >= 0) {
            if (count > 7) {
                throw new RuleParseException("invalid IPv6 address \"" + s + "\"");
            }
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - (count - gap), count - gap);
        } else {
            if (count != 8) {
                throw new RuleParseException("invalid IPv6 address \"" + s + "\"");
            }
            full = groups;
        }
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) {
            hi = (hi << 16) | full[g];
            lo = (lo << 16) | full[g + 4];
        }
        return new IpAddress(true, hi, lo);
    }

    /** Network address for a prefix length (host bits cleared). */
    public IpAddress mask(int prefix) {
        if (!v6) {
            long m = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
            return v4(lo & m);
        }
        long mh;
        long ml;
        if (prefix <= 64) {
            mh = prefix == 0 ? 0 : -1L << (64 - prefix);
            ml = 0;
        } else {
            mh = -1L;
            ml = prefix == 128 ? -1L : -1L << (128 - prefix);
        }
        return new IpAddress(true, hi & mh, lo & ml);
    }

    /** Last address of the network of this address with the given prefix. */
    public IpAddress last(int prefix) {
        if (!v6) {
            long m = prefix == 0 ? 0xFFFF_FFFFL : (0xFFFF_FFFFL >>> prefix);
            return v4(lo | m);
        }
        long mh;
        long ml;
        if (prefix <= 64) {
            mh = prefix == 64 ? 0 : (-1L >>> prefix);
            ml = -1L;
        } else {
            mh = 0;
            ml = prefix == 128 ? 0 : (-1L >>> (prefix - 64));
        }
        return new IpAddress(true, hi | mh, lo | ml);
    }

    /** This address plus one, or null on overflow of its family. */
    public IpAddress next() {
        if (!v6) {
            return lo == 0xFFFF_FFFFL ? null : v4(lo + 1);
        }
        if (lo == -1L) {
            return hi == -1L ? null : new IpAddress(true, hi + 1, 0);
        }
        return new IpAddress(true, hi, lo + 1);
    }

    /** This address minus one, or null on underflow. */
    public IpAddress previous() {
        if (!v6) {
            return lo == 0 ? null : v4(lo - 1);
        }
        if (lo == 0) {
            return hi == 0 ? null : new IpAddress(true, hi - 1, -1L);
        }
        return new IpAddress(true, hi, lo - 1);
    }

    @Override
    public int compareTo(IpAddress o) {
        if (v6 != o.v6) {
            return v6 ? 1 : -1;
        }
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    @Override
    public String toString() {
        if (!v6) {
            return ((lo >>> 24) & 0xFF) + "." + ((lo >>> 16) & 0xFF) + "." + ((lo >>> 8) & 0xFF) + "." + (lo & 0xFF);
        }
        int[] g = new int[8];
        for (int k = 0; k < 4; k++) {
            g[k] = (int) ((hi >>> (48 - 16 * k)) & 0xFFFF);
            g[k + 4] = (int) ((lo >>> (48 - 16 * k)) & 0xFFFF);
        }
        // compress the longest run of zero groups (RFC 5952)
        int bestStart = -1;
        int bestLen = 0;
        for (int k = 0; k < 8; ) {
            if (g[k] == 0) {
                int j = k;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - k > bestLen && j - k > 1) {
                    bestStart = k;
                    bestLen = j - k;
                }
                k = j;
            } else {
                k++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                sb.append("::");
                k += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[k]));
        }
        return sb.toString();
    }
}

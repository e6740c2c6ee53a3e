package dev.rampart.policy;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 address or network (address + prefix length), parsed from text without any name
 * lookup and rendered back from its numbers only: what reaches an nft script is always this
 * class's own canonical text, never the operator's input.
 */
public final class IpNet implements Comparable<IpNet> {
    private final byte[] address; // 4 or 16 bytes, host bits zero
    private final int prefix;

    private IpNet(byte[] address, int prefix) {
        this.address = address;
        this.prefix = prefix;
    }

    /**
     * Parses {@code 192.0.2.1}, {@code 198.51.100.0/24}, {@code 2001:db8::1} or {@code 2001:db8::/32};
     * an IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) becomes the IPv4 address it maps.
     *
     * @throws PolicyValidationException for anything else, a prefix past the family's width, host
     *         bits set under the prefix, or a /0 (blocking every address cuts the console off too)
     */
    public static IpNet parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            throw new PolicyValidationException("address " + quote(text) + ": expected an IPv4 or IPv6 address");
        }
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = addr.indexOf(':') >= 0 ? parseV6(addr) : parseV4(addr);
        if (bytes == null) {
            throw new PolicyValidationException("address " + quote(text) + ": not a literal IPv4 or IPv6 address");
        }
        int width = bytes.length * 8;
        int prefix = width;
        if (slash >= 0) {
            String p = text.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new PolicyValidationException("address " + quote(text) + ": bad prefix length");
            }
            prefix = Integer.parseInt(p);
            if (prefix > width) {
                throw new PolicyValidationException("address " + quote(text) + ": prefix longer than " + width + " bits");
            }
            if (prefix == 0) {
                throw new PolicyValidationException("address " + quote(text) + ": a /0 would block every address");
            }
        }
        if (bytes.length == 16 && prefix >= 96 && isV4Mapped(bytes)) {
            // ::ffff:a.b.c.d is an IPv4 peer: nft matches it in the IPv4 set, never in the IPv6 one
            bytes = Arrays.copyOfRange(bytes, 12, 16);
            prefix -= 96;
            if (prefix == 0) {
                throw new PolicyValidationException("address " + quote(text) + ": a /0 would block every address");
            }
        }
        IpNet net = new IpNet(bytes, prefix);
        byte[] masked = net.maskedCopy();
        if (!Arrays.equals(masked, bytes)) {
            throw new PolicyValidationException("address " + quote(text) + ": host bits set under /" + prefix
                    + " (the network is " + new IpNet(masked, prefix) + ")");
        }
        return net;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
    }

    public boolean isV6() {
        return address.length == 16;
    }

    public int prefix() {
        return prefix;
    }

    /** True for a single address (prefix as wide as the family). */
    public boolean isHost() {
        return prefix == address.length * 8;
    }

    /** True when every address of {@code other} is in this network (same family). */
    public boolean contains(IpNet other) {
        if (other.address.length != address.length || other.prefix < prefix) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int i = bit >>> 3;
            int m = 0x80 >>> (bit & 7);
            if ((address[i] & m) != (other.address[i] & m)) {
                return false;
            }
        }
        return true;
    }

    private byte[] maskedCopy() {
        byte[] out = address.clone();
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit >>> 3] &= (byte) ~(0x80 >>> (bit & 7));
        }
        return out;
    }

    /** Canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as ::); /n unless a host. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(48);
        if (address.length == 4) {
            for (int i = 0; i < 4; i++) {
                if (i > 0) {
                    sb.append('.');
                }
                sb.append(address[i] & 0xFF);
            }
        } else {
            int[] groups = new int[8];
            for (int i = 0; i < 8; i++) {
                groups[i] = ((address[2 * i] & 0xFF) << 8) | (address[2 * i + 1] & 0xFF);
            }
            // longest run of two or more zero groups, the first one on a tie
            int bestStart = -1;
            int bestLen = 1;
            for (int i = 0; i < 8; ) {
                if (groups[i] != 0) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < 8 && groups[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            }
            for (int i = 0; i < 8; i++) {
                if (i == bestStart) {
                    sb.append("::");
                    i += bestLen - 1;
                    continue;
                }
                if (i > 0 && i != bestStart + bestLen) {
                    sb.append(':');
                }
                sb.append(Integer.toHexString(groups[i]));
            }
        }
        if (!isHost()) {
            sb.append('/').append(prefix);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpNet n && n.prefix == prefix && Arrays.equals(n.address, address);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(address) * 31 + prefix;
    }

    /** IPv4 before IPv6, then by address bytes, then wider networks first. */
    @Override
    public int compareTo(IpNet o) {
        if (address.length != o.address.length) {
            return Integer.compare(address.length, o.address.length);
        }
        int c = Arrays.compareUnsigned(address, o.address);
        return c != 0 ? c : Integer.compare(prefix, o.prefix);
    }

    /** Four decimal octets 0..255; a leading zero is refused (some tools read it as octal). */
    private static byte[] parseV4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int i = 0;
        int n = s.length();
        while (true) {
            int start = i;
            int value = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) value;
            if (part == 4) {
                return i == n ? out : null;
            }
            if (i >= n || s.charAt(i) != '.') {
                return null;
            }
            i++;
        }
    }

    /** Eight hex groups, one {@code ::} for a run of zeros, an optional dotted-quad tail; no zone. */
    private static byte[] parseV6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = new int[8];
        int[] tail = new int[8];
        int headCount;
        int tailCount = 0;
        if (gap < 0) {
            headCount = parseGroups(s, head, 0, true);
            if (headCount != 8) {
                return null;
            }
        } else {
            String left = s.substring(0, gap);
            String right = s.substring(gap + 2);
            headCount = left.isEmpty() ? 0 : parseGroups(left, head, 0, false);
            tailCount = right.isEmpty() ? 0 : parseGroups(right, tail, 0, true);
            if (headCount < 0 || tailCount < 0 || headCount + tailCount > 7) {
                return null;
            }
        }
        if (headCount < 0) {
            return null;
        }
        int[] groups = new int[8];
        System.arraycopy(head, 0, groups, 0, headCount);
        System.arraycopy(tail, 0, groups, 8 - tailCount, tailCount);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (groups[i] >>> 8);
            out[2 * i + 1] = (byte) groups[i];
        }
        return out;
    }

    /** Colon-separated groups into {@code to}; returns the group count (a dotted quad counts two) or -1. */
    private static int parseGroups(String s, int[] to, int count, boolean quadAllowed) {
        String[] parts = s.split(":", -1);
        for (int p = 0; p < parts.length; p++) {
            String g = parts[p];
            if (quadAllowed && p == parts.length - 1 && g.indexOf('.') >= 0) {
                byte[] v4 = parseV4(g);
                if (v4 == null || count + 2 > 8) {
                    return -1;
                }
                to[count++] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
                to[count++] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
                continue;
            }
            if (g.isEmpty() || g.length() > 4 || count == 8) {
                return -1;
            }
            int v = 0;
            for (int i = 0; i < g.length(); i++) {
                char c = g.charAt(i);
                int d = c >= '0' && c <= '9' ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0) {
                    return -1; // ASCII hex only: Character.digit takes other scripts' digits too
                }
                v = (v << 4) | d;
            }
            to[count++] = v;
        }
        return count;
    }

    static String quote(String s) {
        if (s == null) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return sb.append(s.length() > 80 ? "...\"" : "\"").toString();
    }
}

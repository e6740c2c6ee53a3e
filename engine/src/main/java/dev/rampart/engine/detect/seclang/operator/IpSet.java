package dev.rampart.engine.detect.seclang.operator;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of IPv4 and IPv6 networks, as ModSecurity's @ipMatch tree holds them. Addresses are read
 * as inet_pton reads them (IPv4: exactly four decimal parts 0..255 without leading zeros); an entry
 * holding ':' is IPv6. A {@code /bits} suffix is read with atoi and must lie in 1..32 (IPv4) or
 * 1..127 (IPv6), as ModSecurity's TreeAddIP accepts.
 */
final class IpSet {
    private record Net(byte[] addr, int bits) {
    }

    private final List<Net> nets = new ArrayList<>();

    void add(String entry) throws OperatorException {
        String ip = entry;
        boolean v6 = entry.indexOf(':') >= 0;
        int bits = v6 ? 128 : 32;
        int slash = entry.indexOf('/');
        if (slash >= 0) {
            String mask = entry.substring(slash + 1);
            bits = CNumber.atoi(mask);
            // ModSecurity's tree refuses a dotted (or v6: colon) mask, a prefix of 0 and one past the
            // family's width; an IPv6 entry with an explicit /128 is not cut at the '/' there, so
            // inet_pton refuses it too
            if (mask.indexOf(v6 ? ':' : '.') >= 0 || bits <= 0 || bits > (v6 ? 128 : 32) || (v6 && bits == 128)) {
                throw new OperatorException("Could not add entry \"" + entry + "\": bad netmask");
            }
            ip = entry.substring(0, slash);
        }
        byte[] a = v6 ? parse6(ip) : parse4(ip);
        if (a == null) {
            throw new OperatorException("Could not add entry \"" + entry + "\": not an IP" + (v6 ? "v6" : "v4")
                    + " address");
        }
        nets.add(new Net(a, bits));
    }

    /** Whether the value (cut at a NUL, as the C string is) is an address inside a network. */
    boolean contains(String value) {
        int nul = value.indexOf(0);
        String v = nul >= 0 ? value.substring(0, nul) : value;
        byte[] a = v.indexOf(':') >= 0 ? parse6(v) : parse4(v);
        if (a == null) {
            return false; // ModSecurity: "bad IPv4/IPv6 specification", an error, not a match
        }
        for (Net n : nets) {
            if (n.addr().length == a.length && samePrefix(n.addr(), a, n.bits())) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePrefix(byte[] x, byte[] y, int bits) {
        for (int i = 0; bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if (((x[i] ^ y[i]) & mask) != 0) {
                return false;
            }
        }
        return true;
    }

    static byte[] parse4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                char c = p.charAt(k);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    static byte[] parse6(String s) {
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            return null;
        }
        List<Integer> head = new ArrayList<>();
        List<Integer> tail = new ArrayList<>();
        if (dc >= 0) {
            if (!groups(s.substring(0, dc), head, false) || !groups(s.substring(dc + 2), tail, true)) {
                return null;
            }
            if (head.size() + tail.size() > 7) {
                return null;
            }
        } else {
            if (!groups(s, head, true) || head.size() != 8) {
                return null;
            }
        }
        byte[] out = new byte[16];
        for (int i = 0; i < head.size(); i++) {
            out[2 * i] = (byte) (head.get(i) >> 8);
            out[2 * i + 1] = (byte) (int) head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            int g = 8 - tail.size() + i;
            out[2 * g] = (byte) (tail.get(i) >> 8);
            out[2 * g + 1] = (byte) (int) tail.get(i);
        }
        return out;
    }

    /** Colon-separated 16-bit groups; the last may be a dotted IPv4 address (two groups). */
    private static boolean groups(String s, List<Integer> out, boolean lastMayBeV4) {
        if (s.isEmpty()) {
            return true;
        }
        String[] parts = s.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && lastMayBeV4 && p.indexOf('.') >= 0) {
                byte[] v4 = parse4(p);
                if (v4 == null) {
                    return false;
                }
                out.add((v4[0] & 0xFF) << 8 | (v4[1] & 0xFF));
                out.add((v4[2] & 0xFF) << 8 | (v4[3] & 0xFF));
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return false;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = Character.digit(p.charAt(k), 16);
                if (d < 0 || p.charAt(k) > 'f') {
                    return false;
                }
                v = v << 4 | d;
            }
            out.add(v);
        }
        return true;
    }
}

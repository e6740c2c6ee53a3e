package dev.rampart.capture.synth;

/**
 * An IPv4 host with its Ethernet address, for building frames.
 *
 * @param ip  the IPv4 address as a 32-bit value
 * @param mac the 48-bit MAC address
 */
public record Host(int ip, long mac) {

    /** @param ip dotted quad, e.g. {@code 192.168.56.10}; @param mac {@code 02:00:00:00:00:0a} */
    public static Host of(String ip, String mac) {
        return new Host(parseIp(ip), parseMac(mac));
    }

    public static int parseIp(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + s);
        }
        int v = 0;
        for (String part : p) {
            int o = Integer.parseInt(part);
            if (o < 0 || o > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
            v = (v << 8) | o;
        }
        return v;
    }

    public static long parseMac(String s) {
        String[] p = s.split(":", -1);
        if (p.length != 6) {
            throw new IllegalArgumentException("not a MAC address: " + s);
        }
        long v = 0;
        for (String part : p) {
            v = (v << 8) | Integer.parseInt(part, 16);
        }
        return v;
    }

    public static String ipString(int ip) {
        return ((ip >>> 24) & 0xff) + "." + ((ip >>> 16) & 0xff) + "." + ((ip >>> 8) & 0xff) + "." + (ip & 0xff);
    }

    public String ipString() {
        return ipString(ip);
    }

    public byte[] ipBytes() {
        return new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
    }
}

package dev.rampart.policy;

/** A destination port or inclusive port range, 1..65535, parsed from {@code 443} or {@code 8000-8100}. */
public record PortRange(int low, int high) implements Comparable<PortRange> {
    public PortRange {
        if (low < 1 || high > 65535 || low > high) {
            throw new PolicyValidationException("port range " + low + "-" + high + ": ports are 1..65535, low <= high");
        }
    }

    public static PortRange of(int port) {
        return new PortRange(port, port);
    }

    public static PortRange parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 11) {
            throw new PolicyValidationException("port " + IpNet.quote(text) + ": expected 1..65535 or low-high");
        }
        int dash = text.indexOf('-');
        int low = number(text, dash < 0 ? text : text.substring(0, dash));
        int high = dash < 0 ? low : number(text, text.substring(dash + 1));
        return new PortRange(low, high);
    }

    private static int number(String whole, String s) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new PolicyValidationException("port " + IpNet.quote(whole) + ": expected 1..65535 or low-high");
        }
        return Integer.parseInt(s);
    }

    /** nft's element syntax: {@code 443} or {@code 8000-8100}. */
    @Override
    public String toString() {
        return low == high ? Integer.toString(low) : low + "-" + high;
    }

    @Override
    public int compareTo(PortRange o) {
        return low != o.low ? Integer.compare(low, o.low) : Integer.compare(high, o.high);
    }
}

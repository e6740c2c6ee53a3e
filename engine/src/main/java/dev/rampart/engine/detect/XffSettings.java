package dev.rampart.engine.detect;

import dev.rampart.engine.applayer.Slice;
import dev.rampart.engine.applayer.http.HttpTx;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * eve-log alert {@code xff} in overwrite mode: the address from the transaction's
 * X-Forwarded-For header (first one for a forward deployment, last one for reverse) replaces the
 * alert's src_ip (to server) or dest_ip (to client), as Suricata's alert logger does. Extra-data
 * mode adds a field core checks do not look at, so only overwrite changes anything here.
 */
public final class XffSettings {
    final boolean reverse;
    final byte[] lowerHeader;
    private final Slice value = new Slice();

    private XffSettings(boolean reverse, String header) {
        this.reverse = reverse;
        this.lowerHeader = header.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    }

    /** Settings from the yaml values, or null when xff is off or not in overwrite mode. */
    public static XffSettings of(String enabled, String mode, String deployment, String header) {
        if (enabled == null || !(enabled.equalsIgnoreCase("yes") || enabled.equalsIgnoreCase("true"))) {
            return null;
        }
        if (mode == null || !mode.equalsIgnoreCase("overwrite")) {
            return null;
        }
        boolean reverse = deployment == null || !deployment.equalsIgnoreCase("forward");
        return new XffSettings(reverse, header == null || header.isBlank() ? "X-Forwarded-For" : header.trim());
    }

    /**
     * The address to log for {@code tx} as 4 or 16 bytes, or null when the header is absent or its
     * chosen entry is not an IP address. One worker uses one instance.
     */
    byte[] address(HttpTx tx) {
        Slice v = tx.header(true, lowerHeader, value);
        if (v == null || v.array == null || v.length == 0) {
            return null;
        }
        int from = v.offset;
        int to = v.offset + v.length;
        if (reverse) {
            for (int i = to - 1; i >= from; i--) {
                if (v.array[i] == ',') {
                    from = i + 1;
                    break;
                }
            }
        } else {
            for (int i = from; i < to; i++) {
                if (v.array[i] == ',') {
                    to = i;
                    break;
                }
            }
        }
        while (from < to && (v.array[from] == ' ' || v.array[from] == '\t')) {
            from++;
        }
        while (to > from && (v.array[to - 1] == ' ' || v.array[to - 1] == '\t')) {
            to--;
        }
        String s = new String(v.array, from, to - from, StandardCharsets.US_ASCII);
        return parse(s);
    }

    /** A literal IPv4 or IPv6 address (no name lookups), or null. */
    static byte[] parse(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                String p = parts[i];
                if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                    return null;
                }
                int n = Integer.parseInt(p);
                if (n > 255) {
                    return null;
                }
                b[i] = (byte) n;
            }
            return b;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return null;
            }
        }
        try {
            return java.net.InetAddress.getByName(s).getAddress();
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}

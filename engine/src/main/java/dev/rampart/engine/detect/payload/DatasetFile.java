package dev.rampart.engine.detect.payload;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the lines of a dataset {@code load} file into a {@link Dataset} (Suricata's CSV format):
 * one value a line, optionally followed by {@code ,metadata} that is ignored; string values are
 * base64, md5/sha256 values hex, ipv4 values dotted quads (ip/ipv6 files are not read yet). Blank lines and {@code #}
 * comments are skipped. A value that does not decode makes the whole file fail, as Suricata
 * refuses to load such a set.
 */
public final class DatasetFile {
    private DatasetFile() {
    }

    /** Adds every value of {@code lines} to {@code set}; false when a line is malformed. */
    public static boolean load(Dataset set, List<String> lines) {
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int comma = line.indexOf(',');
            String value = comma < 0 ? line : line.substring(0, comma);
            byte[] b = decode(set.type(), value);
            if (b == null) {
                return false;
            }
            set.add(b, 0, b.length);
        }
        return true;
    }

    private static byte[] decode(String type, String value) {
        try {
            return switch (type) {
                case "string" -> Base64.getDecoder().decode(value);
                case "md5", "sha256" -> {
                    byte[] h = HexFormat.of().parseHex(value);
                    yield h.length == (type.equals("md5") ? 16 : 32) ? h : null;
                }
                case "ipv4" -> ipv4(value);
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] ipv4(String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = Integer.parseInt(parts[i]);
            if (v < 0 || v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }
}

package dev.rampart.engine.detect.geoip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MaxMind DB (.mmdb) file held in memory: the binary search tree over address bits and the
 * data section, read as the public format description lays them out. Only what the geoip
 * keyword needs: the country ISO code of an IPv4 address, found without allocating.
 */
public final class MmdbReader {
    private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
            'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};
    private static final byte[] COUNTRY = "country".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ISO_CODE = "iso_code".getBytes(StandardCharsets.US_ASCII);

    private static final int T_POINTER = 1;
    private static final int T_STRING = 2;
    private static final int T_MAP = 7;
    private static final int T_ARRAY = 11;

    private final byte[] db;
    private final int nodeCount;
    private final int recordSize;
    private final int nodeBytes;
    private final int dataStart;
    /** Tree node where IPv4 lookups start (after 96 zero bits in an IPv6 tree). */
    private final int ipv4Start;

    private MmdbReader(byte[] db, int nodeCount, int recordSize, int ipVersion) {
        this.db = db;
        this.nodeCount = nodeCount;
        this.recordSize = recordSize;
        this.nodeBytes = recordSize * 2 / 8;
        this.dataStart = nodeCount * nodeBytes + 16;
        int node = 0;
        if (ipVersion == 6) {
            for (int i = 0; i < 96 && node < nodeCount; i++) {
                node = record(node, 0);
            }
        }
        this.ipv4Start = node;
    }

    public static MmdbReader open(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    /** Parses a database image; throws IOException when it is not a MaxMind DB. */
    public static MmdbReader parse(byte[] db) throws IOException {
        int m = lastIndexOf(db, METADATA_MARKER);
        if (m < 0) {
            throw new IOException("not a MaxMind DB (no metadata marker)");
        }
        int meta = m + METADATA_MARKER.length;
        long nodeCount = metaUint(db, meta, "node_count");
        long recordSize = metaUint(db, meta, "record_size");
        long ipVersion = metaUint(db, meta, "ip_version");
        if (nodeCount <= 0 || (recordSize != 24 && recordSize != 28 && recordSize != 32)
                || (ipVersion != 4 && ipVersion != 6)
                || nodeCount * (recordSize * 2 / 8) + 16 > m) {
            throw new IOException("bad MaxMind DB metadata (node_count " + nodeCount + ", record_size "
                    + recordSize + ", ip_version " + ipVersion + ")");
        }
        return new MmdbReader(db, (int) nodeCount, (int) recordSize, (int) ipVersion);
    }

    /**
     * The country ISO code of an IPv4 address ({@code country/iso_code}) packed as up to three
     * ASCII bytes ({@link #pack}), or 0 when the address or the field is not in the database.
     */
    public int countryOf(int ipv4) {
        int node = ipv4Start;
        for (int bit = 31; bit >= 0 && node < nodeCount; bit--) {
            node = record(node, (ipv4 >>> bit) & 1);
        }
        if (node <= nodeCount) {
            return 0; // not found (node == nodeCount) or the tree is shorter than expected
        }
        int off = dataStart + (node - nodeCount - 16);
        if (off < dataStart || off >= db.length) {
            return 0;
        }
        try {
            int country = mapValue(off, COUNTRY);
            if (country < 0) {
                return 0;
            }
            int iso = mapValue(country, ISO_CODE);
            return iso < 0 ? 0 : stringCode(iso);
        } catch (ArrayIndexOutOfBoundsException e) {
            return 0; // a damaged data section: no answer
        }
    }

    /** Packs a country code the way {@link #countryOf} returns it. */
    public static int pack(String code) {
        int v = 0;
        for (int i = 0; i < code.length() && i < 3; i++) {
            v = v << 8 | (Character.toUpperCase(code.charAt(i)) & 0xFF);
        }
        return v;
    }

    private int record(int node, int side) {
        int b = node * nodeBytes;
        switch (recordSize) {
            case 24: {
                int o = b + side * 3;
                return u8(o) << 16 | u8(o + 1) << 8 | u8(o + 2);
            }
            case 28: {
                if (side == 0) {
                    return (u8(b + 3) & 0xF0) << 20 | u8(b) << 16 | u8(b + 1) << 8 | u8(b + 2);
                }
                return (u8(b + 3) & 0x0F) << 24 | u8(b + 4) << 16 | u8(b + 5) << 8 | u8(b + 6);
            }
            default: {
                int o = b + side * 4;
                return u8(o) << 24 | u8(o + 1) << 16 | u8(o + 2) << 8 | u8(o + 3);
            }
        }
    }

    private int u8(int i) {
        return db[i] & 0xFF;
    }

    // ---- data section decoding (offsets absolute in db; pointers relative to dataStart)

    /** Offset of the value stored under {@code key} in the map at {@code off}, or -1. */
    private int mapValue(int off, byte[] key) {
        off = follow(off);
        if (type(off) != T_MAP) {
            return -1;
        }
        int entries = size(off);
        int p = payload(off);
        for (int i = 0; i < entries; i++) {
            int k = follow(p);
            boolean hit = type(k) == T_STRING && equalsString(k, key);
            p = skip(p);
            if (hit) {
                return follow(p);
            }
            p = skip(p);
        }
        return -1;
    }

    private int stringCode(int off) {
        off = follow(off);
        if (type(off) != T_STRING) {
            return 0;
        }
        int n = size(off);
        int p = payload(off);
        int v = 0;
        for (int i = 0; i < n && i < 3; i++) {
            v = v << 8 | (Character.toUpperCase((char) u8(p + i)) & 0xFF);
        }
        return v;
    }

    private boolean equalsString(int off, byte[] s) {
        int n = size(off);
        if (n != s.length) {
            return false;
        }
        int p = payload(off);
        for (int i = 0; i < n; i++) {
            if (db[p + i] != s[i]) {
                return false;
            }
        }
        return true;
    }

    /** The value a pointer at {@code off} points to (one level, as the format allows), else off. */
    private int follow(int off) {
        if (type(off) != T_POINTER) {
            return off;
        }
        int ctrl = u8(off);
        int ss = (ctrl >>> 3) & 3;
        int vvv = ctrl & 7;
        int p;
        switch (ss) {
            case 0 -> p = vvv << 8 | u8(off + 1);
            case 1 -> p = (vvv << 16 | u8(off + 1) << 8 | u8(off + 2)) + 2048;
            case 2 -> p = (vvv << 24 | u8(off + 1) << 16 | u8(off + 2) << 8 | u8(off + 3)) + 526336;
            default -> p = u8(off + 1) << 24 | u8(off + 2) << 16 | u8(off + 3) << 8 | u8(off + 4);
        }
        return dataStart + p;
    }

    private int type(int off) {
        int t = u8(off) >>> 5;
        return t == 0 ? 7 + u8(off + 1) : t;
    }

    /** Bytes of the control field (control byte, extended type byte, size bytes). */
    private int headerLength(int off) {
        int n = (u8(off) >>> 5) == 0 ? 2 : 1;
        int s = u8(off) & 0x1F;
        return n + (s < 29 ? 0 : s - 28);
    }

    private int size(int off) {
        int ext = (u8(off) >>> 5) == 0 ? 1 : 0;
        int s = u8(off) & 0x1F;
        int p = off + 1 + ext;
        return switch (s) {
            case 29 -> 29 + u8(p);
            case 30 -> 285 + (u8(p) << 8 | u8(p + 1));
            case 31 -> 65821 + (u8(p) << 16 | u8(p + 1) << 8 | u8(p + 2));
            default -> s;
        };
    }

    private int payload(int off) {
        return off + headerLength(off);
    }

    /** Offset just past the value at {@code off} (a pointer counts as its own bytes). */
    private int skip(int off) {
        int type = type(off);
        if (type == T_POINTER) {
            return off + 2 + ((u8(off) >>> 3) & 3);
        }
        int n = size(off);
        int p = payload(off);
        switch (type) {
            case T_MAP:
                for (int i = 0; i < n; i++) {
                    p = skip(skip(p));
                }
                return p;
            case T_ARRAY:
                for (int i = 0; i < n; i++) {
                    p = skip(p);
                }
                return p;
            case 14: // boolean: the value is the size
                return p;
            case 3: // double
                return p + 8;
            case 15: // float
                return p + 4;
            default: // strings, bytes, unsigned and signed integers: size bytes
                return p + n;
        }
    }

    // ---- metadata

    private static long metaUint(byte[] db, int meta, String key) throws IOException {
        MmdbReader r = new MmdbReader(db, 0, 24, 4, true);
        int v = r.mapValueAbsolute(meta, key.getBytes(StandardCharsets.US_ASCII));
        if (v < 0) {
            throw new IOException("MaxMind DB metadata lacks " + key);
        }
        int n = r.size(v);
        int p = r.payload(v);
        long x = 0;
        for (int i = 0; i < n && i < 8; i++) {
            x = x << 8 | (db[p + i] & 0xFF);
        }
        return x;
    }

    /** A reader over the metadata only (no tree): pointers are not expected there. */
    private MmdbReader(byte[] db, int nodeCount, int recordSize, int ipVersion, boolean metadataOnly) {
        this.db = db;
        this.nodeCount = nodeCount;
        this.recordSize = recordSize;
        this.nodeBytes = recordSize * 2 / 8;
        this.dataStart = 0;
        this.ipv4Start = 0;
    }

    private int mapValueAbsolute(int off, byte[] key) {
        return mapValue(off, key);
    }

    private static int lastIndexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = hay.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

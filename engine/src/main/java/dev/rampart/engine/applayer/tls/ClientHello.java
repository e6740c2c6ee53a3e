package dev.rampart.engine.applayer.tls;

import dev.rampart.engine.applayer.Slice;

/**
 * The first ClientHello of a flow. The message body is copied once into {@link #storage}; every
 * field is a {@link Slice} into it (valid for the life of the flow), lists of 16-bit values stay
 * as their raw big-endian bytes.
 */
public final class ClientHello {
    static final int MAX_EXTENSIONS = 64;

    byte[] storage = new byte[0];
    public boolean present;
    public int legacyVersion;
    public final Slice random = new Slice();
    public final Slice sessionId = new Slice();
    /** Cipher suites, 2 bytes each. */
    public final Slice ciphers = new Slice();
    public final Slice compression = new Slice();
    /** Extension types in order (GREASE included), first {@link #MAX_EXTENSIONS}. */
    public final int[] extensionTypes = new int[MAX_EXTENSIONS];
    public int extensionCount;
    public final Slice sni = new Slice();
    /** Raw supported_versions list (2 bytes each). */
    public final Slice supportedVersions = new Slice();
    /** Raw supported_groups list (2 bytes each). */
    public final Slice supportedGroups = new Slice();
    /** Raw ec_point_formats list (1 byte each). */
    public final Slice ecPointFormats = new Slice();
    /** Raw signature_algorithms list (2 bytes each). */
    public final Slice signatureAlgorithms = new Slice();
    /** Raw ALPN protocol_name_list (length-prefixed names). */
    public final Slice alpn = new Slice();

    /** The i-th 16-bit value of a raw list slice. */
    public static int u16(Slice s, int i) {
        int p = s.offset + 2 * i;
        return (s.array[p] & 0xFF) << 8 | (s.array[p + 1] & 0xFF);
    }

    void reset() {
        present = false;
        legacyVersion = 0;
        random.clear();
        sessionId.clear();
        ciphers.clear();
        compression.clear();
        extensionCount = 0;
        sni.clear();
        supportedVersions.clear();
        supportedGroups.clear();
        ecPointFormats.clear();
        signatureAlgorithms.clear();
        alpn.clear();
    }
}

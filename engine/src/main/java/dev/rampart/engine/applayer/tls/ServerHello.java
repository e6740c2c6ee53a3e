package dev.rampart.engine.applayer.tls;

import dev.rampart.engine.applayer.Slice;

/** The first ServerHello of a flow; fields are slices into its own copy of the message. */
public final class ServerHello {
    byte[] storage = new byte[0];
    public boolean present;
    public int legacyVersion;
    /** supported_versions selection (TLS 1.3), 0 when absent. */
    public int selectedVersion;
    public final Slice random = new Slice();
    public final Slice sessionId = new Slice();
    public int cipher;
    public int compression;
    public final int[] extensionTypes = new int[ClientHello.MAX_EXTENSIONS];
    public int extensionCount;
    public final Slice alpn = new Slice();

    void reset() {
        present = false;
        legacyVersion = 0;
        selectedVersion = 0;
        random.clear();
        sessionId.clear();
        cipher = 0;
        compression = 0;
        extensionCount = 0;
        alpn.clear();
    }
}

package dev.rampart.engine.applayer.ssh;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.OneTransactionSession;
import dev.rampart.engine.applayer.Slice;
import dev.rampart.eve.JsonBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An SSH flow as Suricata 7's parser sees it: one transaction holding each side's identification
 * line ({@code SSH-protoversion-softwareversion SP comments}: the ssh.proto and ssh.software
 * buffers), then the binary packet records, walked by their length only until that side's
 * SSH_MSG_NEWKEYS (21). Once both sides sent it the session is encrypted: detection stops looking
 * at the flow's payload and collects no more stream bytes (Suricata's NO_INSPECTION and
 * NO_REASSEMBLY), while bytes already stored are still inspected when the flow ends.
 */
public final class SshSession extends OneTransactionSession {
    /** Longest identification line kept (Suricata's SSH_MAX_BANNER_LEN; longer ones raise long_banner). */
    static final int MAX_BANNER = 256;
    /** Binary packet header: packet_length (4), padding_length (1), message code (1). */
    static final int RECORD_HEADER = 6;
    static final int MSG_NEWKEYS = 21;
    static final int MSG_KEXINIT = 20;
    /** Longest KEXINIT record kept for the HASSH fingerprint (longer ones give none). */
    static final int MAX_KEXINIT = 64 * 1024;

    static final int BANNER = 0;
    /** The line is longer than {@link #MAX_BANNER}: parsed from its start, the rest skipped up to the newline. */
    static final int BANNER_WAIT_EOL = 1;
    static final int RECORDS = 2;
    /** NEWKEYS sent: what follows is encrypted. */
    static final int FINISHED = 3;
    /** Input the parser could not read: nothing more is parsed on that side. */
    static final int DEAD = 4;

    /** One direction's parser state. */
    static final class Side {
        int state = BANNER;
        final byte[] line = new byte[MAX_BANNER];
        int lineLen;
        final Slice proto = new Slice();
        final Slice software = new Slice();
        boolean hasBanner;
        final byte[] header = new byte[RECORD_HEADER];
        int headerLen;
        long recordLeft;
        boolean ended;
        /** The KEXINIT record being collected (padding length, then the bytes after the message code). */
        byte[] kex;
        int kexLen;
        int kexPadding;
        boolean collecting;
        /** HASSH: the algorithm lists it hashes ("kex;cipher;mac;compression") and their MD5 in hex, or null. */
        byte[] hasshString;
        byte[] hassh;
    }

    private final Side client = new Side();
    private final Side server = new Side();
    private long errors;
    private long changes;

    @Override
    public AppProto proto() {
        return AppProto.SSH;
    }

    Side side(boolean toServer) {
        return toServer ? client : server;
    }

    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
        Side s = side(toServer);
        int end = off + len;
        int p = off;
        int before = s.state;
        while (p < end && s.state < FINISHED) {
            p = s.state == RECORDS ? record(s, data, p, end) : banner(s, data, p, end);
        }
        if (s.state != before) {
            changes++;
        }
    }

    /** Identification line bytes; returns where they end. */
    private int banner(Side s, byte[] d, int p, int end) {
        int nl = p;
        while (nl < end && d[nl] != '\n') {
            nl++;
        }
        if (s.state == BANNER_WAIT_EOL) {
            if (nl < end) {
                s.state = RECORDS;
                return nl + 1;
            }
            return end;
        }
        int take = Math.min(nl - p, MAX_BANNER - s.lineLen);
        System.arraycopy(d, p, s.line, s.lineLen, take);
        s.lineLen += take;
        if (nl < end && s.lineLen < MAX_BANNER) {
            int n = s.lineLen;
            if (n > 0 && s.line[n - 1] == '\r') {
                n--;
            }
            if (!parseBanner(s, n)) {
                return fail(s, end);
            }
            s.state = RECORDS;
            return nl + 1;
        }
        if (s.lineLen >= MAX_BANNER) {
            // too long: what fits is parsed, the rest of the line skipped (here or in later data)
            if (!parseBanner(s, s.lineLen)) {
                return fail(s, end);
            }
            s.state = nl < end ? RECORDS : BANNER_WAIT_EOL;
            return nl < end ? nl + 1 : end;
        }
        return end;
    }

    /** {@code SSH-} protoversion {@code -} softwareversion, the latter up to a blank. */
    private static boolean parseBanner(Side s, int n) {
        byte[] l = s.line;
        if (n < 4 || l[0] != 'S' || l[1] != 'S' || l[2] != 'H' || l[3] != '-') {
            return false;
        }
        int dash = 4;
        while (dash < n && l[dash] != '-') {
            dash++;
        }
        if (dash == 4 || dash >= n) {
            return false;
        }
        int sw = dash + 1;
        int swEnd = sw;
        while (swEnd < n && l[swEnd] != ' ' && l[swEnd] != '\r') {
            swEnd++;
        }
        s.proto.set(l, 4, dash - 4);
        s.software.set(l, sw, swEnd - sw);
        s.hasBanner = true;
        return true;
    }

    /** Binary packet records by their length; returns where the bytes used end. */
    private int record(Side s, byte[] d, int p, int end) {
        if (s.recordLeft > 0) {
            long skip = Math.min(s.recordLeft, end - p);
            if (s.collecting) {
                System.arraycopy(d, p, s.kex, s.kexLen, (int) skip);
                s.kexLen += (int) skip;
            }
            s.recordLeft -= skip;
            if (s.recordLeft == 0 && s.collecting) {
                s.collecting = false;
                hassh(s, s == client);
            }
            return p + (int) skip;
        }
        int take = Math.min(RECORD_HEADER - s.headerLen, end - p);
        System.arraycopy(d, p, s.header, s.headerLen, take);
        s.headerLen += take;
        p += take;
        if (s.headerLen < RECORD_HEADER) {
            return p;
        }
        s.headerLen = 0;
        long packetLength = (s.header[0] & 0xFFL) << 24 | (s.header[1] & 0xFF) << 16 | (s.header[2] & 0xFF) << 8
                | (s.header[3] & 0xFF);
        if (packetLength < 2) {
            return fail(s, end);
        }
        s.recordLeft = packetLength - 2;
        if ((s.header[5] & 0xFF) == MSG_NEWKEYS) {
            s.state = FINISHED;
        } else if ((s.header[5] & 0xFF) == MSG_KEXINIT && s.hassh == null && s.recordLeft <= MAX_KEXINIT
                && s.recordLeft > 0) {
            if (s.kex == null || s.kex.length < s.recordLeft) {
                s.kex = new byte[(int) s.recordLeft];
            }
            s.kexLen = 0;
            s.kexPadding = s.header[4] & 0xFF;
            s.collecting = true;
        }
        return p;
    }

    /**
     * HASSH of a side's KEXINIT (Salesforce's fingerprint, as Suricata's ssh parser computes it):
     * the key exchange, cipher, MAC and compression name-lists of that side's direction (client to
     * server for the client, server to client for the server), joined by ';', and their MD5.
     */
    private void hassh(Side s, boolean isClient) {
        byte[] k = s.kex;
        int end = s.kexLen - s.kexPadding;
        int p = 16; // cookie
        int[] start = new int[10];
        int[] len = new int[10];
        for (int i = 0; i < 10; i++) {
            if (p + 4 > end) {
                return;
            }
            long n = (k[p] & 0xFFL) << 24 | (k[p + 1] & 0xFF) << 16 | (k[p + 2] & 0xFF) << 8 | (k[p + 3] & 0xFF);
            p += 4;
            if (n > end - p) {
                return;
            }
            start[i] = p;
            len[i] = (int) n;
            p += (int) n;
        }
        // lists: kex, host key, cipher c2s, cipher s2c, mac c2s, mac s2c, compression c2s, compression s2c, ...
        int[] pick = isClient ? new int[] {0, 2, 4, 6} : new int[] {0, 3, 5, 7};
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < pick.length; i++) {
            if (i > 0) {
                out.write(';');
            }
            out.write(k, start[pick[i]], len[pick[i]]);
        }
        s.hasshString = out.toByteArray();
        try {
            byte[] md5 = java.security.MessageDigest.getInstance("MD5").digest(s.hasshString);
            s.hassh = dev.rampart.engine.applayer.Hex.lower(md5).getBytes(StandardCharsets.US_ASCII);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        s.kex = null;
        changes++;
    }

    /** ssh.hassh / ssh.hassh.server: the side's HASSH as 32 hex digits, or null before its KEXINIT. */
    public Slice hassh(boolean toServer, Slice out) {
        Side s = side(toServer);
        return s.hassh == null ? null : out.set(s.hassh, 0, s.hassh.length);
    }

    /** ssh.hassh.string / ssh.hassh.server.string: the lists the side's HASSH hashes, or null. */
    public Slice hasshString(boolean toServer, Slice out) {
        Side s = side(toServer);
        return s.hasshString == null ? null : out.set(s.hasshString, 0, s.hasshString.length);
    }

    private int fail(Side s, int end) {
        s.state = DEAD;
        errors++;
        return end;
    }

    @Override
    public void onGap(boolean toServer, long len) {
        Side s = side(toServer);
        if (s.state < FINISHED) {
            s.state = DEAD;
            changes++;
        }
    }

    @Override
    public void onEnd(boolean toServer) {
        side(toServer).ended = true;
        changes++;
    }

    @Override
    public long parseErrors() {
        return errors;
    }

    /** Both sides sent NEWKEYS: the rest of the flow is encrypted. */
    public boolean encrypted() {
        return client.state == FINISHED && server.state == FINISHED;
    }

    /** Suricata's SSH parser never asks for raw stream inspection (so: reports its triggers, none). */
    @Override
    public boolean triggersRawInspection() {
        return true;
    }

    @Override
    public boolean payloadInspectionOff() {
        return encrypted();
    }

    @Override
    public boolean inspectsStoredStreamAtEnd() {
        return true;
    }

    /** ssh.proto of one side: the protocol version of its identification line, or null before it. */
    public Slice proto(boolean toServer, Slice out) {
        Side s = side(toServer);
        return s.hasBanner ? out.set(s.proto.array, s.proto.offset, s.proto.length) : null;
    }

    /** ssh.software of one side: the software version of its identification line, or null before it. */
    public Slice software(boolean toServer, Slice out) {
        Side s = side(toServer);
        return s.hasBanner ? out.set(s.software.array, s.software.offset, s.software.length) : null;
    }

    @Override
    public Object tx(int index) {
        return this;
    }

    @Override
    public long txVersion(Object tx, boolean toServer) {
        return changes;
    }

    @Override
    public long changeCount() {
        return changes;
    }

    /** A side is done with its identification line and key exchange once it sent NEWKEYS (or ended). */
    @Override
    public boolean txComplete(Object tx, boolean toServer) {
        Side s = side(toServer);
        return s.ended || s.state >= FINISHED;
    }

    /**
     * The buffers are final with the key exchange (NEWKEYS): the identification line's are earlier,
     * but the HASSH ones come with the KEXINIT records after it (Suricata registers them at the
     * banner's progress and gives up on a missing one only past it).
     */
    @Override
    public boolean txHeadersDone(Object tx, boolean toServer) {
        return txComplete(tx, toServer);
    }

    @Override
    public boolean appendEve(Object tx, StringBuilder out) {
        if (!client.hasBanner && !server.hasBanner) {
            return false;
        }
        JsonBuffer b = new JsonBuffer(256);
        b.key("ssh").raw('{');
        boolean first = true;
        for (Side s : new Side[] {client, server}) {
            if (!s.hasBanner) {
                continue;
            }
            if (!first) {
                b.raw(',');
            }
            first = false;
            b.key(s == client ? "client" : "server").raw('{').key("proto_version").string(text(s.proto)).raw(',')
                    .key("software_version").string(text(s.software)).raw('}');
        }
        b.raw('}');
        out.append(b);
        return true;
    }

    private static String text(Slice s) {
        return new String(s.array, s.offset, s.length, StandardCharsets.UTF_8);
    }
}

package dev.rampart.engine.applayer.smb;

import dev.rampart.engine.applayer.Slice;
import java.util.Arrays;

/**
 * One SMB transaction as Suricata 7's SMB parser keeps them: a request and its response (a
 * command's generic transaction, a negotiation, a session setup, a tree connect, a create), a
 * DCERPC call carried over a named pipe, or a file moving in one direction (every write to it, or
 * every read of it, until it is closed). What detection reads from it: the SMB version,
 * {@code smb.share} / {@code smb.named_pipe} (a tree connect), {@code smb.ntlmssp_user} /
 * {@code smb.ntlmssp_domain} (a session setup), the DCERPC call ({@code dcerpc.*}), the file
 * ({@code file.data}).
 */
public final class SmbTx {
    public static final int GENERIC = 0;
    public static final int NEGOTIATE = 1;
    public static final int SESSION_SETUP = 2;
    public static final int TREE_CONNECT = 3;
    public static final int CREATE = 4;
    public static final int DCERPC = 5;
    public static final int FILE = 6;

    /** Stored bytes of a file beyond which the rest is counted, not kept (file.data inspects what is kept). */
    static final int FILE_KEEP = 1 << 20;
    /** file.data of a file is inspected once this much is there, or when it is closed (Suricata's inspect min size). */
    static final int FILE_INSPECT_MIN = 32768;
    /** DCERPC stub bytes kept per side. */
    static final int STUB_KEEP = 1 << 20;

    final long id;
    final int smbVersion;
    int command;
    final int kind;
    /** The request's key (SMB2: message id; SMB1: process and multiplex ids) that its response names. */
    final long key;
    boolean reqDone;
    boolean respDone;
    long version;
    /** The header's session (SMB1: user id) and tree ids, for EVE. */
    long sessionId;
    long treeId;
    /** The response's status (NTSTATUS; SMB1 DOS errors as read), -1 before one. */
    long status = -1;
    /** DCERPC fragments per side (EVE req/res frag_cnt). */
    int[] frags = new int[2];

    // tree connect
    byte[] share;
    boolean isPipe;
    /** SMB1 tree connect: the service the client asked for and the one the server answered (EVE). */
    byte[] serviceRequest;
    byte[] serviceResponse;
    // session setup
    byte[] ntlmUser;
    byte[] ntlmDomain;
    byte[] ntlmHost;
    /** The NTLMSSP version ("6.0 build 6001 rev 15") when the message carries one, else null. */
    String ntlmVersion;
    // create and file
    byte[] fileName;
    // DCERPC
    int dceType = -1;
    /** The server's PDU type that answered the call, -1 before one. */
    int respType = -1;
    int opnum;
    int ctxId;
    long callId;
    private final byte[][] stub = new byte[2][];
    private final int[] stubLen = new int[2];
    // file
    boolean fileToServer;
    java.nio.ByteBuffer fileKey;
    private byte[] data;
    private int dataLen;
    long fileSize;
    boolean fileClosed;

    private final SmbSession owner;

    SmbTx(SmbSession owner, long id, int smbVersion, int command, int kind, long key) {
        this.owner = owner;
        this.id = id;
        this.smbVersion = smbVersion;
        this.command = command;
        this.kind = kind;
        this.key = key;
    }

    public long id() {
        return id;
    }

    /** 1 or 2 (SMB3 dialects speak SMB2 records): what {@code smb.version} compares. */
    public int smbVersion() {
        return smbVersion;
    }

    public int command() {
        return command;
    }

    public int kind() {
        return kind;
    }

    /** {@code smb.share}: a tree connect's path when the server did not answer it as a pipe (yet). */
    public boolean share(Slice out) {
        return kind == TREE_CONNECT && !isPipe && set(share, out);
    }

    /** {@code smb.named_pipe}: a tree connect's path once the server answered it as a pipe. */
    public boolean namedPipe(Slice out) {
        return kind == TREE_CONNECT && isPipe && set(share, out);
    }

    public boolean ntlmsspUser(Slice out) {
        return kind == SESSION_SETUP && set(ntlmUser, out);
    }

    public boolean ntlmsspDomain(Slice out) {
        return kind == SESSION_SETUP && set(ntlmDomain, out);
    }

    /** A DCERPC REQUEST over a pipe (what dcerpc.opnum and dcerpc.iface look at). */
    public boolean dcerpcRequest() {
        return kind == DCERPC && dceType == 0;
    }

    public int opnum() {
        return opnum;
    }

    public int ctxId() {
        return ctxId;
    }

    /** {@code dcerpc.stub_data} of one side; false when there is none. */
    public boolean stub(boolean toServer, Slice out) {
        int d = toServer ? 0 : 1;
        if (kind != DCERPC || stubLen[d] == 0) {
            out.clear();
            return false;
        }
        out.set(stub[d], 0, stubLen[d]);
        return true;
    }

    int stubLength(int d) {
        return stubLen[d];
    }

    void appendStub(int d, byte[] b, int off, int len) {
        frags[d]++;
        int n = Math.max(0, Math.min(len, STUB_KEEP - stubLen[d]));
        n = n == 0 ? 0 : owner.take(n);
        owner.notKept(len - n);
        if (n == 0) {
            return;
        }
        byte[] s = stub[d];
        if (s == null || s.length - stubLen[d] < n) {
            s = stub[d] = Arrays.copyOf(s == null ? new byte[0] : s, Math.max(stubLen[d] + n, Math.max(64, stubLen[d] * 2)));
        }
        System.arraycopy(b, off, s, stubLen[d], n);
        stubLen[d] += n;
    }

    /**
     * {@code file.data}: the file's bytes moving in that direction, once enough of them are there
     * to inspect (or the file or the stream ended).
     */
    public boolean fileData(boolean toServer, boolean streamEnded, Slice out) {
        if (kind != FILE || fileToServer != toServer || dataLen == 0
                || (dataLen < FILE_INSPECT_MIN && !fileClosed && !streamEnded)) {
            out.clear();
            return false;
        }
        out.set(data, 0, dataLen);
        return true;
    }

    /** The file's name as its create gave it (Suricata's files[].filename), or null. */
    public byte[] fileName() {
        return fileName;
    }

    /**
     * Bytes of the file at {@code offset}: kept in order up to {@link #FILE_KEEP}; a write that
     * leaves a hole or overlaps what is there only counts toward the size.
     */
    void fileWrite(long offset, byte[] b, int off, int len) {
        long end = offset + len;
        int n = 0;
        if (offset == dataLen && dataLen < FILE_KEEP && (n = owner.take(Math.min(len, FILE_KEEP - dataLen))) > 0) {
            if (data == null || data.length - dataLen < n) {
                data = Arrays.copyOf(data == null ? new byte[0] : data,
                        Math.min(FILE_KEEP, Math.max(dataLen + n, Math.max(4096, dataLen * 2))));
            }
            System.arraycopy(b, off, data, dataLen, n);
            dataLen += n;
        }
        owner.notKept(len - n);
        fileSize = Math.max(fileSize, end);
        version++;
    }

    /** The file's first bytes (what filemagic reads); false before any. */
    public boolean fileHead(Slice out) {
        if (kind != FILE || dataLen == 0) {
            out.clear();
            return false;
        }
        out.set(data, 0, dataLen);
        return true;
    }

    /** A written file moves to the server, a read one to the client. */
    public boolean fileToServer() {
        return fileToServer;
    }

    /** Bytes of file data and stubs this transaction keeps (the flow's budget gets them back when it goes). */
    long keptBytes() {
        return (long) dataLen + stubLen[0] + stubLen[1];
    }

    public int fileLength() {
        return dataLen;
    }

    private static boolean set(byte[] v, Slice out) {
        if (v == null) {
            out.clear();
            return false;
        }
        out.set(v, 0, v.length);
        return true;
    }
}

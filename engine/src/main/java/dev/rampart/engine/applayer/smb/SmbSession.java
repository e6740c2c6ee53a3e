package dev.rampart.engine.applayer.smb;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.ListedTransactions;
import dev.rampart.engine.applayer.dcerpc.DcerpcInterface;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An SMB flow as Suricata 7's SMB parser reads it (facts from its rust/src/smb, the transaction
 * model checked with suricata 7.0.10's EVE "smb" records on the suricata-verify captures):
 * NetBIOS records per direction ({@link NbssReader}), SMB1 ({@link Smb1}) and SMB2/3
 * ({@link Smb2}) commands in them, and the transactions they make:
 * <ul>
 * <li>a transaction per request (negotiate, session setup, tree connect, create, and a generic
 * one for most other commands), done on its side when the request is read and on the other when
 * its response (same message id) is;</li>
 * <li>a write to a file, or a read of one, goes to the file's transaction of that direction (one
 * per file and direction, made by the first write or read, done when the file is closed);</li>
 * <li>writes, reads and pipe transceives on a named pipe of a known DCERPC service (svcctl, lsarpc,
 * samr, ...) are DCERPC calls: a transaction per BIND / REQUEST, answered by the BIND_ACK /
 * RESPONSE of the same call id; the last acknowledgement's accepted interfaces are what
 * {@code dcerpc.iface} walks.</li>
 * </ul>
 * Encrypted SMB3 records and commands this parser does not read only count.
 */
public final class SmbSession extends ListedTransactions<SmbTx> {
    /** Live transactions past which each new one closes the oldest open one. */
    static final int MAX_TX = 1024;
    /** Bounds on what a flow remembers: trees, file names, reads and transceives awaiting their answer (oldest go first). */
    static final int MAX_TREES = 256;
    static final int MAX_FILES = 4096;
    static final int MAX_PENDING = 1024;
    /** File and DCERPC stub bytes the live transactions of a flow keep at most; beyond, bytes are counted only. */
    static final long MAX_KEPT = 16L << 20;

    private final NbssReader[] readers = {new NbssReader(new Sink(true)), new NbssReader(new Sink(false))};
    private final boolean[] ended = new boolean[2];
    /** Tree id (with the session) to the tree connect's path and whether it is a pipe. */
    final Map<Long, Tree> trees = bounded(MAX_TREES);
    /** File id (SMB2 16-byte GUID, SMB1 FID) to the name its create gave. */
    final Map<ByteBuffer, byte[]> fileNames = bounded(MAX_FILES);
    /** A read's message key to the file it reads and the offset. */
    final Map<Long, PendingRead> reads = bounded(MAX_PENDING);
    /** File and stub bytes the transactions keep, against {@link #MAX_KEPT}. */
    private long kept;
    /** DCERPC over pipes: the last bind's interfaces and the last acknowledgement's accepted ones. */
    List<DcerpcInterface> bound;
    List<DcerpcInterface> accepted = List.of();
    /** The header of the command being read: its session and tree ids and status (for EVE). */
    long curSession;
    long curTree;
    long curStatus;
    /** The SMB version and command of the record being read. */
    int curVersion;
    int curCommand;
    /** The negotiated dialect ("NT LM 0.12", "2.10", ...), null before the negotiation's answer. */
    String dialect;
    /** SMB1: the dialects the client offered, by index (its negotiate answer names one). */
    List<String> offeredDialects = List.of();

    record Tree(byte[] name, boolean pipe) {
    }

    record PendingRead(ByteBuffer file, long offset) {
    }

    /** Where a large record's data goes (a file transaction at an offset), per direction. */
    private final SmbTx[] streamFile = new SmbTx[2];
    private final long[] streamFileOffset = new long[2];
    private final long[] streamStart = new long[2];
    private final long[] streamEnd = new long[2];

    /** What this session could not read or keep, counted into the worker's counters (or its own). */
    private final SmbCounters counters;

    public SmbSession() {
        this(new SmbCounters());
    }

    public SmbSession(SmbCounters counters) {
        this.counters = counters;
    }

    @Override
    public AppProto proto() {
        return AppProto.SMB;
    }

    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
        readers[toServer ? 0 : 1].onData(data, off, len);
    }

    @Override
    public void onGap(boolean toServer, long len) {
        NbssReader r = readers[toServer ? 0 : 1];
        if (!r.lost()) {
            counters.lostAfterGap++;
        }
        r.onGap();
        changes++;
    }

    @Override
    public void onEnd(boolean toServer) {
        ended[toServer ? 0 : 1] = true;
        changes++;
    }

    /** Suricata's SMB parser never asks for raw stream inspection (chunk and close points only). */
    @Override
    public boolean triggersRawInspection() {
        return true;
    }

    /** The counters this session counts into. */
    public SmbCounters counters() {
        return counters;
    }

    /** (Malformed SMB is an event in Suricata, not a parser error: no app-layer error policy applies.) */
    void countMalformed() {
        counters.malformed++;
    }

    /** One NetBIOS record of a direction: SMB1, SMB2 or an SMB3 transform. */
    private void record(boolean toServer, byte[] b, int off, int len) {
        changes++;
        if (len < 4) {
            countMalformed();
            return;
        }
        int v = b[off] & 0xFF;
        if (b[off + 1] != 'S' || b[off + 2] != 'M' || b[off + 3] != 'B') {
            countMalformed();
            return;
        }
        switch (v) {
            case 0xFF -> Smb1.record(this, toServer, b, off, len);
            case 0xFE -> Smb2.record(this, toServer, b, off, len);
            case 0xFD -> counters.encrypted++;
            default -> countMalformed();
        }
    }

    /** A record's head: a write's or read answer's file data streams; any other record is read whole (or skipped). */
    private boolean largeHead(boolean toServer, byte[] head, int len, long total) {
        int d = toServer ? 0 : 1;
        streamFile[d] = null;
        if ((head[0] & 0xFF) == 0xFE && head[1] == 'S' && head[2] == 'M' && head[3] == 'B'
                && Smb2.largeHead(this, toServer, head, len, total)) {
            changes++;
            return true;
        }
        if ((head[0] & 0xFF) == 0xFF && head[1] == 'S' && head[2] == 'M' && head[3] == 'B'
                && Smb1.largeHead(this, toServer, head, len, total)) {
            changes++;
            return true;
        }
        if (total > NbssReader.WHOLE_MAX) {
            counters.skippedLarge++;
        }
        return false;
    }

    /** Sends the large record's bytes at [{@code start}, {@code end}) to {@code file} from {@code fileOffset}. */
    void streamTo(boolean toServer, SmbTx file, long fileOffset, long start, long end, byte[] head, int headLen) {
        int d = toServer ? 0 : 1;
        streamFile[d] = file;
        streamFileOffset[d] = fileOffset;
        streamStart[d] = start;
        streamEnd[d] = end;
        largeData(toServer, 0, head, 0, headLen);
    }

    private void largeData(boolean toServer, long pos, byte[] b, int off, int len) {
        int d = toServer ? 0 : 1;
        SmbTx f = streamFile[d];
        if (f == null) {
            return;
        }
        long from = Math.max(pos, streamStart[d]);
        long to = Math.min(pos + len, streamEnd[d]);
        if (from < to) {
            f.fileWrite(streamFileOffset[d] + (from - streamStart[d]), b, (int) (off + from - pos), (int) (to - from));
            changes++;
        }
    }

    // ---- transactions

    SmbTx newTx(int smbVersion, int command, int kind, long key) {
        if (txs.size() >= MAX_TX) {
            for (SmbTx old : txs) {
                if (!old.reqDone || !old.respDone) {
                    old.reqDone = old.respDone = true;
                    old.version++;
                    break;
                }
            }
        }
        SmbTx tx = new SmbTx(this, nextId++, smbVersion, command, kind, key);
        tx.sessionId = curSession;
        tx.treeId = curTree;
        txs.add(tx);
        changes++;
        return tx;
    }

    /** The oldest request transaction of that key (and command, -1: any) still waiting for its response. */
    SmbTx awaiting(int smbVersion, long key, int command) {
        for (SmbTx tx : txs) {
            if (!tx.respDone && tx.key == key && tx.smbVersion == smbVersion && tx.kind != SmbTx.FILE
                    && tx.kind != SmbTx.DCERPC && (command < 0 || tx.command == command)) {
                return tx;
            }
        }
        return null;
    }

    SmbTx awaitingSmb1Negotiate() {
        for (SmbTx tx : txs) {
            if (tx.kind == SmbTx.NEGOTIATE && tx.smbVersion == 1 && !tx.respDone) {
                return tx;
            }
        }
        return null;
    }

    void respond(SmbTx tx) {
        tx.respDone = true;
        tx.status = curStatus;
        tx.version++;
        changes++;
    }

    /**
     * The open file transaction of that file and direction; when none is open, a new one with the
     * name its create gave and the share of the tree ({@code treeKey}) it is on.
     */
    SmbTx fileTx(int smbVersion, int command, ByteBuffer file, boolean toServer, long treeKey) {
        for (SmbTx tx : txs) {
            if (tx.kind == SmbTx.FILE && !tx.fileClosed && tx.fileToServer == toServer && tx.fileKey.equals(file)) {
                return tx;
            }
        }
        SmbTx tx = newTx(smbVersion, command, SmbTx.FILE, -1);
        tx.fileToServer = toServer;
        tx.fileKey = file;
        Tree tree = trees.get(treeKey);
        tx.share = tree == null ? null : tree.name();
        if (smbVersion == 1) {
            tx.sessionId = tx.treeId = 0; // Suricata's SMB1 file transactions carry no header ids
        }
        byte[] name = fileNames.get(file);
        tx.fileName = name;
        return tx;
    }

    /** A close of the file: its transactions (both directions) are done. */
    void closeFile(ByteBuffer file) {
        for (SmbTx tx : txs) {
            if (tx.kind == SmbTx.FILE && !tx.fileClosed && tx.fileKey.equals(file)) {
                tx.fileClosed = true;
                tx.reqDone = tx.respDone = true;
                tx.version++;
                changes++;
            }
        }
    }

    static final int ROUTE_FILE = 0;
    static final int ROUTE_DCERPC = 1;
    static final int ROUTE_SKIP = 2;
    private static final byte[] GUESSED_DCERPC = "suricata::dcerpc".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * Where a read's or write's data goes, as Suricata decides it: DCERPC when the tree is a pipe
     * (or unknown) and the file's create named a DCERPC service it lists, or when the tree is
     * unknown and the data looks like DCERPC (the tree is then taken for a pipe from there on);
     * skipped on any other pipe; else the file's data.
     */
    int route(ByteBuffer file, long treeKey, byte[] b, int off, int len) {
        Tree t = trees.get(treeKey);
        boolean known = t != null && t.name().length > 0;
        boolean pipe = t != null && t.pipe();
        boolean dcerpc = (pipe || !known) && dcerpcService(fileNames.get(file));
        if (!known && !pipe && SmbDcerpc.probe(b, off, len)) {
            trees.put(treeKey, new Tree(GUESSED_DCERPC, true));
            if (!dcerpc) {
                fileNames.put(file, GUESSED_DCERPC);
            }
            pipe = dcerpc = true;
        }
        return pipe && dcerpc ? ROUTE_DCERPC : pipe ? ROUTE_SKIP : ROUTE_FILE;
    }

    /**
     * SMB1's routing (Suricata's smb1 read and write): on a pipe tree a DCERPC PDU whatever the
     * service, else the file's data (an unknown tree is no pipe; nothing is skipped). TRANS named
     * pipe transactions still ask for a listed service ({@link #route}).
     */
    int routeSmb1(long treeKey) {
        Tree t = trees.get(treeKey);
        return t != null && t.pipe() ? ROUTE_DCERPC : ROUTE_FILE;
    }

    private static boolean dcerpcService(byte[] n) {
        if (n == null) {
            return false;
        }
        int from = n.length > 1 && n[0] == '\\' ? 1 : 0;
        String s = new String(n, from, n.length - from, java.nio.charset.StandardCharsets.ISO_8859_1);
        return switch (s) {
            case "svcctl", "srvsvc", "atsvc", "lsarpc", "samr", "spoolss", "winreg", "suricata::dcerpc" -> true;
            default -> false;
        };
    }

    private static <K, V> Map<K, V> bounded(int max) {
        return new java.util.LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    /** Up to {@code want} bytes a transaction may keep now (taken from the flow's budget). */
    int take(int want) {
        long n = Math.max(0, Math.min(want, MAX_KEPT - kept));
        kept += n;
        return (int) n;
    }

    void notKept(long n) {
        counters.bytesNotKept += n;
    }

    @Override
    protected void dropped(SmbTx tx) {
        kept -= tx.keptBytes();
    }

    static ByteBuffer key(byte[] b, int off, int len) {
        return ByteBuffer.wrap(java.util.Arrays.copyOfRange(b, off, off + len));
    }

    /** Text without its zero bytes (UTF-16LE of ASCII names becomes the ASCII, as Suricata's retain). */
    static byte[] dropZeros(byte[] b, int off, int len) {
        int n = 0;
        for (int i = off; i < off + len; i++) {
            if (b[i] != 0) {
                n++;
            }
        }
        byte[] v = new byte[n];
        for (int i = off, k = 0; i < off + len; i++) {
            if (b[i] != 0) {
                v[k++] = b[i];
            }
        }
        return v;
    }

    public List<DcerpcInterface> acceptedInterfaces() {
        return accepted;
    }

    // ---- what detection reads

    /** Whether the stream of that direction ended (file.data of an unclosed file is inspected then). */
    public boolean ended(boolean toServer) {
        return ended[toServer ? 0 : 1];
    }

    @Override
    protected long idOf(SmbTx tx) {
        return tx.id;
    }

    @Override
    public long txVersion(Object tx, boolean toServer) {
        SmbTx t = (SmbTx) tx;
        return t.version << 1 | (txComplete(tx, toServer) ? 1 : 0);
    }

    @Override
    public boolean txComplete(Object tx, boolean toServer) {
        SmbTx t = (SmbTx) tx;
        return ended[toServer ? 0 : 1] || (toServer ? t.reqDone : t.respDone);
    }

    /** The alert's "smb" object (and "files" for a file transaction), as Suricata 7's SMB logger writes them. */
    @Override
    public boolean appendEve(Object tx, StringBuilder out) {
        SmbEveJson.append(this, (SmbTx) tx, out);
        return true;
    }

    private final class Sink implements NbssReader.Sink {
        private final boolean toServer;

        Sink(boolean toServer) {
            this.toServer = toServer;
        }

        @Override
        public void record(int type, byte[] b, int off, int len) {
            if (type == 0) {
                SmbSession.this.record(toServer, b, off, len);
            }
        }

        @Override
        public boolean largeHead(byte[] b, int len, long total) {
            return SmbSession.this.largeHead(toServer, b, len, total);
        }

        @Override
        public void largeData(long pos, byte[] b, int off, int len) {
            SmbSession.this.largeData(toServer, pos, b, off, len);
        }

        @Override
        public void largeEnd() {
            streamFile[toServer ? 0 : 1] = null;
            changes++;
        }
    }
}

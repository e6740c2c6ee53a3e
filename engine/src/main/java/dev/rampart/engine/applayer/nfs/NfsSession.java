package dev.rampart.engine.applayer.nfs;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.ListedTransactions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * An NFS flow as Suricata's nfs parser (rust/src/nfs/*.rs; read, not copied) keeps it. A UDP
 * datagram is one RPC message; over TCP each message is a record behind a 4-byte record mark whose
 * low 31 bits are its length. Calls (to the server) and replies (to the client) pair by xid.
 * <ul>
 * <li>NFSv3 / v2 calls: a transaction per call, except READ, WRITE and COMMIT (v3 numbers, for v2
 * too): a WRITE opens or continues the to-server file transaction of its handle, a v3 READ the
 * to-client one (v2: its reply does), a COMMIT closes a write's and adds COMMIT to its procedures.
 * The reply marks the call's transaction answered.</li>
 * <li>NFSv4: a COMPOUND makes a transaction only for a CREATE or REMOVE in it (that operation is its
 * procedure); a WRITE in it, after a PUTFH, opens or continues a file transaction (procedure WRITE),
 * a COMMIT or CLOSE closes one. A compound that does not parse whole (an operation this parser does
 * not know, more than 64) makes nothing and raises malformed_data.</li>
 * <li>Over UDP only v2 and v3 calls are read (Suricata's UDP parser skips v4).</li>
 * </ul>
 * A TCP record is read once it is whole, except a large (512 bytes or more) v3 WRITE call or READ
 * reply, whose header is read as soon as it is there and whose data is then skipped, as Suricata
 * does to avoid buffering file data. A record mark or header that cannot be read (length under 24,
 * message type over 1) is a parser error that ends parsing of the flow; a whole record whose RPC or
 * NFS part does not read raises malformed_data and parsing goes on with the next one. After a gap
 * the bytes are skipped until the probe finds a record start again, and every transaction but the
 * newest counts as done in that direction.
 */
public final class NfsSession extends ListedTransactions<NfsTx> {
    /** Longest TCP record buffered whole; a longer one is a parser error (counted). */
    static final int MAX_RECORD = 4 << 20;
    /** Live transactions past which each new one closes the oldest unfinished one (Suricata's nfs max-tx). */
    static final int MAX_TX = 1024;
    /** Calls remembered while they wait for their reply; a call past that is not (counted). */
    static final int MAX_PENDING = 8192;
    /** Handle names remembered; past that new ones are not (counted). */
    static final int MAX_NAMES = 8192;
    /** Procedures kept per file transaction besides its first. */
    static final int MAX_PROCS = 256;

    static final long PROGRAM_NFS = 100003;
    static final int PROC3_LOOKUP = 3;
    static final int PROC3_READ = 6;
    static final int PROC3_WRITE = 7;
    static final int PROC3_COMMIT = 21;
    static final int PROC4_COMPOUND = 1;
    static final int OP4_CLOSE = 4;
    static final int OP4_COMMIT = 5;
    static final int OP4_CREATE = 6;
    static final int OP4_PUTFH = 22;
    static final int OP4_READ = 25;
    static final int OP4_REMOVE = 28;
    static final int OP4_WRITE = 38;
    /** Linux defines a 1 MiB maximum; Suricata allows several multiples. */
    private static final long MAX_CHUNK = 16_777_216;

    private final NfsCounters counters;
    private final Xdr x = new Xdr();
    private final Xdr y = new Xdr();
    private final Call call = new Call();
    private final Reply reply = new Reply();
    private final Direction toServerDir = new Direction();
    private final Direction toClientDir = new Direction();
    /** Calls waiting for their reply, by xid. */
    private final Map<Long, Pending> pending = new HashMap<>();
    /** Names of handles (Suricata's namemap), for the alert's filename. */
    private final Map<java.nio.ByteBuffer, byte[]> names = new HashMap<>();
    /** The flow's NFS version as Suricata's state keeps it (first call of v3, else first reply). */
    private int version;
    private boolean udp;
    private boolean dead;
    /**
     * A whole record's count exceeded its data, so file data is skipped from the next chunk on: what
     * that skips depends on how the bytes were cut (as in Suricata); tests read it.
     */
    boolean leftover;
    private long errors;

    public NfsSession() {
        this(new NfsCounters());
    }

    public NfsSession(NfsCounters counters) {
        this.counters = counters;
    }

    public NfsCounters counters() {
        return counters;
    }

    /** What a call left for its reply (Suricata's NFSRequestXidMap). */
    private static final class Pending {
        final int progver;
        final long procedure;
        byte[] handle = NO_HANDLE;
        byte[] fileName = NO_HANDLE;
        /** A READ call's offset (NFSv2 tells a last chunk by it). */
        long chunkOffset;
        long gssProc;
        long gssService;

        Pending(int progver, long procedure) {
            this.progver = progver;
            this.procedure = procedure;
        }
    }

    private static final byte[] NO_HANDLE = new byte[0];

    /** TCP state of one direction. */
    private static final class Direction {
        byte[] buf = new byte[1024];
        int len;
        /** Bytes the parser waits for before it looks again (Suricata's incomplete "needed"). */
        int need;
        /** File data of a large record read early, still to come and to be skipped. */
        long skip;
        /** The file transaction that data belongs to, and whether its chunk is the file's last. */
        NfsTx chunkTx;
        boolean chunkLast;
        /** A to-client chunk's xid, forgotten once the chunk is done. */
        long chunkXid = -1;
        /** Since a gap: looking for a record start. */
        boolean gap;
        /** A gap happened in this direction at some point. */
        boolean hadGap;
    }

    /** A parsed call; offsets into the array being parsed. */
    private static final class Call {
        long xid;
        long msgtype;
        long rpcver;
        long program;
        int progver;
        long procedure;
        long credsFlavor;
        boolean unix;
        int nameStart;
        int nameLen;
        long uid;
        long gid;
        boolean gss;
        long gssProc;
        long gssService;
        int dataStart;
        int dataEnd;
    }

    /** A parsed reply. */
    private static final class Reply {
        long xid;
        long msgtype;
        long replyState;
        long acceptState;
        int dataStart;
        int dataEnd;
    }

    @Override
    public AppProto proto() {
        return AppProto.NFS;
    }

    @Override
    public long parseErrors() {
        return errors;
    }

    @Override
    protected long idOf(NfsTx tx) {
        return tx.id;
    }

    @Override
    protected void dropped(NfsTx tx) {
        if (toServerDir.chunkTx == tx) {
            toServerDir.chunkTx = null;
        }
        if (toClientDir.chunkTx == tx) {
            toClientDir.chunkTx = null;
        }
    }

    @Override
    public boolean txComplete(Object tx, boolean toServer) {
        NfsTx t = (NfsTx) tx;
        return toServer ? t.requestDone : t.responseDone;
    }

    @Override
    public boolean appendEve(Object tx, StringBuilder out) {
        return NfsEve.append((NfsTx) tx, version, out);
    }

    // ---- UDP

    @Override
    public void onDatagram(boolean toServer, byte[] data, int off, int len) {
        changes++;
        int end = off + len;
        if (toServer) {
            if (len > 0 && parseCall(data, off, end, false, true) == Xdr.OK) {
                udp = true;
                if (call.progver == 3) {
                    request(data);
                } else if (call.progver == 2) {
                    requestV2(data);
                }
            }
        } else if (len > 0 && parseReplyUdp(data, off, end) == Xdr.OK) {
            udp = true;
            reply(data);
        }
    }

    // ---- TCP

    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
        if (dead || len <= 0) {
            return;
        }
        Direction d = toServer ? toServerDir : toClientDir;
        if (d.len + len > d.buf.length) {
            int want = Math.max(d.len + len, d.buf.length * 2);
            if (d.len + len > MAX_RECORD + 65536) {
                counters.recordsTooLong++;
                errors++;
                dead = true;
                return;
            }
            d.buf = Arrays.copyOf(d.buf, want);
        }
        System.arraycopy(data, off, d.buf, d.len, len);
        d.len += len;
    }

    @Override
    public void onChunkEnd(boolean toServer) {
        if (dead) {
            return;
        }
        Direction d = toServer ? toServerDir : toClientDir;
        if (d.len == 0 || d.len < d.need) {
            return;
        }
        changes++;
        d.need = 0;
        int consumed = parseStream(toServer, d);
        if (consumed > 0) {
            System.arraycopy(d.buf, consumed, d.buf, 0, d.len - consumed);
            d.len -= consumed;
        }
        if (d.len == 0 && d.buf.length > 65536) {
            d.buf = new byte[1024]; // a big record's buffer is not kept for the small ones after it
        }
        if (d.hadGap) {
            afterGap(toServer);
        }
    }

    @Override
    public void onGap(boolean toServer, long len) {
        changes++;
        if (dead) {
            return;
        }
        Direction d = toServer ? toServerDir : toClientDir;
        // a gap inside skipped file data is part of it; what was buffered is lost
        if (d.skip > 0) {
            if (d.chunkTx != null) {
                d.chunkTx.chunkCount++;
            }
            long n = Math.min(d.skip, len);
            d.skip -= n;
            if (d.skip == 0) {
                chunkDone(d);
            }
        }
        d.len = 0;
        d.need = 0;
        d.gap = true;
        d.hadGap = true;
    }

    @Override
    public void onEnd(boolean toServer) {
    }

    /** Parses what direction {@code d} has buffered; returns the bytes consumed. */
    private int parseStream(boolean toServer, Direction d) {
        byte[] b = d.buf;
        int end = d.len;
        int p = 0;
        if (d.skip > 0) {
            if (d.chunkTx != null) {
                d.chunkTx.chunkCount++; // Suricata counts each piece of file data it is handed
            }
            int n = (int) Math.min(d.skip, end);
            p += n;
            d.skip -= n;
            if (d.skip == 0) {
                chunkDone(d);
            }
        }
        if (p == end) {
            return p;
        }
        if (d.gap) {
            while (p < end) {
                int r = probe(b, p, end - p, toServer);
                if (r == PROBE_NFS) {
                    d.gap = false;
                    break;
                }
                if (r == PROBE_NEED_MORE) {
                    d.need = end - p + 1;
                    return p;
                }
                p++;
                counters.bytesSkippedAfterGap++;
            }
        }
        while (p < end) {
            int avail = end - p;
            int minHeader = toServer ? 28 : 12;
            // the record mark and the message type are checked as soon as they are there
            if (avail >= 4 && (u32(b, p) & 0x7FFF_FFFFL) < 24 || avail >= 12 && u32(b, p + 8) > 1) {
                fatal();
                return end;
            }
            if (avail < minHeader) {
                d.need = minHeader;
                return p;
            }
            long recSize = (u32(b, p) & 0x7FFF_FFFFL) + 4;
            if (recSize > avail) {
                int r = toServer ? partialWrite(b, p, end, recSize, d) : partialRead(b, p, end, recSize, d);
                if (r == PARTIAL_TAKEN) {
                    return end;
                }
                if (r == PARTIAL_ERROR) {
                    fatal();
                    return end;
                }
                if (recSize > MAX_RECORD) {
                    counters.recordsTooLong++;
                    errors++;
                    dead = true;
                    return end;
                }
                d.need = (int) Math.min(Math.max(avail, 1024), recSize);
                return p;
            }
            int recEnd = p + (int) recSize;
            if (toServer) {
                if (parseCall(b, p, recEnd, true, true) == Xdr.OK) {
                    requestAnyVersion(b);
                } else {
                    malformed();
                }
            } else if (parseReplyTcp(b, p, recEnd, true) == Xdr.OK) {
                reply(b);
            } else {
                malformed();
            }
            p = recEnd;
            // a whole READ / WRITE record whose count exceeds its data leaves that much to skip: Suricata
            // skips it at the start of its next call, after the records of this one are read
        }
        return p;
    }

    private static final int PARTIAL_NOT = 0;
    private static final int PARTIAL_TAKEN = 1;
    private static final int PARTIAL_ERROR = 2;

    /** A large v3 WRITE call read from its header, its data skipped. */
    private int partialWrite(byte[] b, int p, int end, long recSize, Direction d) {
        if (recSize < 512 || end - p < 44 || u32(b, p + 24) != PROC3_WRITE) {
            return PARTIAL_NOT;
        }
        int r = parseCall(b, p, end, true, false);
        if (r == Xdr.ERROR) {
            malformed();
            return PARTIAL_ERROR;
        }
        if (r == Xdr.INCOMPLETE) {
            return PARTIAL_NOT;
        }
        Xdr w = y.at(b, call.dataStart, call.dataEnd);
        int hl = (int) Math.min(w.u32(), Integer.MAX_VALUE);
        int hs = w.take(hl);
        w.u64();
        long count = w.u32();
        long stable = w.atMost(2);
        long fileLen = w.atMost(count);
        if (w.state == Xdr.ERROR) {
            malformed();
            return PARTIAL_ERROR;
        }
        if (!w.ok()) {
            return PARTIAL_NOT;
        }
        long data = Math.min(fileLen, w.left());
        Pending pend = new Pending(call.progver, call.procedure);
        pend.handle = Arrays.copyOfRange(b, hs, hs + hl);
        remember(call.xid, pend);
        if (write(pend.handle, count, stable, call.progver, call.xid, toServerDir)) {
            d.skip = recSize - (end - p);
        }
        return PARTIAL_TAKEN;
    }

    /** A large READ reply read from its header, its data skipped. */
    private int partialRead(byte[] b, int p, int end, long recSize, Direction d) {
        if (recSize < 512 || end - p < 128) {
            return PARTIAL_NOT;
        }
        Pending pend = pending.get(u32(b, p + 4));
        if (pend == null || pend.procedure != PROC3_READ) {
            return PARTIAL_NOT;
        }
        int r = parseReplyTcp(b, p, end, false);
        if (r == Xdr.ERROR) {
            malformed();
            return PARTIAL_ERROR;
        }
        if (r == Xdr.INCOMPLETE) {
            return PARTIAL_NOT;
        }
        Xdr w = y.at(b, reply.dataStart, reply.dataEnd);
        long status = w.u32();
        w.atMost(1);
        w.take(84);
        long count = w.u32();
        long eof = w.atMost(1);
        long dataLen = w.atMost(count);
        if (w.state == Xdr.ERROR) {
            malformed();
            return PARTIAL_ERROR;
        }
        if (!w.ok()) {
            return PARTIAL_NOT;
        }
        long have = Math.min(dataLen, w.left());
        if (read(reply.xid, pend, status, count, eof != 0, have < count, dataLen, -1, d)) {
            d.skip = recSize - (end - p);
            d.chunkXid = reply.xid;
        }
        return PARTIAL_TAKEN;
    }

    /** The early-read chunk's last bytes went by: a last chunk closes its file transaction. */
    private void chunkDone(Direction d) {
        NfsTx tx = d.chunkTx;
        if (tx != null && d.chunkLast) {
            if (tx.fileToServer) {
                tx.requestDone = true;
            } else {
                tx.responseDone = true;
            }
            tx.fileClosed = true;
        }
        if (d.chunkXid >= 0) {
            pending.remove(d.chunkXid);
            d.chunkXid = -1;
        }
        d.chunkTx = null;
    }

    /** Suricata's post-gap housekeeping: every transaction but the newest counts as done that way. */
    private void afterGap(boolean toServer) {
        for (int i = 0; i + 1 < txs.size(); i++) {
            NfsTx tx = txs.get(i);
            if (tx.fileTx) {
                continue; // file transactions take gaps
            }
            tx.requestDone = true;
            if (!toServer) {
                tx.responseDone = true;
            }
        }
    }

    private void fatal() {
        setEvent(NfsTx.EVENT_MALFORMED_DATA);
        counters.malformed++;
        errors++;
        dead = true;
    }

    private void malformed() {
        counters.malformed++;
        setEvent(NfsTx.EVENT_MALFORMED_DATA);
    }

    /** Events go on the newest transaction (none: lost, as in Suricata). */
    private void setEvent(int e) {
        if (!txs.isEmpty()) {
            txs.get(txs.size() - 1).events |= e;
        }
    }

    // ---- RPC

    /**
     * An RPC call at {@code [p, end)}: over TCP behind its record mark; {@code complete}: the whole
     * record is there (its program data is exactly the rest of the record), else the data is what
     * is there. Returns {@link Xdr#OK}, {@link Xdr#INCOMPLETE} or {@link Xdr#ERROR}.
     */
    private int parseCall(byte[] b, int p, int end, boolean tcp, boolean complete) {
        Call c = call;
        x.at(b, p, end);
        long recSize = 0;
        if (tcp) {
            recSize = (x.u32() & 0x7FFF_FFFFL) + 4;
            if (x.ok() && recSize < 28) {
                x.fail();
            }
        }
        c.xid = x.u32();
        c.msgtype = x.atMost(1);
        c.rpcver = x.u32();
        c.program = x.u32();
        long progver = x.u32();
        c.progver = progver > 1000 ? 1000 : (int) progver;
        c.procedure = x.u32();
        c.credsFlavor = x.u32();
        long credsLen = x.u32();
        if (x.ok() && credsLen >= 4096) {
            x.fail();
        }
        int cs = x.take(credsLen);
        if (!x.ok()) {
            return x.state;
        }
        c.unix = false;
        c.gss = false;
        y.at(b, cs, cs + (int) credsLen);
        if (c.credsFlavor == 1) {
            y.u32();
            long nameLen = y.u32();
            if (y.ok() && nameLen >= 256) {
                y.fail();
            }
            c.nameStart = y.take(nameLen);
            c.nameLen = (int) nameLen;
            c.uid = y.u32();
            c.gid = y.u32();
            c.unix = y.ok();
        } else if (c.credsFlavor == 6) {
            y.u32();
            c.gssProc = y.u32();
            y.u32();
            c.gssService = y.u32();
            y.take(y.u32());
            c.gss = y.ok();
        }
        if (!y.ok()) {
            return y.state;
        }
        x.u32();
        long verifierLen = x.u32();
        if (x.ok() && verifierLen >= 4096) {
            x.fail();
        }
        x.take(verifierLen);
        if (!x.ok()) {
            return x.state;
        }
        c.dataStart = x.p;
        c.dataEnd = end;
        if (tcp) {
            long consumed = x.p - p;
            if (consumed > recSize) {
                return Xdr.ERROR;
            }
            if (complete) {
                long size = recSize - consumed;
                if (size > end - x.p) {
                    return Xdr.INCOMPLETE;
                }
                c.dataEnd = x.p + (int) size;
            }
        }
        return Xdr.OK;
    }

    /** A TCP RPC reply at {@code [p, end)} behind its record mark (see {@link #parseCall}). */
    private int parseReplyTcp(byte[] b, int p, int end, boolean complete) {
        Reply r = reply;
        x.at(b, p, end);
        long recSize = (x.u32() & 0x7FFF_FFFFL) + 4;
        if (x.ok() && recSize < 28) {
            x.fail();
        }
        r.xid = x.u32();
        r.msgtype = x.atMost(1);
        r.replyState = x.atMost(1);
        x.u32();
        long verifierLen = x.u32();
        if (x.ok() && verifierLen >= 4096) {
            x.fail();
        }
        x.take(verifierLen);
        r.acceptState = x.u32();
        if (!x.ok()) {
            return x.state;
        }
        long consumed = x.p - p;
        if (consumed > recSize) {
            return Xdr.ERROR;
        }
        r.dataStart = x.p;
        r.dataEnd = end;
        if (complete) {
            long size = recSize - consumed;
            if (size > end - x.p) {
                return Xdr.INCOMPLETE;
            }
            r.dataEnd = x.p + (int) size;
        }
        return Xdr.OK;
    }

    /**
     * A UDP RPC reply. Suricata's UDP reply reader takes the verifier before the reply state (the
     * TCP one after it, as RFC 5531 has it); for the usual accepted reply with an empty verifier both
     * read the same values, and this reads as it does.
     */
    private int parseReplyUdp(byte[] b, int p, int end) {
        Reply r = reply;
        x.at(b, p, end);
        r.xid = x.u32();
        r.msgtype = x.atMost(1);
        x.u32();
        long verifierLen = x.u32();
        if (x.ok() && verifierLen >= 4096) {
            x.fail();
        }
        x.take(verifierLen);
        r.replyState = x.atMost(1);
        r.acceptState = x.u32();
        r.dataStart = x.p;
        r.dataEnd = end;
        return x.state;
    }

    // ---- handle names

    private void name(byte[] handle, byte[] name) {
        java.nio.ByteBuffer k = java.nio.ByteBuffer.wrap(handle);
        if (names.size() >= MAX_NAMES && !names.containsKey(k)) {
            counters.namesDropped++;
            return;
        }
        names.put(k, name);
    }

    private byte[] nameOf(byte[] handle) {
        byte[] n = names.get(java.nio.ByteBuffer.wrap(handle));
        return n == null ? NO_HANDLE : n;
    }

    // ---- calls

    private void requestAnyVersion(byte[] b) {
        switch (call.progver) {
            case 4 -> requestV4(b);
            case 3 -> request(b);
            case 2 -> requestV2(b);
            default -> {
                // other programs and versions: nothing (Suricata neither remembers nor reports them)
            }
        }
    }

    private void remember(long xid, Pending p) {
        if (pending.size() >= MAX_PENDING && !pending.containsKey(xid)) {
            counters.callsForgotten++;
            return;
        }
        pending.put(xid, p);
    }

    /** An NFSv3 call (the parsed {@link #call}). */
    private void request(byte[] b) {
        Call c = call;
        Pending pend = new Pending(c.progver, c.procedure);
        Xdr w = y.at(b, c.dataStart, c.dataEnd);
        long proc = c.procedure;
        if (version == 0) {
            version = c.progver;
        }
        int ns = 0;
        long nl = 0;
        int ts = 0;
        long tl = 0;
        if (proc == PROC3_LOOKUP || proc == 4 || proc == 1 || proc == 17 || proc == PROC3_READ || proc == 8
                || proc == 12 || proc == 14 || proc == 9 || proc == 13 || proc == PROC3_COMMIT) {
            // calls whose handle (and name) Suricata reads: one that does not read is malformed
            int hl = (int) Math.min(w.u32(), Integer.MAX_VALUE);
            int hs = w.take(hl);
            if (proc == PROC3_LOOKUP) {
                nl = w.u32();
                ns = w.take(nl);
            } else if (proc == 4) {
                w.u32();
            } else if (proc == 17) {
                w.u64();
                w.take(8);
                w.u32();
                w.u32();
            } else if (proc == PROC3_READ) {
                pend.chunkOffset = w.u64();
                w.u32();
            } else if (proc == 8 || proc == 9 || proc == 13) {
                long n = w.u32();
                nl = n;
                ns = w.take(n);
                w.pad(n);
                if (proc == 8) {
                    w.u32();
                }
            } else if (proc == 12) {
                nl = w.u32();
                ns = w.take(nl);
            } else if (proc == 14) {
                long n = w.u32();
                nl = n;
                ns = w.take(n);
                w.pad(n);
                w.take(w.u32());
                tl = w.u32();
                ts = w.take(tl);
            } else if (proc == PROC3_COMMIT) {
                w.u64();
                w.u32();
            }
            if (w.ok()) {
                if (proc != PROC3_LOOKUP) {
                    pend.handle = Arrays.copyOfRange(b, hs, hs + hl);
                }
                if (proc == 4 || proc == 1 || proc == 17 || proc == PROC3_READ) {
                    pend.fileName = nameOf(pend.handle);
                } else if (proc != PROC3_COMMIT) {
                    pend.fileName = Arrays.copyOfRange(b, ns, ns + (int) nl);
                }
                if (proc == PROC3_COMMIT) {
                    commit(pend.handle, PROC3_COMMIT);
                }
            } else {
                malformed();
            }
        } else if (proc == PROC3_WRITE) {
            int hl = (int) Math.min(w.u32(), Integer.MAX_VALUE);
            int hs = w.take(hl);
            w.u64();
            long count = w.u32();
            long stable = w.atMost(2);
            long fileLen = w.atMost(count);
            w.take(fileLen);
            w.pad(fileLen);
            if (w.ok()) {
                byte[] handle = Arrays.copyOfRange(b, hs, hs + hl);
                if (write(handle, count, stable, c.progver, c.xid, toServerDir) && !udp) {
                    // count beyond the data: that much of what follows is file data
                    toServerDir.skip = count - fileLen;
                    leftover |= count > fileLen;
                }
                if (toServerDir.skip == 0) {
                    toServerDir.chunkTx = null;
                }
            } else {
                malformed();
            }
        }
        if (proc != PROC3_COMMIT && proc != PROC3_WRITE && proc != PROC3_READ) {
            NfsTx tx = callTx(proc, pend.handle);
            tx.fileName = pend.fileName;
            if (proc == 14) {
                tx.renameTo = w.ok() ? Arrays.copyOfRange(b, ts, ts + (int) tl) : NO_HANDLE;
            }
        } else if (proc == PROC3_READ && fileTx(pend.handle, false) == null) {
            NfsTx tx = newFileTx(pend.handle, false);
            tx.procedure = PROC3_READ;
            tx.xid = c.xid;
            tx.version = c.progver;
            tx.fileName = pend.fileName;
            tx.isFirst = true;
            creds(tx);
        }
        remember(c.xid, pend);
    }

    /** An NFSv2 call: transactions as v3's, with v3's numbers for READ, WRITE and COMMIT. */
    private void requestV2(byte[] b) {
        Call c = call;
        Pending pend = new Pending(c.progver, c.procedure);
        long proc = c.procedure;
        if (proc == PROC3_LOOKUP || proc == PROC3_READ) {
            Xdr w = y.at(b, c.dataStart, c.dataEnd);
            int hs = w.take(32);
            if (proc == PROC3_LOOKUP) {
                w.take(w.u32());
            } else {
                pend.chunkOffset = w.u32();
                w.u32();
            }
            if (w.ok()) {
                pend.handle = Arrays.copyOfRange(b, hs, hs + 32);
                pend.fileName = nameOf(pend.handle);
            } else {
                malformed();
            }
        }
        if (proc != PROC3_COMMIT && proc != PROC3_WRITE && proc != PROC3_READ) {
            NfsTx tx = callTx(proc, pend.handle);
            tx.fileName = pend.fileName;
            if (proc == 14) {
                tx.renameTo = NO_HANDLE;
            }
        }
        remember(c.xid, pend);
    }

    /** An NFSv4 call: NULL or COMPOUND. */
    private void requestV4(byte[] b) {
        Call c = call;
        Pending pend = new Pending(c.progver, c.procedure);
        if (c.procedure == PROC4_COMPOUND) {
            int start = c.dataStart;
            int end = c.dataEnd;
            if (c.gss && c.gssProc == 0 && c.gssService == 2) {
                // RPCSEC_GSS integrity: the arguments are wrapped in a length and sequence number
                Xdr w = y.at(b, start, end);
                long n = w.u32();
                if (w.ok() && n >= 4096) {
                    w.fail();
                }
                w.u32();
                start = w.take(n);
                if (!w.ok()) {
                    malformed();
                    return;
                }
                end = start + (int) n;
                pend.gssProc = c.gssProc;
                pend.gssService = c.gssService;
            }
            compound(b, start, end, pend);
        }
        remember(c.xid, pend);
    }

    /** Offsets of a compound's operations once it parsed whole: op code, start of its arguments. */
    private final int[] opCode = new int[64];
    private final int[] opStart = new int[64];
    private final int[] opEnd = new int[64];

    private void compound(byte[] b, int start, int end, Pending pend) {
        Xdr w = y.at(b, start, end);
        long tagLen = w.u32();
        w.take(tagLen);
        w.u32();
        long ops = w.u32();
        if (w.ok() && ops > 64) {
            w.fail();
        }
        int n = 0;
        while (w.ok() && n < ops) {
            long op = w.u32();
            opCode[n] = (int) Math.min(op, Integer.MAX_VALUE);
            opStart[n] = w.p;
            if (w.ok() && !Nfs4Ops.skipArgs(w, op)) {
                w.fail();
            }
            opEnd[n] = w.p;
            n++;
        }
        if (!w.ok()) {
            malformed();
            return;
        }
        byte[] putfh = null;
        long main = 0;
        for (int i = 0; i < n; i++) {
            Xdr a = y.at(b, opStart[i], opEnd[i]);
            switch (opCode[i]) {
                case OP4_PUTFH -> {
                    int hl = (int) a.u32();
                    int hs = a.take(hl);
                    putfh = Arrays.copyOfRange(b, hs, hs + hl);
                }
                case OP4_READ -> {
                    if (putfh != null) {
                        pend.handle = putfh;
                        pend.fileName = nameOf(putfh);
                    }
                }
                case 18 -> pend.fileName = openName(b, opStart[i], opEnd[i]); // OPEN
                case 15 -> { // LOOKUP
                    int nlen = (int) a.u32();
                    int ns = a.take(nlen);
                    pend.fileName = Arrays.copyOfRange(b, ns, ns + nlen);
                }
                case OP4_WRITE -> {
                    if (putfh != null) {
                        a.take(16);
                        a.u64();
                        long stable = a.u32();
                        long writeLen = a.u32();
                        if (write4(putfh, writeLen, stable, call.progver, call.xid)) {
                            // Suricata's v4 chunk tracking keeps no handle: nothing is skipped
                            toServerDir.chunkTx = null;
                        }
                    }
                }
                case OP4_COMMIT, OP4_CLOSE -> {
                    if (putfh != null) {
                        commit(putfh, -1);
                    }
                }
                case OP4_CREATE -> {
                    if (putfh != null) {
                        pend.handle = putfh;
                    }
                    if (a.u32() == 5) {
                        long flen = a.u32();
                        a.take(flen);
                        a.pad(flen);
                    }
                    int nlen = (int) a.u32();
                    int ns = a.take(nlen);
                    pend.fileName = Arrays.copyOfRange(b, ns, ns + nlen);
                    main = OP4_CREATE;
                }
                case OP4_REMOVE -> {
                    int nlen = (int) a.u32();
                    int ns = a.take(nlen);
                    pend.fileName = Arrays.copyOfRange(b, ns, ns + nlen);
                    main = OP4_REMOVE;
                }
                default -> {
                }
            }
        }
        if (main != 0) {
            callTx(main, pend.handle).fileName = pend.fileName;
        }
    }

    /** An OPEN's file name (its last field). */
    private byte[] openName(byte[] b, int start, int end) {
        Xdr a = new Xdr().at(b, start, end);
        a.u32();
        a.u32();
        a.u32();
        a.u64();
        long owner = a.u32();
        a.take(owner);
        if (a.u32() == 1) {
            long mode = a.u32();
            if (mode == 2) {
                a.take(8);
            } else {
                long bits = a.u32();
                a.u32();
                if (bits >= 2) {
                    a.u32();
                }
                if (bits == 3) {
                    a.u32();
                }
                a.take(a.u32());
            }
        }
        a.u32();
        int n = (int) a.u32();
        int ns = a.take(n);
        return a.ok() ? Arrays.copyOfRange(b, ns, ns + n) : NO_HANDLE;
    }

    /** A transaction for a call (done toward the server at once). */
    private NfsTx callTx(long procedure, byte[] handle) {
        NfsTx tx = newTx();
        tx.xid = call.xid;
        tx.procedure = procedure;
        tx.requestDone = true;
        tx.version = call.progver;
        tx.fileHandle = handle;
        creds(tx);
        txs.add(tx);
        return tx;
    }

    private void creds(NfsTx tx) {
        tx.authType = call.credsFlavor;
        if (call.unix) {
            tx.machineName = Arrays.copyOfRange(x.b, call.nameStart, call.nameStart + call.nameLen);
            tx.uid = call.uid;
            tx.gid = call.gid;
        }
    }

    /**
     * Suricata's new_tx: past {@link #MAX_TX} live transactions the oldest unfinished one is closed
     * (too_many_transactions). The caller adds the transaction.
     */
    private NfsTx newTx() {
        NfsTx tx = new NfsTx(nextId++);
        if (txs.size() > MAX_TX) {
            for (NfsTx old : txs) {
                if (!old.requestDone || !old.responseDone) {
                    old.requestDone = true;
                    old.responseDone = true;
                    old.fileClosed = true;
                    old.events |= NfsTx.EVENT_TOO_MANY_TRANSACTIONS;
                    counters.txEvicted++;
                    break;
                }
            }
        }
        return tx;
    }

    private NfsTx newFileTx(byte[] handle, boolean toServer) {
        NfsTx tx = newTx();
        tx.fileTx = true;
        tx.fileToServer = toServer;
        tx.fileHandle = handle;
        txs.add(tx);
        return tx;
    }

    /** The open file transaction of a handle in a direction, or null. */
    private NfsTx fileTx(byte[] handle, boolean toServer) {
        for (NfsTx tx : txs) {
            if (tx.fileTx && !tx.fileClosed && tx.fileToServer == toServer && Arrays.equals(tx.fileHandle, handle)) {
                return tx;
            }
        }
        return null;
    }

    /** A v3 WRITE chunk; false when it makes nothing (count 0 or over 16 MiB). */
    private boolean write(byte[] handle, long count, long stable, int version, long xid, Direction d) {
        NfsTx tx = writeChunk(handle, count, stable, version, xid, PROC3_WRITE, true);
        if (tx == null) {
            return false;
        }
        d.chunkTx = tx;
        d.chunkLast = stable == 2;
        return true;
    }

    /** A v4 WRITE operation (after a PUTFH). */
    private boolean write4(byte[] handle, long writeLen, long stable, int version, long xid) {
        return writeChunk(handle, writeLen, stable, version, xid, OP4_WRITE, false) != null;
    }

    /**
     * A WRITE chunk into the handle's open file transaction, or a new one: a stable (FILE_SYNC) chunk
     * is the last. Suricata's v3 path closes an open file on its last chunk, its v4 path does not
     * ({@code closeOpenFile}); a new transaction's last chunk closes it either way. Null when the chunk
     * makes nothing (count 0 or over 16 MiB).
     */
    private NfsTx writeChunk(byte[] handle, long count, long stable, int version, long xid, int procedure,
                             boolean closeOpenFile) {
        if (count == 0 || count > MAX_CHUNK) {
            return null;
        }
        boolean last = stable == 2;
        NfsTx tx = fileTx(handle, true);
        if (tx != null) {
            tx.chunkCount++;
            if (last) {
                tx.fileLastXid = xid;
                tx.isLast = true;
                tx.responseDone = true;
                tx.fileClosed |= closeOpenFile;
            }
            return tx;
        }
        tx = newFileTx(handle, true);
        tx.procedure = procedure;
        tx.xid = xid;
        tx.version = version;
        tx.isFirst = true;
        tx.fileName = nameOf(handle);
        if (last) {
            tx.fileLastXid = xid;
            tx.isLast = true;
            tx.requestDone = true;
            tx.fileClosed = true;
        }
        return tx;
    }

    /** A COMMIT (v3: added to the write's procedures) or a v4 COMMIT / CLOSE: the write is closed. */
    private void commit(byte[] handle, int addProcedure) {
        NfsTx tx = fileTx(handle, true);
        if (tx == null) {
            return;
        }
        tx.fileLastXid = call.xid;
        if (addProcedure >= 0) {
            tx.chunkCount++;
            if (tx.moreCount < MAX_PROCS) {
                tx.addProcedure(addProcedure);
            } else {
                counters.proceduresDropped++;
            }
        }
        tx.isLast = true;
        tx.requestDone = true;
        tx.fileClosed = true;
    }

    // ---- replies

    private void reply(byte[] b) {
        Reply r = reply;
        Pending pend = pending.remove(r.xid);
        if (pend == null) {
            return; // a reply without its call: nothing (Suricata cannot tell its procedure)
        }
        if (version == 0) {
            version = pend.progver;
        }
        respHandle = NO_HANDLE;
        switch (pend.progver) {
            case 2 -> replyV2(b, pend);
            case 3 -> replyV3(b, pend);
            case 4 -> {
                // NFSv4 replies: the compound's results are not read (see docs): no transaction changes
            }
            default -> setEvent(NfsTx.EVENT_NON_EXISTING_VERSION);
        }
    }

    /** The handle a LOOKUP or CREATE reply gave (a transaction without one takes it). */
    private byte[] respHandle = NO_HANDLE;

    private void replyV3(byte[] b, Pending pend) {
        Reply r = reply;
        Xdr w = y.at(b, r.dataStart, r.dataEnd);
        long status = 0;
        long proc = pend.procedure;
        if (proc == PROC3_LOOKUP) {
            status = w.u32();
            int hl = (int) w.u32();
            int hs = w.take(hl);
            if (w.ok()) {
                respHandle = Arrays.copyOfRange(b, hs, hs + hl);
                name(respHandle, pend.fileName);
            } else {
                malformed();
                status = 0;
            }
        } else if (proc == 8) {
            status = w.u32();
            long follows = w.atMost(1);
            int hl = 0;
            int hs = 0;
            if (follows == 1) {
                hl = (int) w.u32();
                hs = w.take(hl);
            }
            if (w.ok()) {
                if (follows == 1) {
                    respHandle = Arrays.copyOfRange(b, hs, hs + hl);
                    name(respHandle, pend.fileName);
                }
            } else {
                malformed();
                status = 0;
            }
        } else if (proc == PROC3_READ) {
            status = w.u32();
            w.atMost(1);
            w.take(84);
            long count = w.u32();
            long eof = w.atMost(1);
            long dataLen = w.atMost(count);
            w.take(dataLen);
            w.pad(dataLen);
            if (w.ok()) {
                read(r.xid, pend, status, count, eof != 0, false, dataLen, -1, toClientDir);
            } else {
                malformed();
                status = 0;
            }
        } else if (proc == 17) {
            status = w.u32();
            long follows = w.atMost(1);
            if (follows == 1) {
                w.take(84);
            }
            w.u64();
            if (w.ok()) {
                // the entries, without the final eof word, name their handles
                directoryEntries(b, w.p, Math.max(w.p, w.end - 4));
            } else {
                malformed();
                status = 0;
            }
        } else if (w.left() >= 4) {
            status = w.u32();
        }
        if (proc != PROC3_READ) {
            answered(r.xid, status);
        }
    }

    private void replyV2(byte[] b, Pending pend) {
        Reply r = reply;
        Xdr w = y.at(b, r.dataStart, r.dataEnd);
        long status = 0;
        if (pend.procedure == PROC3_READ) {
            status = w.u32();
            int attr = w.take(68);
            long dataLen = w.u32();
            w.take(dataLen);
            // 7.0.10 takes 4 fill bytes after data whose length is a multiple of 4 (measured: such a
            // reply is malformed and makes no file transaction)
            w.take(4 - dataLen % 4);
            if (w.ok()) {
                long size = u32(b, attr + 20);
                read(r.xid, pend, status, dataLen, false, false, dataLen, size, toClientDir);
            } else {
                malformed();
                status = 0;
            }
        } else if (w.left() >= 4) {
            status = w.u32();
        }
        answered(r.xid, status);
    }

    /** READDIRPLUS entries: each (value follows, file id, name, cookie, attributes?, handle?) names its handle. */
    private void directoryEntries(byte[] b, int p, int end) {
        Xdr e = new Xdr().at(b, p, end);
        while (e.left() > 0) {
            if (e.atMost(1) != 1 || !e.ok()) {
                return;
            }
            e.u64();
            long n = e.u32();
            int ns = e.take(n);
            e.pad(n);
            e.take(8);
            if (e.atMost(1) == 1) {
                e.take(84);
            }
            long hf = e.atMost(1);
            int hl = 0;
            int hs = 0;
            if (hf == 1) {
                hl = (int) e.u32();
                hs = e.take(hl);
            }
            if (!e.ok()) {
                return;
            }
            if (hf == 1) {
                name(Arrays.copyOfRange(b, hs, hs + hl), Arrays.copyOfRange(b, ns, ns + (int) n));
            }
        }
    }

    /** Suricata's mark_response_tx_done: the first call transaction of that xid is answered. */
    private void answered(long xid, long nfsStatus) {
        for (NfsTx tx : txs) {
            if (!tx.fileTx && tx.xid == xid) {
                if (tx.fileHandle.length == 0 && respHandle.length > 0) {
                    tx.fileHandle = respHandle;
                }
                tx.responseDone = true;
                tx.rpcStatus = reply.replyState;
                tx.nfsStatus = nfsStatus;
                return;
            }
        }
    }

    /**
     * A READ reply's chunk: it opens or continues the to-client file transaction of the call's
     * handle. {@code v2Size}: an NFSv2 reply's file size (its chunk is the last when it reaches it),
     * -1 otherwise. Returns false when it makes nothing (count 0 or over 16 MiB).
     */
    private boolean read(long xid, Pending pend, long status, long count, boolean eof, boolean partial, long have,
            long v2Size, Direction d) {
        if (count == 0 || count > MAX_CHUNK) {
            return false;
        }
        boolean last = eof;
        if (pend.progver == 2 && v2Size >= 0 && v2Size == pend.chunkOffset + count) {
            last = true;
        }
        NfsTx tx = fileTx(pend.handle, false);
        if (tx == null) {
            tx = newFileTx(pend.handle, false);
            tx.procedure = pend.progver < 4 ? PROC3_READ : OP4_READ;
            tx.xid = xid;
            tx.isFirst = true;
            tx.fileName = pend.fileName;
        } else {
            tx.chunkCount++;
        }
        if (last) {
            tx.fileLastXid = xid;
            tx.isLast = true;
            tx.rpcStatus = reply.replyState;
            tx.nfsStatus = status;
            tx.requestDone = true;
            if (!partial) {
                tx.responseDone = true;
            }
        }
        if (!udp) {
            if (partial) {
                d.chunkTx = tx;
                d.chunkLast = last;
            } else {
                d.chunkTx = null;
                d.skip = Math.max(0, count - have); // count beyond the data: that much of what follows is file data
                leftover |= count > have;
            }
        }
        return true;
    }

    static long u32(byte[] b, int p) {
        return (b[p] & 0xFFL) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
    }

    // ---- protocol detection (Suricata's nfs probing parsers)

    public static final int PROBE_NFS = 0;
    public static final int PROBE_NOT_NFS = 1;
    public static final int PROBE_NEED_MORE = 2;

    /**
     * The TCP probe on a record start. Toward the server: a whole call header (through the verifier)
     * whose record is at least 40 bytes, of RPC version 2, program 100003 version 3 or 4, a procedure
     * up to 21 and a known credential flavor (0-6; another wants more). Toward the client: a reply
     * header of a 24- to 35000-byte record, accepted and successful; with only the first 12 bytes, a
     * non-zero xid and message type 1 suffice.
     */
    public static int probe(byte[] b, int off, int len, boolean toServer) {
        NfsSession s = PROBER.get();
        int end = off + len;
        if (toServer) {
            int r = s.parseCall(b, off, end, true, false);
            if (r == Xdr.INCOMPLETE) {
                return PROBE_NEED_MORE;
            }
            if (r != Xdr.OK) {
                return PROBE_NOT_NFS;
            }
            Call c = s.call;
            long frag = u32(b, off) & 0x7FFF_FFFFL;
            if (frag >= 40 && c.msgtype == 0 && c.rpcver == 2 && (c.progver == 3 || c.progver == 4)
                    && c.program == PROGRAM_NFS && c.procedure <= PROC3_COMMIT) {
                return c.credsFlavor <= 6 ? PROBE_NFS : PROBE_NEED_MORE;
            }
            return PROBE_NOT_NFS;
        }
        int r = s.parseReplyTcp(b, off, end, false);
        if (r == Xdr.OK) {
            long frag = u32(b, off) & 0x7FFF_FFFFL;
            Reply p = s.reply;
            return frag >= 24 && frag <= 35000 && p.msgtype == 1 && p.replyState == 0 && p.acceptState == 0
                    ? PROBE_NFS : PROBE_NOT_NFS;
        }
        if (r == Xdr.ERROR) {
            return PROBE_NOT_NFS;
        }
        if (len < 12) {
            // the header's own checks fail early
            if (len >= 4 && (u32(b, off) & 0x7FFF_FFFFL) < 24) {
                return PROBE_NOT_NFS;
            }
            return PROBE_NEED_MORE;
        }
        long frag = u32(b, off) & 0x7FFF_FFFFL;
        long msgtype = u32(b, off + 8);
        if (frag < 24 || msgtype > 1) {
            return PROBE_NOT_NFS;
        }
        return frag <= 35000 && u32(b, off + 4) != 0 && msgtype == 1 ? PROBE_NFS : PROBE_NOT_NFS;
    }

    /** The message type of a TCP record at {@code off} (0 call, 1 reply), or -1 when it cannot be told yet / at all. */
    public static int probeMessageType(byte[] b, int off, int len) {
        if (len < 12) {
            return -1;
        }
        long frag = u32(b, off) & 0x7FFF_FFFFL;
        long msgtype = u32(b, off + 8);
        return frag < 24 || msgtype > 1 ? -2 : (int) msgtype;
    }

    /**
     * The UDP probe. Toward the server: a call (at least 48 bytes) to program 100003 version 2 or 3;
     * toward the client: an accepted, successful reply of at least 32 bytes. Anything else is not NFS.
     */
    public static boolean probeUdp(byte[] b, int off, int len, boolean toServer) {
        NfsSession s = PROBER.get();
        int end = off + len;
        if (toServer) {
            if (s.parseCall(b, off, end, false, true) != Xdr.OK) {
                return false;
            }
            Call c = s.call;
            return len >= 48 && c.msgtype == 0 && (c.progver == 3 || c.progver == 2) && c.program == PROGRAM_NFS;
        }
        if (s.parseReplyUdp(b, off, end) != Xdr.OK) {
            return false;
        }
        Reply r = s.reply;
        return len >= 32 && r.msgtype == 1 && r.replyState == 0 && r.acceptState == 0;
    }

    private static final ThreadLocal<NfsSession> PROBER = ThreadLocal.withInitial(NfsSession::new);
}

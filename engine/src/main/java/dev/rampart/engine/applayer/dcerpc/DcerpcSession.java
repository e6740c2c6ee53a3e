package dev.rampart.engine.applayer.dcerpc;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.ListedTransactions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A DCERPC-over-TCP flow as Suricata 7's parser reads it (facts from its rust/src/dcerpc, each
 * behaviour below checked with suricata 7.0.10 on captures):
 * <ul>
 * <li>The app layer hands the parser chunks: what one packet's acknowledgement delivered of a
 * direction ({@link #onChunkEnd}). A chunk is appended to that direction's held bytes and at most
 * one PDU is taken from the front: bytes after it in the same chunk are dropped, and so many of
 * them that they outnumber the PDU's stub make it an error.</li>
 * <li>The 16-byte common header (version 5, minor 0 or 1; else the bytes are held as an
 * incomplete header) sits in one slot for both directions; the next PDU is expected from the other
 * direction, and a direction that sends again while the other one holds half a PDU is an error.</li>
 * <li>BIND / ALTER_CONTEXT: 44-byte context items (one transfer syntax each) replace the bound
 * interfaces; BIND_ACK / ALTER_CONTEXT_RESP results (little-endian, after the secondary address and
 * its padding) accept them by position: the accepted list {@code dcerpc.iface} walks.</li>
 * <li>REQUEST (stub at offset 24, object UUID and auth trailer included) and RESPONSE (stub at
 * offset 16, its 8-byte header included) pair by call id with the oldest open transaction of the
 * right kind; a side is done with its first stub bytes.</li>
 * <li>Any other PDU type, a gap, more than 1 MiB held, or a PDU too short for its type is an
 * error: the flow's DCERPC parsing stops and its transactions are complete (Suricata disables the
 * app layer of the session).</li>
 * </ul>
 * Raw stream inspection is triggered after each bind, acknowledgement and stub.
 */
public final class DcerpcSession extends ListedTransactions<DcerpcTx> {
    public static final int REQUEST = 0;
    public static final int RESPONSE = 2;
    public static final int BIND = 11;
    public static final int BIND_ACK = 12;
    public static final int ALTER_CONTEXT = 14;
    public static final int ALTER_CONTEXT_RESP = 15;
    /** Not a PDU type: what a request type expects when it has no answer type. */
    private static final int NONE = 99;

    static final int HEADER = 16;
    /** Held bytes per direction beyond which the parser gives up (Suricata's 1 MiB). */
    static final int MAX_HELD = 1 << 20;
    private static final int CONTEXT_ITEM = 44;
    private static final int ACK_RESULT = 24;
    private static final int PFC_FIRST_FRAG = 0x01;
    /** Live transactions past which each new one closes the oldest open one (app-layer.protocols.dcerpc.max-tx). */
    private final int maxTx;

    /** Per direction: bytes held (an incomplete PDU plus the pending chunk). */
    private final byte[][] held = {new byte[256], new byte[256]};
    private final int[] heldLen = new int[2];
    /** The direction whose chunk is being collected (-1: none; it then holds at least one byte). */
    private int chunkDir = -1;
    private boolean chunkOverflow;

    // the common header of the PDU being read (one slot for both directions, as Suricata's)
    private boolean headerRead;
    /** The type of the last header read, kept after its PDU (Suricata's header slot); -1 before one. */
    private int type = -1;
    private int flags;
    private boolean littleEndian;
    private int fragLength;
    private long callId;

    private int dataNeededFor;
    private int previousDir;
    /** The last BIND / ALTER_CONTEXT's items (null before one) and the accepted ones of the last acknowledgement. */
    private List<DcerpcInterface> bound;
    private List<DcerpcInterface> accepted = List.of();
    private final long[] triggers = new long[2];
    private final boolean[] ended = new boolean[2];
    private long errors;
    private boolean dead;
    private int closeFrom;

    public DcerpcSession() {
        this(1024);
    }

    public DcerpcSession(int maxTx) {
        this.maxTx = maxTx;
    }

    @Override
    public AppProto proto() {
        return AppProto.DCERPC;
    }

    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
        if (dead || len <= 0) {
            return;
        }
        int d = toServer ? 0 : 1;
        if (chunkDir >= 0 && chunkDir != d) {
            endChunk();
        }
        chunkDir = d;
        changes++;
        if (chunkOverflow || (long) heldLen[d] + len > MAX_HELD) {
            chunkOverflow = true;
            return;
        }
        byte[] h = held[d];
        if (h.length - heldLen[d] < len) {
            h = held[d] = Arrays.copyOf(h, Math.min(MAX_HELD, Math.max(heldLen[d] + len, h.length * 2)));
        }
        System.arraycopy(data, off, h, heldLen[d], len);
        heldLen[d] += len;
    }

    @Override
    public void onChunkEnd(boolean toServer) {
        if (chunkDir >= 0) {
            endChunk();
        }
    }

    @Override
    public void onGap(boolean toServer, long len) {
        if (chunkDir >= 0) {
            endChunk();
        }
        changes++;
        if (!dead) {
            error(); // Suricata 7's parser answers a gap with an error
        }
    }

    @Override
    public void onEnd(boolean toServer) {
        if (chunkDir >= 0) {
            endChunk();
        }
        changes++;
        ended[toServer ? 0 : 1] = true;
    }

    @Override
    public void onFlowEnd(boolean toServer) {
        if (chunkDir >= 0) {
            endChunk();
        }
    }

    @Override
    public long parseErrors() {
        return errors;
    }

    private void endChunk() {
        int d = chunkDir;
        boolean overflow = chunkOverflow;
        chunkDir = -1;
        chunkOverflow = false;
        if (dead) {
            return;
        }
        if (overflow) {
            error();
            return;
        }
        parse(d);
    }

    /** Suricata's handling of one chunk of direction {@code d}, already appended to what it held. */
    private void parse(int d) {
        if (previousDir == d) {
            dataNeededFor = d;
        }
        byte[] b = held[d];
        int len = heldLen[d];
        if (dataNeededFor != d) {
            error(); // the other direction holds part of a PDU
            return;
        }
        dataNeededFor = d;
        if (!headerRead) {
            if (len < HEADER || b[0] != 5 || (b[1] != 0 && b[1] != 1)) {
                return; // held as an incomplete header
            }
            type = b[2] & 0xFF;
            flags = b[3] & 0xFF;
            littleEndian = (b[4] & 0x10) != 0;
            fragLength = u16(b, 8, littleEndian);
            callId = u32(b, 12, littleEndian);
            headerRead = true;
        }
        if (len < fragLength) {
            return; // the rest of the PDU is still to come
        }
        boolean ok = switch (type) {
            case BIND, ALTER_CONTEXT -> bind(b, len);
            case BIND_ACK, ALTER_CONTEXT_RESP -> bindAck(b, len);
            case REQUEST -> request(b, len);
            case RESPONSE -> response(b, len);
            default -> false;
        };
        if (!ok) {
            error();
            return;
        }
        heldLen[d] = 0;
        headerRead = false;
        dataNeededFor = 1 - d;
        previousDir = d;
    }

    private boolean bind(byte[] b, int len) {
        List<DcerpcInterface> list = bindItems(b, 0, len, littleEndian, (flags & PFC_FIRST_FRAG) != 0);
        if (list == null) {
            return false;
        }
        bound = list;
        DcerpcTx tx = newTx();
        tx.reqCmd = type;
        sideDone(tx, 0);
        return true;
    }

    /**
     * The context items of a BIND / ALTER_CONTEXT PDU at {@code pdu} ({@code len} bytes there), or
     * null when it is too short for them (also read by SMB's DCERPC over named pipes).
     */
    public static List<DcerpcInterface> bindItems(byte[] b, int pdu, int len, boolean littleEndian, boolean firstFrag) {
        int p = pdu + HEADER;
        int end = pdu + len;
        if (end - p < 12) {
            return null;
        }
        int items = b[p + 8] & 0xFF;
        p += 12;
        if ((long) end - p < (long) items * CONTEXT_ITEM) {
            return null;
        }
        List<DcerpcInterface> list = new ArrayList<>(items);
        for (int i = 0; i < items; i++, p += CONTEXT_ITEM) {
            byte[] uuid = Arrays.copyOfRange(b, p + 4, p + 20);
            if (littleEndian) {
                reverse(uuid, 0, 4);
                reverse(uuid, 4, 2);
                reverse(uuid, 6, 2);
            }
            list.add(new DcerpcInterface(u16(b, p, littleEndian), uuid, u16(b, p + 20, littleEndian),
                    u16(b, p + 22, littleEndian), 0, firstFrag));
        }
        return list;
    }

    /**
     * The results of a BIND_ACK / ALTER_CONTEXT_RESP PDU at {@code pdu} (little-endian, after the
     * secondary address and its padding), or null when it is too short for them.
     */
    public static int[] ackResults(byte[] b, int pdu, int len) {
        int p = pdu + HEADER;
        int end = pdu + len;
        if (end - p < 10) {
            return null;
        }
        int secondary = u16(b, p + 8, true);
        p += 10 + secondary;
        int align = (secondary + 2) % 4;
        if (align != 0) {
            p += 4 - align;
        }
        if (end - p < 4) {
            return null;
        }
        int results = b[p] & 0xFF;
        p += 4;
        if ((long) end - p < (long) results * ACK_RESULT) {
            return null;
        }
        int[] r = new int[results];
        for (int i = 0; i < results; i++) {
            r[i] = u16(b, p + i * ACK_RESULT, true);
        }
        return r;
    }

    /** The bound interfaces with the acknowledgement's results applied by position; the accepted ones. */
    public static List<DcerpcInterface> accept(List<DcerpcInterface> bound, int[] results) {
        List<DcerpcInterface> ok = new ArrayList<>();
        for (int i = 0; i < results.length && i < bound.size(); i++) {
            // the i-th result answers the i-th item of the bind (a result without its item is passed over)
            DcerpcInterface e = bound.get(i).withResult(results[i]);
            bound.set(i, e);
            if (e.result() == 0) {
                ok.add(e);
            }
        }
        return ok;
    }

    private boolean bindAck(byte[] b, int len) {
        int[] results = ackResults(b, 0, len);
        if (results == null) {
            return false;
        }
        if (bound != null) {
            accepted = accept(bound, results);
        }
        DcerpcTx tx = find(1, type);
        if (tx == null) {
            tx = newTx();
        }
        tx.respCmd = type;
        sideDone(tx, 1);
        return true;
    }

    private boolean request(byte[] b, int len) {
        if (len - HEADER < 8) {
            return false;
        }
        int ctx = u16(b, HEADER + 4, littleEndian);
        int op = u16(b, HEADER + 6, littleEndian);
        DcerpcTx tx = find(0, REQUEST);
        if (tx == null) {
            tx = newTx();
        }
        tx.reqCmd = REQUEST;
        tx.ctxId = ctx;
        tx.opnum = op;
        tx.firstRequestSeen = true;
        tx.version++;
        return stub(b, len, 0, 8);
    }

    private boolean response(byte[] b, int len) {
        DcerpcTx tx = find(1, RESPONSE);
        if (tx == null) {
            tx = newTx();
        }
        tx.respCmd = RESPONSE;
        tx.version++;
        return stub(b, len, 1, 0);
    }

    /**
     * Suricata's stub loop: the stub is the PDU past its fixed part ({@code skip} bytes after the
     * header), taken by the open transaction of the call; the bytes the chunk has after the PDU are
     * walked too, and find no transaction (its side is done): dropped, or an error when they
     * outnumber what came before them.
     */
    private boolean stub(byte[] b, int len, int d, int skip) {
        if (fragLength < HEADER + skip) {
            return false;
        }
        long padLeft = fragLength - HEADER - skip;
        long inputLeft = (long) len - HEADER - skip;
        long parsed = skip;
        while (inputLeft > 0 && parsed < fragLength) {
            DcerpcTx tx = find(d, d == 0 ? REQUEST : RESPONSE);
            long took = 0;
            if (tx != null) {
                int n = (int) Math.min(padLeft, inputLeft);
                tx.appendStub(d, b, (int) (HEADER + parsed), n);
                sideDone(tx, d);
                padLeft -= n;
                took = n;
            }
            if (took > 0 && took <= inputLeft) {
                parsed += took;
                inputLeft -= took;
            } else {
                parsed -= inputLeft;
                inputLeft = 0;
            }
        }
        return parsed >= 0;
    }

    /**
     * Side {@code d} of the transaction is done with the PDU just read, and Suricata asks for raw
     * stream inspection in that direction.
     */
    private void sideDone(DcerpcTx tx, int d) {
        if (d == 0) {
            tx.reqDone = true;
        } else {
            tx.respDone = true;
        }
        tx.version++;
        triggers[d]++;
    }

    /**
     * The oldest transaction of the current call still open on side {@code d} whose other side is of
     * the kind a PDU of {@code pduType} pairs with.
     */
    private DcerpcTx find(int d, int pduType) {
        for (DcerpcTx tx : txs) {
            if (tx.callId != callId) {
                continue;
            }
            if (d == 0) {
                if (tx.reqDone || tx.respCmd != answerTo(pduType)) {
                    continue;
                }
            } else if (tx.respDone || tx.reqCmd != askedBy(pduType)) {
                continue;
            }
            return tx;
        }
        return null;
    }

    private static int answerTo(int request) {
        return switch (request) {
            case REQUEST -> RESPONSE;
            case BIND -> BIND_ACK;
            case ALTER_CONTEXT -> ALTER_CONTEXT_RESP;
            default -> NONE;
        };
    }

    private static int askedBy(int response) {
        return switch (response) {
            case RESPONSE -> REQUEST;
            case BIND_ACK -> BIND;
            case ALTER_CONTEXT_RESP -> ALTER_CONTEXT;
            default -> NONE;
        };
    }

    private DcerpcTx newTx() {
        if (txs.size() > maxTx) {
            // past the limit each new transaction closes one open one, scanning on from the last closed
            for (int i = closeFrom; i < txs.size(); i++) {
                DcerpcTx old = txs.get(i);
                if (!old.reqDone || !old.respDone) {
                    old.reqDone = true;
                    old.respDone = true;
                    old.version++;
                    closeFrom = i + 1;
                    break;
                }
            }
        }
        DcerpcTx tx = new DcerpcTx(nextId++, callId, littleEndian);
        txs.add(tx);
        return tx;
    }

    private void error() {
        errors++;
        dead = true;
        ended[0] = ended[1] = true;
        heldLen[0] = heldLen[1] = 0;
        held[0] = held[1] = new byte[0];
        changes++;
    }

    @Override
    protected void dropped(DcerpcTx tx) {
        closeFrom = 0;
    }

    /**
     * The accepted interfaces of the last acknowledgement (what {@code dcerpc.iface} walks), each
     * with its context id, UUID, version and first-fragment flag.
     */
    public List<DcerpcInterface> accepted() {
        return accepted;
    }

    /** The PDU type of the last header read (either direction), or -1 before one. */
    public int lastPduType() {
        return type;
    }

    @Override
    public boolean triggersRawInspection() {
        return true;
    }

    @Override
    public long rawInspectTriggers(boolean toServer) {
        return triggers[toServer ? 0 : 1];
    }

    @Override
    protected long idOf(DcerpcTx tx) {
        return tx.id;
    }

    @Override
    public long txVersion(Object tx, boolean toServer) {
        DcerpcTx t = (DcerpcTx) tx;
        return t.version << 1 | (txComplete(tx, toServer) ? 1 : 0);
    }

    @Override
    public boolean txComplete(Object tx, boolean toServer) {
        DcerpcTx t = (DcerpcTx) tx;
        return ended[toServer ? 0 : 1] || (toServer ? t.reqDone : t.respDone);
    }

    /** Suricata 7.0.10's alerts on DCERPC carry no dcerpc object (measured). */
    @Override
    public boolean appendEve(Object tx, StringBuilder out) {
        return false;
    }

    public static int u16(byte[] b, int p, boolean le) {
        return le ? (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 : (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
    }

    public static long u32(byte[] b, int p, boolean le) {
        return le ? (long) u16(b, p, true) | (long) u16(b, p + 2, true) << 16
                : (long) u16(b, p, false) << 16 | u16(b, p + 2, false);
    }

    private static void reverse(byte[] a, int from, int n) {
        for (int i = from, j = from + n - 1; i < j; i++, j--) {
            byte t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}

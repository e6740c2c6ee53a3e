package dev.rampart.engine.applayer.dcerpc;

import dev.rampart.engine.applayer.Slice;
import java.util.Arrays;

/**
 * One DCERPC transaction: a bind and its acknowledgement, or a request and its response, paired by
 * call id. The stub bytes of each side are what {@code dcerpc.stub_data} inspects.
 */
public final class DcerpcTx {
    final long id;
    final long callId;
    /** The byte order of the PDU that created it (data representation's integer format). */
    final boolean littleEndian;
    int reqCmd = DcerpcSession.REQUEST;
    int respCmd = DcerpcSession.RESPONSE;
    int ctxId;
    int opnum;
    boolean firstRequestSeen;
    boolean reqDone;
    boolean respDone;
    private final byte[][] stub = new byte[2][];
    private final int[] stubLen = new int[2];
    /** Grows with every change detection could see (AppSession.txVersion). */
    long version;

    DcerpcTx(long id, long callId, boolean littleEndian) {
        this.id = id;
        this.callId = callId;
        this.littleEndian = littleEndian;
    }

    void appendStub(int dir, byte[] b, int off, int len) {
        if (len == 0) {
            return;
        }
        byte[] s = stub[dir];
        int have = stubLen[dir];
        if (s == null || s.length - have < len) {
            s = stub[dir] = Arrays.copyOf(s == null ? new byte[0] : s, Math.max(have + len, Math.max(64, have * 2)));
        }
        System.arraycopy(b, off, s, have, len);
        stubLen[dir] = have + len;
    }

    /** The stub bytes of one side ({@code dcerpc.stub_data}); false when there are none. */
    public boolean stub(boolean toServer, Slice out) {
        int d = toServer ? 0 : 1;
        if (stubLen[d] == 0) {
            out.clear();
            return false;
        }
        out.set(stub[d], 0, stubLen[d]);
        return true;
    }

    public int stubLength(boolean toServer) {
        return stubLen[toServer ? 0 : 1];
    }

    public long id() {
        return id;
    }

    public long callId() {
        return callId;
    }

    public int opnum() {
        return opnum;
    }

    public int ctxId() {
        return ctxId;
    }

    public int requestType() {
        return reqCmd;
    }

    public int responseType() {
        return respCmd;
    }

    /** A REQUEST PDU filled this transaction (opnum and context id are the request's). */
    public boolean requestSeen() {
        return firstRequestSeen;
    }

    public boolean requestDone() {
        return reqDone;
    }

    public boolean responseDone() {
        return respDone;
    }

    public boolean littleEndian() {
        return littleEndian;
    }
}

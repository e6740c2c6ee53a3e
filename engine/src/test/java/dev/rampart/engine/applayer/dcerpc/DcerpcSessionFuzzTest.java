package dev.rampart.engine.applayer.dcerpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.engine.applayer.Slice;

/**
 * Input: {@code [chunk][segment][bytes]}: the bytes are cut into chunks of {@code chunk} bytes that
 * go to the server and to the client in turn. Invariants: any bytes parse without throwing; a chunk
 * gives the same transactions, stubs, interfaces and errors whether it comes in one piece or in
 * segments of {@code segment} bytes (only chunk ends mean something to the parser); a transaction's
 * stubs are no longer than the bytes carried; after an error nothing changes.
 */
class DcerpcSessionFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void chunksParseTheSameWhateverTheirSegments(byte[] in) {
        if (in.length < 2) {
            return;
        }
        int chunk = 1 + (in[0] & 0xFF) * 4;
        int segment = 1 + (in[1] & 0xFF);
        DcerpcSession whole = new DcerpcSession(8);
        DcerpcSession segmented = new DcerpcSession(8);
        long[] carried = new long[2];
        String atError = null;
        boolean toServer = true;
        for (int at = 2; at < in.length; at += chunk, toServer = !toServer) {
            int n = Math.min(chunk, in.length - at);
            carried[toServer ? 0 : 1] += n;
            whole.onData(toServer, in, at, n);
            whole.onChunkEnd(toServer);
            for (int i = 0; i < n; i += segment) {
                segmented.onData(toServer, in, at + i, Math.min(segment, n - i));
            }
            segmented.onChunkEnd(toServer);
            if (atError != null) {
                assertEquals(atError, render(whole), "nothing changes after an error");
            } else if (whole.parseErrors() > 0) {
                atError = render(whole);
            }
        }
        whole.onEnd(true);
        segmented.onEnd(true);
        assertEquals(render(whole), render(segmented));
        for (int i = 0; i < whole.txCount(); i++) {
            DcerpcTx t = (DcerpcTx) whole.tx(i);
            // a stub's side is its PDU type's (a RESPONSE sent to the server fills the to-client stub, as
            // Suricata's parser does), so only the bytes of both directions bound it
            assertTrue(t.stubLength(true) + t.stubLength(false) <= carried[0] + carried[1]);
        }
    }

    private static String render(DcerpcSession s) {
        StringBuilder sb = new StringBuilder();
        Slice out = new Slice();
        for (int i = 0; i < s.txCount(); i++) {
            DcerpcTx t = (DcerpcTx) s.tx(i);
            sb.append(t.id()).append(' ').append(t.callId()).append(' ').append(t.requestType()).append('/')
                    .append(t.responseType()).append(' ').append(t.opnum()).append(' ').append(t.ctxId()).append(' ')
                    .append(t.requestDone()).append(t.responseDone()).append(' ')
                    .append(t.stub(true, out) ? out.toString() : "-").append(' ')
                    .append(t.stub(false, out) ? out.toString() : "-").append('\n');
        }
        for (DcerpcInterface e : s.accepted()) {
            sb.append(e.uuidText()).append(' ').append(e.ctxId()).append(' ').append(e.major()).append('\n');
        }
        return sb.append(s.parseErrors()).append(' ').append(s.lastPduType()).toString();
    }
}

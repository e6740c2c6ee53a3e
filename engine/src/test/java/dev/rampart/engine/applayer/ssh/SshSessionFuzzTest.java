package dev.rampart.engine.applayer.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.engine.applayer.Slice;

/**
 * Input: {@code [chunk size][bytes of one direction]}. Invariants: parsing never throws; the same bytes
 * give the same identification fields, state and error count whether they come in one piece (client
 * side) or in chunks of the given size (server side); fields lie in what was sent (proto without a
 * '-', software without a blank) and within {@link SshSession#MAX_BANNER}; a session only turns
 * encrypted when both sides sent NEWKEYS.
 */
class SshSessionFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void splitDoesNotMatter(byte[] in) {
        if (in.length < 1) {
            return;
        }
        int chunk = Math.max(1, in[0] & 0xFF);
        int len = in.length - 1;
        SshSession s = new SshSession();
        s.onData(true, in, 1, len);
        for (int p = 0; p < len; p += chunk) {
            s.onData(false, in, 1 + p, Math.min(chunk, len - p));
        }
        Slice a = new Slice();
        Slice b = new Slice();
        assertEquals(text(s.proto(true, a)), text(s.proto(false, b)));
        assertEquals(text(s.software(true, a)), text(s.software(false, b)));
        assertEquals(s.txComplete(s, true), s.txComplete(s, false));
        assertEquals(s.txHeadersDone(s, true), s.txHeadersDone(s, false));
        assertEquals(s.parseErrors() % 2, 0, "both sides fail alike");
        assertEquals(s.side(true).state, s.side(false).state);
        assertEquals(s.side(true).state == SshSession.FINISHED, s.encrypted(), "same bytes both ways: NEWKEYS on both or neither");
        if (s.proto(true, a) != null) {
            assertTrue(a.length > 0 && a.length < SshSession.MAX_BANNER);
            for (int i = 0; i < a.length; i++) {
                assertTrue(a.array[a.offset + i] != '-' && a.array[a.offset + i] != '\n');
            }
            Slice sw = s.software(true, new Slice());
            assertTrue(4 + a.length + 1 + sw.length <= SshSession.MAX_BANNER);
            for (int i = 0; i < sw.length; i++) {
                byte c = sw.array[sw.offset + i];
                assertTrue(c != ' ' && c != '\r' && c != '\n');
            }
        }
        SshSession one = new SshSession();
        one.onData(true, in, 1, len);
        assertEquals(one.side(true).state, s.side(true).state);
        assertTrue(!one.encrypted(), "one side alone is never encrypted");
    }

    private static String text(Slice s) {
        return s == null ? null : s.toString();
    }
}

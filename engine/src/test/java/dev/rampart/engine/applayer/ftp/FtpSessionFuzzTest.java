package dev.rampart.engine.applayer.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Input: {@code [chunk][split][bytes]}: the bytes before {@code split} go to the server, the rest come
 * back as replies, then each direction's bytes again (a session that keeps talking). Invariants: any
 * bytes parse without throwing; live transactions stay within {@link FtpSession#MAX_TX} + 1; the
 * announced data connections each carry a port and a file name of at most
 * {@link FtpSession#MAX_FILE_NAME} bytes; and feeding each direction whole or in chunks of
 * {@code chunk} bytes gives the same transactions, replies, last command, bounce verdict, errors and
 * announcements (lines are split at LF whatever the segments).
 */
class FtpSessionFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anySessionParsesTheSameWhateverTheSegments(byte[] in) {
        if (in.length < 2) {
            return;
        }
        int chunk = 1 + (in[0] & 0xFF);
        int split = 2 + Math.min((in[1] & 0xFF) * 8, in.length - 2);
        List<String> announcedWhole = new ArrayList<>();
        List<String> announcedChunks = new ArrayList<>();
        FtpSession whole = session(announcedWhole);
        FtpSession chunks = session(announcedChunks);
        for (int round = 0; round < 2; round++) {
            whole.onData(true, in, 2, split - 2);
            whole.onData(false, in, split, in.length - split);
            feed(chunks, true, in, 2, split, chunk);
            feed(chunks, false, in, split, in.length, chunk);
        }
        assertTrue(whole.txCount() <= FtpSession.MAX_TX + 1);
        assertEquals(render(whole), render(chunks));
        assertEquals(announcedWhole, announcedChunks);
        for (String a : announcedWhole) {
            assertTrue(a.length() <= FtpSession.MAX_FILE_NAME + 16, a);
        }
    }

    private static FtpSession session(List<String> announced) {
        return new FtpSession(new FtpCounters(), (port, toServer, command, name) -> {
            assertTrue(port > 0 && port <= 65535, "port " + port);
            assertTrue(name.length() <= FtpSession.MAX_FILE_NAME);
            announced.add(port + " " + toServer + " " + command + " " + name);
        });
    }

    private static void feed(FtpSession s, boolean toServer, byte[] in, int from, int to, int chunk) {
        for (int i = from; i < to; i += chunk) {
            s.onData(toServer, in, i, Math.min(chunk, to - i));
        }
    }

    private static String render(FtpSession s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.txCount(); i++) {
            FtpTx t = (FtpTx) s.tx(i);
            sb.append(t.id()).append(' ').append(t.command()).append(' ').append(t.request()).append(' ')
                    .append(t.replies()).append(' ').append(t.done()).append('\n');
        }
        return sb.append(s.lastCommand()).append(' ').append(s.portBounces(0x0a000001)).append(' ')
                .append(s.parseErrors()).toString();
    }
}

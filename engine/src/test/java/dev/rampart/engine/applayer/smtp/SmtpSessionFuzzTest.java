package dev.rampart.engine.applayer.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.engine.applayer.Slice;
import java.nio.charset.StandardCharsets;

/**
 * Input: {@code [chunk][client bytes]}, sent after a greeting, EHLO, MAIL FROM and an accepted DATA.
 * Invariants: any bytes parse without throwing; every attachment's bytes waiting for inspection stay
 * within {@link SmtpFile#MAX_PENDING}; the mail fed whole and fed a line at a time gives the same
 * transactions and attachments when it has no lone CR and ends with a line end (Suricata ends body
 * lines at a lone CR, and takes a piece of a line at the end of its input as a line, only in its
 * lenient splitting, which depends on where the input was cut).
 */
class SmtpSessionFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyMailParsesAndStaysBounded(byte[] in) {
        if (in.length < 1) {
            return;
        }
        int chunk = 1 + (in[0] & 0xFF);
        SmtpSession whole = session();
        whole.onData(true, in, 1, in.length - 1);
        SmtpSession chunks = session();
        for (int i = 1; i < in.length; i += chunk) {
            chunks.onData(true, in, i, Math.min(chunk, in.length - i));
        }
        SmtpSession lines = session();
        boolean loneCr = false;
        int from = 1;
        for (int i = 1; i < in.length; i++) {
            if (in[i] == '\r' && (i + 1 == in.length || in[i + 1] != '\n')) {
                loneCr = true;
            }
            if (in[i] == '\n') {
                lines.onData(true, in, from, i + 1 - from);
                from = i + 1;
            }
        }
        lines.onData(true, in, from, in.length - from);
        Slice s = new Slice();
        for (SmtpSession x : new SmtpSession[] {whole, chunks}) {
            x.onEnd(true);
            for (SmtpTx t : x.transactions()) {
                for (SmtpFile f : t.files) {
                    f.uninspected(s);
                    assertTrue(s.length <= SmtpFile.MAX_PENDING);
                    assertTrue(f.size >= s.length);
                }
            }
        }
        if (!loneCr && in[in.length - 1] == '\n') {
            assertEquals(render(whole), render(lines));
        }
    }

    private static SmtpSession session() {
        SmtpSession s = new SmtpSession();
        feed(s, false, "220 mx\r\n");
        feed(s, true, "EHLO c\r\n");
        feed(s, false, "250 mx\r\n");
        feed(s, true, "MAIL FROM:<a@b>\r\n");
        feed(s, false, "250 OK\r\n");
        feed(s, true, "DATA\r\n");
        feed(s, false, "354 go\r\n");
        return s;
    }

    private static void feed(SmtpSession s, boolean toServer, String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        s.onData(toServer, b, 0, b.length);
    }

    private static String render(SmtpSession s) {
        StringBuilder sb = new StringBuilder();
        Slice sl = new Slice();
        for (SmtpTx t : s.transactions()) {
            sb.append(t.id).append(t.done).append('[');
            for (SmtpFile f : t.files) {
                f.uninspected(sl);
                sb.append(f.name).append('=').append(new String(sl.array, sl.offset, sl.length, StandardCharsets.ISO_8859_1))
                        .append(';');
            }
            sb.append(']');
        }
        return sb.toString();
    }
}

package dev.rampart.engine.applayer.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.engine.applayer.Slice;
import java.util.Arrays;

/**
 * Input: {@code [direction flag][message bytes]}. Invariants: parsing never throws; the verdict and
 * the fields do not depend on where the message lies in its array; a parsed message stays parsed,
 * with the same fields, whatever bytes follow it (they are body); every field lies inside the
 * message and is made of its grammar's characters; the session's copy of a parsed message gives
 * the same fields, and its pool stays bounded.
 */
class SipParserFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void verdictAndFieldsAreStable(byte[] in) {
        if (in.length < 1) {
            return;
        }
        boolean toServer = (in[0] & 1) == 0;
        int len = in.length - 1;
        SipMessage a = new SipMessage();
        int r = parse(toServer, in, 1, len, a);
        assertTrue(r == SipParser.OK || r == SipParser.INCOMPLETE || r == SipParser.INVALID);

        byte[] shifted = new byte[len + 7];
        Arrays.fill(shifted, (byte) '\n');
        System.arraycopy(in, 1, shifted, 3, len);
        SipMessage b = new SipMessage();
        assertEquals(r, parse(toServer, shifted, 3, len, b));
        if (r != SipParser.OK) {
            return;
        }
        assertEquals(fields(a), fields(b));
        checkFields(a, in, 1, len);

        // trailing bytes are body: same verdict, same fields
        byte[] longer = Arrays.copyOf(in, in.length + 5);
        longer[in.length] = (byte) 0xFF;
        SipMessage c = new SipMessage();
        assertEquals(SipParser.OK, parse(toServer, longer, 1, len + 5, c));
        assertEquals(fields(a), fields(c));
        assertEquals(a.bodyLength() + 5, c.bodyLength());

        SipSession s = new SipSession();
        for (int i = 0; i < SipSession.MAX_PENDING + 1; i++) {
            s.onDatagram(toServer, in, 1, len);
        }
        assertEquals(SipSession.MAX_PENDING, s.txCount());
        assertEquals(0, s.parseErrors());
        if (len <= SipTransaction.MAX_KEPT) {
            assertEquals(fields(a), fields(((SipTransaction) s.tx(0)).message()));
        }
    }

    /**
     * Input: {@code [chunk][stream bytes]}, one TCP direction. Invariants: framing never throws; the
     * stream fed whole and in chunks of {@code chunk} bytes gives the same messages (count, errors,
     * fields of each kept one); what is held stays within {@link SipSession#MAX_STREAM_MESSAGE}.
     */
    @FuzzTest(maxDuration = "10m")
    void aStreamFramesTheSameWhateverTheSegments(byte[] in) {
        if (in.length < 1) {
            return;
        }
        int chunk = 1 + (in[0] & 0xFF);
        for (boolean toServer : new boolean[] {true, false}) {
            SipSession whole = new SipSession();
            whole.onData(toServer, in, 1, in.length - 1);
            SipSession chunks = new SipSession();
            for (int i = 1; i < in.length; i += chunk) {
                chunks.onData(toServer, in, i, Math.min(chunk, in.length - i));
            }
            assertEquals(whole.txCount(), chunks.txCount());
            assertEquals(whole.parseErrors(), chunks.parseErrors());
            for (int i = 0; i < whole.txCount(); i++) {
                assertEquals(fields(((SipTransaction) whole.tx(i)).message()),
                        fields(((SipTransaction) chunks.tx(i)).message()));
            }
        }
    }

    private static int parse(boolean toServer, byte[] b, int off, int len, SipMessage m) {
        return toServer ? SipParser.parseRequest(b, off, len, m) : SipParser.parseResponse(b, off, len, m);
    }

    private static String fields(SipMessage m) {
        Slice s = new Slice();
        StringBuilder sb = new StringBuilder();
        sb.append(m.method(s) ? s.toString() : "-").append('|');
        sb.append(m.uri(s) ? s.toString() : "-").append('|');
        sb.append(m.protocol(s) ? s.toString() : "-").append('|');
        sb.append(m.statusCode(s) ? s.toString() : "-").append('|');
        sb.append(m.reason(s) ? s.toString() : "-").append('|');
        sb.append(m.line(s) ? s.toString() : "-").append('|').append(m.headerCount());
        for (String h : HEADERS) {
            sb.append('|').append(m.header(h.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    (byte) Character.toLowerCase(h.charAt(0)), s) ? s.toString() : "-");
        }
        return sb.toString();
    }

    private static final String[] HEADERS = {"From", "To", "Via", "Content-Length", "x"};

    private static void checkFields(SipMessage m, byte[] b, int off, int len) {
        Slice s = new Slice();
        for (String h : HEADERS) {
            if (m.header(h.getBytes(java.nio.charset.StandardCharsets.US_ASCII), (byte) 0, s)) {
                inside(s, off, len);
                assertTrue(s.length > 0);
                byte last = s.array[s.offset + s.length - 1];
                assertTrue(last != ' ' && last != '\t' && last != '\r' && last != '\n', "trimmed: " + s);
            }
        }
        if (m.method(s)) {
            inside(s, off, len);
            for (int i = 0; i < s.length; i++) {
                byte c = s.array[s.offset + i];
                assertTrue((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
            }
        }
        if (m.uri(s)) {
            inside(s, off, len);
            for (int i = 0; i < s.length; i++) {
                assertTrue(SipParser.isUriChar(s.array[s.offset + i]));
            }
        }
        if (m.protocol(s)) {
            inside(s, off, len);
            for (int i = 0; i < s.length; i++) {
                assertTrue(SipParser.isVersionChar(s.array[s.offset + i]));
            }
        }
        if (m.statusCode(s)) {
            inside(s, off, len);
            assertEquals(3, s.length);
        }
        assertTrue(m.line(s));
        inside(s, off, len);
        assertEquals(off, s.offset);
        for (int i = 0; i < s.length; i++) {
            byte c = s.array[s.offset + i];
            assertTrue(SipParser.isReasonChar(c) && c != '\r' && c != '\n');
        }
    }

    private static void inside(Slice s, int off, int len) {
        assertTrue(s.offset >= off && s.offset + s.length <= off + len);
    }
}

package dev.rampart.engine.applayer.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.eve.JsonBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Input: {@code [chunk][to-server flag][message bytes]}. Invariants: a UDP datagram never throws,
 * gives at most one transaction whose names stay within their bound and whose EVE object renders;
 * the same bytes length-framed over TCP give the same transaction for any split.
 */
class DnsParserFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void datagramAndFramedStreamAgree(byte[] in) {
        if (in.length < 2) {
            return;
        }
        int chunk = 1 + (in[0] & 0xFF);
        boolean toServer = (in[1] & 1) == 0;
        int len = Math.min(in.length - 2, 65535);
        List<String> udp = new ArrayList<>();
        DnsParser p = new DnsParser(tx -> udp.add(render(tx)));
        p.onUdp(toServer, in, 2, len);
        assertTrue(udp.size() <= 1);

        byte[] framed = new byte[len + 2];
        framed[0] = (byte) (len >> 8);
        framed[1] = (byte) len;
        System.arraycopy(in, 2, framed, 2, len);
        List<String> tcp = new ArrayList<>();
        DnsParser q = new DnsParser(tx -> tcp.add(render(tx)));
        for (int i = 0; i < framed.length; i += chunk) {
            q.onData(toServer, framed, i, Math.min(chunk, framed.length - i));
        }
        assertEquals(udp, tcp);
        for (DnsEvent e : DnsEvent.values()) {
            assertEquals(p.eventCount(e), q.eventCount(e), e.name());
        }
    }

    private static String render(DnsTransaction tx) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tx.queries; i++) {
            assertTrue(tx.queryName(i).length() <= DnsParser.MAX_NAME_LENGTH);
            sb.append(tx.queryName(i)).append(';');
        }
        JsonBuffer b = new JsonBuffer(256);
        DnsEveJson.writeAlert(b, tx);
        return sb + b.toString();
    }
}

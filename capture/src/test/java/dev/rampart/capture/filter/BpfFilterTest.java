package dev.rampart.capture.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rampart.capture.Frame;
import dev.rampart.capture.LinkType;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BpfFilterTest {
    /** Ethernet + IPv4 (10.0.0.1 -> 10.0.0.2) + the first 4 bytes of a TCP/UDP header. */
    private static Frame frame(int proto, int sport, int dport) {
        ByteBuffer b = ByteBuffer.allocate(14 + 20 + 8);
        b.putShort(12, (short) 0x0800);
        b.put(14, (byte) 0x45);
        b.put(14 + 9, (byte) proto);
        b.putInt(14 + 12, 0x0a000001);
        b.putInt(14 + 16, 0x0a000002);
        b.putShort(34, (short) sport);
        b.putShort(36, (short) dport);
        return new Frame().set(b, 0, b.capacity(), b.capacity(), LinkType.ETHERNET, 0, 1, 0);
    }

    private static String verdicts(String expr) {
        BpfFilter f = BpfFilter.compile(expr);
        StringBuilder sb = new StringBuilder();
        for (Frame fr : new Frame[] {frame(6, 40000, 22), frame(6, 40000, 80), frame(17, 53, 40000)}) {
            sb.append(f.accepts(fr) ? '1' : '0');
        }
        return sb.toString();
    }

    @Test
    void primitivesAndOperators() {
        assertEquals("100", verdicts("port 22"));
        assertEquals("110", verdicts("tcp"));
        assertEquals("001", verdicts("udp port 53"));
        assertEquals("101", verdicts("port 22 or src port 53"));
        assertEquals("011", verdicts("not port 22"));
        assertEquals("010", verdicts("tcp && !(dst port 22)"));
        assertEquals("111", verdicts("host 10.0.0.2"));
        assertEquals("000", verdicts("src host 10.0.0.2"));
        assertEquals("000", verdicts("ip6"));
    }

    @Test
    void unsupportedOrMalformedExpressionsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> BpfFilter.compile("net 10.0.0.0/8"));
        assertThrows(IllegalArgumentException.class, () -> BpfFilter.compile("port"));
        assertThrows(IllegalArgumentException.class, () -> BpfFilter.compile("port 99999"));
        assertThrows(IllegalArgumentException.class, () -> BpfFilter.compile("(tcp"));
    }
}

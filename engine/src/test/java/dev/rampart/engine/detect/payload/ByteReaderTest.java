package dev.rampart.engine.detect.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Text numbers as C's strtoull reads them (what Suricata's byte_* string mode relies on). */
class ByteReaderTest {
    private final long[] out = new long[1];

    private int text(String s, int radix) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return ByteReader.text(b, 0, b.length, radix, out);
    }

    @Test
    void decimalHexOctalAndPrefixes() {
        assertEquals(3, text("123", 10));
        assertEquals(123, out[0]);
        assertEquals(2, text("1f", 16));
        assertEquals(31, out[0]);
        assertEquals(4, text("0x1f", 16));
        assertEquals(31, out[0]);
        assertEquals(3, text("017", 8));
        assertEquals(15, out[0]);
        assertEquals(3, text("010", 0));
        assertEquals(8, out[0]);
        assertEquals(4, text("0x10", 0));
        assertEquals(16, out[0]);
        assertEquals(2, text("12", 0));
        assertEquals(12, out[0]);
    }

    @Test
    void whiteSpaceSignsStopsAndFailures() {
        assertEquals(3, text(" 12ab", 10));
        assertEquals(12, out[0]);
        assertEquals(2, text("-1", 10));
        assertEquals(-1L, out[0]);
        assertEquals(ByteReader.FAILED, text("ab", 10));
        assertEquals(ByteReader.FAILED, text("", 10));
        assertEquals(ByteReader.FAILED, text("99999999999999999999", 10)); // above 2^64-1
        assertEquals(20, text("18446744073709551615", 10));
        assertEquals(-1L, out[0]);
        byte[] nul = {'1', 0, '2'};
        assertEquals(1, ByteReader.text(nul, 0, 3, 10, out));
        assertEquals(1, out[0]);
    }

    @Test
    void binaryEndianness() {
        byte[] b = {1, 2, 3, 4};
        assertEquals(0x01020304L, ByteReader.binary(b, 0, 4, false));
        assertEquals(0x04030201L, ByteReader.binary(b, 0, 4, true));
        assertEquals(0x0203L, ByteReader.binary(b, 1, 2, false));
        assertEquals(8, ByteReader.maskShift(0x0f00));
        assertEquals(0, ByteReader.maskShift(0));
    }
}

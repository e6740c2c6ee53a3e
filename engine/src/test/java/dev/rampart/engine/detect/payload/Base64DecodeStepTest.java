package dev.rampart.engine.detect.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Suricata's relaxed base64 decoding as base64_decode uses it. */
class Base64DecodeStepTest {
    private static String decode(String in) {
        byte[] src = in.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[64];
        int n = Base64DecodeStep.decode(src, 0, src.length, out);
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    @Test
    void completeBlocksAndPadding() {
        assertEquals("Hello Worldz", decode("SGVsbG8gV29ybGR6"));
        assertEquals("Hello World", decode("SGVsbG8gV29ybGQ="));
        assertEquals("f", decode("Zg=="));
    }

    @Test
    void partialLastBlockIsDecodedWhenNoBadByteWasSeen() {
        // 15 characters: 3 whole blocks, then 3 characters giving 2 bytes
        assertEquals("Hello World", decode("SGVsbG8gV29ybGQ"));
    }

    @Test
    void decodingStopsAtTheFirstByteOutsideTheAlphabet() {
        assertEquals("Hello ", decode("SGVsbG8g V29y"));
        assertEquals("", decode("&SGVs"));
    }
}

package dev.rampart.engine.applayer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HPACK decoding against RFC 7541's examples (Appendix C) and its error cases. */
class HpackTest {
    private static List<String> decode(Hpack h, String hex) {
        byte[] b = HexFormat.of().parseHex(hex.replace(" ", ""));
        List<String> out = new ArrayList<>();
        int r = h.decode(b, 0, b.length, (n, no, nl, v, vo, vl) -> out.add(
                new String(n, no, nl, StandardCharsets.ISO_8859_1) + ": " + new String(v, vo, vl, StandardCharsets.ISO_8859_1)));
        if (r == Hpack.ERROR) {
            out.add("ERROR");
        }
        return out;
    }

    @Test
    void requestsWithoutHuffmanShareTheDynamicTable() {
        Hpack h = new Hpack();
        // C.3.1 and C.3.2
        assertEquals(List.of(":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com"),
                decode(h, "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d"));
        assertEquals(57, h.tableSize());
        assertEquals(List.of(":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com",
                "cache-control: no-cache"), decode(h, "8286 84be 5808 6e6f 2d63 6163 6865"));
        assertEquals(2, h.tableEntries());
        assertEquals(110, h.tableSize());
    }

    @Test
    void huffmanStrings() {
        Hpack h = new Hpack();
        // C.4.1 and C.4.2: the same requests, strings Huffman-coded
        assertEquals(List.of(":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com"),
                decode(h, "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff"));
        assertEquals(List.of(":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com",
                "cache-control: no-cache"), decode(h, "8286 84be 5886 a8eb 1064 9cbf"));
    }

    @Test
    void everyByteSurvivesHuffmanCoding() {
        // the canonical code from the decoder's length table, checked against codes of RFC 7541
        // Appendix B, encodes 0..255; the decoder gives them back
        byte[] lengths = lengthsTable();
        int[] len = new int[256];
        long[] code = new long[256];
        long c = 0;
        for (int l = 1; l <= 30; l++) {
            for (int s = 0; s < 256; s++) {
                if (lengths[s] == l) {
                    len[s] = l;
                    code[s] = c++;
                }
            }
            if (l == 30) {
                assertEquals(0x3fffffffL, c); // EOS (30 ones) is the one code left
            }
            c <<= 1;
        }
        assertEquals(0x0, code['0']);
        assertEquals(0x3, code['a']);
        assertEquals(0x14, code[' ']);
        assertEquals(0x1ff8, code[0]);
        assertEquals(0x7ffc, code['<']);
        assertEquals(0x3ffffee, code[255]);
        assertEquals(0x3ffffffc, code[10]);
        StringBuilder bits = new StringBuilder();
        for (int s = 0; s < 256; s++) {
            String b = Long.toBinaryString(code[s]);
            bits.append("0".repeat(len[s] - b.length())).append(b);
        }
        while (bits.length() % 8 != 0) {
            bits.append('1'); // padding: the EOS prefix
        }
        byte[] in = new byte[bits.length() / 8];
        for (int i = 0; i < in.length; i++) {
            in[i] = (byte) Integer.parseInt(bits.substring(i * 8, i * 8 + 8), 2);
        }
        byte[] out = new byte[512];
        assertEquals(256, Hpack.huffman(in, 0, in.length, out));
        for (int s = 0; s < 256; s++) {
            assertEquals((byte) s, out[s]);
        }
    }

    private static byte[] lengthsTable() {
        try {
            java.lang.reflect.Field f = Hpack.class.getDeclaredField("CODE_LENGTH");
            f.setAccessible(true);
            return (byte[]) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void malformedInputIsAnError() {
        assertEquals(List.of("ERROR"), decode(new Hpack(), "be")); // dynamic index 62 on an empty table
        assertEquals(List.of("ERROR"), decode(new Hpack(), "80")); // index 0
        assertEquals(List.of("ERROR"), decode(new Hpack(), "4088")); // name string longer than the block
        // huffman padding of 8 bits (a whole 0xff byte after "a")
        assertEquals(List.of("ERROR"), decode(new Hpack(), "0082 1fff 0161"));
        // padding that is not ones: "0" is 00000, followed by 000 padding
        assertEquals(List.of("ERROR"), decode(new Hpack(), "0081 00 0161"));
        assertEquals(List.of("ERROR"), decode(new Hpack(), "7fff ffff ffff 0f")); // index overflows
    }

    @Test
    void sizeUpdatesEvictAndAreReported() {
        Hpack h = new Hpack();
        decode(h, "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d");
        assertEquals(1, h.tableEntries());
        List<Long> updates = new ArrayList<>();
        byte[] b = {0x20}; // size update to 0
        h.decode(b, 0, 1, new Hpack.Sink() {
            @Override
            public void header(byte[] n, int no, int nl, byte[] v, int vo, int vl) {
            }

            @Override
            public void sizeUpdate(long size) {
                updates.add(size);
            }
        });
        assertEquals(List.of(0L), updates);
        assertEquals(0, h.tableEntries());
        assertEquals(0, h.tableSize());
    }
}

package dev.rampart.engine.detect.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContentSearchTest {

    private static int naive(byte[] d, byte[] p, int from, int to, boolean nocase) {
        outer:
        for (int i = from; i + p.length <= to; i++) {
            for (int j = 0; j < p.length; j++) {
                int a = d[i + j] & 0xFF;
                int b = p[j] & 0xFF;
                if (nocase ? ContentSearch.lower(a) != ContentSearch.lower(b) : a != b) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void keepsItsOwnCopyOfThePattern() {
        byte[] a = "User-Agent".getBytes(StandardCharsets.ISO_8859_1);
        ContentSearch nocase = new ContentSearch(a, true);
        ContentSearch exact = new ContentSearch(a, false);
        a[0] = 'X'; // after the searches are made (their skip tables are made on the first search)
        byte[] data = "x: user-agent, User-Agent".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(3, nocase.indexOf(data, 0, data.length));
        assertEquals(15, exact.indexOf(data, 0, data.length));
        assertEquals(-1, exact.indexOf(data, 0, 14));
    }

    @Test
    void ownedPatternIsFoldedInPlace() {
        byte[] p = "AbC".getBytes(StandardCharsets.ISO_8859_1);
        ContentSearch s = ContentSearch.owning(p, true);
        assertEquals("abc", new String(p, StandardCharsets.ISO_8859_1));
        byte[] d = "xxABC".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(-1, s.indexOf(d, 0, 4)); // window too short: answered before any table is made
        assertEquals(2, s.indexOf(d, 0, d.length));
    }

    @Test
    void equalContentsOfOneBuildShareOneSearch() {
        ContentSearches searches = new ContentSearches();
        byte[] a = "User-Agent".getBytes(StandardCharsets.ISO_8859_1);
        ContentSearch s1 = searches.of(a, true);
        a[0] = 'X'; // the shared search keeps its own copy of the bytes
        ContentSearch s2 = searches.of("USER-agent".getBytes(StandardCharsets.ISO_8859_1), true);
        ContentSearch exact = searches.of("User-Agent".getBytes(StandardCharsets.ISO_8859_1), false);
        org.junit.jupiter.api.Assertions.assertSame(s1, s2, "equal after case folding, both nocase");
        org.junit.jupiter.api.Assertions.assertNotSame(s1, exact);
        org.junit.jupiter.api.Assertions.assertSame(exact, searches.of("User-Agent".getBytes(StandardCharsets.ISO_8859_1), false));
        org.junit.jupiter.api.Assertions.assertNotSame(s1, new ContentSearches().of("User-Agent".getBytes(StandardCharsets.ISO_8859_1), true),
                "another build shares nothing with this one");
        assertEquals(2, searches.size());
        byte[] data = "x: user-agent".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(3, s2.indexOf(data, 0, data.length));
        assertEquals(-1, exact.indexOf(data, 0, data.length));
    }

    @Test
    void agreesWithNaiveSearchOnRandomInput() {
        Random r = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] d = new byte[r.nextInt(40)];
            for (int i = 0; i < d.length; i++) {
                d[i] = (byte) "abAB\u00ff\u0000x".charAt(r.nextInt(7));
            }
            byte[] p = new byte[1 + r.nextInt(4)];
            for (int i = 0; i < p.length; i++) {
                p[i] = (byte) "abAB\u00ff".charAt(r.nextInt(5));
            }
            boolean nocase = r.nextBoolean();
            int from = d.length == 0 ? 0 : r.nextInt(d.length + 1);
            int to = from + r.nextInt(d.length - from + 1);
            assertEquals(naive(d, p, from, to, nocase), new ContentSearch(p, nocase).indexOf(d, from, to));
        }
    }

    @Test
    void nocaseFoldsAsciiOnly() {
        byte[] d = "xx\u00c9AbC".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(3, new ContentSearch("abc".getBytes(StandardCharsets.ISO_8859_1), true).indexOf(d, 0, d.length));
        assertEquals(-1, new ContentSearch("\u00e9".getBytes(StandardCharsets.ISO_8859_1), true).indexOf(d, 0, d.length));
        assertEquals(-1, new ContentSearch("abc".getBytes(StandardCharsets.ISO_8859_1), false).indexOf(d, 0, d.length));
    }

    @Test
    void windowIsRespected() {
        byte[] d = "abcabc".getBytes(StandardCharsets.ISO_8859_1);
        ContentSearch s = new ContentSearch("abc".getBytes(StandardCharsets.ISO_8859_1), false);
        assertEquals(3, s.indexOf(d, 1, 6));
        assertEquals(-1, s.indexOf(d, 1, 5));
        assertEquals(0, s.indexOf(d, 0, 3));
    }

    @Test
    void patternsLongerThanTheShiftCapAreFound() {
        // shifts are stored capped at 255: a 300-byte pattern with its distinct bytes far from the
        // end must still be found wherever it lies, and a near miss must not be
        java.util.Random r = new java.util.Random(7);
        byte[] p = new byte[300];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i < 20 ? 'A' + i : 'z');
        }
        for (int round = 0; round < 200; round++) {
            byte[] d = new byte[700 + r.nextInt(300)];
            for (int i = 0; i < d.length; i++) {
                d[i] = (byte) (r.nextBoolean() ? 'z' : 'A' + r.nextInt(20));
            }
            int at = r.nextInt(d.length - p.length + 1);
            System.arraycopy(p, 0, d, at, p.length);
            if (round % 3 == 0) {
                d[at + r.nextInt(20)] = '#';
            }
            boolean nocase = round % 2 == 0;
            assertEquals(naive(d, p, 0, d.length, nocase), new ContentSearch(p, nocase).indexOf(d, 0, d.length));
        }
    }
}

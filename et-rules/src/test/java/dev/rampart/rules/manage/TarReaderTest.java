package dev.rampart.rules.manage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TarReaderTest {

    @Test
    void readsRegularFilesOfATarGz() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("rules/a.rules", "alert a\n");
        files.put("rules/b.rules", "x".repeat(1500));
        files.put("rules/empty.rules", "");
        List<SourceFile> out = TarReader.readTarGz(new ByteArrayInputStream(Fixtures.gzip(Fixtures.tar(files))));
        assertEquals(List.of("rules/a.rules", "rules/b.rules", "rules/empty.rules"),
                out.stream().map(SourceFile::name).toList());
        assertEquals("alert a\n", out.get(0).text());
        assertEquals(1500, out.get(1).size());
        assertEquals("b.rules", out.get(1).baseName());
        assertEquals(0, out.get(2).size());
    }

    @Test
    void skipsDirectoriesAndLinks() throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        Fixtures.writeEntry(o, "rules/", '5', new byte[0], true);
        Fixtures.writeEntry(o, "rules/link.rules", '2', new byte[0], true);
        Fixtures.writeEntry(o, "rules/x.rules", '0', "r".getBytes(StandardCharsets.UTF_8), true);
        o.write(new byte[1024]);
        List<SourceFile> out = TarReader.readTar(new ByteArrayInputStream(o.toByteArray()));
        assertEquals(1, out.size());
        assertEquals("rules/x.rules", out.get(0).name());
    }

    @Test
    void gnuLongNamesAndPaxPaths() throws Exception {
        String longName = "rules/" + "d".repeat(120) + "/very-long.rules";
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        byte[] ln = (longName + "\0").getBytes(StandardCharsets.UTF_8);
        Fixtures.writeEntry(o, "././@LongLink", 'L', ln, false);
        Fixtures.writeEntry(o, longName.substring(0, 99), '0', "one".getBytes(StandardCharsets.UTF_8), false);
        String paxPath = "rules/" + "p".repeat(110) + ".rules";
        String rec = "path=" + paxPath + "\n";
        int len = rec.length() + 4; // "NNN " prefix, three digits
        String pax = len + " " + rec;
        Fixtures.writeEntry(o, "PaxHeader", 'x', pax.getBytes(StandardCharsets.UTF_8), true);
        Fixtures.writeEntry(o, "short.rules", '0', "two".getBytes(StandardCharsets.UTF_8), true);
        o.write(new byte[1024]);
        List<SourceFile> out = TarReader.readTar(new ByteArrayInputStream(o.toByteArray()));
        assertEquals(2, out.size());
        assertEquals(longName, out.get(0).name());
        assertEquals("one", out.get(0).text());
        assertEquals(paxPath, out.get(1).name());
        assertEquals("two", out.get(1).text());
    }

    @Test
    void acceptsMissingEndBlocks() throws Exception {
        byte[] t = Fixtures.tar(Map.of("a.rules", "abc"));
        byte[] cut = Arrays.copyOf(t, t.length - 1024);
        assertEquals(1, TarReader.readTar(new ByteArrayInputStream(cut)).size());
    }

    @Test
    void rejectsTruncatedMembersAndBadHeaders() throws IOException {
        byte[] t = Fixtures.tar(Map.of("a.rules", "x".repeat(2000)));
        byte[] cut = Arrays.copyOf(t, 512 + 1000);
        IOException e = assertThrows(IOException.class, () -> TarReader.readTar(new ByteArrayInputStream(cut)));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        byte[] bad = t.clone();
        bad[0] ^= 0x01;
        e = assertThrows(IOException.class, () -> TarReader.readTar(new ByteArrayInputStream(bad)));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void detectsFormats() throws Exception {
        byte[] t = Fixtures.tar(Map.of("a.rules", "abc"));
        assertTrue(TarReader.isTar(t));
        assertFalse(TarReader.isTar("alert tcp any any -> any any (sid:1;)".repeat(20).getBytes(StandardCharsets.UTF_8)));
        byte[] gz = Fixtures.gzip(t);
        assertTrue(TarReader.isGzip(gz));
        assertFalse(TarReader.isGzip(t));
        assertArrayEquals(t, TarReader.gunzip(gz));
    }
}

package dev.rampart.rules.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSourceTest {

    @Test
    void directoryReadsRulesFilesRecursivelySorted(@TempDir Path tmp) throws Exception {
        Fixtures.writeDir(tmp, Map.of("b.rules", "B", "a.rules", "A", "sub/c.rules", "C", "notes.txt", "N"));
        List<SourceFile> files = RuleSources.directory(tmp).fetch(Downloader.create());
        assertEquals(List.of("a.rules", "b.rules", "c.rules"), files.stream().map(SourceFile::baseName).toList());
        assertEquals(tmp.resolve("a.rules").toString(), files.get(0).name());
    }

    @Test
    void singleRulesFile(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("local.rules"), "X");
        List<SourceFile> files = RuleSources.file(f).fetch(Downloader.create());
        assertEquals(1, files.size());
        assertEquals(f.toString(), files.get(0).name());
        assertEquals("X", files.get(0).text());
    }

    @Test
    void tarGzAndTgzArchives(@TempDir Path tmp) throws Exception {
        byte[] archive = Fixtures.etStyleTarGz(Fixtures.sampleFiles());
        for (String name : List.of("emerging.rules.tar.gz", "emerging.tgz")) {
            Path f = Files.write(tmp.resolve(name), archive);
            List<SourceFile> files = RuleSources.file(f).fetch(Downloader.create());
            assertEquals(List.of("rules/classification.config", "rules/emerging-exploit.rules",
                    "rules/emerging-info.rules"), files.stream().map(SourceFile::name).toList());
        }
    }

    @Test
    void plainTarAndGzippedRulesFile(@TempDir Path tmp) throws Exception {
        Path t = Files.write(tmp.resolve("r.tar"), Fixtures.tar(Map.of("rules/x.rules", "X")));
        assertEquals("rules/x.rules", RuleSources.file(t).fetch(Downloader.create()).get(0).name());
        Path gz = Files.write(tmp.resolve("one.rules.gz"), Fixtures.gzip("alert".getBytes()));
        SourceFile f = RuleSources.file(gz).fetch(Downloader.create()).get(0);
        assertEquals(tmp.resolve("one.rules").toString(), f.name());
        assertEquals("alert", f.text());
    }

    @Test
    void zipArchive(@TempDir Path tmp) throws Exception {
        Path z = tmp.resolve("r.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(z))) {
            out.putNextEntry(new java.util.zip.ZipEntry("rules/"));
            out.closeEntry();
            out.putNextEntry(new java.util.zip.ZipEntry("rules/z.rules"));
            out.write("Z".getBytes());
            out.closeEntry();
        }
        List<SourceFile> files = RuleSources.file(z).fetch(Downloader.create());
        assertEquals(1, files.size());
        assertEquals("rules/z.rules", files.get(0).name());
    }

    @Test
    void corruptArchiveNamesTheFile(@TempDir Path tmp) throws Exception {
        byte[] gz = Fixtures.etStyleTarGz(Fixtures.sampleFiles());
        Path f = Files.write(tmp.resolve("bad.tar.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        IOException e = assertThrows(IOException.class, () -> RuleSources.file(f).fetch(Downloader.create()));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void sourceFromArgument(@TempDir Path tmp) {
        assertInstanceOf(RuleSource.Directory.class, RuleSources.of(tmp.toString()));
        assertInstanceOf(RuleSource.LocalFile.class, RuleSources.of(tmp.resolve("x.tar.gz").toString()));
        RuleSource u = RuleSources.of("https://example.invalid/emerging.rules.tar.gz");
        assertInstanceOf(RuleSource.Url.class, u);
        assertTrue(((RuleSource.Url) u).companionMd5());
    }

    @Test
    void missingDirectory(@TempDir Path tmp) {
        assertThrows(IOException.class, () -> RuleSources.directory(tmp.resolve("nope")).fetch(Downloader.create()));
    }
}

package dev.rampart.engine.detect.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.detect.RuleCompileEnv;
import dev.rampart.rules.SourceRef;
import dev.rampart.rules.keyword.payload.DatasetOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFileTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void stringValuesAreBase64AndMetadataAfterACommaIsIgnored() {
        Dataset d = new Dataset("ua", "string", 100);
        // "curl/7.43.0" and "abc"
        assertTrue(DatasetFile.load(d, List.of("Y3VybC83LjQzLjA=", "", "# comment", "YWJj,some meta")));
        assertEquals(2, d.size());
        byte[] curl = b("curl/7.43.0");
        assertTrue(d.contains(curl, 0, curl.length));
        assertTrue(d.contains(b("abc"), 0, 3));
        assertFalse(d.contains(b("abd"), 0, 3));
    }

    @Test
    void malformedValuesFailTheFile() {
        assertFalse(DatasetFile.load(new Dataset("s", "string", 10), List.of("not base64!")));
        assertFalse(DatasetFile.load(new Dataset("m", "md5", 10), List.of("abcd")));
        assertFalse(DatasetFile.load(new Dataset("i", "ipv4", 10), List.of("10.0.0")));
        Dataset v4 = new Dataset("i", "ipv4", 10);
        assertTrue(DatasetFile.load(v4, List.of("10.0.0.1")));
        assertTrue(v4.contains(new byte[] {10, 0, 0, 1}, 0, 4));
    }

    @Test
    void aRelativeLoadFileIsFoundNextToTheRuleFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("set.csv"), "YWJj\n");
        DatasetOption o = new DatasetOption(DatasetOption.Command.ISSET, "s", "string", "set.csv", null, null,
                List.of(), null);
        RuleCompileEnv env = new RuleCompileEnv();
        Dataset d = env.dataset(o, new SourceRef(dir.resolve("test.rules").toString(), 1));
        assertNotNull(d);
        assertTrue(d.contains(b("abc"), 0, 3));
        // the same set named again is the one already loaded
        assertEquals(d, env.dataset(o, new SourceRef("/elsewhere/x.rules", 2)));
        DatasetOption missing = new DatasetOption(DatasetOption.Command.ISSET, "t", "string", "none.csv", null, null,
                List.of(), null);
        assertNull(env.dataset(missing, new SourceRef(dir.resolve("test.rules").toString(), 3)));
    }
}

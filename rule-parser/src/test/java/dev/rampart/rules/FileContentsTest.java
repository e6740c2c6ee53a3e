package dev.rampart.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileContentsTest {

    @Test
    void readsFilesOfEverySizeAroundThePiece(@TempDir Path dir) throws Exception {
        Random rnd = new Random(7);
        for (int size : new int[] {0, 1, FileContents.PIECE - 1, FileContents.PIECE, FileContents.PIECE + 1,
                3 * FileContents.PIECE + 17}) {
            byte[] data = new byte[size];
            rnd.nextBytes(data);
            Path f = dir.resolve("f" + size);
            Files.write(f, data);
            assertArrayEquals(data, FileContents.bytes(f), "size " + size);
        }
    }

    @Test
    void decodesUtf8() throws Exception {
        Path f = Files.createTempFile("fc", ".rules");
        try {
            String text = "alert tcp any any -> any any (msg:\"caf\u00e9 \u2713\"; sid:1;)\n";
            Files.writeString(f, text, StandardCharsets.UTF_8);
            assertEquals(text, FileContents.utf8(f));
        } finally {
            Files.deleteIfExists(f);
        }
    }
}

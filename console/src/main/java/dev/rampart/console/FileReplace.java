package dev.rampart.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The console's file saves: the new content goes to a temporary file beside the target, then is
 * renamed over it atomically, so the sensor or a restart never reads half a file.
 */
public final class FileReplace {
    /** Fills the temporary file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path tmp) throws IOException;
    }

    private FileReplace() {
    }

    /** Writes {@code file} through a temporary {@code tmpPrefix*.tmp} in its directory (created if missing). */
    public static void write(Path file, String tmpPrefix, Content content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, tmpPrefix, ".tmp");
        content.writeTo(tmp);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

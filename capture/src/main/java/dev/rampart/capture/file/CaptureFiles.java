package dev.rampart.capture.file;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.FrameSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens a capture file as a {@link FrameSource}, choosing pcap or pcapng by the magic number. */
public final class CaptureFiles {
    private CaptureFiles() {
    }

    public static FrameSource open(Path path) throws CaptureException {
        int magic = magic(path);
        if (magic == PcapngFileSource.SHB) {
            return PcapngFileSource.open(path);
        }
        if (magic == PcapFileSource.MAGIC_MICROS || magic == PcapFileSource.MAGIC_NANOS
                || magic == Integer.reverseBytes(PcapFileSource.MAGIC_MICROS)
                || magic == Integer.reverseBytes(PcapFileSource.MAGIC_NANOS)) {
            return PcapFileSource.open(path);
        }
        throw new CaptureException(path + ": offset 0: not a pcap or pcapng file (magic 0x"
                + String.format("%08x", magic) + ")");
    }

    private static int magic(Path path) throws CaptureException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(4);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // keep reading: a short read is possible on special files
            }
            if (b.hasRemaining()) {
                throw new CaptureException(path + ": offset 0: file too short for a capture file ("
                        + b.position() + " bytes)");
            }
            return b.getInt(0);
        } catch (IOException e) {
            throw new CaptureException(path + ": cannot open: " + e.getMessage(), e);
        }
    }
}

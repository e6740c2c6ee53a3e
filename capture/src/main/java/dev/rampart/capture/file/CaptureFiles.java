package dev.rampart.capture.file;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.FrameSource;
import dev.rampart.capture.PcapPacket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Opens a capture file as a {@link FrameSource}, choosing pcap or pcapng by the magic number. */
public final class CaptureFiles {
    private CaptureFiles() {
    }

    public static FrameSource open(Path path) throws CaptureException {
        return open(path, null);
    }

    /** A reader of a fanout group's file ({@link FileFanout#open}). */
    static FrameSource open(WindowedCaptureFile file) throws CaptureException {
        return open(Path.of(file.name()), file);
    }

    /** A pcap or pcapng reader by the magic number, over {@code file} or, when null, windows of its own. */
    private static FrameSource open(Path path, WindowedCaptureFile file) throws CaptureException {
        int magic = magic(path);
        if (magic == PcapngFileSource.SHB) {
            return file != null ? PcapngFileSource.open(file) : PcapngFileSource.open(path);
        }
        if (magic == PcapFileSource.MAGIC_MICROS || magic == PcapFileSource.MAGIC_NANOS
                || magic == Integer.reverseBytes(PcapFileSource.MAGIC_MICROS)
                || magic == Integer.reverseBytes(PcapFileSource.MAGIC_NANOS)) {
            return file != null ? PcapFileSource.open(file) : PcapFileSource.open(path);
        }
        if (file != null) {
            file.close();
        }
        throw new CaptureException(path + ": offset 0: not a pcap or pcapng file (magic 0x"
                + String.format("%08x", magic) + ")");
    }

    /** Frames of a small capture copied out of the file, with the link type of its first frame. */
    public record Contents(int linkType, List<PcapPacket> packets) {
    }

    /**
     * Reads a whole capture into memory (demo summaries, tests); the streaming {@link #open} is
     * the path for real work. A damaged file is an error, whatever was read before it.
     */
    public static Contents readAll(Path path) throws CaptureException {
        List<PcapPacket> packets = new ArrayList<>();
        int[] linkType = {-1};
        try (FrameSource src = open(path)) {
            while (src.poll(f -> {
                byte[] data = new byte[f.captureLength];
                f.buffer.get(f.offset, data);
                if (linkType[0] < 0) {
                    linkType[0] = f.linkType;
                }
                packets.add(new PcapPacket(f.timestampNanos / 1000, f.originalLength, data));
            }, Integer.MAX_VALUE) >= 0) {
                // until the end
            }
        }
        return new Contents(linkType[0], packets);
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

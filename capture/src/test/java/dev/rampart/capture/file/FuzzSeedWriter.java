package dev.rampart.capture.file;

import static dev.rampart.capture.file.TestCaptureWriter.payload;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Regenerates the committed fuzz seed corpus:
 * {@code mvn -pl capture test -Dtest=FuzzSeedWriter -Drampart.writeFuzzSeeds=true}.
 */
class FuzzSeedWriter {
    private static final Path INPUTS =
            Path.of("src/test/resources/dev/rampart/capture/file/CaptureFileFuzzTestInputs");

    @Test
    @EnabledIfSystemProperty(named = "rampart.writeFuzzSeeds", matches = "true")
    void write() throws IOException {
        Map<String, byte[]> pcap = new LinkedHashMap<>();
        byte[] valid = new TestCaptureWriter.Pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1)
                .record(1, 2, payload(42, 1)).record(3, 4, 20, 60, payload(20, 2)).record(5, 6, payload(0, 0))
                .bytes();
        pcap.put("valid-le-us", valid);
        pcap.put("valid-be-ns", new TestCaptureWriter.Pcap(ByteOrder.BIG_ENDIAN, true, 96, 101)
                .record(1, 999_999_999, payload(100, 3)).record(2, 0, payload(28, 4)).bytes());
        pcap.put("header-only-sll2", new TestCaptureWriter.Pcap(ByteOrder.LITTLE_ENDIAN, false, 0, 276).bytes());
        pcap.put("truncated-record", Arrays.copyOf(valid, valid.length - 30));
        pcap.put("truncated-header", Arrays.copyOf(valid, valid.length - 10 - 16 - 0));
        pcap.put("caplen-over-origlen", new TestCaptureWriter.Pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1)
                .record(1, 0, 30, 10, payload(30, 5)).bytes());
        pcap.put("caplen-huge", new TestCaptureWriter.Pcap(ByteOrder.BIG_ENDIAN, false, 65535, 0)
                .record(1, 0, 0x7fff_ffff, -1, payload(8, 5)).bytes());
        pcap.put("unsupported-linktype", new TestCaptureWriter.Pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 147)
                .record(1, 0, payload(8, 5)).bytes());
        pcap.put("not-pcap", "GET / HTTP/1.1\r\n\r\n".getBytes());
        pcap.put("short", new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0});

        Map<String, byte[]> pcapng = new LinkedHashMap<>();
        byte[] two = new TestCaptureWriter.Pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(1, 65535, null, null)
                .interfaceDescription(101, 128, 9, 10L)
                .enhancedPacket(0, 1_000_000L, payload(60, 1))
                .block(4, new byte[] {1, 0, 8, 0, 10, 0, 0, 1, 'a', '.', 'b', 0, 0, 0, 0, 0})
                .enhancedPacket(1, 5_000_000_000L, payload(200, 2))
                .simplePacket(70, payload(70, 3))
                .obsoletePacket(1, 7L, payload(33, 4))
                .block(5, new byte[20])
                .block(0x0A, new byte[] {0x4b, 0x53, 0x4c, 0x54, 0, 0, 0, 0})
                .block(0xBAD, new byte[] {0, 0, 0x7e, (byte) 0xd9, 1, 2, 3, 4})
                .bytes();
        pcapng.put("two-interfaces-le", two);
        pcapng.put("two-sections-be-le", new TestCaptureWriter.Pcapng(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(229, 0, 0x80 | 20, null)
                .enhancedPacket(0, 3L << 20, payload(40, 5))
                .section(ByteOrder.LITTLE_ENDIAN, 0)
                .interfaceDescription(113, 65535, 3, -5L)
                .enhancedPacket(0, 42, payload(16, 6))
                .bytes());
        pcapng.put("truncated", Arrays.copyOf(two, two.length - 50));
        byte[] badTrailer = two.clone();
        badTrailer[badTrailer.length - 1] ^= 1;
        pcapng.put("bad-trailer", badTrailer);
        pcapng.put("spb-without-idb", new TestCaptureWriter.Pcapng(ByteOrder.LITTLE_ENDIAN)
                .simplePacket(10, payload(10, 1)).bytes());
        pcapng.put("undefined-interface", new TestCaptureWriter.Pcapng(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(1, 0, null, null).enhancedPacket(3, 0, payload(10, 1)).bytes());
        pcapng.put("unsupported-linktype", new TestCaptureWriter.Pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(147, 0, null, null).enhancedPacket(0, 0, payload(10, 1)).bytes());
        pcapng.put("shb-only", new TestCaptureWriter.Pcapng(ByteOrder.LITTLE_ENDIAN).bytes());

        writeAll(INPUTS.resolve("pcapFile"), pcap);
        writeAll(INPUTS.resolve("pcapngFile"), pcapng);
    }

    private static void writeAll(Path dir, Map<String, byte[]> seeds) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : seeds.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
    }
}

package dev.rampart.engine.decode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.capture.Frame;
import dev.rampart.capture.LinkType;
import dev.rampart.engine.defrag.DefragConfig;
import dev.rampart.engine.defrag.DefragCounters;
import dev.rampart.engine.defrag.DefragPolicy;
import dev.rampart.engine.defrag.Defragmenter;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Arbitrary bytes as frames of every link type through the decoder and the defragmenter: no
 * exception may escape, nothing may hang, and every offset a packet reports stays inside its
 * buffer. In {@code mvn test} this replays the kept corpus
 * ({@code src/test/resources/dev/rampart/engine/decode/DecoderFuzzTestInputs/decodeFrames/});
 * with {@code JAZZER_FUZZ=1} it fuzzes.
 *
 * <p>Input format (simple on purpose, so real frames make good seeds): byte 0 picks the decoder
 * setup (defrag policy, checksum mode, max layers); then records of
 * {@code [flags:1][length:2 big-endian][frame bytes]}, where flags bits 0-3 pick the link type,
 * bits 4-5 an offset of the frame inside its buffer, bit 6 jumps the clock past the defrag timeout.
 */
class DecoderFuzzTest {
    static final int[] LINK_TYPES = {
        LinkType.ETHERNET, LinkType.RAW, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.NULL, LinkType.LOOP,
        LinkType.IPV4, LinkType.IPV6, LinkType.RAW_DLT12, 999,
    };
    private static final DefragPolicy[] POLICIES = DefragPolicy.values();
    private static final Defragmenter[] DEFRAG = new Defragmenter[POLICIES.length];
    private static final PacketDecoder[] DECODERS = new PacketDecoder[POLICIES.length];

    static {
        for (int i = 0; i < POLICIES.length; i++) {
            DefragConfig cfg = new DefragConfig().policy(POLICIES[i]);
            cfg.maxTrackers = 8;      // small limits so inputs reach them
            cfg.maxFragments = 32;
            cfg.trackerMemcap = 64 * 1024;
            cfg.timeoutSeconds = 30;
            DEFRAG[i] = new Defragmenter(cfg, new DefragCounters());
            DECODERS[i] = new PacketDecoder(new DecodeCounters(), i % 2 == 0 ? ChecksumMode.ALL : ChecksumMode.NONE,
                    DEFRAG[i], i == 0 ? 6 : PacketDecoder.DEFAULT_MAX_LAYERS).decodeIpv4InIpv4(i % 3 == 0);
        }
    }

    private final Frame frame = new Frame();
    private final Packet p = new Packet();
    private final Packet rp = new Packet();

    @FuzzTest(maxDuration = "10m")
    void decodeFrames(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int which = (input[0] & 0xFF) % POLICIES.length;
        PacketDecoder decoder = DECODERS[which];
        DEFRAG[which].reset();
        long ts = 0;
        int pos = 1;
        int index = 0;
        while (pos < input.length) {
            int flags = input[pos++] & 0xFF;
            int len = 0;
            if (pos + 2 <= input.length) {
                len = ((input[pos] & 0xFF) << 8) | (input[pos + 1] & 0xFF);
                pos += 2;
            }
            len = Math.min(len, input.length - pos);
            int pad = (flags >>> 4) & 3;
            byte[] buf = new byte[pad + len + (flags & 0x80) / 32];
            System.arraycopy(input, pos, buf, pad, len);
            pos += len;
            ts += (flags & 0x40) != 0 ? 100_000_000_000L : 1_000_000L;
            int linkType = LINK_TYPES[(flags & 0x0F) % LINK_TYPES.length];
            frame.set(ByteBuffer.wrap(buf), pad, len, len, linkType, ts, ++index, 0);
            if (decoder.decode(frame, p)) {
                decoder.decodeReassembled(rp);
                checkBounds(rp, 0, rp.frameLength);
            }
            checkBounds(p, pad, pad + len);
        }
    }

    private static void checkBounds(Packet p, int start, int end) {
        assertTrue(p.eventCount <= Packet.MAX_EVENTS);
        if (p.ipVersion != 0) {
            assertTrue(p.l3Offset >= start && p.l3Offset + p.l3HeaderLength <= end, "l3 inside the frame");
        }
        if (p.l4Offset > 0) {
            assertTrue(p.l4Offset >= start && p.l4Offset + p.l4Length <= end, "l4 inside the frame");
        }
        if (p.payloadLength > 0) {
            assertTrue(p.payloadOffset >= start && p.payloadOffset + p.payloadLength <= end, "payload inside");
        }
        if (p.tcpSackBlocks > 0) {
            assertTrue(p.tcpSackOffset + 8 * p.tcpSackBlocks <= end, "SACK blocks inside");
        }
    }
}

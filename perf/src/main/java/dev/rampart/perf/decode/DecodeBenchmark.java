package dev.rampart.perf.decode;

import dev.rampart.capture.Frame;
import dev.rampart.capture.LinkType;
import dev.rampart.engine.decode.ChecksumMode;
import dev.rampart.engine.decode.DecodeCounters;
import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.decode.PacketDecoder;
import dev.rampart.engine.defrag.DefragConfig;
import dev.rampart.engine.defrag.DefragCounters;
import dev.rampart.engine.defrag.Defragmenter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Decoding cost per packet: Ethernet/IPv4/TCP (timestamps + SACK-permitted options, 200-byte
 * payload) and Ethernet/IPv6/UDP (100-byte payload), from a preallocated buffer into a reused
 * {@link Packet}. Run with {@code -prof gc} to see the allocation rate (expected ~0 B/op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class DecodeBenchmark {

    /** "none" or "all" (Suricata's -k): checksum validation doubles as a payload read. */
    @Param({"none", "all"})
    public String checksums;

    private PacketDecoder decoder;
    private final Packet packet = new Packet();
    private final Frame tcp4 = new Frame();
    private final Frame udp6 = new Frame();

    @Setup(Level.Trial)
    public void setUp() {
        decoder = new PacketDecoder(new DecodeCounters(), ChecksumMode.parse(checksums),
                new Defragmenter(new DefragConfig(), new DefragCounters()));
        byte[] a = ethIpv4Tcp();
        byte[] b = ethIpv6Udp();
        // both frames live in one direct buffer, as a mapped capture file would hold them
        ByteBuffer buf = ByteBuffer.allocateDirect(a.length + b.length + 64);
        buf.put(0, a);
        buf.put(a.length + 32, b);
        tcp4.set(buf, 0, a.length, a.length, LinkType.ETHERNET, 1, 1, 0);
        udp6.set(buf, a.length + 32, b.length, b.length, LinkType.ETHERNET, 2, 2, 0);
    }

    @Benchmark
    public int ethernetIpv4Tcp() {
        decoder.decode(tcp4, packet);
        return packet.srcPort + packet.payloadLength;
    }

    @Benchmark
    public int ethernetIpv6Udp() {
        decoder.decode(udp6, packet);
        return packet.dstPort + packet.payloadLength;
    }

    static byte[] ethIpv4Tcp() {
        int payload = 200;
        byte[] opts = {1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 1, 1, 4, 2, 1, 1, 1, 0};
        int tcpLen = 20 + opts.length + payload;
        ByteBuffer b = ByteBuffer.allocate(14 + 20 + tcpLen);
        ethernet(b, 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + tcpLen)).putShort((short) 1).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0).putInt(0xC0A80001).putInt(0x0A000002);
        b.putShort((short) 40000).putShort((short) 80).putInt(1000).putInt(2000)
                .put((byte) (((20 + opts.length) / 4) << 4)).put((byte) 0x18).putShort((short) 1024)
                .putShort((short) 0).putShort((short) 0).put(opts);
        for (int i = 0; i < payload; i++) {
            b.put((byte) i);
        }
        byte[] a = b.array();
        fixIpv4Checksum(a, 14);
        fixL4Checksum(a, 14, 20, 6, 16);
        return a;
    }

    static byte[] ethIpv6Udp() {
        int payload = 100;
        ByteBuffer b = ByteBuffer.allocate(14 + 40 + 8 + payload);
        ethernet(b, 0x86DD);
        b.putInt(6 << 28).putShort((short) (8 + payload)).put((byte) 17).put((byte) 64);
        b.putLong(0x20010db800000000L).putLong(1).putLong(0x20010db800000000L).putLong(2);
        b.putShort((short) 5353).putShort((short) 53).putShort((short) (8 + payload)).putShort((short) 0);
        for (int i = 0; i < payload; i++) {
            b.put((byte) i);
        }
        byte[] a = b.array();
        fixL4Checksum(a, 14, 40, 17, 6);
        return a;
    }

    private static void ethernet(ByteBuffer b, int type) {
        b.put(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}).putShort((short) type);
    }

    private static void fixIpv4Checksum(byte[] a, int ip) {
        long sum = 0;
        for (int i = ip; i < ip + 20; i += 2) {
            sum += ((a[i] & 0xFF) << 8) | (a[i + 1] & 0xFF);
        }
        int c = fold(sum);
        a[ip + 10] = (byte) (c >>> 8);
        a[ip + 11] = (byte) c;
    }

    private static void fixL4Checksum(byte[] a, int ip, int hlen, int proto, int field) {
        boolean v4 = hlen == 20;
        int l4 = ip + hlen;
        int len = a.length - l4;
        long sum = proto + len;
        int addrFrom = v4 ? ip + 12 : ip + 8;
        int addrTo = v4 ? ip + 20 : ip + 40;
        for (int i = addrFrom; i < addrTo; i += 2) {
            sum += ((a[i] & 0xFF) << 8) | (a[i + 1] & 0xFF);
        }
        for (int i = l4; i < a.length; i += 2) {
            sum += ((a[i] & 0xFF) << 8) | (i + 1 < a.length ? a[i + 1] & 0xFF : 0);
        }
        int c = fold(sum);
        a[l4 + field] = (byte) (c >>> 8);
        a[l4 + field + 1] = (byte) c;
    }

    private static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }
}

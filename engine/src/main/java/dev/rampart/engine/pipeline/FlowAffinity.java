package dev.rampart.engine.pipeline;

import dev.rampart.capture.LinkType;
import java.nio.ByteBuffer;

/**
 * Picks the worker of a frame from its IP address pair, read straight from the frame bytes (no
 * full decode on the capture thread). The hash is symmetric, so both directions of a flow land
 * on the same worker; hashing the address pair only (not the ports) also keeps IP fragments,
 * which carry no ports after the first, with the rest of their flow. Frames that are not IP go
 * to worker 0. The capture thread calls it on the frame in place (a window of the mapped file),
 * before the frame is copied into its worker's ring.
 */
public final class FlowAffinity {
    private FlowAffinity() {
    }

    public static int worker(byte[] f, int len, int linkType, int workers) {
        return worker(ByteBuffer.wrap(f), 0, len, linkType, workers);
    }

    /** The worker of the frame at {@code b[base, base + len)} (absolute gets; the buffer's position is not used). */
    public static int worker(ByteBuffer buf, int base, int len, int linkType, int workers) {
        if (workers <= 1) {
            return 0;
        }
        int ip;
        int etherType;
        switch (linkType) {
            case LinkType.ETHERNET -> {
                if (len < 14) {
                    return 0;
                }
                int off = 12;
                etherType = u16(buf, base + off);
                off += 2;
                // VLAN / QinQ tags
                while ((etherType == 0x8100 || etherType == 0x88A8 || etherType == 0x9100) && off + 4 <= len) {
                    etherType = u16(buf, base + off + 2);
                    off += 4;
                }
                ip = off;
            }
            case LinkType.LINUX_SLL -> {
                if (len < 16) {
                    return 0;
                }
                etherType = u16(buf, base + 14);
                ip = 16;
            }
            case LinkType.LINUX_SLL2 -> {
                if (len < 20) {
                    return 0;
                }
                etherType = u16(buf, base);
                ip = 20;
            }
            case LinkType.NULL, LinkType.LOOP -> {
                ip = 4;
                etherType = 0; // decided by the IP version nibble
            }
            case LinkType.RAW, LinkType.RAW_DLT12, LinkType.RAW_DLT14, LinkType.IPV4, LinkType.IPV6 -> {
                ip = 0;
                etherType = 0;
            }
            default -> {
                return 0;
            }
        }
        if (ip >= len) {
            return 0;
        }
        int version = (buf.get(base + ip) & 0xF0) >>> 4;
        if (etherType != 0 && etherType != 0x0800 && etherType != 0x86DD) {
            return 0;
        }
        long h;
        if (version == 4 && ip + 20 <= len) {
            long a = u32(buf, base + ip + 12);
            long b = u32(buf, base + ip + 16);
            h = mix(a) + mix(b); // + is symmetric
        } else if (version == 6 && ip + 40 <= len) {
            long a = mix(u32(buf, base + ip + 8) ^ u32(buf, base + ip + 12) * 31 ^ u32(buf, base + ip + 16) * 961 ^ u32(buf, base + ip + 20) * 29791);
            long b = mix(u32(buf, base + ip + 24) ^ u32(buf, base + ip + 28) * 31 ^ u32(buf, base + ip + 32) * 961 ^ u32(buf, base + ip + 36) * 29791);
            h = a + b;
        } else {
            return 0;
        }
        return (int) Long.remainderUnsigned(mix(h), workers);
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }

    // byte gets: whatever byte order the reader gave its buffer
    private static int u16(ByteBuffer b, int o) {
        return (b.get(o) & 0xFF) << 8 | b.get(o + 1) & 0xFF;
    }

    private static long u32(ByteBuffer b, int o) {
        return (long) (b.get(o) & 0xFF) << 24 | (b.get(o + 1) & 0xFF) << 16 | (b.get(o + 2) & 0xFF) << 8 | b.get(o + 3) & 0xFF;
    }
}

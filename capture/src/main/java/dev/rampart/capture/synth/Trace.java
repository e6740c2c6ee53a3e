package dev.rampart.capture.synth;

import dev.rampart.capture.PcapPacket;
import dev.rampart.capture.PcapWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A synthetic capture being built: Ethernet frames with timestamps from a clock that the builder
 * moves forward explicitly, so the same program always produces the same bytes.
 */
public final class Trace {
    private final List<PcapPacket> packets = new ArrayList<>();
    private long nowMicros;
    private final long stepMicros;

    /**
     * @param startMicros timestamp of the first frame, microseconds since the epoch
     * @param stepMicros  how far the clock moves after each frame
     */
    public Trace(long startMicros, long stepMicros) {
        this.nowMicros = startMicros;
        this.stepMicros = stepMicros;
    }

    /** Adds a frame at the current time and moves the clock by the step. */
    public void add(byte[] frame) {
        packets.add(new PcapPacket(nowMicros, frame.length, frame));
        nowMicros += stepMicros;
    }

    /** Moves the clock forward (a pause between conversations). */
    public void advance(long micros) {
        if (micros < 0) {
            throw new IllegalArgumentException("time only moves forward");
        }
        nowMicros += micros;
    }

    public long now() {
        return nowMicros;
    }

    /** An IPv4/UDP frame from {@code src} to {@code dst}. */
    public void udp(Host src, int srcPort, Host dst, int dstPort, int ipId, byte[] payload) {
        byte[] udp = Udp.datagram(src.ip(), dst.ip(), srcPort, dstPort, payload);
        add(Ethernet.frame(dst.mac(), src.mac(), Ethernet.TYPE_IPV4,
                Ipv4.packet(src.ip(), dst.ip(), Ipv4.PROTO_UDP, ipId, 64, udp)));
    }

    public List<PcapPacket> packets() {
        return Collections.unmodifiableList(packets);
    }

    public void writeTo(PcapWriter w) throws IOException {
        for (PcapPacket p : packets) {
            w.write(p);
        }
        w.flush();
    }
}

package dev.rampart.engine.testutil;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.flow.Flow;
import dev.rampart.engine.flow.FlowConfig;
import dev.rampart.engine.flow.FlowTable;
import dev.rampart.engine.stream.StreamConfig;
import dev.rampart.engine.stream.TcpSession;
import dev.rampart.engine.stream.TcpTracker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** One client/server TCP conversation driven through a flow table and a tracker. */
public final class TcpHarness {
    public static final long CLIENT = TestPackets.ip(10, 0, 0, 1);
    public static final long SERVER = TestPackets.ip(10, 0, 0, 2);
    public static final int CPORT = 40000;
    public static final int SPORT = 80;

    public final FlowTable flows;
    public final TcpTracker tracker;
    public final RecordingConsumer app = new RecordingConsumer();
    public final RecordingConsumer raw = new RecordingConsumer();
    public final Packet packet = new Packet();
    private final ByteBuffer buf = ByteBuffer.allocate(70_000);
    public long now = 1_000_000_000L;
    public Flow flow;

    public TcpHarness(StreamConfig config) {
        tracker = new TcpTracker(config, app, raw);
        flows = new FlowTable(FlowConfig.withMaxFlows(64), tracker);
        flows.setReuseCheck(tracker);
    }

    public Flow c2s(int flags, long seq, long ack, String payload) {
        return send(true, flags, seq, ack, 65535, payload);
    }

    public Flow s2c(int flags, long seq, long ack, String payload) {
        return send(false, flags, seq, ack, 65535, payload);
    }

    public Flow send(boolean fromClient, int flags, long seq, long ack, int window, String payload) {
        return send(fromClient, flags, seq, ack, window, payload, -1, 0);
    }

    /** As {@link #send}, with a TCP timestamp option (tsVal, tsEcr) unless {@code tsVal} is negative. */
    public Flow send(boolean fromClient, int flags, long seq, long ack, int window, String payload, long tsVal,
                     long tsEcr) {
        byte[] data = payload == null ? null : payload.getBytes(StandardCharsets.ISO_8859_1);
        now += 1_000_000;
        if (fromClient) {
            TestPackets.tcp(packet, buf, CLIENT, CPORT, SERVER, SPORT, flags, seq, ack, window, data, now);
        } else {
            TestPackets.tcp(packet, buf, SERVER, SPORT, CLIENT, CPORT, flags, seq, ack, window, data, now);
        }
        if (tsVal >= 0) {
            packet.tcpHasTimestamp = true;
            packet.tcpTsVal = tsVal;
            packet.tcpTsEcr = tsEcr;
        }
        Flow f = flows.handle(packet);
        tracker.handle(f, packet);
        flow = f;
        return f;
    }

    /** SYN, SYN/ACK, ACK with the given initial sequence numbers. */
    public void handshake(long cIsn, long sIsn) {
        c2s(Packet.TCP_SYN, cIsn, 0, null);
        s2c(Packet.TCP_SYN | Packet.TCP_ACK, sIsn, cIsn + 1, null);
        c2s(Packet.TCP_ACK, cIsn + 1, sIsn + 1, null);
    }

    public TcpSession session() {
        return TcpTracker.session(flow);
    }

    public void end() {
        flows.flush(now);
    }
}

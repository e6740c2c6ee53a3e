package dev.rampart.engine.detect;

import dev.rampart.engine.applayer.AppFlow;
import dev.rampart.engine.applayer.AppLayer;
import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.detect.payload.InspectScratch;
import dev.rampart.engine.detect.xbits.XbitTable;
import dev.rampart.engine.flow.Flow;
import dev.rampart.engine.stream.TcpSession;
import dev.rampart.engine.stream.TcpState;

/**
 * Everything one worker knows about the packet being inspected, refilled per packet (no
 * allocation): the packet and its flow, its direction, the flow's detection state, a copy of the
 * packet payload as a byte array (payload programs and the prefilter read arrays), and the raw
 * stream chunk to inspect, if any. One per worker, never shared.
 */
public final class DetectContext {
    public Packet packet;
    /** The packet's flow, or null (not flow-tracked). */
    public Flow flow;
    /** Detection state of {@link #flow}; null without a flow. */
    public FlowDetectState flowState;
    public boolean toServer;
    /** Suricata's FLOW_PKT_ESTABLISHED for this packet. */
    public boolean established;
    /** The flow's app-layer state, or null; and its protocol (UNKNOWN while undecided). */
    public AppFlow app;
    public AppProto appProto = AppProto.UNKNOWN;
    /** Pseudo packet made at flow end to inspect the rest of a stream (Suricata's PKT_PSEUDO_STREAM_END). */
    public boolean pseudo;
    /**
     * The pseudo packet is one of the pair Suricata makes when a flow's app-layer protocol
     * changes (StreamTcpDetectLogFlush, pkt_src "stream (detect/log)"): unlike flow-end pseudo
     * packets, rules without payload inspection are checked on it.
     */
    public boolean detectLogFlush;

    /** Packet payload copy: {@code payload[0, payloadLength)}. */
    public byte[] payload = new byte[65536];
    public int payloadLength;
    /**
     * The packet's payload is not inspected (Suricata's PKT_NOPAYLOAD_INSPECTION: a tunnel's outer
     * layer, a flow whose app layer turned payload inspection off): {@link #payloadLength} is 0 and
     * rules that need a payload (dsize above 0 included) do not match.
     */
    public boolean noPayload;

    /** A header buffer's bytes (ipv4.hdr, tcp.hdr, ...), filled by {@link HeaderBufferMatcher}; grows as needed. */
    public byte[] header = new byte[256];

    /** Raw stream data to inspect with this packet (Suricata's PKT_DETECT_HAS_STREAMDATA), or length 0. */
    public byte[] streamData;
    public int streamOffset;
    public int streamLength;
    public boolean hasStreamData;
    /**
     * The chunk's contiguous blocks (data missing between them): block i spans
     * {@code [streamBlockStarts[i], streamBlockEnd(i))} of {@link #streamData}.
     */
    public int[] streamBlockStarts = new int[StreamWindow.MAX_BLOCKS];
    public int streamBlockCount;

    /** Stream engine events raised while handling this packet, bits of {@code StreamEvent} ordinals. */
    public long streamEvents;

    public final InspectScratch inspect = new InspectScratch();
    public final dev.rampart.engine.detect.transform.TransformScratch transforms =
            new dev.rampart.engine.detect.transform.TransformScratch();
    public final dev.rampart.engine.applayer.Slice transformed = new dev.rampart.engine.applayer.Slice();

    /** Host bits (hostbits, xbits ip_src/ip_dst) and IP-pair bits of this worker; set by the stage. */
    public XbitTable hostbits;
    public XbitTable ippairbits;

    /** Loads the packet: flow, direction, established flag and the payload copy. */
    void load(Packet p) {
        packet = p;
        pseudo = false;
        detectLogFlush = false;
        flow = p.flowRef instanceof Flow f ? f : null;
        toServer = p.toServer;
        established = flow != null && isEstablished(flow, p);
        app = AppLayer.of(flow);
        appProto = app == null ? AppProto.UNKNOWN : app.proto();
        // a tunnel's outer layer: its payload is the inner packet, inspected on its own
        noPayload = p.noPayloadInspection;
        int n = noPayload ? 0 : p.payloadLength;
        if (n > payload.length) {
            payload = new byte[Math.max(n, payload.length * 2)];
        }
        if (n > 0) {
            p.buffer.get(p.payloadOffset, payload, 0, n);
        }
        payloadLength = Math.max(n, 0);
        streamData = null;
        streamOffset = streamLength = 0;
        hasStreamData = false;
        streamEvents = 0;
        streamBlockCount = 0;
    }

    /** Sets one contiguous stream chunk {@code data[off, off+len)}. */
    void setStreamChunk(byte[] data, int off, int len) {
        streamData = data;
        streamOffset = off;
        streamLength = len;
        streamBlockStarts[0] = off;
        streamBlockCount = 1;
        hasStreamData = true;
    }

    /** Sets the window's pending bytes, block by block. */
    void setStreamChunk(StreamWindow w) {
        streamData = w.buf;
        streamOffset = 0;
        streamLength = w.length;
        System.arraycopy(w.blockStarts, 0, streamBlockStarts, 0, w.blockCount);
        streamBlockCount = w.blockCount;
        hasStreamData = true;
    }

    public int streamBlockEnd(int i) {
        return i + 1 < streamBlockCount ? streamBlockStarts[i + 1] : streamOffset + streamLength;
    }

    /**
     * TCP: the session reached ESTABLISHED (the packet completing the handshake included); other
     * protocols: packets were seen in both directions.
     */
    private static boolean isEstablished(Flow f, Packet p) {
        if (p.isTcp()) {
            // the state before the tracker handled this packet (Suricata's FLOW_PKT_ESTABLISHED is set
            // by the flow stage, ahead of the stream engine): the handshake's last ACK is not established
            return f.protoState instanceof TcpSession && p.tcpStateBefore >= TcpState.ESTABLISHED;
        }
        return f.pktsToServer > 0 && f.pktsToClient > 0;
    }
}

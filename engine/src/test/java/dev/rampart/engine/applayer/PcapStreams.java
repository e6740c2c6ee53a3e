package dev.rampart.engine.applayer;

import dev.rampart.capture.Frame;
import dev.rampart.capture.FrameSource;
import dev.rampart.capture.file.CaptureFiles;
import dev.rampart.engine.decode.ChecksumMode;
import dev.rampart.engine.decode.DecodeCounters;
import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.decode.PacketDecoder;
import dev.rampart.engine.flow.Flow;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.engine.stream.StreamConsumer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: the reassembled TCP streams and the UDP datagrams of a capture. */
public final class PcapStreams {
    /** Resolves a suricata-verify file relative to the engine module (null when shared is absent). */
    public static Path sv(String test, String file) {
        Path p = Path.of("..").resolve("..").resolve("shared/conformance/suricata-verify/tests").resolve(test).resolve(file);
        return Files.isRegularFile(p) ? p : null;
    }

    public static final class TcpFlow {
        public int clientPort;
        public int serverPort;
        public final ByteArrayOutputStream toServer = new ByteArrayOutputStream();
        public final ByteArrayOutputStream toClient = new ByteArrayOutputStream();
    }

    public record Datagram(boolean toServer, int srcPort, int dstPort, byte[] payload) {}

    public static List<TcpFlow> tcp(Path pcap) throws Exception {
        Map<Long, TcpFlow> flows = new LinkedHashMap<>();
        StreamConsumer app = new StreamConsumer() {
            @Override
            public int onData(Flow flow, boolean toServer, byte[] data, int offset, int length, long streamOffset) {
                TcpFlow f = flows.computeIfAbsent(flow.flowId, k -> new TcpFlow());
                f.clientPort = flow.srcPort;
                f.serverPort = flow.dstPort;
                (toServer ? f.toServer : f.toClient).write(data, offset, length);
                return length;
            }

            @Override
            public void onGap(Flow flow, boolean toServer, long streamOffset, long length) {}
        };
        PacketPath path = new PacketPath(new PacketPath.Config(), app, StreamConsumer.DISCARD);
        try (FrameSource src = CaptureFiles.open(pcap)) {
            while (src.poll(path, 64) >= 0) {
                // drain
            }
        }
        path.finish();
        return new ArrayList<>(flows.values());
    }

    /** UDP datagrams; the sender of the first datagram of a port pair is the client. */
    public static List<Datagram> udp(Path pcap) throws Exception {
        List<Datagram> out = new ArrayList<>();
        Map<String, String> clientOf = new LinkedHashMap<>();
        PacketDecoder decoder = new PacketDecoder(new DecodeCounters(), ChecksumMode.NONE, null);
        Packet p = new Packet();
        CaptureFiles.Contents contents = CaptureFiles.readAll(pcap);
        for (var pkt : contents.packets()) {
            Frame f = new Frame();
            byte[] d = pkt.data();
            f.set(ByteBuffer.wrap(d), 0, d.length, pkt.originalLength(), contents.linkType(), 0, 0, 0);
            decoder.decode(f, p); // true only when a fragmented datagram completed
            if (p.invalid || p.ipProto != 17) {
                continue;
            }
            String a = p.srcHi + ":" + p.srcLo + ":" + p.srcPort;
            String b = p.dstHi + ":" + p.dstLo + ":" + p.dstPort;
            String key = a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
            String client = clientOf.computeIfAbsent(key, k -> a);
            byte[] payload = java.util.Arrays.copyOfRange(d, p.payloadOffset, p.payloadOffset + p.payloadLength);
            out.add(new Datagram(client.equals(a), p.srcPort, p.dstPort, payload));
        }
        return out;
    }
}

package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.PcapWriter;
import dev.rampart.capture.synth.Ethernet;
import dev.rampart.capture.synth.Host;
import dev.rampart.capture.synth.Ipv4;
import dev.rampart.capture.synth.Tcp;
import dev.rampart.capture.synth.Trace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * When an HTTP response cut short by the end of its TCP stream is finished, and so when its body
 * rules alert: Suricata hands the app layer the end of a stream (STREAM_EOF) on the packet that
 * closes the TCP session, both directions after a FIN/ACK close, only the sender's after an RST.
 * The expected pcap_cnt of each capture is what Suricata 7.0.10 reported for the same bytes
 * ({@code -Deos.dump=DIR} writes the captures and {@link #RULES} for the oracle); 0 is an alert on
 * the flow-end pseudo packet.
 */
class EndOfStreamAlertsTest {
    static final String[] RULES = {
        "alert http any any -> any any (msg:\"response body\"; flow:established,to_client; file_data; content:\"secret\"; sid:1;)",
        "alert http any any -> any any (msg:\"request body\"; flow:established,to_server; http.request_body; content:\"secret\"; sid:3;)",
    };
    private static final Host CLIENT = Host.of("10.0.0.1", "02:00:00:00:00:01");
    private static final Host SERVER = Host.of("10.0.0.2", "02:00:00:00:00:02");
    private static final byte[] GET = ascii("GET /f HTTP/1.1\r\nHost: x\r\n\r\n");
    private static final byte[] SHORT = ascii("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nthe secret is out");
    private static final byte[] CLOSE10 = ascii("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nthe secret is out");
    private static final byte[] CHUNKED = ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n100\r\nthe secret is out");
    private static final byte[] CHUNKED_SIZE = ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n11\r\nthe secret is out\r\n5");
    private static final byte[] CHUNKED_CRLF = ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n11\r\nthe secret is out");
    private static final byte[] POST = ascii("POST /u HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nthe secret is out");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** One connection with hand-placed flags; sequence and acknowledgement numbers kept right. */
    private static final class Conv {
        final Trace trace = new Trace(1_700_000_000_000_000L, 1000);
        long cSeq = 1000;
        long sSeq = 5000;

        Conv() {
            c(Tcp.SYN, 0, new byte[0]);
            cSeq++;
            s(Tcp.SYN | Tcp.ACK, new byte[0]);
            sSeq++;
            c(Tcp.ACK, new byte[0]);
        }

        Conv c(int flags, byte[] data) {
            return c(flags, flags == Tcp.SYN ? 0 : sSeq, data);
        }

        private Conv c(int flags, long ack, byte[] data) {
            emit(true, cSeq, ack, flags, data);
            cSeq += data.length + ((flags & Tcp.FIN) != 0 ? 1 : 0);
            return this;
        }

        Conv s(int flags, byte[] data) {
            emit(false, sSeq, cSeq, flags, data);
            sSeq += data.length + ((flags & Tcp.FIN) != 0 ? 1 : 0);
            return this;
        }

        Conv c(int flags) {
            return c(flags, new byte[0]);
        }

        Conv s(int flags) {
            return s(flags, new byte[0]);
        }

        private void emit(boolean fromClient, long seq, long ack, int flags, byte[] data) {
            Host src = fromClient ? CLIENT : SERVER;
            Host dst = fromClient ? SERVER : CLIENT;
            byte[] seg = Tcp.segment(src.ip(), dst.ip(), fromClient ? 40000 : 80, fromClient ? 80 : 40000,
                    seq & 0xffffffffL, (flags & Tcp.ACK) != 0 ? ack & 0xffffffffL : 0, flags, 64000, new byte[0], data);
            trace.add(Ethernet.frame(dst.mac(), src.mac(), Ethernet.TYPE_IPV4,
                    Ipv4.packet(src.ip(), dst.ip(), Ipv4.PROTO_TCP, 1, 64, seg)));
        }
    }

    private static final int A = Tcp.ACK;
    private static final int PA = Tcp.PSH | Tcp.ACK;
    private static final int FA = Tcp.FIN | Tcp.ACK;
    private static final int RA = Tcp.RST | Tcp.ACK;

    /** The captures by name (handshake is packets 1-3). */
    static Map<String, Trace> captures() {
        Map<String, Trace> m = new TreeMap<>();
        // 4 GET, 5 ack, 6 response, 7 ack, 8 server FIN, 9 client FIN/ACK, 10 server ACK (closed)
        m.put("server-fin-first", new Conv().c(PA, GET).s(A).s(PA, SHORT).c(A).s(FA).c(FA).s(A).trace);
        // the same, HTTP/1.0 delimited by the close
        m.put("server-fin-first-http10", new Conv().c(PA, GET).s(A).s(PA, CLOSE10).c(A).s(FA).c(FA).s(A).trace);
        // 4 GET, 5 client FIN, 6 response (acks the FIN), 7 ack, 8 server FIN, 9 client ACK (closed)
        m.put("client-fin-first", new Conv().c(PA, GET).c(FA).s(PA, SHORT).c(A).s(FA).c(A).trace);
        // 8 server FIN, 9 client ACK of it, 10 server keep-alive ACK, 11 client FIN, 12 server ACK (closed)
        m.put("server-fin-acked-late-close",
                new Conv().c(PA, GET).s(A).s(PA, SHORT).c(A).s(FA).c(A).s(A).c(FA).s(A).trace);
        // 8 server FIN, 9 client FIN/ACK; the last ACK is missing (TIME_WAIT until flow end)
        m.put("no-last-ack", new Conv().c(PA, GET).s(A).s(PA, SHORT).c(A).s(FA).c(FA).trace);
        // 8 server RST
        m.put("server-rst", new Conv().c(PA, GET).s(A).s(PA, SHORT).c(A).s(RA).trace);
        // 8 client RST, 9 server ACK after it
        m.put("client-rst", new Conv().c(PA, GET).s(A).s(PA, SHORT).c(A).c(RA).trace);
        // chunked response cut inside its first chunk
        m.put("chunked-cut", new Conv().c(PA, GET).s(A).s(PA, CHUNKED).c(A).s(FA).c(FA).s(A).trace);
        // an upload cut short by the client: 4 POST, 5 ack, 6 client FIN, 7 server FIN/ACK, 8 client ACK
        m.put("upload-cut", new Conv().c(PA, POST).s(A).c(FA).s(FA).c(A).trace);
        // an upload cut short by the client's RST: 4 POST, 5 ack, 6 client RST
        m.put("upload-rst", new Conv().c(PA, POST).s(A).c(RA).trace);
        // an upload, the server closes first: 4 POST, 5 ack, 6 server FIN, 7 client FIN/ACK, 8 server ACK
        m.put("upload-server-fin-first", new Conv().c(PA, POST).s(A).s(FA).c(FA).s(A).trace);
        // chunked response cut inside the size line of its second chunk
        m.put("chunked-cut-size", new Conv().c(PA, GET).s(A).s(PA, CHUNKED_SIZE).c(A).s(FA).c(FA).s(A).trace);
        // chunked response cut after its first chunk's data, before the CRLF
        m.put("chunked-cut-crlf", new Conv().c(PA, GET).s(A).s(PA, CHUNKED_CRLF).c(A).s(FA).c(FA).s(A).trace);
        return m;
    }

    /** Suricata 7.0.10's (sid, pcap_cnt) per capture; 0: the flow-end pseudo packet. */
    private static final Map<String, List<String>> ORACLE = Map.ofEntries(
            Map.entry("server-fin-first", List.of("1@10")),
            Map.entry("server-fin-first-http10", List.of("1@10")),
            Map.entry("client-fin-first", List.of("1@0")),
            Map.entry("server-fin-acked-late-close", List.of("1@12")),
            Map.entry("no-last-ack", List.of("1@0")),
            Map.entry("server-rst", List.of("1@8")),
            Map.entry("client-rst", List.of("1@0")),
            Map.entry("chunked-cut", List.of("1@10")),
            Map.entry("upload-cut", List.of("3@0")),
            Map.entry("upload-rst", List.of("3@0")),
            Map.entry("upload-server-fin-first", List.of("3@0")),
            Map.entry("chunked-cut-size", List.of("1@10")),
            Map.entry("chunked-cut-crlf", List.of("1@10")));

    private static List<String> run(Trace t) {
        DetectHarness h = new DetectHarness(RULES);
        // bodies held back until complete, at the end of the stream or at the inspect size, as
        // Suricata does (the reference ran that way; see HttpConfig.deferBodyInspection)
        h.config.http.deferBodyInspection = true;
        return h.run(t).stream().map(a -> a.sid() + "@" + a.pcapCnt()).sorted().toList();
    }

    @Test
    void responseCutShortAlertsWhereSuricataDoes() throws IOException {
        String dump = System.getProperty("eos.dump");
        Map<String, List<String>> got = new TreeMap<>();
        for (Map.Entry<String, Trace> e : captures().entrySet()) {
            if (dump != null) {
                Path dir = Files.createDirectories(Path.of(dump));
                try (PcapWriter w = PcapWriter.create(dir.resolve(e.getKey() + ".pcap"))) {
                    e.getValue().writeTo(w);
                }
                Files.writeString(dir.resolve("test.rules"), String.join("\n", RULES) + "\n");
            }
            got.put(e.getKey(), run(e.getValue()));
        }
        System.out.println("EOS " + got);
        assertEquals(new TreeMap<>(ORACLE), got);
    }
}

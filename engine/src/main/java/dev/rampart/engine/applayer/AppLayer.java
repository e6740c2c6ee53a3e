package dev.rampart.engine.applayer;

import dev.rampart.engine.applayer.dns.DnsSession;
import dev.rampart.engine.applayer.http.HttpConfig;
import dev.rampart.engine.applayer.http.HttpSession;
import dev.rampart.engine.applayer.smb.SmbSession;
import dev.rampart.engine.applayer.tls.TlsSession;
import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.flow.Flow;
import dev.rampart.engine.pipeline.StatsTree;
import dev.rampart.engine.stream.StreamConsumer;
import dev.rampart.engine.stream.TcpSession;
import dev.rampart.engine.stream.TcpTracker;

/**
 * The app layer of one worker: consumes in-order TCP bytes (it is the reassembler's "app"
 * consumer) and UDP datagrams, detects each flow's protocol from the first bytes of either
 * direction ({@link AppProtoDetector}), then feeds the protocol's session. Undecided bytes are
 * kept (bounded) so the parser sees the stream from its start once the protocol is known.
 */
public final class AppLayer implements StreamConsumer {
    private final HttpConfig httpConfig;
    /** {@code stream.midstream}: detection also tries the other direction's patterns and ports. */
    private final boolean midstream;
    private byte[] datagram = new byte[2048];

    // counters
    private long detectedHttp;
    private long detectedTls;
    private long detectedDnsTcp;
    private long detectedDnsUdp;
    private long detectedSmb;
    /** Midstream flows protocol detection turned around (Suricata's FlowSwap). */
    private long reversedFlows;
    private long failedTcp;
    private long failedUdp;

    public AppLayer() {
        this(new HttpConfig());
    }

    public AppLayer(HttpConfig httpConfig) {
        this(httpConfig, false);
    }

    public AppLayer(HttpConfig httpConfig, boolean midstream) {
        this.httpConfig = httpConfig;
        this.midstream = midstream;
    }

    public static AppFlow of(Flow f) {
        return f == null || !(f.appState instanceof AppFlow a) ? null : a;
    }

    private static AppFlow state(Flow f) {
        if (!(f.appState instanceof AppFlow)) {
            f.appState = new AppFlow();
        }
        return (AppFlow) f.appState;
    }

    @Override
    public int onData(Flow flow, boolean toServer, byte[] data, int offset, int length, long streamOffset) {
        AppFlow a = state(flow);
        if (a.session != null) {
            if (a.dirProto[toServer ? 0 : 1] == AppProto.UNKNOWN) {
                // the second direction's first data: Suricata detects it on its own (same protocol)
                a.dirProto[toServer ? 0 : 1] = a.proto;
                decided(a, flow, toServer);
            }
            a.session.onData(toServer, data, offset, length);
            return length;
        }
        if (a.proto == AppProto.FAILED) {
            return length;
        }
        int d = toServer ? 0 : 1;
        int sp = toServer ? flow.srcPort : flow.dstPort;
        int dp = toServer ? flow.dstPort : flow.srcPort;
        // keep the head of the direction; detect on all of it
        byte[] h = a.head[d];
        int have = a.headLen[d];
        int take = Math.min(length, AppFlow.DETECT_LIMIT - have);
        if (h == null) {
            h = a.head[d] = new byte[AppFlow.DETECT_LIMIT];
        }
        System.arraycopy(data, offset, h, have, take);
        a.headLen[d] = have + take;
        TcpSession ssn = TcpTracker.session(flow);
        // Suricata reverses only sessions picked up from a plain ACK, not from a SYN/ACK
        boolean ackPickup = ssn != null && ssn.midstream && !ssn.midstreamSynAck;
        int flags = (midstream ? AppProtoDetector.MIDSTREAM_CONFIG : 0)
                | (ssn != null && ssn.midstream ? AppProtoDetector.MIDSTREAM_SESSION : 0);
        int r = AppProtoDetector.detectTcp(toServer, h, 0, a.headLen[d], sp, dp, flags);
        AppProto p = AppProtoDetector.protoOf(r);
        if (p == AppProto.UNKNOWN && a.headLen[d] >= AppFlow.DETECT_LIMIT) {
            p = AppProto.FAILED;
        }
        a.dirProto[d] = p;
        if (p == AppProto.UNKNOWN) {
            return length;
        }
        if (p == AppProto.FAILED) {
            // the other direction may still decide, except that a session picked up midstream
            // must find its protocol toward the server (Suricata gives up on the flow then)
            if (a.dirProto[1 - d] == AppProto.FAILED || (ackPickup && toServer)) {
                fail(a, false);
            }
            decided(a, flow, toServer);
            return length;
        }
        start(a, p, false);
        if (p == AppProto.SMB && ssn != null) {
            // Suricata's SMB stream-depth defaults to unlimited and a detected protocol's depth
            // of 0 lifts the session's (TcpSessionSetReassemblyDepth)
            ssn.client.setDepth(0);
            ssn.server.setDepth(0);
        }
        if (AppProtoDetector.reversed(r) && ackPickup && a.dirProto[1 - d] == AppProto.UNKNOWN) {
            // the bytes go the other way: the flow, its streams and every stage's direction
            // state turn around before the parser sees them (TCPProtoDetect's FlowSwap)
            flow.reverse();
            reversedFlows++;
            toServer = !toServer;
            d = 1 - d;
        }
        decided(a, flow, toServer);
        // replay what was kept: this direction's head (plus the rest of this call), then the other's
        a.session.onData(toServer, h, 0, a.headLen[d]);
        if (take < length) {
            a.session.onData(toServer, data, offset + take, length - take);
        }
        if (a.headLen[1 - d] > 0) {
            a.dirProto[1 - d] = p;
            decided(a, flow, !toServer);
            a.session.onData(!toServer, a.head[1 - d], 0, a.headLen[1 - d]);
        }
        a.head[0] = a.head[1] = null;
        return length;
    }

    @Override
    public void onGap(Flow flow, boolean toServer, long streamOffset, long length) {
        AppFlow a = state(flow);
        if (a.session != null) {
            a.session.onGap(toServer, length);
        } else if (a.proto == AppProto.UNKNOWN) {
            // Suricata cannot detect over a gap at the start
            fail(a, false);
            decided(a, flow, toServer);
        }
    }

    /** A UDP packet of a flow: detect on the datagram, then parse it. */
    public void onUdp(Flow flow, Packet p) {
        int n = p.payloadLength;
        if (n <= 0) {
            return;
        }
        AppFlow a = state(flow);
        if (a.proto == AppProto.FAILED) {
            return;
        }
        if (n > datagram.length) {
            datagram = new byte[Math.max(n, datagram.length * 2)];
        }
        p.buffer.get(p.payloadOffset, datagram, 0, n);
        boolean toServer = p.toServer;
        if (a.session == null) {
            AppProto proto = AppProtoDetector.detect(17, toServer, datagram, 0, n, p.srcPort, p.dstPort);
            if (proto == AppProto.FAILED || proto == AppProto.UNKNOWN) {
                fail(a, true);
                decided(a, flow, toServer);
                return;
            }
            start(a, proto, true);
        }
        if (a.dirProto[toServer ? 0 : 1] == AppProto.UNKNOWN) {
            a.dirProto[toServer ? 0 : 1] = a.proto;
            decided(a, flow, toServer);
        }
        a.session.onDatagram(toServer, datagram, 0, n);
    }

    /**
     * A TCP direction ended before flow end (the session closed with all its bytes delivered):
     * the parser finishes what the close completes, e.g. an HTTP response delimited by the close.
     */
    @Override
    public void onEnd(Flow flow, boolean toServer) {
        AppFlow a = of(flow);
        if (a != null) {
            end(a, toServer);
        }
    }

    /** Flow end: both directions end (the streams were flushed just before). */
    public void onFlowEnd(Flow flow) {
        AppFlow a = of(flow);
        if (a != null && a.session != null) {
            a.session.onFlowEnd(true);
            end(a, true);
            a.session.onFlowEnd(false);
            end(a, false);
        }
    }

    private static void end(AppFlow a, boolean toServer) {
        int d = toServer ? 0 : 1;
        // a direction still undecided has no parser to finish; flow end ends it again if a
        // protocol was decided after all
        if (a.session != null && !a.ended[d]) {
            a.ended[d] = true;
            a.session.onEnd(toServer);
        }
    }

    private static void decided(AppFlow a, Flow flow, boolean toServer) {
        a.decidedAtPacket[toServer ? 0 : 1] = flow.pktsToServer + flow.pktsToClient;
    }

    private void start(AppFlow a, AppProto p, boolean udp) {
        a.proto = p;
        a.session = switch (p) {
            case HTTP -> {
                detectedHttp++;
                yield new HttpSession(httpConfig);
            }
            case TLS -> {
                detectedTls++;
                yield new TlsSession();
            }
            case SMB -> {
                detectedSmb++;
                yield new SmbSession();
            }
            case DNS -> {
                if (udp) {
                    detectedDnsUdp++;
                } else {
                    detectedDnsTcp++;
                }
                yield new DnsSession();
            }
            default -> throw new IllegalStateException("no session for " + p);
        };
    }

    private void fail(AppFlow a, boolean udp) {
        a.proto = AppProto.FAILED;
        a.head[0] = a.head[1] = null;
        if (udp) {
            failedUdp++;
        } else {
            failedTcp++;
        }
    }

    /** Suricata's {@code app_layer.flow.*} counters. */
    public void writeStats(java.util.Map<String, Object> root) {
        StatsTree.put(root, "app_layer.flow.http", detectedHttp);
        StatsTree.put(root, "app_layer.flow.tls", detectedTls);
        StatsTree.put(root, "app_layer.flow.dns_tcp", detectedDnsTcp);
        StatsTree.put(root, "app_layer.flow.dns_udp", detectedDnsUdp);
        StatsTree.put(root, "app_layer.flow.smb", detectedSmb);
        StatsTree.put(root, "app_layer.rampart.midstream_reversed", reversedFlows);
        StatsTree.put(root, "app_layer.flow.failed_tcp", failedTcp);
        StatsTree.put(root, "app_layer.flow.failed_udp", failedUdp);
    }
}

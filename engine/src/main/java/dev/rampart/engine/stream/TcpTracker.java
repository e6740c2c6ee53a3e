package dev.rampart.engine.stream;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.flow.Flow;
import dev.rampart.engine.flow.FlowEndListener;
import dev.rampart.engine.flow.FlowEndReason;
import dev.rampart.engine.flow.FlowReuseCheck;
import dev.rampart.engine.flow.FlowState;

/**
 * TCP session tracking of one worker, after Suricata's stream-tcp.c: the 3-way handshake,
 * window and sequence checks, RST validation by the receiver's OS policy, FIN teardown states,
 * and hand-off of payload to the {@link TcpReassembler}. Data is delivered once the other side
 * acknowledged it (IDS mode); a valid RST or the end of the flow flushes the rest.
 *
 * <p>Without {@code stream.midstream} (the default) a flow that does not start with a SYN gets
 * no session: its packets are counted on the flow but not reassembled, as Suricata does.
 */
public final class TcpTracker implements FlowEndListener, FlowReuseCheck {
    private static final int SYN = Packet.TCP_SYN;
    private static final int ACK = Packet.TCP_ACK;
    private static final int RST = Packet.TCP_RST;
    private static final int FIN = Packet.TCP_FIN;
    /** Window scale Suricata assumes when the handshake was not seen. */
    private static final int WSCALE_MAX = 14;

    private final StreamConfig config;
    private final StreamCounters counters = new StreamCounters();
    private final TcpReassembler reassembler;
    /** How the current packet closed its session (CLOSED_*), for the end-of-stream signal. */
    private int closedBy;
    private static final int CLOSED_NOT = 0;
    private static final int CLOSED_FIN = 1;
    private static final int CLOSED_RST_TO_SERVER = 2;
    private static final int CLOSED_RST_TO_CLIENT = 3;
    private final int maxSessions;
    private TcpSession freeSessions;
    private int sessionsCreated;

    public TcpTracker(StreamConfig config, StreamConsumer app, StreamConsumer raw) {
        this.config = config;
        this.reassembler = new TcpReassembler(config, counters, app, raw);
        this.maxSessions = config.maxSessions();
    }

    public StreamCounters counters() {
        return counters;
    }

    public TcpReassembler reassembler() {
        return reassembler;
    }

    /** Events of the last handled packet, as a bit set of {@link StreamEvent} ordinals. */
    public long packetEvents() {
        return reassembler.events;
    }

    public boolean hasEvent(StreamEvent e) {
        return (reassembler.events & e.bit()) != 0;
    }

    public static TcpSession session(Flow f) {
        return f.protoState instanceof TcpSession ? (TcpSession) f.protoState : null;
    }

    /** Handles one TCP packet of flow {@code f} ({@code p.toServer} set by the flow table). */
    public void handle(Flow f, Packet p) {
        reassembler.events = 0;
        TcpSession before = session(f);
        p.tcpStateBefore = before == null ? TcpState.NONE : before.state;
        closedBy = CLOSED_NOT;
        final int fl = p.tcpFlags;
        if ((fl & SYN) != 0) {
            if ((fl & ACK) != 0) {
                counters.synack++;
            } else {
                counters.syn++;
            }
        }
        if ((fl & RST) != 0) {
            counters.rst++;
        }
        if (p.l4ChecksumBad && config.checksumValidation) {
            counters.invalidChecksum++;
            return;
        }
        if ((fl & (SYN | FIN)) == (SYN | FIN)) {
            // SYN and FIN together are never valid: the packet is dropped from stream handling
            event(StreamEvent.FIN_SYN);
            return;
        }
        TcpSession ssn = session(f);
        if (ssn != null && ssn.closedByRst) {
            checkPostRst(f, ssn, p);
        }
        if (ssn == null) {
            stateNone(f, p);
        } else {
            switch (ssn.state) {
                case TcpState.SYN_SENT:
                    synSent(f, ssn, p);
                    break;
                case TcpState.SYN_RECV:
                    synRecv(f, ssn, p);
                    break;
                case TcpState.CLOSED:
                    // late packets of a closed session carry nothing new for the stream
                    break;
                default:
                    established(f, ssn, p);
                    break;
            }
        }
        ssn = session(f);
        if (ssn != null) {
            // the app layer may turn the flow around while taking data (midstream protocol
            // detection, Suricata's FlowSwap): each half is then delivered in its new direction
            // and the packet goes the other way from here on
            boolean reversed = f.reversed;
            TcpStream second = ssn.server;
            deliver(f, ssn.client, true);
            deliver(f, second, second == ssn.client);
            if (f.reversed != reversed) {
                p.toServer = !p.toServer;
                if (closedBy == CLOSED_RST_TO_SERVER) {
                    closedBy = CLOSED_RST_TO_CLIENT;
                } else if (closedBy == CLOSED_RST_TO_CLIENT) {
                    closedBy = CLOSED_RST_TO_SERVER;
                }
            }
            if (closedBy != CLOSED_NOT && ssn.state == TcpState.CLOSED) {
                endOfStreams(f, ssn);
            }
        }
    }

    /**
     * The packet that closed the session ends its streams for the app layer, as Suricata's
     * reassembly passes STREAM_EOF once the session is TCP_CLOSED: after a FIN/ACK close both
     * directions are reassembled on that packet (UPDATE_DIR_BOTH) and both end; an accepted RST
     * reassembles only its sender's direction (UPDATE_DIR_PACKET), so only that one ends now and
     * the other at flow end.
     */
    private void endOfStreams(Flow f, TcpSession ssn) {
        if (closedBy == CLOSED_RST_TO_SERVER || closedBy == CLOSED_FIN) {
            reassembler.endOfStream(f, ssn.client, true);
        }
        if (closedBy == CLOSED_RST_TO_CLIENT || closedBy == CLOSED_FIN) {
            reassembler.endOfStream(f, ssn.server, false);
        }
    }

    private void deliver(Flow f, TcpStream st, boolean toServer) {
        long limit = (st.flags & TcpStream.FLAG_FLUSH) != 0 ? Long.MAX_VALUE : st.offsetOf(st.lastAck);
        long appLimit = limit;
        if (config.inline && limit != Long.MAX_VALUE) {
            // stream.inline: the app layer parses in-order data as it arrives, not once ACKed
            appLimit = Math.max(limit, st.contiguousEnd(st.appProgress));
        }
        if (appLimit > st.appProgress || limit > st.rawProgress) {
            reassembler.deliver(f, st, toServer, appLimit, limit);
        }
    }

    private void event(StreamEvent e) {
        reassembler.events |= e.bit();
        counters.events[e.ordinal()]++;
    }

    private OsPolicy policyOf(long hi, long lo) {
        if (config.hostPolicy != null) {
            OsPolicy p = config.hostPolicy.policyFor(hi, lo);
            if (p != null) {
                return p.effective();
            }
        }
        return config.defaultPolicy.effective();
    }

    private TcpSession newSession(Flow f) {
        TcpSession s = freeSessions;
        if (s != null) {
            freeSessions = s.nextFree;
            s.nextFree = null;
        } else if (sessionsCreated < maxSessions) {
            s = new TcpSession();
            sessionsCreated++;
            counters.memuse = (long) sessionsCreated * StreamConfig.SESSION_BYTES;
        } else {
            counters.ssnMemcapDrop++;
            return null;
        }
        s.reset();
        counters.sessions++;
        counters.activeSessions++;
        f.protoState = s;
        return s;
    }

    private void setState(Flow f, TcpSession ssn, int state) {
        ssn.prevState = ssn.state;
        ssn.state = state;
        switch (state) {
            case TcpState.ESTABLISHED:
            case TcpState.FIN_WAIT1:
            case TcpState.FIN_WAIT2:
            case TcpState.CLOSING:
            case TcpState.CLOSE_WAIT:
                f.state = FlowState.ESTABLISHED;
                break;
            case TcpState.LAST_ACK:
            case TcpState.TIME_WAIT:
            case TcpState.CLOSED:
                f.state = FlowState.CLOSED;
                break;
            default:
                break;
        }
    }

    private void stateNone(Flow f, Packet p) {
        final int fl = p.tcpFlags;
        final int seq = (int) p.tcpSeq;
        final int ack = (int) p.tcpAck;
        if ((fl & RST) != 0) {
            event(StreamEvent.RST_BUT_NO_SESSION);
            return;
        }
        if ((fl & FIN) != 0 && (fl & SYN) == 0 && (!config.midstream || p.payloadLength == 0)) {
            event(StreamEvent.FIN_BUT_NO_SESSION);
            return;
        }
        if ((fl & (SYN | ACK)) == (SYN | ACK)) {
            // stream.async-oneside also picks up a session from the SYN/ACK (Suricata's
            // StreamTcpPacketStateNone): one-sided captures start with the server's answer
            if (!config.midstream && (!config.asyncOneside || config.midstreamFailClosed)) {
                return;
            }
            TcpSession ssn = newSession(f);
            if (ssn == null) {
                return;
            }
            // the first packet came from the server: turn the flow around
            if (p.toServer) {
                f.swapDirection();
                p.toServer = false;
            }
            counters.midstreamPickups++;
            ssn.midstream = true;
            ssn.midstreamSynAck = true;
            ssn.server.init(seq, policyOf(f.srcHi, f.srcLo));
            ssn.client.init(ack - 1, policyOf(f.dstHi, f.dstLo));
            boolean ws = p.tcpWscale >= 0;
            ssn.server.wscale = ws ? p.tcpWscale : 0;
            ssn.client.wscale = ws ? WSCALE_MAX : 0;
            ssn.server.window = p.tcpWindow;
            ssn.client.lastAck = ack;
            ssn.client.nextWin = ack + ssn.server.window;
            ssn.client.flags |= TcpStream.FLAG_ACK_SEEN;
            setState(f, ssn, TcpState.SYN_RECV);
            return;
        }
        if ((fl & SYN) != 0) {
            TcpSession ssn = newSession(f);
            if (ssn == null) {
                return;
            }
            TcpStream c = ssn.client;
            c.init(seq, policyOf(f.dstHi, f.dstLo));
            ssn.server.policy = policyOf(f.srcHi, f.srcLo);
            c.window = p.tcpWindow;
            c.mss = p.tcpMss;
            noteTimestamp(c, p);
            if (p.tcpWscale >= 0) {
                c.wscale = p.tcpWscale;
                c.flags |= TcpStream.FLAG_WSCALE_SEEN;
            }
            if (p.payloadLength > 0) {
                // kept until the SYN/ACK says whether the server took it (TCP Fast Open)
                reassembler.insert(c, 0, p.buffer, p.payloadOffset, p.payloadLength);
                p.streamAdd = true;
                ssn.synDataLength = p.payloadLength;
            }
            setState(f, ssn, TcpState.SYN_SENT);
            return;
        }
        if ((fl & ACK) != 0) {
            if (!config.midstream) {
                return;
            }
            TcpSession ssn = newSession(f);
            if (ssn == null) {
                return;
            }
            counters.midstreamPickups++;
            ssn.midstream = true;
            TcpStream snd = ssn.sender(p.toServer);
            TcpStream rcv = ssn.sender(!p.toServer);
            snd.init(seq - 1, policyOf(p.dstHi, p.dstLo));
            rcv.init(ack - 1, policyOf(p.srcHi, p.srcLo));
            snd.wscale = WSCALE_MAX;
            rcv.wscale = WSCALE_MAX;
            snd.window = p.tcpWindow << WSCALE_MAX;
            rcv.window = snd.window;
            snd.nextWin = seq + snd.window;
            snd.flags |= TcpStream.FLAG_ACK_SEEN;
            setState(f, ssn, TcpState.ESTABLISHED);
            established(f, ssn, p);
        }
    }

    private void synSent(Flow f, TcpSession ssn, Packet p) {
        final int fl = p.tcpFlags;
        final int seq = (int) p.tcpSeq;
        final int ack = (int) p.tcpAck;
        TcpStream c = ssn.client;
        TcpStream s = ssn.server;
        if (p.toServer && ssn.fourWhs && (fl & (SYN | ACK)) == (SYN | ACK)) {
            // 4-way handshake: the client answers the server's SYN with a SYN/ACK
            if (ack != s.isn + 1 || seq != c.isn) {
                event(StreamEvent.FOURWHS_SYNACK_WITH_WRONG_ACK);
                return;
            }
            c.window = p.tcpWindow;
            s.lastAck = ack;
            s.nextWin = ack + c.window;
            s.flags |= TcpStream.FLAG_ACK_SEEN;
            c.nextWin = c.nextSeq + s.window;
            c.flags |= TcpStream.FLAG_ACK_SEEN;
            if (p.tcpWscale < 0 || (s.flags & TcpStream.FLAG_WSCALE_SEEN) == 0
                    || (c.flags & TcpStream.FLAG_WSCALE_SEEN) == 0) {
                c.wscale = 0;
                s.wscale = 0;
            }
            setState(f, ssn, TcpState.SYN_RECV);
            return;
        }
        if (p.toServer) {
            if ((fl & RST) != 0) {
                // Suricata 7 (checked with the oracle) keeps SYN_SENT on a client RST: without
                // the server's sequence number it cannot validate it
                return;
            } else if ((fl & (SYN | ACK)) == SYN && seq == c.isn) {
                // a retransmitted SYN may carry a newer timestamp; the SYN/ACK may echo either
                // (bug-4376 echoes the newer, bug-6269-02-ips the first)
                keepEarlierSynTs(ssn, c);
                noteTimestamp(c, p);
            } else if ((fl & (SYN | ACK)) == SYN && seq != c.isn) {
                // a new SYN with another ISN replaces the attempt; past Suricata's SYN queue limit
                // each one is a 3whs_syn_flood event (bug-7657-02-ips)
                if (++ssn.synResends > config.maxSynQueued) {
                    event(StreamEvent.SYN_FLOOD);
                }
                keepEarlierSynTs(ssn, c);
                reassembler.release(c);
                c.init(seq, c.policy);
                c.window = p.tcpWindow;
                c.wscale = p.tcpWscale >= 0 ? p.tcpWscale : 0;
                c.flags = p.tcpWscale >= 0 ? TcpStream.FLAG_WSCALE_SEEN : 0;
                // the SYN/ACK is checked against this SYN's timestamp (or its lack of one)
                c.lastTs = 0;
                noteTimestamp(c, p);
                ssn.synDataLength = 0;
                if (p.payloadLength > 0) {
                    reassembler.insert(c, 0, p.buffer, p.payloadOffset, p.payloadLength);
                    p.streamAdd = true;
                    ssn.synDataLength = p.payloadLength;
                }
            }
            return;
        }
        if ((fl & (SYN | ACK)) != (SYN | ACK) && !synSentTimestampValid(ssn, c, p)) {
            // Suricata's StateSynSentValidateTimestamp: the packet is not processed further
            event(StreamEvent.PKT_INVALID_TIMESTAMP);
            return;
        }
        if ((fl & RST) != 0) {
            if ((fl & ACK) != 0 && (ack == c.isn + 1 || ack == c.isn + 1 + ssn.synDataLength)) {
                closeByRst(f, ssn, p);
            } else {
                event((fl & ACK) != 0 ? StreamEvent.RST_INVALID_ACK : StreamEvent.RST_INVALID_SEQ);
            }
            return;
        }
        if ((fl & (SYN | ACK)) == SYN) {
            // a SYN back from the server: split (4-way) handshake, as Suricata's 4WHS
            ssn.fourWhs = true;
            s.init(seq, s.policy);
            s.window = p.tcpWindow;
            if (p.tcpWscale >= 0) {
                s.wscale = p.tcpWscale;
                s.flags |= TcpStream.FLAG_WSCALE_SEEN;
            }
            noteTimestamp(s, p);
            return;
        }
        if ((fl & (SYN | ACK)) != (SYN | ACK)) {
            return;
        }
        if (ssn.synDataLength > 0 && ack == c.isn + 1 + ssn.synDataLength) {
            c.nextSeq = ack;
        } else if (ack == c.isn + 1) {
            if (ssn.synDataLength > 0) {
                // the server did not take the SYN data: the client has to send it again
                event(StreamEvent.SYNACK_TFO_DATA_IGNORED);
                reassembler.release(c);
                ssn.synDataLength = 0;
            }
        } else {
            event(StreamEvent.SYNACK_WITH_WRONG_ACK);
            return;
        }
        if (!synSentTimestampValid(ssn, c, p)) {
            event(StreamEvent.PKT_INVALID_TIMESTAMP);
            return;
        }
        s.init(seq, s.policy);
        s.window = p.tcpWindow;
        s.mss = p.tcpMss;
        ssn.timestamps = p.tcpHasTimestamp && (c.flags & TcpStream.FLAG_TS_SEEN) != 0;
        noteTimestamp(s, p);
        if (p.tcpWscale >= 0 && (c.flags & TcpStream.FLAG_WSCALE_SEEN) != 0) {
            s.wscale = p.tcpWscale;
            s.flags |= TcpStream.FLAG_WSCALE_SEEN;
        } else {
            c.wscale = 0;
            s.wscale = 0;
        }
        c.lastAck = ack;
        // windows on SYN segments are never scaled
        c.nextWin = ack + s.window;
        c.flags |= TcpStream.FLAG_ACK_SEEN;
        s.nextWin = s.nextSeq + c.window;
        s.flags |= TcpStream.FLAG_ACK_SEEN;
        setState(f, ssn, TcpState.SYN_RECV);
    }

    private void synRecv(Flow f, TcpSession ssn, Packet p) {
        final int fl = p.tcpFlags;
        final int ack = (int) p.tcpAck;
        if ((fl & RST) != 0) {
            rst(f, ssn, p);
            return;
        }
        if ((fl & SYN) != 0) {
            return; // SYN or SYN/ACK retransmission
        }
        if (p.toServer && (fl & ACK) != 0) {
            if (ack == ssn.server.nextSeq || Seq.gt(ack, ssn.server.isn)
                    && Seq.leq(ack, ssn.server.nextSeq)) {
                setState(f, ssn, TcpState.ESTABLISHED);
                established(f, ssn, p);
            } else {
                event(StreamEvent.PKT_INVALID_ACK);
            }
            return;
        }
        if (!p.toServer && (fl & ACK) != 0 && ssn.fourWhs) {
            if ((int) p.tcpSeq == ssn.server.nextSeq && Seq.gt(ack, ssn.client.isn)
                    && Seq.leq(ack, ssn.client.nextSeq)) {
                setState(f, ssn, TcpState.ESTABLISHED);
                established(f, ssn, p);
            } else {
                event(StreamEvent.FOURWHS_INVALID_ACK);
            }
            return;
        }
        if (!p.toServer && (fl & ACK) != 0) {
            if (ssn.midstream) {
                // picked up from a SYN/ACK: either side may complete the handshake
                setState(f, ssn, TcpState.ESTABLISHED);
                established(f, ssn, p);
            } else {
                event(StreamEvent.ACK_IN_WRONG_DIR);
            }
        }
    }

    private void established(Flow f, TcpSession ssn, Packet p) {
        final boolean toServer = p.toServer;
        final TcpStream snd = ssn.sender(toServer);
        final TcpStream rcv = ssn.sender(!toServer);
        final int fl = p.tcpFlags;
        final int seq = (int) p.tcpSeq;
        final int ack = (int) p.tcpAck;
        final int len = p.payloadLength;
        if ((fl & RST) != 0) {
            rst(f, ssn, p);
            return;
        }
        if ((fl & SYN) != 0) {
            return;
        }
        final int segEnd = seq + len;
        if ((len > 0 || (fl & FIN) != 0) && (snd.flags & TcpStream.FLAG_ACK_SEEN) != 0
                && Seq.gt(segEnd, snd.nextWin)) {
            event((fl & FIN) != 0 && len == 0 ? StreamEvent.FIN_OUT_OF_WINDOW : StreamEvent.EST_PACKET_OUT_OF_WINDOW);
            return;
        }
        noteTimestamp(snd, p);
        if ((fl & ACK) != 0) {
            if (Seq.gt(ack, ackableEdge(rcv))) {
                counters.ackUnseenData++;
            }
            if (Seq.gt(ack, rcv.lastAck)) {
                rcv.lastAck = ack;
            }
            if (!toServer && acksFin(ack, rcv) && Seq.gt(rcv.finSeq + 1, rcv.nextSeq)) {
                rcv.nextSeq = rcv.finSeq + 1;
            }
            snd.window = p.tcpWindow << snd.wscale;
            int edge = rcv.lastAck + snd.window;
            if ((rcv.flags & TcpStream.FLAG_ACK_SEEN) == 0 || Seq.gt(edge, rcv.nextWin)) {
                rcv.nextWin = edge;
            }
            rcv.flags |= TcpStream.FLAG_ACK_SEEN;
        }
        // in TIME_WAIT both sides closed: late data is not reassembled any more
        if (len > 0 && ssn.state != TcpState.TIME_WAIT) {
            if (Seq.leq(segEnd, snd.lastAck)) {
                event(StreamEvent.PKT_RETRANSMISSION);
            } else {
                // once a segment reached the depth the stream takes no more (Suricata's NOREASSEMBLY): the
                // packets after it are inspected as packets; the one that reached it counts as added
                p.streamAdd = !snd.depthReached();
                reassembler.insert(snd, snd.offsetOf(seq), p.buffer, p.payloadOffset, len);
                if (Seq.gt(segEnd, snd.nextSeq)) {
                    snd.nextSeq = segEnd;
                }
            }
        }
        snd.anchor(snd.nextSeq);
        rcv.anchor(rcv.nextSeq);
        if ((fl & FIN) != 0) {
            // Suricata (checked with the oracle) counts a server FIN in next_seq at once but a
            // client FIN only once the server acknowledged it: that decides which RST
            // sequence number is valid after a FIN
            snd.flags |= TcpStream.FLAG_FIN_SEEN;
            snd.finSeq = segEnd;
            if (!toServer && Seq.gt(segEnd + 1, snd.nextSeq)) {
                snd.nextSeq = segEnd + 1;
            }
            // states are named from the server's side, as Suricata's: a client FIN puts the
            // server in CLOSE_WAIT, a server FIN is FIN_WAIT1
            finTransition(f, ssn, toServer, (fl & ACK) != 0, ack);
        } else if ((fl & ACK) != 0) {
            ackTransition(f, ssn, toServer, ack);
        }
    }

    private void finTransition(Flow f, TcpSession ssn, boolean toServer, boolean hasAck, int ack) {
        switch (ssn.state) {
            case TcpState.ESTABLISHED:
                setState(f, ssn, toServer ? TcpState.CLOSE_WAIT : TcpState.FIN_WAIT1);
                return;
            case TcpState.CLOSE_WAIT:
                if (!toServer) {
                    setState(f, ssn, TcpState.LAST_ACK);
                    return;
                }
                break;
            case TcpState.FIN_WAIT1:
                if (toServer) {
                    setState(f, ssn, hasAck && acksFin(ack, ssn.server) ? TcpState.TIME_WAIT : TcpState.CLOSING);
                    return;
                }
                break;
            case TcpState.FIN_WAIT2:
                if (toServer) {
                    setState(f, ssn, TcpState.TIME_WAIT);
                    return;
                }
                break;
            default:
                break;
        }
        // a retransmitted FIN may still carry the ACK that moves the close along
        if (hasAck) {
            ackTransition(f, ssn, toServer, ack);
        }
    }

    private void ackTransition(Flow f, TcpSession ssn, boolean toServer, int ack) {
        switch (ssn.state) {
            case TcpState.FIN_WAIT1:
                if (toServer && acksFin(ack, ssn.server)) {
                    setState(f, ssn, TcpState.FIN_WAIT2);
                }
                break;
            case TcpState.CLOSING:
                if (!toServer && acksFin(ack, ssn.client)) {
                    setState(f, ssn, TcpState.TIME_WAIT);
                }
                break;
            case TcpState.LAST_ACK:
                if (toServer && acksFin(ack, ssn.server)) {
                    close(f, ssn);
                }
                break;
            case TcpState.TIME_WAIT:
                // the last ACK may come from either side, depending on who closed first
                if (toServer ? acksFin(ack, ssn.server) : acksFin(ack, ssn.client)) {
                    close(f, ssn);
                }
                break;
            default:
                break;
        }
    }

    /**
     * A server packet answering the SYN may only echo the timestamp the client sent (none when it
     * sent none); Suricata rejects it otherwise (suricata-verify 7858-stream-events).
     */
    private static boolean synSentTimestampValid(TcpSession ssn, TcpStream client, Packet p) {
        if (!p.tcpHasTimestamp) {
            return true;
        }
        int echo = (int) p.tcpTsEcr;
        if (echo == 0) {
            return true;
        }
        for (int i = 0; i < ssn.earlierSynTsCount; i++) {
            if (ssn.earlierSynTs[i] == echo) {
                return true;
            }
        }
        if ((client.flags & TcpStream.FLAG_TS_SEEN) != 0) {
            return client.lastTs == 0 || echo == client.lastTs;
        }
        return false;
    }

    /** Remembers the current SYN's timestamp before a resent SYN replaces it (bounded, as Suricata's queue). */
    private static void keepEarlierSynTs(TcpSession ssn, TcpStream client) {
        if ((client.flags & TcpStream.FLAG_TS_SEEN) != 0 && ssn.earlierSynTsCount < ssn.earlierSynTs.length) {
            ssn.earlierSynTs[ssn.earlierSynTsCount++] = client.lastTs;
        }
    }

    private static void noteTimestamp(TcpStream st, Packet p) {
        if (!p.tcpHasTimestamp) {
            return;
        }
        int ts = (int) p.tcpTsVal;
        if ((st.flags & TcpStream.FLAG_TS_SEEN) == 0 || Seq.gt(ts, st.lastTs)) {
            st.lastTs = ts;
            st.flags |= TcpStream.FLAG_TS_SEEN;
        }
    }

    /** True when {@code ack} covers the FIN that stream {@code st} sent. */
    private static boolean acksFin(int ack, TcpStream st) {
        return (st.flags & TcpStream.FLAG_FIN_SEEN) != 0 && Seq.geq(ack, st.finSeq + 1);
    }

    /** Highest sequence number the peer may acknowledge: sent data plus a FIN. */
    private static int ackableEdge(TcpStream st) {
        return (st.flags & TcpStream.FLAG_FIN_SEEN) != 0 ? Seq.max(st.nextSeq, st.finSeq + 1) : st.nextSeq;
    }

    /**
     * RST validation as Suricata's: by the receiving host's policy the sequence number must be
     * exactly the next expected one (BSD, Windows, ...), at or after it (HP-UX 11), or within
     * the window (Linux, Solaris). An ACK on the RST must not acknowledge unsent data.
     */
    private void rst(Flow f, TcpSession ssn, Packet p) {
        final TcpStream snd = ssn.sender(p.toServer);
        final TcpStream rcv = ssn.sender(!p.toServer);
        final int seq = (int) p.tcpSeq;
        if ((p.tcpFlags & ACK) != 0 && Seq.gt((int) p.tcpAck, ackableEdge(rcv))) {
            event(StreamEvent.RST_INVALID_ACK);
            return;
        }
        if (ssn.timestamps && p.tcpHasTimestamp && (snd.flags & TcpStream.FLAG_TS_SEEN) != 0
                && Seq.lt((int) p.tcpTsVal, snd.lastTs)) {
            // PAWS: an RST older than what this side already sent is not accepted
            event(StreamEvent.RST_INVALID_SEQ);
            return;
        }
        boolean valid;
        {
            switch (snd.policy.effective()) {
                case HPUX11:
                    valid = Seq.geq(seq, snd.nextSeq);
                    break;
                case OLD_LINUX:
                case LINUX:
                case SOLARIS:
                    valid = Seq.geq(seq + p.payloadLength, snd.lastAck)
                            && Seq.lt(seq, snd.nextSeq + Math.max(rcv.window, 1));
                    break;
                default:
                    valid = seq == snd.nextSeq;
                    break;
            }
        }
        if (valid) {
            closeByRst(f, ssn, p);
        } else {
            event(StreamEvent.RST_INVALID_SEQ);
        }
    }

    private void closeByRst(Flow f, TcpSession ssn, Packet p) {
        close(f, ssn);
        closedBy = p.toServer ? CLOSED_RST_TO_SERVER : CLOSED_RST_TO_CLIENT;
        ssn.closedByRst = true;
        ssn.sender(!p.toServer).flags |= TcpStream.FLAG_RST_RECV;
    }

    /**
     * As Suricata: when the side that sent an accepted RST sends anything but another RST, the
     * RST was probably injected (the real host did not close). The session returns to its state
     * before the RST and the packet is handled there.
     */
    private void checkPostRst(Flow f, TcpSession ssn, Packet p) {
        if ((p.tcpFlags & RST) != 0) {
            return;
        }
        TcpStream other = ssn.sender(!p.toServer);
        if ((other.flags & TcpStream.FLAG_RST_RECV) == 0) {
            return;
        }
        other.flags &= ~TcpStream.FLAG_RST_RECV;
        ssn.closedByRst = false;
        ssn.client.flags &= ~TcpStream.FLAG_FLUSH;
        ssn.server.flags &= ~TcpStream.FLAG_FLUSH;
        setState(f, ssn, ssn.prevState);
        event(StreamEvent.SUSPECTED_RST_INJECT);
    }

    private void close(Flow f, TcpSession ssn) {
        setState(f, ssn, TcpState.CLOSED);
        closedBy = CLOSED_FIN;
        ssn.client.flags |= TcpStream.FLAG_FLUSH;
        ssn.server.flags |= TcpStream.FLAG_FLUSH;
    }

    /**
     * TCP port reuse as Suricata's TcpSessionPacketSsnReuse (behaviour checked with the oracle):
     * a bare SYN starts a new flow when the old one has no session (picked up without a
     * handshake) or its session is past LAST_ACK in Suricata's state order (LAST_ACK,
     * CLOSE_WAIT, CLOSING, CLOSED); a SYN repeating the ISN is a retransmission. With
     * {@code stream.midstream} a SYN/ACK can do the same.
     */
    @Override
    public boolean startsNewFlow(Flow f, Packet p, boolean toServer) {
        final int fl = p.tcpFlags & 0xFF;
        TcpSession ssn = session(f);
        if (fl == SYN) {
            if (ssn == null) {
                return true;
            }
            if ((int) p.tcpSeq == ssn.sender(toServer).isn) {
                return false;
            }
            return ssn.state >= TcpState.LAST_ACK || ssn.state == TcpState.NONE;
        }
        if (fl == (SYN | ACK) && config.midstream) {
            if (ssn == null) {
                return toServer;
            }
            if (!toServer && (int) p.tcpSeq == ssn.server.isn) {
                return false;
            }
            return ssn.state >= TcpState.LAST_ACK || ssn.state == TcpState.NONE;
        }
        return false;
    }

    /** Flow end: flushes both directions to the consumers and returns the session to the pool. */
    @Override
    public void onFlowEnd(Flow f, FlowEndReason reason) {
        TcpSession ssn = session(f);
        if (ssn == null) {
            return;
        }
        ssn.client.flags |= TcpStream.FLAG_FLUSH;
        ssn.server.flags |= TcpStream.FLAG_FLUSH;
        if (ssn.state >= TcpState.ESTABLISHED) {
            deliver(f, ssn.client, true);
            deliver(f, ssn.server, false);
        }
        reassembler.release(ssn.client);
        reassembler.release(ssn.server);
        f.protoState = null;
        ssn.nextFree = freeSessions;
        freeSessions = ssn;
        counters.activeSessions--;
    }
}

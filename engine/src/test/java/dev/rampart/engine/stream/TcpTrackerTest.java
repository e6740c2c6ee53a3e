package dev.rampart.engine.stream;

import static dev.rampart.engine.decode.Packet.TCP_ACK;
import static dev.rampart.engine.decode.Packet.TCP_FIN;
import static dev.rampart.engine.decode.Packet.TCP_PSH;
import static dev.rampart.engine.decode.Packet.TCP_RST;
import static dev.rampart.engine.decode.Packet.TCP_SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.flow.Flow;
import dev.rampart.engine.flow.FlowState;
import dev.rampart.engine.testutil.TcpHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpTrackerTest {
    private static final int PA = TCP_PSH | TCP_ACK;

    private static TcpHarness harness() {
        return new TcpHarness(new StreamConfig());
    }

    @Test
    void bothStreamsEndOnThePacketThatClosesTheSessionAfterAllTheirData() {
        TcpHarness h = harness();
        h.handshake(100, 900);
        h.c2s(PA, 101, 901, "GET / HTTP/1.0\r\n\r\n");
        h.s2c(PA, 901, 119, "HTTP/1.0 200 OK\r\n");
        h.c2s(TCP_ACK, 119, 918, null);
        h.s2c(TCP_FIN | TCP_ACK, 918, 119, null);
        h.c2s(TCP_ACK, 119, 919, null);
        assertEquals(List.of(), h.app.ends, "the server's FIN acknowledged is not the end yet (FIN_WAIT2)");
        h.c2s(TCP_FIN | TCP_ACK, 119, 919, null);
        assertEquals(List.of(), h.app.ends, "TIME_WAIT: the client's FIN is not acknowledged yet");
        h.s2c(TCP_ACK, 919, 120, null);
        assertEquals(TcpState.CLOSED, h.session().state);
        assertEquals(List.of("ts@18", "tc@17"), h.app.ends);
        h.end();
        assertEquals(2, h.app.ends.size(), "flow end does not end them again");
        assertEquals(List.of(), h.app.violations);
    }

    @Test
    void anAcceptedRstEndsOnlyItsSendersStream() {
        TcpHarness h = harness();
        h.handshake(100, 900);
        h.c2s(PA, 101, 901, "GET / HTTP/1.0\r\n\r\n");
        h.s2c(PA, 901, 119, "HTTP/1.0 200 OK\r\n");
        h.s2c(TCP_RST | TCP_ACK, 918, 119, null);
        assertEquals(TcpState.CLOSED, h.session().state);
        assertEquals(List.of("tc@17"), h.app.ends);
        assertEquals(List.of(), h.app.violations);
    }

    @Test
    void handshakeEstablishesAndDataIsDeliveredOnceAcked() {
        TcpHarness h = harness();
        h.handshake(100, 900);
        assertEquals(TcpState.ESTABLISHED, h.session().state);
        assertEquals(FlowState.ESTABLISHED, h.flow.state);
        h.c2s(PA, 101, 901, "GET / HTTP/1.0\r\n\r\n");
        assertEquals("", h.app.toServer(), "not acked yet: IDS mode waits for the ACK");
        h.s2c(PA, 901, 119, "HTTP/1.0 200 OK\r\n");
        assertEquals("GET / HTTP/1.0\r\n\r\n", h.app.toServer());
        assertEquals("GET / HTTP/1.0\r\n\r\n", h.raw.toServer());
        h.c2s(TCP_ACK, 119, 918, null);
        assertEquals("HTTP/1.0 200 OK\r\n", h.app.toClient());
        var c = h.tracker.counters();
        assertEquals(1, c.syn);
        assertEquals(1, c.synack);
        assertEquals(1, c.sessions);
        assertEquals(0, c.reassemblyGap);
    }

    @Test
    void inlineModeGivesTheAppLayerInOrderDataOnArrivalAndTheRawConsumerStillOnAck() {
        StreamConfig cfg = new StreamConfig();
        cfg.inline = true;
        TcpHarness h = new TcpHarness(cfg);
        h.handshake(100, 900);
        h.c2s(PA, 101, 901, "GET / HTTP/1.0\r\n\r\n");
        assertEquals("GET / HTTP/1.0\r\n\r\n", h.app.toServer(), "stream.inline: parsed on arrival");
        assertEquals("", h.raw.toServer(), "raw stream inspection keeps its own (ACK) timing");
        // out of order: nothing past the hole until it is filled
        h.c2s(PA, 125, 901, "later");
        assertEquals("GET / HTTP/1.0\r\n\r\n", h.app.toServer());
        h.c2s(PA, 119, 901, "abcdef");
        assertEquals("GET / HTTP/1.0\r\n\r\nabcdeflater", h.app.toServer());
    }

    @Test
    void clientCloseFirstGoesThroughCloseWaitAndLastAck() {
        // Suricata names states from the server's side (checked with the oracle): a client FIN
        // is CLOSE_WAIT, the server's FIN then LAST_ACK, the client's final ACK CLOSED
        TcpHarness h = harness();
        h.handshake(100, 900);
        h.c2s(TCP_FIN | TCP_ACK, 101, 901, null);
        assertEquals(TcpState.CLOSE_WAIT, h.session().state);
        assertEquals(FlowState.ESTABLISHED, h.flow.state);
        h.s2c(TCP_ACK, 901, 102, null);
        assertEquals(TcpState.CLOSE_WAIT, h.session().state);
        h.s2c(TCP_FIN | TCP_ACK, 901, 102, null);
        assertEquals(TcpState.LAST_ACK, h.session().state);
        assertEquals(FlowState.CLOSED, h.flow.state);
        h.c2s(TCP_ACK, 102, 902, null);
        assertEquals(TcpState.CLOSED, h.session().state);
    }

    @Test
    void serverCloseFirstGoesThroughFinWaitAndTimeWait() {
        TcpHarness h = harness();
        h.handshake(100, 900);
        h.s2c(TCP_FIN | TCP_ACK, 901, 101, null);
        assertEquals(TcpState.FIN_WAIT1, h.session().state);
        h.c2s(TCP_ACK, 101, 902, null);
        assertEquals(TcpState.FIN_WAIT2, h.session().state);
        h.c2s(TCP_FIN | TCP_ACK, 101, 902, null);
        assertEquals(TcpState.TIME_WAIT, h.session().state);
        h.s2c(TCP_ACK, 902, 102, null);
        assertEquals(TcpState.CLOSED, h.session().state);
    }

    @Test
    void rstAfterFinMustUseTheFinSequenceNumber() {
        // as Suricata's next_seq, the FIN does not advance the expected RST sequence number
        TcpHarness h = harness();
        h.handshake(1000, 5000);
        h.c2s(TCP_FIN | TCP_ACK, 1001, 5001, null);
        h.c2s(TCP_RST, 1002, 0, null);
        assertEquals(TcpState.CLOSE_WAIT, h.session().state);
        h.c2s(TCP_RST, 1001, 0, null);
        assertEquals(TcpState.CLOSED, h.session().state);
    }

    @Test
    void rstAfterAckedClientFinAndAfterServerFinUsesFinPlusOne() {
        // the oracle: a client FIN counts once the server acked it; a server FIN at once
        TcpHarness h = harness();
        h.handshake(1000, 5000);
        h.c2s(TCP_FIN | TCP_ACK, 1001, 5001, null);
        h.s2c(TCP_ACK, 5001, 1002, null);
        h.c2s(TCP_RST, 1002, 0, null);
        assertEquals(TcpState.CLOSED, h.session().state);

        TcpHarness g = harness();
        g.handshake(1000, 5000);
        g.s2c(TCP_FIN | TCP_ACK, 5001, 1001, null);
        g.s2c(TCP_RST, 5001, 0, null);
        assertEquals(TcpState.FIN_WAIT1, g.session().state);
        g.s2c(TCP_RST, 5002, 0, null);
        assertEquals(TcpState.CLOSED, g.session().state);
    }

    @Test
    void withoutMidstreamASessionWithoutHandshakeIsNotTracked() {
        TcpHarness h = harness();
        Flow f = h.c2s(PA, 5000, 7000, "hello");
        h.s2c(TCP_ACK, 7000, 5005, null);
        assertNull(h.session());
        assertEquals(FlowState.NEW, f.state);
        assertEquals("", h.app.toServer());
        assertEquals(0, h.tracker.counters().sessions);
        assertEquals(2, f.pktsToServer + f.pktsToClient);
    }

    @Test
    void synAckFirstWithoutMidstreamKeepsDirectionAndHasNoSession() {
        TcpHarness h = harness();
        Flow f = h.s2c(TCP_SYN | TCP_ACK, 900, 101, null);
        assertNull(h.session());
        assertEquals(TcpHarness.SERVER, f.srcLo, "first packet's sender stays the client side");
        assertEquals(1, h.tracker.counters().synack);
    }

    @Test
    void synAckFirstWithMidstreamSwapsTheFlow() {
        StreamConfig sc = new StreamConfig();
        sc.midstream = true;
        TcpHarness h = new TcpHarness(sc);
        Flow f = h.s2c(TCP_SYN | TCP_ACK, 900, 101, null);
        assertEquals(TcpHarness.CLIENT, f.srcLo, "the SYN/ACK's receiver is the client");
        assertEquals(TcpHarness.SPORT, f.dstPort);
        assertTrue(f.reversed);
        assertFalse(h.packet.toServer);
        assertEquals(TcpState.SYN_RECV, h.session().state);
        assertEquals(1, h.tracker.counters().midstreamPickups);
        h.c2s(TCP_ACK, 101, 901, null);
        assertTrue(h.packet.toServer);
        assertEquals(TcpState.ESTABLISHED, h.session().state);
        h.c2s(PA, 101, 901, "abc");
        h.s2c(TCP_ACK, 901, 104, null);
        assertEquals("abc", h.app.toServer());
    }

    @Test
    void asyncOnesideServerOnlyTrafficIsTrackedFromTheSynAck() {
        // suricata-verify http-async-srv: only the server side is captured; Suricata's async-oneside
        // picks the session up from the SYN/ACK and the server's ACK establishes it
        StreamConfig sc = new StreamConfig();
        sc.asyncOneside = true;
        TcpHarness h = new TcpHarness(sc);
        h.s2c(TCP_SYN | TCP_ACK, 900, 101, null);
        assertEquals(TcpState.SYN_RECV, h.session().state);
        h.s2c(TCP_ACK, 901, 101, null);
        assertEquals(TcpState.ESTABLISHED, h.session().state);
        h.s2c(PA, 901, 141, "HTTP/1.0 200 OK");
        assertEquals(1, h.tracker.counters().midstreamPickups);
    }

    @Test
    void asyncOnesideWithAFailClosedMidstreamPolicyTracksNothing() {
        // exception-policy-midstream-02: Suricata drops the flow; it is not tracked here
        StreamConfig sc = new StreamConfig();
        sc.asyncOneside = true;
        sc.midstreamFailClosed = true;
        TcpHarness h = new TcpHarness(sc);
        h.s2c(TCP_SYN | TCP_ACK, 900, 101, null);
        assertNull(h.session());
    }

    @Test
    void synsWithNewSequenceNumbersPastTheQueueLimitAreASynFlood() {
        // suricata-verify bug-7657-02-ips (Suricata 7.0.10): the first 10 SYNs with new ISNs are
        // taken quietly, each further one raises 3whs_syn_flood; the last SYN's handshake completes
        TcpHarness h = harness();
        h.c2s(TCP_SYN, 1000, 0, null);
        for (int i = 1; i <= 10; i++) {
            h.c2s(TCP_SYN, 1000 + i * 100, 0, null);
            assertFalse(h.tracker.hasEvent(StreamEvent.SYN_FLOOD), "resend " + i);
        }
        h.c2s(TCP_SYN, 5000, 0, null);
        assertTrue(h.tracker.hasEvent(StreamEvent.SYN_FLOOD));
        h.c2s(TCP_SYN, 5000, 0, null);   // a retransmission of the current SYN is no new one
        assertFalse(h.tracker.hasEvent(StreamEvent.SYN_FLOOD));
        h.s2c(TCP_SYN | TCP_ACK, 900, 5001, null);
        h.c2s(TCP_ACK, 5001, 901, null);
        assertEquals(TcpState.ESTABLISHED, h.session().state);
    }

    @Test
    void aSynResentWithANewIsnIsWhatTheSynAckTimestampIsCheckedAgainst() {
        // bug-7657-02-ips: SYNs without timestamps, then the real client's SYN with one; the SYN/ACK
        // echoing it is valid
        TcpHarness h = harness();
        h.c2s(TCP_SYN, 1000, 0, null);
        h.send(true, TCP_SYN, 5000, 0, 65535, null, 77, 0);
        h.send(false, TCP_SYN | TCP_ACK, 900, 5001, 65535, null, 99, 77);
        assertFalse(h.tracker.hasEvent(StreamEvent.PKT_INVALID_TIMESTAMP));
        assertEquals(TcpState.SYN_RECV, h.session().state);
    }

    @Test
    void aRetransmittedSynsNewerTimestampIsTheOneTheSynAckMayEcho() {
        // suricata-verify bug-4376: the SYN is retransmitted with a newer TSval, the SYN/ACK echoes it
        TcpHarness h = harness();
        h.send(true, TCP_SYN, 1000, 0, 65535, null, 330, 0);
        h.send(true, TCP_SYN, 1000, 0, 65535, null, 580, 0);
        h.send(false, TCP_SYN | TCP_ACK, 900, 1001, 65535, null, 99, 580);
        assertFalse(h.tracker.hasEvent(StreamEvent.PKT_INVALID_TIMESTAMP));
        assertEquals(TcpState.SYN_RECV, h.session().state);
    }

    @Test
    void aSynAckMayAlsoEchoTheFirstSynsTimestamp() {
        // suricata-verify bug-6269-02-ips: the SYN is retransmitted with a newer TSval, the SYN/ACK
        // echoes the first one (Suricata finds it in its SYN queue)
        TcpHarness h = harness();
        h.send(true, TCP_SYN, 1000, 0, 65535, null, 191, 0);
        h.send(true, TCP_SYN, 1000, 0, 65535, null, 202, 0);
        h.send(false, TCP_SYN | TCP_ACK, 900, 1001, 65535, null, 99, 191);
        assertFalse(h.tracker.hasEvent(StreamEvent.PKT_INVALID_TIMESTAMP));
        assertEquals(TcpState.SYN_RECV, h.session().state);
    }

    @Test
    void midstreamAckPickup() {
        StreamConfig sc = new StreamConfig();
        sc.midstream = true;
        TcpHarness h = new TcpHarness(sc);
        h.c2s(PA, 5000, 7000, "hello");
        assertTrue(h.session().midstream);
        assertEquals(TcpState.ESTABLISHED, h.session().state);
        h.s2c(PA, 7000, 5005, "world");
        h.c2s(TCP_ACK, 5005, 7005, null);
        assertEquals("hello", h.app.toServer());
        assertEquals("world", h.app.toClient());
    }

    @Test
    void outOfOrderSegmentsAreReordered() {
        TcpHarness h = harness();
        h.handshake(100, 900);
        h.c2s(PA, 107, 901, "world");
        h.c2s(PA, 104, 901, "lo ");
        h.c2s(PA, 101, 901, "hel");
        h.s2c(TCP_ACK, 901, 112, null);
        assertEquals("hello world", h.app.toServer());
        assertTrue(h.app.violations.isEmpty());
    }

    @Test
    void tinySegmentsReassembleToTheSameStream() {
        TcpHarness h = harness();
        h.handshake(100, 900);
        String msg = "GET /evil.exe HTTP/1.1";
        for (int i = msg.length() - 1; i >= 0; i--) {
            h.c2s(PA, 101 + i, 901, msg.substring(i, i + 1));
        }
        h.s2c(TCP_ACK, 901, 101 + msg.length(), null);
        assertEquals(msg, h.app.toServer());
        assertEquals(0, h.session().client.storedSegments(), "delivered segments are freed");
    }

    @Test
    void retransmissionWithDifferentPayloadBeforeAckKeepsFirstForBsd() {
        StreamConfig sc = new StreamConfig();
        sc.checkOverlapDifferentData = true;
        TcpHarness h = new TcpHarness(sc);
        h.handshake(100, 900);
        h.c2s(PA, 101, 901, "attack");
        h.c2s(PA, 101, 901, "benign");
        assertTrue(h.tracker.hasEvent(StreamEvent.REASSEMBLY_OVERLAP_DIFFERENT_DATA));
        h.s2c(TCP_ACK, 901, 107, null);
        assertEquals("attack", h.app.toServer(), "bsd keeps the original on an exact retransmission");
    }

    @Test
    void retransmissionOfAckedDataIsNotReinserted() {
        TcpHarness h = harness();
        h.handshake(100, 900);
        h.c2s(PA, 101, 901, "abcdef");
        h.s2c(TCP_ACK, 901, 107, null);
        h.c2s(PA, 101, 901, "XXXXXX");
        assertTrue(h.tracker.hasEvent(StreamEvent.PKT_RETRANSMISSION));
        h.c2s(PA, 107, 901, "gh");
        h.s2c(TCP_ACK, 901, 109, null);
        assertEquals("abcdefgh", h.app.toServer());
    }

    @Test
    void outOfWindowDataIsNotInserted() {
        TcpHarness h = harness();
        h.handshake(100, 900);
        // the server advertised 65535: data starting 70000 bytes ahead is out of its window
        h.c2s(PA, 101 + 70_000, 901, "evil");
        assertTrue(h.tracker.hasEvent(StreamEvent.EST_PACKET_OUT_OF_WINDOW));
        assertEquals(0, h.session().client.storedSegments());
        h.c2s(PA, 101, 901, "good");
        h.s2c(TCP_ACK, 901, 105, null);
        assertEquals("good", h.app.toServer());
    }

    @Test
    void windowScaleWidensTheWindow() {
        TcpHarness h = harness();
        h.packet.reset();
        // SYN and SYN/ACK with wscale 7 on both sides
        h.c2s(TCP_SYN, 100, 0, null);
        TcpSession ssn = h.session();
        ssn.client.wscale = 7;
        ssn.client.flags |= TcpStream.FLAG_WSCALE_SEEN;
        // drive the SYN/ACK with a wscale option set on the packet
        sendWithWscale(h, 7);
        h.c2s(TCP_ACK, 101, 901, null);
        assertEquals(7, ssn.server.wscale);
        // 1000 << 7 = 128000 byte window: 100000 bytes ahead is inside it
        h.send(false, TCP_ACK, 901, 101, 1000, null);
        h.c2s(PA, 101 + 100_000, 901, "far");
        assertFalse(h.tracker.hasEvent(StreamEvent.EST_PACKET_OUT_OF_WINDOW));
        h.c2s(PA, 101 + 200_000, 901, "too far");
        assertTrue(h.tracker.hasEvent(StreamEvent.EST_PACKET_OUT_OF_WINDOW));
    }

    private static void sendWithWscale(TcpHarness h, int ws) {
        // build the SYN/ACK by hand so the packet carries the option field
        var p = h.packet;
        dev.rampart.engine.testutil.TestPackets.tcp(p, java.nio.ByteBuffer.allocate(200), TcpHarness.SERVER,
                TcpHarness.SPORT, TcpHarness.CLIENT, TcpHarness.CPORT, TCP_SYN | TCP_ACK, 900, 101, 1000, null,
                h.now += 1000);
        p.tcpWscale = ws;
        Flow f = h.flows.handle(p);
        h.tracker.handle(f, p);
    }

    @Test
    void inWindowRstClosesAndFlushesUnackedData() {
        TcpHarness h = harness();
        h.handshake(100, 900);
        h.c2s(PA, 101, 901, "unacked");
        h.s2c(TCP_RST | TCP_ACK, 901, 101, null);
        assertEquals(TcpState.CLOSED, h.session().state);
        assertEquals(FlowState.CLOSED, h.flow.state);
        assertEquals("unacked", h.app.toServer());
        assertEquals(1, h.tracker.counters().rst);
    }

    @Test
    void rstInjectionWithWrongSeqIsInvalidForBsd() {
        TcpHarness h = harness();
        h.handshake(100, 900);
        h.s2c(PA, 901, 101, "0123456789");
        // injected RST with a sequence number inside the window but not the next expected one
        h.s2c(TCP_RST, 905, 0, null);
        assertTrue(h.tracker.hasEvent(StreamEvent.RST_INVALID_SEQ));
        assertEquals(TcpState.ESTABLISHED, h.session().state);
        // out of window altogether
        h.s2c(TCP_RST, 901 + 1_000_000, 0, null);
        assertTrue(h.tracker.hasEvent(StreamEvent.RST_INVALID_SEQ));
        assertEquals(TcpState.ESTABLISHED, h.session().state);
        h.c2s(TCP_ACK, 101, 911, null);
        assertEquals("0123456789", h.app.toClient());
    }

    @Test
    void serverPacketsInSynSentMustEchoTheClientsTimestamp() {
        // suricata-verify 7858-stream-events (bug-3286-02 capture), as Suricata 7.0.10: an RST and a
        // FIN echoing a timestamp the client never sent are invalid and ignored; the real SYN/ACK
        // (echo 0) then starts the session
        TcpHarness h = harness();
        h.send(true, TCP_SYN, 1000, 0, 65535, null, 5555, 0);
        h.send(false, TCP_RST | TCP_ACK, 0, 1001, 65535, null, 100, 100);
        assertTrue(h.tracker.hasEvent(StreamEvent.PKT_INVALID_TIMESTAMP));
        assertEquals(TcpState.SYN_SENT, h.session().state);
        h.send(false, TCP_FIN | TCP_ACK, 0, 1001, 65535, null, 100, 100);
        assertTrue(h.tracker.hasEvent(StreamEvent.PKT_INVALID_TIMESTAMP));
        assertEquals(TcpState.SYN_SENT, h.session().state);
        h.send(false, TCP_SYN | TCP_ACK, 5000, 1001, 65535, null, 7777, 5555);
        assertFalse(h.tracker.hasEvent(StreamEvent.PKT_INVALID_TIMESTAMP));
        assertEquals(TcpState.SYN_RECV, h.session().state);
    }

    @Test
    void rstInSynSentFollowedBySynAckIsASuspectedInjection() {
        // as Suricata 7 (checked with the oracle): SYN, RST/ACK from the "server", then the real
        // SYN/ACK: the RST is taken back and the handshake completes
        TcpHarness h = harness();
        h.c2s(TCP_SYN, 1000, 0, null);
        h.s2c(TCP_RST | TCP_ACK, 0, 1001, null);
        assertEquals(TcpState.CLOSED, h.session().state);
        assertEquals(FlowState.CLOSED, h.flow.state);
        h.s2c(TCP_SYN | TCP_ACK, 5000, 1001, null);
        assertTrue(h.tracker.hasEvent(StreamEvent.SUSPECTED_RST_INJECT));
        assertEquals(TcpState.SYN_RECV, h.session().state);
        h.c2s(TCP_ACK, 1001, 5001, null);
        h.c2s(PA, 1001, 5001, "GET /");
        h.s2c(TCP_ACK, 5001, 1006, null);
        assertEquals(TcpState.ESTABLISHED, h.session().state);
        assertEquals(FlowState.ESTABLISHED, h.flow.state);
        assertEquals("GET /", h.app.toServer());
    }

    @Test
    void injectedRstInEstablishedIsUndoneWhenItsSenderTalksOn() {
        TcpHarness h = harness();
        h.handshake(100, 900);
        h.s2c(TCP_RST, 901, 0, null);
        assertEquals(TcpState.CLOSED, h.session().state);
        h.s2c(PA, 901, 101, "more");
        assertTrue(h.tracker.hasEvent(StreamEvent.SUSPECTED_RST_INJECT));
        assertEquals(TcpState.ESTABLISHED, h.session().state);
        h.c2s(TCP_ACK, 101, 905, null);
        assertEquals("more", h.app.toClient());
    }

    @Test
    void splitFourWayHandshakeIsTracked() {
        // SYN, SYN back from the server, SYN/ACK from the client, ACK from the server
        // (suricata-verify tcp-split-handshake-01-4whs ends closed by the RST)
        TcpHarness h = harness();
        h.c2s(TCP_SYN, 1000, 0, null);
        h.s2c(TCP_SYN, 3000, 0, null);
        h.c2s(TCP_SYN | TCP_ACK, 1000, 3001, null);
        assertEquals(TcpState.SYN_RECV, h.session().state);
        h.s2c(TCP_ACK, 3001, 1001, null);
        assertEquals(TcpState.ESTABLISHED, h.session().state);
        h.c2s(TCP_ACK, 1001, 3001, "GET ");
        h.s2c(TCP_ACK, 3001, 1005, null);
        assertEquals("GET ", h.app.toServer());
        h.c2s(TCP_RST, 1005, 0, null);
        assertEquals(TcpState.CLOSED, h.session().state);
    }

    @Test
    void synAfterClosedSessionStartsANewFlow() {
        // oracle: RST-closed session then a SYN with a new ISN: 2 flows, flow.tcp_reuse 1
        TcpHarness h = harness();
        h.handshake(1000, 5000);
        Flow first = h.flow;
        long firstId = first.flowId;
        h.c2s(TCP_RST, 1001, 0, null);
        Flow second = h.c2s(TCP_SYN, 7000, 0, null);
        assertTrue(second.flowId != firstId);
        assertEquals(1, h.flows.counters().tcpReuse);
        assertEquals(2, h.flows.counters().total);
        assertEquals(TcpState.SYN_SENT, h.session().state);
        assertEquals(2, h.tracker.counters().sessions);
    }

    @Test
    void synOnEstablishedSessionOrRetransmittedSynIsNoReuse() {
        TcpHarness h = harness();
        h.c2s(TCP_SYN, 1000, 0, null);
        h.c2s(TCP_SYN, 1000, 0, null);
        h.c2s(TCP_SYN, 1500, 0, null);
        assertEquals(1, h.flows.counters().total, "SYN_SENT: a new ISN replaces the attempt");
        h.s2c(TCP_SYN | TCP_ACK, 5000, 1501, null);
        h.c2s(TCP_ACK, 1501, 5001, null);
        h.c2s(TCP_SYN, 9000, 0, null);
        assertEquals(1, h.flows.counters().total);
        assertEquals(0, h.flows.counters().tcpReuse);
    }

    @Test
    void synFinIsDroppedWithAnEvent() {
        TcpHarness h = harness();
        h.handshake(1000, 5000);
        h.c2s(TCP_SYN | TCP_FIN, 1001, 0, null);
        assertTrue(h.tracker.hasEvent(StreamEvent.FIN_SYN));
        assertEquals(TcpState.ESTABLISHED, h.session().state);
    }

    @Test
    void synOnFlowWithoutSessionStartsANewFlow() {
        TcpHarness h = harness();
        h.c2s(PA, 1001, 5001, "abc");
        assertNull(h.session());
        h.c2s(TCP_SYN, 7000, 0, null);
        assertEquals(2, h.flows.counters().total);
        assertEquals(1, h.tracker.counters().sessions);
    }

    @Test
    void ackInWrongDirectionDoesNotCompleteTheHandshake() {
        TcpHarness h = harness();
        h.c2s(TCP_SYN, 100, 0, null);
        h.s2c(TCP_SYN | TCP_ACK, 900, 101, null);
        h.s2c(TCP_ACK, 901, 101, null);
        assertTrue(h.tracker.hasEvent(StreamEvent.ACK_IN_WRONG_DIR));
        assertEquals(TcpState.SYN_RECV, h.session().state);
    }

    @Test
    void rstInWindowIsValidForLinux() {
        StreamConfig sc = new StreamConfig();
        sc.defaultPolicy = OsPolicy.LINUX;
        TcpHarness h = new TcpHarness(sc);
        h.handshake(100, 900);
        h.s2c(TCP_RST, 905, 0, null);
        assertFalse(h.tracker.hasEvent(StreamEvent.RST_INVALID_SEQ));
        assertEquals(TcpState.CLOSED, h.session().state);
    }

    @Test
    void rstAckingUnsentDataIsInvalid() {
        TcpHarness h = harness();
        h.handshake(100, 900);
        h.s2c(TCP_RST | TCP_ACK, 901, 5000, null);
        assertTrue(h.tracker.hasEvent(StreamEvent.RST_INVALID_ACK));
        assertEquals(TcpState.ESTABLISHED, h.session().state);
    }

    @Test
    void synDataAcceptedBySynAckIsDelivered() {
        TcpHarness h = harness();
        h.c2s(TCP_SYN, 100, 0, "tfo!");
        h.s2c(TCP_SYN | TCP_ACK, 900, 105, null);
        h.c2s(TCP_ACK, 105, 901, null);
        assertEquals("tfo!", h.app.toServer());
    }

    @Test
    void synDataNotAckedIsDropped() {
        TcpHarness h = harness();
        h.c2s(TCP_SYN, 100, 0, "evil");
        h.s2c(TCP_SYN | TCP_ACK, 900, 101, null);
        assertTrue(h.tracker.hasEvent(StreamEvent.SYNACK_TFO_DATA_IGNORED));
        h.c2s(TCP_ACK, 101, 901, null);
        h.c2s(PA, 101, 901, "good");
        h.s2c(TCP_ACK, 901, 105, null);
        assertEquals("good", h.app.toServer());
    }

    @Test
    void synAckWithWrongAckIsAnEvent() {
        TcpHarness h = harness();
        h.c2s(TCP_SYN, 100, 0, null);
        h.s2c(TCP_SYN | TCP_ACK, 900, 555, null);
        assertTrue(h.tracker.hasEvent(StreamEvent.SYNACK_WITH_WRONG_ACK));
        assertEquals(TcpState.SYN_SENT, h.session().state);
    }

    @Test
    void sequenceNumbersWrapAt2To32() {
        TcpHarness h = harness();
        long isn = 0xFFFFFFF0L;
        h.handshake(isn, 0xFFFFFFFEL);
        // 20 bytes: crosses 2^32 after 15 bytes
        h.c2s(PA, isn + 1 + 10, 0xFFFFFFFFL, "KLMNOPQRST");
        h.c2s(PA, isn + 1, 0xFFFFFFFFL, "ABCDEFGHIJ");
        h.s2c(TCP_ACK, 0xFFFFFFFFL, (isn + 21) & 0xFFFFFFFFL, null);
        assertEquals("ABCDEFGHIJKLMNOPQRST", h.app.toServer());
        h.s2c(PA, 0xFFFFFFFFL, (isn + 21) & 0xFFFFFFFFL, "xyz");
        h.c2s(TCP_ACK, (isn + 21) & 0xFFFFFFFFL, 2, null);
        assertEquals("xyz", h.app.toClient());
    }

    @Test
    void ackedHoleIsAGapAndInspectionContinues() {
        TcpHarness h = harness();
        h.handshake(100, 900);
        h.c2s(PA, 101, 901, "aaaa");
        h.c2s(PA, 109, 901, "cccc");
        h.s2c(TCP_ACK, 901, 113, null);
        assertEquals("aaaa____cccc", h.app.toServer());
        assertEquals(1, h.tracker.counters().reassemblyGap);
        assertTrue(h.tracker.hasEvent(StreamEvent.REASSEMBLY_SEQ_GAP));
        assertEquals(4, h.app.gaps.get(0)[1]);
    }

    @Test
    void unackedHoleWaitsForRetransmission() {
        TcpHarness h = harness();
        h.handshake(100, 900);
        h.c2s(PA, 101, 901, "aaaa");
        h.c2s(PA, 109, 901, "cccc");
        h.s2c(TCP_ACK, 901, 105, null);
        assertEquals("aaaa", h.app.toServer());
        h.c2s(PA, 105, 901, "bbbb");
        h.s2c(TCP_ACK, 901, 113, null);
        assertEquals("aaaabbbbcccc", h.app.toServer());
        assertEquals(0, h.tracker.counters().reassemblyGap);
    }

    @Test
    void flowEndFlushesWithGaps() {
        TcpHarness h = harness();
        h.handshake(100, 900);
        h.c2s(PA, 101, 901, "aa");
        h.c2s(PA, 105, 901, "cc");
        h.end();
        assertEquals("aa__cc", h.app.toServer());
        // the hole was never acknowledged: the flush crosses it without a gap (Suricata's CheckGap;
        // suricata-verify tcp-rst-unacked-stream-*)
        assertEquals(0, h.tracker.counters().reassemblyGap);
        assertFalse(h.tracker.hasEvent(StreamEvent.REASSEMBLY_SEQ_GAP));
        assertEquals(0, h.tracker.counters().activeSessions);
        assertEquals(0, h.tracker.reassembler().segmentsInUse());
    }

    @Test
    void depthLimitsReassembly() {
        StreamConfig sc = new StreamConfig();
        sc.depth = 10;
        TcpHarness h = new TcpHarness(sc);
        h.handshake(100, 900);
        h.c2s(PA, 101, 901, "0123456");
        // the segment that crosses the depth is refused whole, and counts as taken by the stream (no
        // packet inspection for it); the ones after it are not taken and are inspected as packets
        h.c2s(PA, 108, 901, "789abc");
        assertTrue(h.tracker.hasEvent(StreamEvent.REASSEMBLY_DEPTH_REACHED));
        assertTrue(h.packet.streamAdd);
        h.c2s(PA, 114, 901, "def");
        assertFalse(h.packet.streamAdd);
        h.s2c(TCP_ACK, 901, 117, null);
        assertEquals("0123456", h.app.toServer());
        assertEquals(1, h.tracker.counters().streamDepthReached);
        assertTrue(h.session().client.depthReached());
    }

    @Test
    void perStreamDepthOverridesTheConfiguredOne() {
        StreamConfig sc = new StreamConfig();
        sc.depth = 4;
        TcpHarness h = new TcpHarness(sc);
        h.handshake(100, 900);
        h.session().client.setDepth(0);
        h.c2s(PA, 101, 901, "0123456789");
        h.s2c(TCP_ACK, 901, 111, null);
        assertEquals("0123456789", h.app.toServer());
        assertFalse(h.session().client.depthReached());
    }

    @Test
    void segmentMemcapDropsAndCounts() {
        StreamConfig sc = new StreamConfig();
        sc.segmentSize = 64;
        sc.reassemblyMemcap = 2L * (64 + StreamConfig.SEGMENT_OVERHEAD);
        TcpHarness h = new TcpHarness(sc);
        h.handshake(100, 900);
        h.c2s(PA, 101, 901, "x".repeat(48));
        h.c2s(PA, 149, 901, "y".repeat(48));
        h.c2s(PA, 197, 901, "z");
        assertEquals(1, h.tracker.counters().segmentMemcapDrop);
        assertEquals(1, h.tracker.counters().insertDataNormalFail);
        assertTrue(h.tracker.reassembler().segmentMemuse() <= sc.reassemblyMemcap);
        h.s2c(TCP_ACK, 901, 197, null);
        assertEquals("x".repeat(48) + "y".repeat(48), h.app.toServer());
        // delivered segments went back to the pool: now it fits
        h.c2s(PA, 197, 901, "z");
        h.s2c(TCP_ACK, 901, 198, null);
        assertEquals("x".repeat(48) + "y".repeat(48) + "z", h.app.toServer());
    }

    @Test
    void sessionMemcapDropsNewSessions() {
        StreamConfig sc = new StreamConfig();
        sc.memcap = StreamConfig.SESSION_BYTES;
        TcpHarness h = new TcpHarness(sc);
        h.handshake(100, 900);
        assertNotNull(h.session());
        // a second connection from another port
        h.packet.reset();
        var p = h.packet;
        dev.rampart.engine.testutil.TestPackets.tcp(p, java.nio.ByteBuffer.allocate(100), TcpHarness.CLIENT, 40001,
                TcpHarness.SERVER, 80, TCP_SYN, 5, 0, 1000, null, h.now);
        Flow f2 = h.flows.handle(p);
        h.tracker.handle(f2, p);
        assertNull(TcpTracker.session(f2));
        assertEquals(1, h.tracker.counters().ssnMemcapDrop);
    }

    @Test
    void partialConsumptionResumesWhereTheConsumerStopped() {
        TcpHarness h = harness();
        h.app.maxPerCall = 3;
        h.handshake(100, 900);
        h.c2s(PA, 101, 901, "abcdefgh");
        h.s2c(TCP_ACK, 901, 109, null);
        assertEquals("abc", h.app.toServer());
        assertEquals("abcdefgh", h.raw.toServer(), "raw progress is separate");
        h.s2c(TCP_ACK, 901, 109, null);
        h.s2c(TCP_ACK, 901, 109, null);
        assertEquals("abcdefgh", h.app.toServer());
        assertEquals(8, h.session().client.appProgress());
        assertEquals(8, h.session().client.rawProgress());
    }

    @Test
    void largeOffloadedSegmentStaysOneSegment() {
        // as in Suricata's segment list a 6458-byte GRO segment is one segment, so the 1460-byte
        // segments inside it that follow are judged against their immediate neighbours only
        StreamConfig sc = new StreamConfig();
        TcpHarness h = new TcpHarness(sc);
        h.handshake(100, 900);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6458; i++) {
            sb.append((char) ('a' + i % 26));
        }
        String big = sb.toString();
        h.c2s(TCP_ACK, 101, 901, big.substring(0, 1460));
        h.c2s(TCP_ACK, 1561, 901, big.substring(1460));
        assertEquals(2, h.session().client.storedSegments());
        h.c2s(TCP_ACK, 101 + 2920, 901, big.substring(2920, 4380));
        h.c2s(TCP_ACK, 101 + 4380, 901, big.substring(4380, 5840));
        assertEquals(1, h.tracker.counters().overlap, "only the first one has an overlapping neighbour");
        h.s2c(TCP_ACK, 901, 101 + 6458, null);
        assertEquals(big, h.app.toServer());
        assertEquals(0, h.session().client.storedSegments());
    }

    @Test
    void badChecksumIsCountedAndIgnored() {
        TcpHarness h = harness();
        h.handshake(100, 900);
        h.packet.reset();
        var p = h.packet;
        dev.rampart.engine.testutil.TestPackets.tcp(p, java.nio.ByteBuffer.allocate(100), TcpHarness.CLIENT,
                TcpHarness.CPORT, TcpHarness.SERVER, TcpHarness.SPORT, PA, 101, 901, 1000,
                "bad".getBytes(java.nio.charset.StandardCharsets.US_ASCII), h.now);
        p.l4ChecksumBad = true;
        h.tracker.handle(h.flows.handle(p), p);
        assertEquals(1, h.tracker.counters().invalidChecksum);
        assertEquals(0, h.session().client.storedSegments());
    }

    @Test
    void overlapCountersWithoutCheckingDataStillApplyPolicy() {
        TcpHarness h = harness();
        h.handshake(100, 900);
        h.c2s(PA, 103, 901, "OOOO");
        h.c2s(PA, 101, 901, "NNNNNN");
        assertEquals(1, h.tracker.counters().overlap);
        assertEquals(0, h.tracker.counters().overlapDiffData, "event off by default as in Suricata");
        h.s2c(TCP_ACK, 901, 107, null);
        assertEquals("NNNNNN", h.app.toServer(), "bsd takes new data that starts before");
    }
}

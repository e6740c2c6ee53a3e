package dev.rampart.perf.gen;

import java.util.SplittableRandom;

/**
 * One TCP connection as a state machine that emits one packet per step: three-way handshake (MSS,
 * SACK-permitted and window-scale options), the script's messages cut at the MSS with delayed ACKs
 * (a pure ACK after every second full segment, or the reply piggybacking it), then a FIN exchange
 * or a client RST. Nothing is lost or reordered, so every packet acknowledges all the peer has sent.
 */
final class TcpConversation implements Conversation {
    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int PSH = 0x08;
    private static final int ACK = 0x10;
    private static final byte[] NO_OPTIONS = new byte[0];
    private static final int WINDOW_SCALE = 7;

    private enum State { SYN, SYN_ACK, HANDSHAKE_ACK, DATA, CLOSER_FIN, OTHER_FIN, CLOSER_ACK }

    private final SplittableRandom rng;
    private final Script script;
    private final Peer client;
    private final Peer server;
    private final int clientPort;
    private final int serverPort;
    private final int mss;
    private final byte[] synOptions;
    private long clientNext;
    private long serverNext;
    private int clientIpId;
    private int serverIpId;
    private State state = State.SYN;
    private Message current;
    /** Data segments of the last sender the other side has not acknowledged yet. */
    private int unacked;
    private boolean lastSenderIsClient = true;
    private boolean closerIsClient;

    TcpConversation(SplittableRandom rng, Script script, Peer client, int clientPort, Peer server, int serverPort,
            int mss) {
        this.rng = rng;
        this.script = script;
        this.client = client;
        this.server = server;
        this.clientPort = clientPort;
        this.serverPort = serverPort;
        this.mss = mss;
        this.clientNext = rng.nextLong() & 0xffffffffL;
        this.serverNext = rng.nextLong() & 0xffffffffL;
        this.clientIpId = rng.nextInt(0x10000);
        this.serverIpId = rng.nextInt(0x10000);
        // MSS, NOP, NOP, SACK permitted, NOP, window scale
        this.synOptions = new byte[] {2, 4, (byte) (mss >>> 8), (byte) mss, 1, 1, 4, 2, 1, 3, 3, WINDOW_SCALE};
    }

    @Override
    public boolean step(FrameWriter w, long ts) {
        switch (state) {
            case SYN:
                send(w, ts, true, SYN, 64240, synOptions, null, 0);
                clientNext++;
                state = State.SYN_ACK;
                return true;
            case SYN_ACK:
                send(w, ts, false, SYN | ACK, 65160, synOptions, null, 0);
                serverNext++;
                state = State.HANDSHAKE_ACK;
                return true;
            case HANDSHAKE_ACK:
                pureAck(w, ts, true);
                state = State.DATA;
                return true;
            case DATA:
                return data(w, ts);
            case CLOSER_FIN:
                fin(w, ts, closerIsClient);
                state = State.OTHER_FIN;
                return true;
            case OTHER_FIN:
                fin(w, ts, !closerIsClient);
                state = State.CLOSER_ACK;
                return true;
            case CLOSER_ACK:
            default:
                pureAck(w, ts, closerIsClient);
                return false;
        }
    }

    @Override
    public void windDown() {
        script.windDown();
    }

    @Override
    public long bytesUnderWay() {
        return current == null ? 0 : current.remaining();
    }

    private boolean data(FrameWriter w, long ts) {
        if (current == null) {
            current = script.next(ts);
            if (current == null) {
                if (script.endsWithReset()) {
                    send(w, ts, true, RST | ACK, window(true), NO_OPTIONS, null, 0);
                    return false;
                }
                closerIsClient = !script.serverClosesFirst();
                fin(w, ts, closerIsClient);
                state = State.OTHER_FIN;
                return true;
            }
            if (unacked > 0 && current.fromClient != lastSenderIsClient && rng.nextBoolean()) {
                // the delayed-ACK timer fires before the reply is ready
                pureAck(w, ts, current.fromClient);
                return true;
            }
        }
        boolean fromClient = current.fromClient;
        if (fromClient == lastSenderIsClient && unacked >= 2) {
            pureAck(w, ts, !fromClient);
            return true;
        }
        if (fromClient != lastSenderIsClient) {
            unacked = 0; // this segment acknowledges everything the other side sent
            lastSenderIsClient = fromClient;
        }
        int len = (int) Math.min(mss, current.remaining());
        boolean last = len == current.remaining();
        send(w, ts, fromClient, ACK | (last ? PSH : 0), window(fromClient), NO_OPTIONS, current, len);
        if (fromClient) {
            clientNext += len;
        } else {
            serverNext += len;
        }
        unacked++;
        if (last) {
            current = null;
        }
        return true;
    }

    private void fin(FrameWriter w, long ts, boolean fromClient) {
        send(w, ts, fromClient, FIN | ACK, window(fromClient), NO_OPTIONS, null, 0);
        if (fromClient) {
            clientNext++;
        } else {
            serverNext++;
        }
        unacked = 0;
    }

    private void pureAck(FrameWriter w, long ts, boolean fromClient) {
        send(w, ts, fromClient, ACK, window(fromClient), NO_OPTIONS, null, 0);
        unacked = 0;
    }

    /** Scaled windows after the handshake: about 64 KiB each way. */
    private static int window(boolean fromClient) {
        return fromClient ? 502 : 509;
    }

    private void send(FrameWriter w, long ts, boolean fromClient, int flags, int window, byte[] options,
            Message payload, int len) {
        if (payload != null) {
            payload.read(w.buffer(), w.tcpPayloadAt(options.length), len);
        }
        long ack = (flags & ACK) != 0 ? (fromClient ? serverNext : clientNext) : 0;
        if (fromClient) {
            w.tcp(ts, client, server, clientIpId++, clientPort, serverPort, clientNext, ack, flags, window, options, len);
        } else {
            w.tcp(ts, server, client, serverIpId++, serverPort, clientPort, serverNext, ack, flags, window, options, len);
        }
    }
}

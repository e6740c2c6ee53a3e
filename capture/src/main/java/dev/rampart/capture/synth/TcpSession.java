package dev.rampart.capture.synth;

/**
 * One TCP connection written into a {@link Trace}: three-way handshake, data in either direction
 * (cut at the MSS, each segment acknowledged by the other side) and a FIN close, with sequence and
 * acknowledgement numbers kept right throughout.
 */
public final class TcpSession {
    private static final int CLIENT_WINDOW = 64240;
    private static final int SERVER_WINDOW = 65160;
    private static final byte[] NO_OPTIONS = new byte[0];
    private static final byte[] NO_DATA = new byte[0];

    private final Trace trace;
    private final Host client;
    private final int clientPort;
    private final Host server;
    private final int serverPort;
    private final long clientIsn;
    private final long serverIsn;
    private int mss = 1460;

    private long clientNext;
    private long serverNext;
    private int clientIpId;
    private int serverIpId;
    private boolean open;
    private boolean closed;

    public TcpSession(Trace trace, Host client, int clientPort, Host server, int serverPort, long clientIsn,
            long serverIsn) {
        this.trace = trace;
        this.client = client;
        this.clientPort = clientPort;
        this.server = server;
        this.serverPort = serverPort;
        this.clientIsn = clientIsn & 0xffffffffL;
        this.serverIsn = serverIsn & 0xffffffffL;
        // deterministic, distinct IP ids per side
        this.clientIpId = (clientPort * 31) & 0xffff;
        this.serverIpId = (serverPort * 131 + clientPort) & 0xffff;
    }

    /** Largest payload per segment (default 1460). */
    public TcpSession mss(int value) {
        if (value < 1 || value > 65495) {
            throw new IllegalArgumentException("mss out of range: " + value);
        }
        this.mss = value;
        return this;
    }

    /** SYN, SYN/ACK, ACK. */
    public TcpSession handshake() {
        if (open || closed) {
            throw new IllegalStateException("handshake already done");
        }
        emit(true, clientIsn, 0, Tcp.SYN, Tcp.mssOption(mss), NO_DATA);
        emit(false, serverIsn, clientIsn + 1, Tcp.SYN | Tcp.ACK, Tcp.mssOption(mss), NO_DATA);
        clientNext = clientIsn + 1;
        serverNext = serverIsn + 1;
        emit(true, clientNext, serverNext, Tcp.ACK, NO_OPTIONS, NO_DATA);
        open = true;
        return this;
    }

    /** The capture starts after the handshake (a session picked up midstream): no packets, just open. */
    public TcpSession midstream() {
        if (open || closed) {
            throw new IllegalStateException("session already open");
        }
        clientNext = clientIsn + 1;
        serverNext = serverIsn + 1;
        open = true;
        return this;
    }

    public TcpSession clientSends(byte[] data) {
        return send(true, data);
    }

    public TcpSession serverSends(byte[] data) {
        return send(false, data);
    }

    private TcpSession send(boolean fromClient, byte[] data) {
        requireOpen();
        for (int off = 0; off < data.length; off += mss) {
            int len = Math.min(mss, data.length - off);
            byte[] chunk = java.util.Arrays.copyOfRange(data, off, off + len);
            if (fromClient) {
                emit(true, clientNext, serverNext, Tcp.PSH | Tcp.ACK, NO_OPTIONS, chunk);
                clientNext += len;
                emit(false, serverNext, clientNext, Tcp.ACK, NO_OPTIONS, NO_DATA);
            } else {
                emit(false, serverNext, clientNext, Tcp.PSH | Tcp.ACK, NO_OPTIONS, chunk);
                serverNext += len;
                emit(true, clientNext, serverNext, Tcp.ACK, NO_OPTIONS, NO_DATA);
            }
        }
        return this;
    }

    /** Client FIN, server FIN/ACK, client ACK. */
    public TcpSession close() {
        requireOpen();
        emit(true, clientNext, serverNext, Tcp.FIN | Tcp.ACK, NO_OPTIONS, NO_DATA);
        clientNext += 1;
        emit(false, serverNext, clientNext, Tcp.FIN | Tcp.ACK, NO_OPTIONS, NO_DATA);
        serverNext += 1;
        emit(true, clientNext, serverNext, Tcp.ACK, NO_OPTIONS, NO_DATA);
        open = false;
        closed = true;
        return this;
    }

    private void requireOpen() {
        if (!open) {
            throw new IllegalStateException(closed ? "connection already closed" : "handshake first");
        }
    }

    private void emit(boolean fromClient, long seq, long ack, int flags, byte[] options, byte[] payload) {
        Host src = fromClient ? client : server;
        Host dst = fromClient ? server : client;
        int sport = fromClient ? clientPort : serverPort;
        int dport = fromClient ? serverPort : clientPort;
        int window = fromClient ? CLIENT_WINDOW : SERVER_WINDOW;
        int id = fromClient ? clientIpId++ : serverIpId++;
        byte[] seg = Tcp.segment(src.ip(), dst.ip(), sport, dport, seq, ack, flags, window, options, payload);
        trace.add(Ethernet.frame(dst.mac(), src.mac(), Ethernet.TYPE_IPV4,
                Ipv4.packet(src.ip(), dst.ip(), Ipv4.PROTO_TCP, id, 64, seg)));
    }

    /** Next sequence number the client will use (32-bit wrap not applied). */
    public long clientNextSeq() {
        return clientNext & 0xffffffffL;
    }

    public long serverNextSeq() {
        return serverNext & 0xffffffffL;
    }
}

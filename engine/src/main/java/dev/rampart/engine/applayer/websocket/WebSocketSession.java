package dev.rampart.engine.applayer.websocket;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.EveText;
import dev.rampart.engine.applayer.HeldBytes;
import dev.rampart.engine.applayer.OneSidedTransactions;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * {@link dev.rampart.engine.applayer.AppSession} for WebSocket frames, as Suricata 8 parses them
 * after an HTTP/1 connection switched protocols: each direction's bytes are held until a chunk ends
 * and read frame by frame (2-byte header, 16- or 64-bit length, masking key, payload unmasked); each
 * frame is a transaction of its direction, complete at once. A payload longer than
 * {@link #MAX_PAYLOAD} (app-layer.protocols.websocket.max-payload-size) keeps its first bytes and the
 * rest is passed over (skip_end_of_payload). Fragments of a message are reassembled (up to the same
 * limit, reassembly_limit_reached beyond) into its last frame; a message whose first frame set RSV1
 * is inflated there as permessage-deflate with the direction's window kept across messages, falling
 * back to the bytes as sent when nothing inflates. A gap ends parsing of the flow.
 */
public final class WebSocketSession extends OneSidedTransactions<WebSocketTx> {
    /** Suricata's websocket max-payload-size default. */
    static final int MAX_PAYLOAD = 0xFFFF;
    /** Live transactions kept at most (detection releases each once inspected). */
    static final int MAX_TX = 1024;
    /** What one message may inflate to (a decompression bomb stops there). */
    static final int MAX_INFLATED = 1 << 20;
    private static final byte[] DEFLATE_TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private final WebSocketCounters counters;
    private final Side toServerSide = new Side();
    private final Side toClientSide = new Side();
    private boolean failed;

    public WebSocketSession(WebSocketCounters counters) {
        this.counters = counters;
    }

    /** One direction: bytes not read yet, payload bytes to pass over, the message being reassembled. */
    private static final class Side {
        final HeldBytes held = new HeldBytes(256);
        long skip;
        final ByteArrayOutputStream message = new ByteArrayOutputStream();
        boolean compressed;
        /** permessage-deflate state of the direction (the window is kept across messages). */
        Inflater inflater;
    }

    @Override
    public AppProto proto() {
        return AppProto.WEBSOCKET;
    }

    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
        if (failed) {
            return;
        }
        Side s = toServer ? toServerSide : toClientSide;
        if (s.skip > 0) {
            int n = (int) Math.min(s.skip, len);
            s.skip -= n;
            counters.bytesSkipped += n;
            off += n;
            len -= n;
        }
        if (len == 0) {
            return;
        }
        s.held.append(data, off, len);
    }

    @Override
    public void onChunkEnd(boolean toServer) {
        Side s = toServer ? toServerSide : toClientSide;
        int fill = s.held.length();
        if (failed || fill == 0) {
            return;
        }
        changes++;
        int pos = 0;
        byte[] buf = s.held.array();
        while (pos < fill) {
            int used = frame(toServer, s, buf, pos, fill - pos);
            if (used == 0) {
                break;
            }
            pos += used;
            if (s.skip > 0) {
                // the frame's payload beyond the limit: what is here already is passed over now
                int n = (int) Math.min(s.skip, fill - pos);
                s.skip -= n;
                counters.bytesSkipped += n;
                pos += n;
            }
        }
        s.held.consume(pos);
    }

    /** Reads one frame at {@code b[off]}; returns its length (payload cut at the limit), 0 when not all here. */
    private int frame(boolean toServer, Side s, byte[] b, int off, int len) {
        if (len < 2) {
            return 0;
        }
        int first = b[off] & 0xFF;
        int second = b[off + 1] & 0xFF;
        int p = off + 2;
        long length = second & 0x7F;
        if (length == 126) {
            if (len < 4) {
                return 0;
            }
            length = (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
            p += 2;
        } else if (length == 127) {
            if (len < 10) {
                return 0;
            }
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = length << 8 | (b[p + i] & 0xFF);
            }
            p += 8;
        }
        boolean masked = (second & 0x80) != 0;
        long mask = -1;
        if (masked) {
            if (off + len - p < 4) {
                return 0;
            }
            mask = (b[p] & 0xFFL) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
            p += 4;
        }
        long skip = 0;
        int take = (int) Math.min(length, MAX_PAYLOAD);
        if (Long.compareUnsigned(length, MAX_PAYLOAD) >= 0) {
            take = MAX_PAYLOAD;
            skip = length - MAX_PAYLOAD;
        }
        if (off + len - p < take) {
            return 0;
        }
        byte[] payload = Arrays.copyOfRange(b, p, p + take);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= (byte) (mask >>> (8 * (3 - (i & 3))));
            }
        }
        boolean fin = (first & 0x80) != 0;
        WebSocketTx tx = new WebSocketTx(nextId++, toServer, first & 0xF0, first & 0x0F, mask);
        if (skip > 0) {
            s.skip = skip;
            tx.skipped = true;
        }
        if (s.message.size() > 0 || !fin) {
            if (s.message.size() == 0) {
                s.compressed = (first & 0x40) != 0;
            }
            int room = MAX_PAYLOAD - s.message.size();
            if (payload.length < room) {
                s.message.write(payload, 0, payload.length);
            } else if (room > 0) {
                s.message.write(payload, 0, room);
                tx.reassemblyLimit = true;
                counters.reassemblyLimited++;
            }
        } else {
            s.compressed = (first & 0x40) != 0;
        }
        tx.payload = payload;
        if (fin && s.message.size() > 0) {
            tx.payload = s.message.toByteArray(); // the final frame gets the whole message
            s.message.reset();
        }
        if (fin && s.compressed) {
            s.compressed = false;
            byte[] inflated = inflate(s, tx.payload);
            if (inflated.length > 0) {
                tx.payload = inflated;
            } else {
                counters.inflateFailed++;
            }
        }
        if (txs.size() < MAX_TX) {
            txs.add(tx);
        }
        return p + take - off;
    }

    /**
     * Raw deflate of a message with the RFC 7692 tail put back, through the direction's inflater: the
     * window carries over from message to message (context takeover, what the reference's output
     * on suricata-verify websocket-compressed needs). After an error the inflater starts over and the
     * message keeps what inflated before it.
     */
    private byte[] inflate(Side s, byte[] data) {
        if (s.inflater == null) {
            s.inflater = new Inflater(true);
        }
        Inflater inf = s.inflater;
        byte[] in = Arrays.copyOf(data, data.length + DEFLATE_TAIL.length);
        System.arraycopy(DEFLATE_TAIL, 0, in, data.length, DEFLATE_TAIL.length);
        inf.setInput(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        try {
            while (out.size() < MAX_INFLATED) {
                int n = inf.inflate(chunk);
                if (n == 0) {
                    if (inf.needsInput() || inf.needsDictionary() || inf.finished()) {
                        break;
                    }
                    continue;
                }
                out.write(chunk, 0, Math.min(n, MAX_INFLATED - out.size()));
            }
            if (inf.finished()) {
                inf.reset(); // a final block ends the stream: the next message starts a new one
            }
        } catch (DataFormatException e) {
            inf.end();
            s.inflater = null;
        }
        return out.toByteArray();
    }

    @Override
    public void onFlowDropped() {
        for (Side s : new Side[] {toServerSide, toClientSide}) {
            if (s.inflater != null) {
                s.inflater.end();
                s.inflater = null;
            }
        }
    }

    @Override
    public void onGap(boolean toServer, long len) {
        if (!failed) {
            counters.lostAfterGap++;
        }
        failed = true; // frames cannot be found again after lost bytes (Suricata's parser takes no gaps)
    }





    /** The alert's "websocket" object: fin, the mask when there is one, the opcode by name. */
    @Override
    public boolean appendEve(Object o, StringBuilder out) {
        WebSocketTx tx = (WebSocketTx) o;
        out.append("\"websocket\":{\"fin\":").append((tx.flags & 0x80) != 0);
        if (tx.mask >= 0) {
            out.append(",\"mask\":").append(tx.mask);
        }
        String name = WebSocketTx.opcodeName(tx.opcode);
        out.append(",\"opcode\":");
        if (name != null) {
            out.append('"').append(name).append('"');
        } else {
            EveText.quoted(out, ("unknown-" + tx.opcode).getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0,
                    ("unknown-" + tx.opcode).length());
        }
        out.append('}');
        return true;
    }
}

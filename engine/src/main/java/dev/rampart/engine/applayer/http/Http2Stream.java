package dev.rampart.engine.applayer.http;

/**
 * What an HTTP/2 stream adds to its {@link HttpTx} (Suricata's HTTP2Transaction): the stream id
 * and state, the decoded header fields of each side in arrival order (headers and trailers, from
 * which the HTTP buffers are built), and per side the frames' facts the {@code http2.*} keywords
 * read. Stream 0 frames (SETTINGS, PING, GOAWAY, WINDOW_UPDATE) each get a transaction of their
 * own in state {@link #GLOBAL}, as in Suricata.
 */
public final class Http2Stream {
    // Suricata's HTTP2TransactionState, in its order (the transaction progress)
    public static final int IDLE = 0;
    public static final int OPEN = 1;
    public static final int RESERVED = 2;
    public static final int DATA_CLIENT = 3;
    public static final int HALF_CLOSED_CLIENT = 4;
    public static final int DATA_SERVER = 5;
    public static final int HALF_CLOSED_SERVER = 6;
    public static final int CLOSED = 7;
    public static final int GLOBAL = 8;

    public int streamId;
    public int state;
    /** A PUSH_PROMISE without END_HEADERS: its CONTINUATION frames carry the promised stream's id. */
    int childStreamId;
    /** {@link Http2Event} bits. */
    long events;
    /** The synthesized request and response lines (Suricata 7's HTTP/2 http.request_line / http.response_line). */
    byte[] lines = new byte[64];

    /** Per side: the body's Content-Encoding decoder (gzip / deflate), created with the first encoded body. */
    final HttpBodyDecoder[] decoders = new HttpBodyDecoder[2];

    /** Per side (0 to server, 1 to client): the frames' facts. */
    final Side[] sides = {new Side(), new Side()};

    void reset() {
        streamId = 0;
        state = IDLE;
        childStreamId = 0;
        events = 0;
        closeDecoders();
        sides[0].reset();
        sides[1].reset();
    }

    /** Inflaters of unfinished bodies go back to the thread's pool. */
    void closeDecoders() {
        for (HttpBodyDecoder d : decoders) {
            if (d != null) {
                d.start(HttpBodyDecoder.NONE); // gives its inflater back
            }
        }
    }

    /**
     * Whether the HTTP buffers of that direction are inspected yet: suricata 7.0.10 registers most
     * of its HTTP/2 inspection engines at HTTP2StateDataClient (toward the server) and
     * HTTP2StateDataServer (toward the client), so a request is inspected once its HEADERS ended the
     * stream or its first DATA came; http.request_header / http.response_header, the http2.*
     * keywords and events from the stream's opening on.
     */
    public boolean httpBuffersReady(boolean toServer) {
        return state >= (toServer ? DATA_CLIENT : DATA_SERVER);
    }

    public boolean hasEvent(Http2Event e) {
        return (events & e.bit()) != 0;
    }

    public Side side(boolean toServer) {
        return sides[toServer ? 0 : 1];
    }

    /** One direction of the stream. */
    public static final class Side {
        /** Frame types seen, one bit per type below 64 (HTTP/2 defines 0..9). */
        long frameTypes;
        /** Error codes of RST_STREAM and GOAWAY frames. */
        final IntList errorCodes = new IntList();
        /** Priority weights (PRIORITY frames, HEADERS with the priority flag). */
        final IntList priorities = new IntList();
        /** WINDOW_UPDATE increments. */
        final IntList windows = new IntList();
        /** SETTINGS entries: id, value, id, value ... */
        final IntList settings = new IntList();
        /** Dynamic table size updates in header blocks. */
        final IntList sizeUpdates = new IntList();

        // decoded header fields in arrival order: name and value ranges in {@link #bytes}
        byte[] bytes = new byte[0];
        int bytesLen;
        int fields;
        int[] nameOff = new int[8];
        int[] nameLen = new int[8];
        int[] valueOff = new int[8];
        int[] valueLen = new int[8];

        /** A header block not complete yet (HEADERS or PUSH_PROMISE without END_HEADERS, CONTINUATIONs). */
        byte[] fragment = new byte[0];
        int fragmentLen;

        void reset() {
            frameTypes = 0;
            errorCodes.clear();
            priorities.clear();
            windows.clear();
            settings.clear();
            sizeUpdates.clear();
            bytesLen = 0;
            fields = 0;
            fragmentLen = 0;
        }

        public boolean hasFrameType(int type) {
            return type >= 0 && type < 64 && (frameTypes & 1L << type) != 0;
        }

        public IntList errorCodes() {
            return errorCodes;
        }

        public IntList priorities() {
            return priorities;
        }

        public IntList windows() {
            return windows;
        }

        public IntList settings() {
            return settings;
        }

        public IntList sizeUpdates() {
            return sizeUpdates;
        }

        public int fieldCount() {
            return fields;
        }

        /** Name of header field {@code i} (arrival order, headers then trailers). */
        public dev.rampart.engine.applayer.Slice name(int i, dev.rampart.engine.applayer.Slice out) {
            return out.set(bytes, nameOff[i], nameLen[i]);
        }

        public dev.rampart.engine.applayer.Slice value(int i, dev.rampart.engine.applayer.Slice out) {
            return out.set(bytes, valueOff[i], valueLen[i]);
        }

        void addField(byte[] n, int nOff, int nLen, byte[] v, int vOff, int vLen) {
            if (fields == nameOff.length) {
                int m = fields * 2;
                nameOff = java.util.Arrays.copyOf(nameOff, m);
                nameLen = java.util.Arrays.copyOf(nameLen, m);
                valueOff = java.util.Arrays.copyOf(valueOff, m);
                valueLen = java.util.Arrays.copyOf(valueLen, m);
            }
            int need = bytesLen + nLen + vLen;
            if (need > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(need, Math.max(256, bytes.length * 2)));
            }
            System.arraycopy(n, nOff, bytes, bytesLen, nLen);
            nameOff[fields] = bytesLen;
            nameLen[fields] = nLen;
            bytesLen += nLen;
            System.arraycopy(v, vOff, bytes, bytesLen, vLen);
            valueOff[fields] = bytesLen;
            valueLen[fields] = vLen;
            bytesLen += vLen;
            fields++;
        }

        void appendFragment(byte[] src, int off, int len) {
            if (fragmentLen + len > fragment.length) {
                fragment = java.util.Arrays.copyOf(fragment, Math.max(fragmentLen + len, Math.max(256, fragment.length * 2)));
            }
            System.arraycopy(src, off, fragment, fragmentLen, len);
            fragmentLen += len;
        }
    }

    /** A small growable list of ints, reused. */
    public static final class IntList {
        private int[] a = new int[4];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        void clear() {
            n = 0;
        }

        public int size() {
            return n;
        }

        public int get(int i) {
            return a[i];
        }
    }
}

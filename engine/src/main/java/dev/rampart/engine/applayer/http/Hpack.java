package dev.rampart.engine.applayer.http;

/**
 * HPACK (RFC 7541) header block decoder for one direction of an HTTP/2 connection: static and
 * dynamic tables, prefix integers, Huffman strings. A header block is decoded in one call;
 * each header field goes to the {@link Sink} as byte ranges that stay valid only during the call
 * back. The dynamic table lives across blocks (it is the connection's compression state).
 */
public final class Hpack {
    /** What a decoded block hands out. */
    public interface Sink {
        void header(byte[] name, int nameOff, int nameLen, byte[] value, int valueOff, int valueLen);

        /** A dynamic table size update (RFC 7541 6.3) of {@code size} bytes. */
        default void sizeUpdate(long size) {
        }
    }

    /** Decoding stopped at a malformed representation; the rest of the block was not read. */
    public static final int ERROR = -1;

    /** Suricata's cap on the table size a peer may announce (HTTP2_MAX_TABLESIZE). */
    static final int MAX_TABLE_SIZE = 65536;

    private static final String[][] STATIC = {
        {":authority", ""}, {":method", "GET"}, {":method", "POST"}, {":path", "/"},
        {":path", "/index.html"}, {":scheme", "http"}, {":scheme", "https"}, {":status", "200"},
        {":status", "204"}, {":status", "206"}, {":status", "304"}, {":status", "400"},
        {":status", "404"}, {":status", "500"}, {"accept-charset", ""}, {"accept-encoding", "gzip, deflate"},
        {"accept-language", ""}, {"accept-ranges", ""}, {"accept", ""}, {"access-control-allow-origin", ""},
        {"age", ""}, {"allow", ""}, {"authorization", ""}, {"cache-control", ""},
        {"content-disposition", ""}, {"content-encoding", ""}, {"content-language", ""}, {"content-length", ""},
        {"content-location", ""}, {"content-range", ""}, {"content-type", ""}, {"cookie", ""},
        {"date", ""}, {"etag", ""}, {"expect", ""}, {"expires", ""},
        {"from", ""}, {"host", ""}, {"if-match", ""}, {"if-modified-since", ""},
        {"if-none-match", ""}, {"if-range", ""}, {"if-unmodified-since", ""}, {"last-modified", ""},
        {"link", ""}, {"location", ""}, {"max-forwards", ""}, {"proxy-authenticate", ""},
        {"proxy-authorization", ""}, {"range", ""}, {"referer", ""}, {"refresh", ""},
        {"retry-after", ""}, {"server", ""}, {"set-cookie", ""}, {"strict-transport-security", ""},
        {"transfer-encoding", ""}, {"user-agent", ""}, {"vary", ""}, {"via", ""},
        {"www-authenticate", ""},
    };
    private static final byte[][] STATIC_NAME = new byte[STATIC.length][];
    private static final byte[][] STATIC_VALUE = new byte[STATIC.length][];

    /**
     * Code length in bits of each symbol 0..255 of RFC 7541's Huffman code (Appendix B); the EOS
     * symbol (256) has 30. The code is canonical: codes of one length follow each other in symbol
     * order, shorter lengths first, so the lengths define it.
     */
    private static final byte[] CODE_LENGTH = {
        13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,
        13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
        15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5, 6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,
        20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23, 24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24,
        22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23, 21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23,
        26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25, 19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
        20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23, 26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26,
    };
    private static final int EOS = 256;
    private static final int MAX_CODE_LENGTH = 30;
    /** Per code length: the first (numerically smallest) code, how many codes, where its symbols start. */
    private static final int[] FIRST_CODE = new int[MAX_CODE_LENGTH + 2];
    private static final int[] COUNT = new int[MAX_CODE_LENGTH + 2];
    private static final int[] SYMBOLS_AT = new int[MAX_CODE_LENGTH + 2];
    /** Symbols ordered by (code length, symbol). */
    private static final int[] SYMBOLS = new int[257];

    static {
        for (int i = 0; i < STATIC.length; i++) {
            STATIC_NAME[i] = HttpBytes.ascii(STATIC[i][0]);
            STATIC_VALUE[i] = HttpBytes.ascii(STATIC[i][1]);
        }
        int k = 0;
        int code = 0;
        for (int len = 1; len <= MAX_CODE_LENGTH; len++) {
            FIRST_CODE[len] = code;
            SYMBOLS_AT[len] = k;
            for (int s = 0; s <= EOS; s++) {
                if (lengthOf(s) == len) {
                    SYMBOLS[k++] = s;
                    code++;
                }
            }
            COUNT[len] = k - SYMBOLS_AT[len];
            code <<= 1;
        }
    }

    private static int lengthOf(int symbol) {
        return symbol == EOS ? 30 : CODE_LENGTH[symbol];
    }

    // dynamic table: a ring of entries, newest at head; RFC size = name + value + 32 per entry
    private byte[][] names = new byte[16][];
    private byte[][] values = new byte[16][];
    private int head; // index of the newest entry
    private int count;
    private long size;
    private long maxSize = 4096;
    /** Where a decoded string goes (Huffman output, or a copy); reused. */
    private byte[] nameBuf = new byte[256];
    private byte[] valueBuf = new byte[1024];
    private int pos;
    private int end;
    private byte[] in;

    /** The table size the peer's SETTINGS_HEADER_TABLE_SIZE allows (the encoder may use up to it). */
    public void maxTableSize(long bytes) {
        maxSize = Math.min(bytes, MAX_TABLE_SIZE);
        evict(0);
    }

    public long tableSize() {
        return size;
    }

    public int tableEntries() {
        return count;
    }

    /**
     * Decodes one whole header block; returns the number of header fields or {@link #ERROR}
     * (fields before the error were handed out).
     */
    public int decode(byte[] buf, int off, int len, Sink sink) {
        in = buf;
        pos = off;
        end = off + len;
        int fields = 0;
        while (pos < end) {
            int b = in[pos] & 0xff;
            if ((b & 0x80) != 0) { // indexed field
                long idx = integer(7);
                if (idx <= 0 || !emitIndexed(idx, sink)) {
                    return ERROR;
                }
                fields++;
            } else if ((b & 0xe0) == 0x20) { // dynamic table size update
                long sz = integer(5);
                if (sz < 0) {
                    return ERROR;
                }
                maxSize = Math.min(sz, MAX_TABLE_SIZE);
                evict(0);
                sink.sizeUpdate(sz);
            } else {
                boolean indexing = (b & 0xc0) == 0x40;
                long idx = integer(indexing ? 6 : 4);
                if (idx < 0) {
                    return ERROR;
                }
                byte[] n;
                int nLen;
                if (idx == 0) {
                    nLen = string(true);
                    n = nameBuf; // read after the decode, which may have grown it
                } else {
                    n = nameOf(idx);
                    nLen = n == null ? -1 : n.length;
                }
                if (nLen < 0) {
                    return ERROR;
                }
                int vLen = string(false);
                if (vLen < 0) {
                    return ERROR;
                }
                sink.header(n, 0, nLen, valueBuf, 0, vLen);
                if (indexing) {
                    insert(n, nLen, valueBuf, vLen);
                }
                fields++;
            }
        }
        return fields;
    }

    private boolean emitIndexed(long idx, Sink sink) {
        byte[] n = nameOf(idx);
        if (n == null) {
            return false;
        }
        byte[] v = idx <= STATIC.length ? STATIC_VALUE[(int) idx - 1] : values[ring((int) (idx - STATIC.length - 1))];
        sink.header(n, 0, n.length, v, 0, v.length);
        return true;
    }

    /** The name of table entry {@code idx} (static, then dynamic newest first), or null past the table. */
    private byte[] nameOf(long idx) {
        if (idx <= STATIC.length) {
            return STATIC_NAME[(int) idx - 1];
        }
        long d = idx - STATIC.length - 1;
        return d < count ? names[ring((int) d)] : null;
    }

    /** Ring slot of the entry {@code d} places after the newest. */
    private int ring(int d) {
        return (head - d + names.length) % names.length;
    }

    private void insert(byte[] n, int nLen, byte[] v, int vLen) {
        long entry = nLen + vLen + 32L;
        if (entry > maxSize) {
            // RFC 7541 4.4: an entry larger than the table empties it and is not added
            count = 0;
            size = 0;
            return;
        }
        evict(entry);
        if (count == names.length) {
            grow();
        }
        head = (head + 1) % names.length;
        names[head] = java.util.Arrays.copyOf(n, nLen);
        values[head] = java.util.Arrays.copyOf(v, vLen);
        count++;
        size += entry;
    }

    /** Drops the oldest entries until {@code room} more bytes fit under the maximum size. */
    private void evict(long room) {
        while (count > 0 && size + room > maxSize) {
            int oldest = ring(count - 1);
            size -= names[oldest].length + values[oldest].length + 32L;
            names[oldest] = null;
            values[oldest] = null;
            count--;
        }
    }

    private void grow() {
        int n = names.length;
        byte[][] nn = new byte[n * 2][];
        byte[][] vv = new byte[n * 2][];
        for (int d = 0; d < count; d++) {
            int from = ring(d);
            nn[count - 1 - d] = names[from];
            vv[count - 1 - d] = values[from];
        }
        names = nn;
        values = vv;
        head = count - 1;
    }

    /** An N-bit prefix integer (RFC 7541 5.1) at pos; -1 when truncated or over 2^31. */
    private long integer(int prefixBits) {
        int mask = (1 << prefixBits) - 1;
        long v = in[pos++] & mask;
        if (v < mask) {
            return v;
        }
        int shift = 0;
        while (pos < end) {
            int b = in[pos++] & 0xff;
            v += (long) (b & 0x7f) << shift;
            if (v > Integer.MAX_VALUE) {
                return -1;
            }
            if ((b & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
        return -1;
    }

    /** A string literal (RFC 7541 5.2) at pos into the name or value buffer; its length, or -1. */
    private int string(boolean name) {
        if (pos >= end) {
            return -1;
        }
        boolean huffman = (in[pos] & 0x80) != 0;
        long len = integer(7);
        if (len < 0 || len > end - pos) {
            return -1;
        }
        int n = (int) len;
        int out;
        if (huffman) {
            // a Huffman code is 5 bits at least: at most 8/5 output bytes per input byte
            ensure(name, n * 8 / 5 + 1);
            out = huffman(in, pos, n, name ? nameBuf : valueBuf);
        } else {
            ensure(name, n);
            System.arraycopy(in, pos, name ? nameBuf : valueBuf, 0, n);
            out = n;
        }
        pos += n;
        return out;
    }

    private void ensure(boolean name, int n) {
        if (name && nameBuf.length < n) {
            nameBuf = new byte[Math.max(n, nameBuf.length * 2)];
        } else if (!name && valueBuf.length < n) {
            valueBuf = new byte[Math.max(n, valueBuf.length * 2)];
        }
    }

    /**
     * Decodes {@code len} Huffman-coded bytes into {@code out}; the decoded length, or -1 for an
     * EOS symbol, padding longer than 7 bits, or padding that is not the EOS prefix (all ones).
     */
    static int huffman(byte[] src, int off, int len, byte[] out) {
        int n = 0;
        int code = 0;
        int codeLen = 0;
        for (int i = off; i < off + len; i++) {
            int b = src[i] & 0xff;
            for (int bit = 7; bit >= 0; bit--) {
                code = code << 1 | (b >>> bit & 1);
                codeLen++;
                int k = code - FIRST_CODE[codeLen];
                if (k >= 0 && k < COUNT[codeLen]) {
                    int sym = SYMBOLS[SYMBOLS_AT[codeLen] + k];
                    if (sym == EOS) {
                        return -1;
                    }
                    out[n++] = (byte) sym;
                    code = 0;
                    codeLen = 0;
                } else if (codeLen == MAX_CODE_LENGTH) {
                    return -1;
                }
            }
        }
        // what is left must be padding: fewer than 8 bits, all ones
        if (codeLen > 7 || code != (1 << codeLen) - 1) {
            return -1;
        }
        return n;
    }
}

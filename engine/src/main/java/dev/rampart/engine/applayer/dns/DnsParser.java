package dev.rampart.engine.applayer.dns;

/**
 * Per-flow DNS parser. UDP: one datagram is one message. TCP: messages are framed by a 2-byte
 * length and reassembled across segments in a per-direction buffer (at most 65535 bytes). Each
 * message becomes a {@link DnsTransaction} (Suricata 7: requests and responses are separate
 * transactions, tx ids count up per flow) handed to the {@link Listener}; the transaction object
 * is reused afterwards.
 *
 * <p>Names are decompressed with at most {@link #MAX_POINTERS} pointer hops and
 * {@link #MAX_NAME_LENGTH} rendered bytes; records beyond {@link DnsTransaction#MAX_RECORDS}
 * per message are skipped and counted. Malformed messages raise {@code MALFORMED_DATA}; a
 * response sent to the server raises {@code NOT_A_REQUEST}, a request sent to the client
 * {@code NOT_A_RESPONSE} (and, as in Suricata, is not a transaction).
 */
public final class DnsParser {
    public static final int MAX_POINTERS = 255;
    public static final int MAX_NAME_LENGTH = 1025;
    private static final int HEADER = 12;

    /** Receives each parsed message; the transaction is only valid during the call. */
    public interface Listener {
        void onTransaction(DnsTransaction tx);
    }

    private final Listener listener;
    /**
     * The message being parsed, per thread: each one is handed to the listener (which copies what it
     * keeps) before the next is parsed, so one scratch serves every flow of the thread (per parser it
     * was ~1.2 KiB more for each DNS flow's life).
     */
    private static final ThreadLocal<DnsTransaction> SCRATCH = ThreadLocal.withInitial(DnsTransaction::new);
    private final int[] eventCounts = new int[DnsEvent.values().length];
    private long nextTxId;
    // TCP framing per direction: [0] to server, [1] to client
    private final byte[][] tcpBuf = new byte[2][];
    private final int[] tcpLen = new int[2];
    private final boolean[] resync = new boolean[2];

    public DnsParser(Listener listener) {
        this.listener = listener;
    }

    /** Makes the parser ready for a new flow, keeping its buffers. */
    public void reset() {
        nextTxId = 0;
        java.util.Arrays.fill(eventCounts, 0);
        tcpLen[0] = 0;
        tcpLen[1] = 0;
        resync[0] = false;
        resync[1] = false;
    }

    /** One UDP datagram's payload. */
    public void onUdp(boolean toServer, byte[] d, int off, int len) {
        parseMessage(toServer, d, off, len);
    }

    /** In-order TCP bytes of one direction. */
    public void onData(boolean toServer, byte[] d, int off, int len) {
        int dir = toServer ? 0 : 1;
        if (resync[dir]) {
            // after a gap only a chunk that starts like a framed DNS message resumes parsing
            if (dev.rampart.engine.applayer.AppProtoDetector.probeDnsTcp(d, off, len) == dev.rampart.engine.applayer.AppProtoDetector.PROBE_NOT_DNS) {
                return;
            }
            resync[dir] = false;
        }
        if (tcpBuf[dir] == null) {
            tcpBuf[dir] = new byte[2 + 65535];
        }
        byte[] buf = tcpBuf[dir];
        int p = off;
        int end = off + len;
        while (p < end) {
            int have = tcpLen[dir];
            int need;
            if (have < 2) {
                need = 2 - have;
            } else {
                int msgLen = (buf[0] & 0xFF) << 8 | (buf[1] & 0xFF);
                need = 2 + msgLen - have;
            }
            int n = Math.min(need, end - p);
            System.arraycopy(d, p, buf, have, n);
            p += n;
            tcpLen[dir] = have + n;
            if (tcpLen[dir] >= 2) {
                int msgLen = (buf[0] & 0xFF) << 8 | (buf[1] & 0xFF);
                if (tcpLen[dir] == 2 + msgLen) {
                    tcpLen[dir] = 0;
                    parseMessage(toServer, buf, 2, msgLen);
                }
            }
        }
    }

    /** Missing TCP bytes: drop the partial message and wait for one that looks like DNS. */
    public void onGap(boolean toServer) {
        int dir = toServer ? 0 : 1;
        tcpLen[dir] = 0;
        resync[dir] = true;
    }

    /** End of a direction: a partial TCP message is dropped. */
    public void onEnd(boolean toServer) {
        tcpLen[toServer ? 0 : 1] = 0;
    }

    public int eventCount(DnsEvent e) {
        return eventCounts[e.ordinal()];
    }

    /** Transactions created so far (the next tx id). */
    public long transactions() {
        return nextTxId;
    }

    private void event(DnsEvent e) {
        eventCounts[e.ordinal()]++;
    }

    private void parseMessage(boolean toServer, byte[] d, int off, int len) {
        if (len < HEADER) {
            event(DnsEvent.MALFORMED_DATA);
            return;
        }
        int flags = u16(d, off + 2);
        boolean response = (flags & 0x8000) != 0;
        if (toServer && response) {
            event(DnsEvent.NOT_A_REQUEST);
            return;
        }
        if (!toServer && !response) {
            event(DnsEvent.NOT_A_RESPONSE);
            return;
        }
        DnsTransaction t = SCRATCH.get();
        t.reset();
        if (t.message.length < len) {
            t.message = new byte[Math.max(len, 2 * t.message.length)];
        }
        System.arraycopy(d, off, t.message, 0, len);
        t.messageLength = len;
        byte[] m = t.message;
        t.toServer = toServer;
        t.id = u16(m, 0);
        t.flags = flags;
        t.questionCount = u16(m, 4);
        t.answerCount = u16(m, 6);
        t.authorityCount = u16(m, 8);
        t.additionalCount = u16(m, 10);
        int p = HEADER;
        for (int i = 0; i < t.questionCount; i++) {
            int nameStart = t.namesLength;
            p = readName(t, p);
            if (p < 0 || p + 4 > len) {
                event(DnsEvent.MALFORMED_DATA);
                return;
            }
            if (t.queries < DnsTransaction.MAX_RECORDS) {
                int q = t.queries++;
                t.ensureQueries(t.queries);
                t.qNameOff[q] = nameStart;
                t.qNameLen[q] = t.namesLength - nameStart;
                t.qType[q] = u16(m, p);
                t.qClass[q] = u16(m, p + 2);
            } else {
                t.namesLength = nameStart;
                event(DnsEvent.RECORD_LIMIT_REACHED);
            }
            p += 4;
        }
        if (response) {
            p = readRecords(t, p, t.answerCount, DnsTransaction.SECTION_ANSWER);
            if (p >= 0) {
                p = readRecords(t, p, t.authorityCount, DnsTransaction.SECTION_AUTHORITY);
            }
            if (p < 0) {
                event(DnsEvent.MALFORMED_DATA);
                return;
            }
        }
        if ((flags & 0x0040) != 0) {
            event(DnsEvent.Z_FLAG_SET);
        }
        t.txId = nextTxId++;
        listener.onTransaction(t);
    }

    private int readRecords(DnsTransaction t, int p, int count, int section) {
        byte[] m = t.message;
        int len = t.messageLength;
        for (int i = 0; i < count; i++) {
            int nameStart = t.namesLength;
            p = readName(t, p);
            if (p < 0 || p + 10 > len) {
                return -1;
            }
            int type = u16(m, p);
            int cls = u16(m, p + 2);
            long ttl = u32(m, p + 4);
            int rdlen = u16(m, p + 8);
            p += 10;
            if (p + rdlen > len) {
                return -1;
            }
            if (t.records >= DnsTransaction.MAX_RECORDS) {
                t.namesLength = nameStart;
                event(DnsEvent.RECORD_LIMIT_REACHED);
                p += rdlen;
                continue;
            }
            int r = t.records++;
            t.ensureRecords(t.records);
            t.rrSection[r] = section;
            t.rrNameOff[r] = nameStart;
            t.rrNameLen[r] = t.namesLength - nameStart;
            t.rrType[r] = type;
            t.rrClass[r] = cls;
            t.rrTtl[r] = ttl;
            t.rdOff[r] = p;
            t.rdLen[r] = rdlen;
            t.rdNameOff[r] = -1;
            int target = switch (type) {
                case 2, 5, 12 -> p; // NS, CNAME, PTR
                case 15 -> p + 2; // MX: preference first
                case 33 -> p + 6; // SRV: priority, weight, port
                default -> -1;
            };
            t.rdTail[r] = -1;
            if (type == 6) {
                target = p;
            }
            if (target >= 0 && target < p + rdlen) {
                int s = t.namesLength;
                int after = readName(t, target);
                if (after < 0) {
                    return -1;
                }
                t.rdNameOff[r] = s;
                t.rdNameLen[r] = t.namesLength - s;
                if (type == 6) {
                    s = t.namesLength;
                    after = readName(t, after);
                    if (after < 0) {
                        return -1;
                    }
                    t.rd2NameOff[r] = s;
                    t.rd2NameLen[r] = t.namesLength - s;
                    t.rdTail[r] = after + 20 <= p + rdlen ? after : -1;
                }
            }
            p += rdlen;
        }
        return p;
    }

    /**
     * Renders the name at p into t.names; returns the offset after the name in the message, -1
     * when malformed (label past the end, pointer outside the message or too many hops).
     */
    private int readName(DnsTransaction t, int p) {
        byte[] m = t.message;
        int len = t.messageLength;
        int after = -1;
        int hops = 0;
        int start = t.namesLength;
        boolean truncated = false;
        while (true) {
            if (p >= len) {
                break; // runs into the end of the message: Suricata ends the name there
            }
            int l = m[p] & 0xFF;
            if (l == 0) {
                p++;
                break;
            }
            if ((l & 0xC0) == 0xC0) {
                if (p + 2 > len) {
                    return -1;
                }
                int target = ((l & 0x3F) << 8) | (m[p + 1] & 0xFF);
                if (target > len || ++hops > MAX_POINTERS) {
                    return -1;
                }
                if (after < 0) {
                    after = p + 2;
                }
                p = target;
                continue;
            }
            if ((l & 0xC0) != 0 || p + 1 + l > len) {
                return -1;
            }
            int extra = (t.namesLength > start ? 1 : 0) + l;
            if (t.namesLength - start + extra > MAX_NAME_LENGTH) {
                truncated = true;
            } else {
                ensureNames(t, extra);
                if (t.namesLength > start) {
                    t.names[t.namesLength++] = '.';
                }
                System.arraycopy(m, p + 1, t.names, t.namesLength, l);
                t.namesLength += l;
            }
            p += 1 + l;
        }
        if (truncated) {
            event(DnsEvent.RECORD_LIMIT_REACHED);
        }
        return after >= 0 ? after : p;
    }

    private static void ensureNames(DnsTransaction t, int extra) {
        if (t.namesLength + extra > t.names.length) {
            t.names = java.util.Arrays.copyOf(t.names, Math.max(t.names.length * 2, t.namesLength + extra));
        }
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
    }

    private static long u32(byte[] b, int p) {
        return ((long) u16(b, p) << 16) | u16(b, p + 2);
    }
}

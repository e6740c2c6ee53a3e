package dev.rampart.engine.applayer.dns;

import dev.rampart.engine.applayer.PendingMessages;
import dev.rampart.engine.applayer.Slice;

import java.util.Arrays;

/**
 * One DNS message: in Suricata 7 every message, request or response, is its own transaction with
 * the next tx id of the flow. A flyweight: names are rendered (labels joined by '.', bytes as
 * they are, pointers followed) into {@link #names}, records are parallel arrays; everything is
 * reused for the flow's next message. Requests carry their questions only; responses also their
 * answer and authority records (Suricata 7 does not parse additional records).
 */
public final class DnsTransaction extends PendingMessages.Message {
    public static final int MAX_RECORDS = 256;
    /**
     * Record slots a transaction starts with; the arrays double up to {@link #MAX_RECORDS} when a
     * message has more. A session keeps its pending transactions while the flow lives, and full
     * 256-slot arrays made each one ~18 KB: a few thousand open DNS flows held tens of MB.
     */
    static final int INITIAL_RECORDS = 4;
    public static final int SECTION_ANSWER = 0;
    public static final int SECTION_AUTHORITY = 1;

    public int id;
    public int flags;
    public int questionCount;
    public int answerCount;
    public int authorityCount;
    public int additionalCount;

    byte[] message = new byte[512];
    int messageLength;
    byte[] names = new byte[512];
    int namesLength;

    public int queries;
    int[] qNameOff = new int[INITIAL_RECORDS];
    int[] qNameLen = new int[INITIAL_RECORDS];
    public int[] qType = new int[INITIAL_RECORDS];
    public int[] qClass = new int[INITIAL_RECORDS];

    /** Records of the answer and authority sections, in order. */
    public int records;
    public int[] rrSection = new int[INITIAL_RECORDS];
    int[] rrNameOff = new int[INITIAL_RECORDS];
    int[] rrNameLen = new int[INITIAL_RECORDS];
    public int[] rrType = new int[INITIAL_RECORDS];
    public int[] rrClass = new int[INITIAL_RECORDS];
    public long[] rrTtl = new long[INITIAL_RECORDS];
    /** Raw rdata in the message (for A/AAAA/TXT...); for name types see {@link #rdataName}. */
    int[] rdOff = new int[INITIAL_RECORDS];
    int[] rdLen = new int[INITIAL_RECORDS];
    /** For CNAME/NS/PTR/MX/SRV the rendered target name, -1 when none. */
    int[] rdNameOff = new int[INITIAL_RECORDS];
    int[] rdNameLen = new int[INITIAL_RECORDS];
    /** SOA: rname, and the offset of the five 32-bit fields (-1 when the rdata is short). */
    int[] rd2NameOff = new int[INITIAL_RECORDS];
    int[] rd2NameLen = new int[INITIAL_RECORDS];
    int[] rdTail = new int[INITIAL_RECORDS];

    public boolean response() {
        return (flags & 0x8000) != 0;
    }

    public int opcode() {
        return (flags >>> 11) & 0xF;
    }

    public int rcode() {
        return flags & 0xF;
    }

    public Slice queryName(int i, Slice out) {
        return out.set(names, qNameOff[i], qNameLen[i]);
    }

    public Slice recordName(int i, Slice out) {
        return out.set(names, rrNameOff[i], rrNameLen[i]);
    }

    public Slice rdata(int i, Slice out) {
        return out.set(message, rdOff[i], rdLen[i]);
    }

    /** The target name of a CNAME/NS/PTR/MX/SRV record, or an empty slice. */
    public Slice rdataName(int i, Slice out) {
        return rdNameOff[i] < 0 ? out.clear() : out.set(names, rdNameOff[i], rdNameLen[i]);
    }

    /** For tests and diagnostics (allocates). */
    public String queryName(int i) {
        return queryName(i, new Slice()).toString();
    }

    /** Makes this a copy of {@code o} (a session keeps several messages of one TCP delivery). */
    public void copyFrom(DnsTransaction o) {
        txId = o.txId;
        toServer = o.toServer;
        id = o.id;
        flags = o.flags;
        questionCount = o.questionCount;
        answerCount = o.answerCount;
        authorityCount = o.authorityCount;
        additionalCount = o.additionalCount;
        if (message.length < o.messageLength) {
            // what this copy needs, not the source's capacity (a parser's scratch grows for the largest message)
            message = new byte[Math.max(o.messageLength, 2 * message.length)];
        }
        System.arraycopy(o.message, 0, message, 0, o.messageLength);
        messageLength = o.messageLength;
        if (names.length < o.namesLength) {
            names = new byte[Math.max(o.namesLength, 2 * names.length)];
        }
        System.arraycopy(o.names, 0, names, 0, o.namesLength);
        namesLength = o.namesLength;
        queries = o.queries;
        int q = o.queries;
        ensureQueries(q);
        System.arraycopy(o.qNameOff, 0, qNameOff, 0, q);
        System.arraycopy(o.qNameLen, 0, qNameLen, 0, q);
        System.arraycopy(o.qType, 0, qType, 0, q);
        System.arraycopy(o.qClass, 0, qClass, 0, q);
        records = o.records;
        int r = o.records;
        ensureRecords(r);
        System.arraycopy(o.rrSection, 0, rrSection, 0, r);
        System.arraycopy(o.rrNameOff, 0, rrNameOff, 0, r);
        System.arraycopy(o.rrNameLen, 0, rrNameLen, 0, r);
        System.arraycopy(o.rrType, 0, rrType, 0, r);
        System.arraycopy(o.rrClass, 0, rrClass, 0, r);
        System.arraycopy(o.rrTtl, 0, rrTtl, 0, r);
        System.arraycopy(o.rdOff, 0, rdOff, 0, r);
        System.arraycopy(o.rdLen, 0, rdLen, 0, r);
        System.arraycopy(o.rdNameOff, 0, rdNameOff, 0, r);
        System.arraycopy(o.rdNameLen, 0, rdNameLen, 0, r);
        System.arraycopy(o.rd2NameOff, 0, rd2NameOff, 0, r);
        System.arraycopy(o.rd2NameLen, 0, rd2NameLen, 0, r);
        System.arraycopy(o.rdTail, 0, rdTail, 0, r);
    }

    /** Makes room for {@code n} questions (n at most {@link #MAX_RECORDS}). */
    void ensureQueries(int n) {
        if (n <= qType.length) {
            return;
        }
        int c = grownCapacity(n, qType.length);
        qNameOff = Arrays.copyOf(qNameOff, c);
        qNameLen = Arrays.copyOf(qNameLen, c);
        qType = Arrays.copyOf(qType, c);
        qClass = Arrays.copyOf(qClass, c);
    }

    /** Makes room for {@code n} answer and authority records (n at most {@link #MAX_RECORDS}). */
    void ensureRecords(int n) {
        if (n <= rrType.length) {
            return;
        }
        int c = grownCapacity(n, rrType.length);
        rrSection = Arrays.copyOf(rrSection, c);
        rrNameOff = Arrays.copyOf(rrNameOff, c);
        rrNameLen = Arrays.copyOf(rrNameLen, c);
        rrType = Arrays.copyOf(rrType, c);
        rrClass = Arrays.copyOf(rrClass, c);
        rrTtl = Arrays.copyOf(rrTtl, c);
        rdOff = Arrays.copyOf(rdOff, c);
        rdLen = Arrays.copyOf(rdLen, c);
        rdNameOff = Arrays.copyOf(rdNameOff, c);
        rdNameLen = Arrays.copyOf(rdNameLen, c);
        rd2NameOff = Arrays.copyOf(rd2NameOff, c);
        rd2NameLen = Arrays.copyOf(rd2NameLen, c);
        rdTail = Arrays.copyOf(rdTail, c);
    }

    /** Doubling, at least {@code n}, at most {@link #MAX_RECORDS}. */
    private static int grownCapacity(int n, int have) {
        return Math.min(MAX_RECORDS, Math.max(n, have * 2));
    }

    void reset() {
        queries = 0;
        records = 0;
        namesLength = 0;
        messageLength = 0;
    }
}

package dev.rampart.engine.applayer.dns;

import dev.rampart.engine.applayer.Slice;

/**
 * One DNS message: in Suricata 7 every message, request or response, is its own transaction with
 * the next tx id of the flow. A flyweight: names are rendered (labels joined by '.', bytes as
 * they are, pointers followed) into {@link #names}, records are parallel arrays; everything is
 * reused for the flow's next message. Requests carry their questions only; responses also their
 * answer and authority records (Suricata 7 does not parse additional records).
 */
public final class DnsTransaction {
    public static final int MAX_RECORDS = 256;
    public static final int SECTION_ANSWER = 0;
    public static final int SECTION_AUTHORITY = 1;

    public long txId;
    public boolean toServer;
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
    final int[] qNameOff = new int[MAX_RECORDS];
    final int[] qNameLen = new int[MAX_RECORDS];
    public final int[] qType = new int[MAX_RECORDS];
    public final int[] qClass = new int[MAX_RECORDS];

    /** Records of the answer and authority sections, in order. */
    public int records;
    public final int[] rrSection = new int[MAX_RECORDS];
    final int[] rrNameOff = new int[MAX_RECORDS];
    final int[] rrNameLen = new int[MAX_RECORDS];
    public final int[] rrType = new int[MAX_RECORDS];
    public final int[] rrClass = new int[MAX_RECORDS];
    public final long[] rrTtl = new long[MAX_RECORDS];
    /** Raw rdata in the message (for A/AAAA/TXT...); for name types see {@link #rdataName}. */
    final int[] rdOff = new int[MAX_RECORDS];
    final int[] rdLen = new int[MAX_RECORDS];
    /** For CNAME/NS/PTR/MX/SRV the rendered target name, -1 when none. */
    final int[] rdNameOff = new int[MAX_RECORDS];
    final int[] rdNameLen = new int[MAX_RECORDS];
    /** SOA: rname, and the offset of the five 32-bit fields (-1 when the rdata is short). */
    final int[] rd2NameOff = new int[MAX_RECORDS];
    final int[] rd2NameLen = new int[MAX_RECORDS];
    final int[] rdTail = new int[MAX_RECORDS];

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
            message = new byte[o.message.length];
        }
        System.arraycopy(o.message, 0, message, 0, o.messageLength);
        messageLength = o.messageLength;
        if (names.length < o.namesLength) {
            names = new byte[o.names.length];
        }
        System.arraycopy(o.names, 0, names, 0, o.namesLength);
        namesLength = o.namesLength;
        queries = o.queries;
        int q = o.queries;
        System.arraycopy(o.qNameOff, 0, qNameOff, 0, q);
        System.arraycopy(o.qNameLen, 0, qNameLen, 0, q);
        System.arraycopy(o.qType, 0, qType, 0, q);
        System.arraycopy(o.qClass, 0, qClass, 0, q);
        records = o.records;
        int r = o.records;
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

    void reset() {
        queries = 0;
        records = 0;
        namesLength = 0;
        messageLength = 0;
    }
}

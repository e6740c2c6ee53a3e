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

    void reset() {
        queries = 0;
        records = 0;
        namesLength = 0;
        messageLength = 0;
    }
}

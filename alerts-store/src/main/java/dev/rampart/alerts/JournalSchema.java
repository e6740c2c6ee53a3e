package dev.rampart.alerts;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HashMap;
import net.openhft.chronicle.bytes.Bytes;

/**
 * The journal's binary layout. Every entry starts with a schema version byte and a record type
 * tag; fields follow in a fixed order, fixed-width numbers, text as stop-bit length + UTF-8.
 * A change of layout gets a new version: readers accept every version up to {@link #VERSION}
 * and refuse newer ones with a {@link JournalSchemaException} (never guess at unknown bytes).
 *
 * <pre>
 * alert v1:    ver tag=1 | alertId ts flowId pcapCnt i64 | ipVer u8 | srcHi srcLo dstHi dstLo i64
 *              | srcPort dstPort u16 | proto u8 | dir u8 | action u8 | masked u8 | gid i32 | sid i64
 *              | rev i32 | severity u8 | score i32 | incidentId i64 | appProto msg classtype
 *              category metadata utf8 | eveLen stop-bit, eve bytes
 * alert v2:    v1 | payloadLen stop-bit (at most AlertRecord.MAX_PAYLOAD_EXCERPT), payload bytes
 * alert v3:    ver tag=1 | fixed fields as v1 | appProto utf8
 *              | ruleForm u8: 0 = msg classtype category metadata utf8 follow (the rule's texts),
 *                             1 = ruleEntry i64 (journal index of an earlier alert of the same
 *                                 cycle file that carries this rule's texts with form 0)
 *              | eveLen stop-bit, eve bytes | payloadLen stop-bit, payload bytes
 * alert v4:    v3 with flowId pcapCnt srcHi srcLo dstHi dstLo gid sid rev incidentId as stop-bit
 *              numbers (unsigned: a negative long takes ten bytes; gid and rev as unsigned 32-bit)
 * alert v5:    v4 with alertId and score as stop-bit numbers too (score as unsigned 32-bit), and
 *              after the rule part: spanAt stop-bit, then for form 0 spanLength stop-bit when
 *              spanAt &gt; 0; then eveLen stop-bit, eve bytes, payloadLen stop-bit, payload bytes.
 *              spanAt 0: no rule span. Form 0: the EVE line is whole and its rule span (the rule's
 *              static alert identity and metadata) is bytes [spanAt - 1, + spanLength) of it.
 *              Form 1: the EVE line is stored without the rule span, which the referenced entry
 *              carries; it goes back in before stored byte spanAt - 1.
 * alert v6:    v5 up to the rule part, then eveForm u8:
 *              0 (line) = v5's spanAt [spanLength] eveLen eve bytes, a producer's pre-rendered line;
 *              1 (fields) = the EVE line is not stored: for rule form 0 first the rule's static EVE
 *                bytes, target u8 (0 none, 1 src, 2 dest), identityLen stop-bit + bytes,
 *                metadataLen stop-bit + bytes; then flags stop-bit (1 ip packet, 2 parent id,
 *                4 vlans, 8 icmp, 16 tx id, 32 tx guessed, 64/128/256/512 app_proto_ts/tc/orig/
 *                expected, 1024 flow counters) | pktSrc u8 | [parentId stop-bit] | [n u8, n vlan
 *                ids stop-bit] | [icmpType icmpCode u8] | [txId stop-bit] | [the app_proto_* utf8
 *                flagged] | appLayerLen stop-bit + the app-layer members' bytes | [pktsToServer
 *                pktsToClient bytesToServer bytesToClient stop-bit, timestamp - flowStart as a
 *                zigzag stop-bit]
 *              | payloadLen stop-bit, payload bytes
 * incident v1: ver tag=2 | id i64 | keyKind u8 | flowId i64 | ipVer u8 | aHi aLo bHi bLo i64
 *              | first last i64 | score alertCount i32 | n u8, n alertIds i64 | m u8, m sids i64
 * action v1:   ver tag=3 | ts i64 | actor action target detail utf8
 * </pre>
 * Version 2 only added the alert's payload excerpt at the end; incidents and actions written as
 * version 2, 3 or 4 have the version 1 layout. An alert whose entry ends after its EVE bytes
 * (version 1) reads with no payload.
 *
 * <p>Version 3 writes a rule's static texts (about 220 of a typical ET alert's 330 bytes) once per
 * cycle file, in the first alert of that rule there, and later alerts of the rule refer to that
 * entry. The reference never leaves its cycle file, so retention, which deletes whole cycle files,
 * never leaves an alert whose texts are gone. A reader resolves a reference from the texts it has
 * already read, or else reads the referenced entry ({@link RuleEntryLoader}).
 *
 * <p>Version 5 does for the EVE line what version 3 does for the texts: the producer marks the
 * line's rule part ({@link AlertRecord#eveRuleSpan}), about a third of an ET alert's line, and
 * alerts that refer to an entry for their texts leave it out.
 *
 * <p>Version 4 writes the fixed numbers that are mostly small or zero as stop-bit numbers: an IPv4
 * alert's addresses (zero high halves, 32-bit low halves), flow, pcap count, gid, sid, rev and
 * incident take about 50 bytes less, a sixth of a typical referring entry. Appending is mostly the
 * kernel zero-filling the new pages of the mapped cycle file, so its cost follows the bytes written.
 *
 * <p>Version 6 stops storing the rendered EVE line of an engine alert (~1,100 bytes for an ET HTTP
 * alert, two thirds of the entry even with v5's rule span left out) and keeps its fields instead:
 * what the line has beyond the fixed fields is the app-layer members, the flow counters and a few
 * flags; readers render the line again ({@link EveLine}, on first use of {@link AlertRecord#eveBytes}),
 * byte for byte as the engine's EVE writer wrote it. The writer no longer renders a line per alert.
 */
public final class JournalSchema {
    public static final byte VERSION = 6;

    /** Alert v6: a pre-rendered EVE line follows (v5's coding). */
    static final byte EVE_LINE = 0;
    /** Alert v6: the EVE fields follow, the line is rendered on read. */
    static final byte EVE_FIELDS = 1;

    private static final int F_IP_PACKET = 1;
    private static final int F_PARENT = 2;
    private static final int F_VLAN = 4;
    private static final int F_ICMP = 8;
    private static final int F_TX = 16;
    private static final int F_TX_GUESSED = 32;
    private static final int F_PROTO_TS = 64;
    private static final int F_PROTO_TC = 128;
    private static final int F_PROTO_ORIG = 256;
    private static final int F_PROTO_EXPECTED = 512;
    private static final int F_FLOW = 1024;

    /** Alert v3: the rule's texts follow in this entry. */
    static final byte RULE_INLINE = 0;
    /** Alert v3: the journal index of the entry holding the rule's texts follows. */
    static final byte RULE_REF = 1;
    /** {@link #encodeAlert}'s rule reference meaning "write the texts here". */
    static final long NO_RULE_ENTRY = -1;

    /**
     * Reads the entry at a journal index so that its rule texts are remembered
     * ({@link #readAlert(Bytes, long, AlertRecord)} on it); false when the journal has no such
     * alert entry.
     */
    public interface RuleEntryLoader {
        boolean load(long journalIndex);
    }

    /** A rule's texts and EVE span as read from the entry that carries them. */
    private record RuleEntry(String msg, String classtype, String category, String metadata, byte[] eveSpan,
            byte[] eveIdentity, byte[] eveMetadata, byte eveTarget) {
    }

    private static final byte[] NO_SPAN = new byte[0];

    /** Rule texts read from entries that carry them, by those entries' journal index. */
    private final HashMap<Long, RuleEntry> ruleTexts = new HashMap<>();
    /** Bound on {@link #ruleTexts}: about one entry per rule per cycle file read. */
    private static final int MAX_RULE_TEXTS = 1 << 16;
    private RuleEntryLoader loader;
    /** Set while the loader reads a referenced entry: that one must carry its texts itself. */
    private boolean loading;

    public static final byte TAG_ALERT = 1;
    public static final byte TAG_INCIDENT = 2;
    public static final byte TAG_ACTION = 3;

    /**
     * The most bytes of an alert entry before its texts (version .. incidentId) in version 5
     * (versions 1 to 3 took a fixed 104): header, ts; nine longs as stop-bits (alertId flowId
     * pcapCnt, four address halves, sid, incidentId: ten bytes at most each), gid rev score
     * (five); ipVer, ports, proto..masked, severity.
     */
    static final int ALERT_FIXED_WORST = 2 + 8 + 9 * 10 + 3 * 5 + 1 + 4 + 4 + 1;

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());

    /** Encode/decode buffer for text (grown to the longest field seen). */
    private byte[] scratch = new byte[256];
    /** An alert entry being encoded (grown to the longest seen). */
    private byte[] entry = new byte[1024];
    /** A text field's characters, copied out of its StringBuilder in one call. */
    private char[] chars = new char[256];

    /**
     * Writes an alert entry. The entry is encoded into {@link #entry} first and handed to
     * Chronicle in one bulk write: each of Chronicle's per-field writes on a mapped queue checks
     * bounds, chunk and owning thread, and thirty of them cost several times the encoding itself.
     * (Encoding straight into the mapped chunk instead was measured: no gain, the cost is the
     * kernel's first touch of each new page, so fewer bytes per entry is what counts.) The bytes
     * are exactly those of writing each field through {@link Bytes} (native byte order,
     * Chronicle's stop-bit lengths); JournalSchemaTest compares the two.
     */
    public void writeAlert(Bytes<?> out, AlertRecord a) {
        writeAlert(out, a, NO_RULE_ENTRY);
    }

    /**
     * Writes an alert entry whose rule texts are those of the entry at journal index
     * {@code ruleEntry} of the same cycle file, or are written here when it is {@link #NO_RULE_ENTRY}.
     */
    void writeAlert(Bytes<?> out, AlertRecord a, long ruleEntry) {
        int length = encodeAlert(a, ruleEntry); // first: it may replace the entry buffer with a larger one
        out.write(entry, 0, length);
    }

    /** Encodes an alert entry into {@link #entry}; returns its length. */
    int encodeAlert(AlertRecord a, long ruleEntry) {
        if (ruleEntry == NO_RULE_ENTRY) {
            a.texts(); // first: a producer may have left them to be copied when needed
        }
        boolean fields = a.eveFields;
        int eveLength = fields ? 0 : a.eveLength();
        int payloadLength = a.payloadLength();
        int worst = ALERT_FIXED_WORST + textWorst(a.appProto) + textWorst(a.msg) + textWorst(a.classtype)
                + textWorst(a.category) + textWorst(a.metadata) + 1 + 8 + 1 + 5 + 5 + 5 + eveLength + 5 + payloadLength
                + (fields ? eveFieldsWorst(a) : 0);
        byte[] b = entry.length >= worst ? entry : (entry = new byte[Math.max(worst, entry.length * 2)]);
        b[0] = VERSION;
        b[1] = TAG_ALERT;
        int p = putStopBit(b, 2, a.alertId);
        LONG.set(b, p, a.timestampNanos);
        p = putStopBit(b, p + 8, a.flowId);
        p = putStopBit(b, p, a.pcapCnt);
        b[p++] = a.ipVersion;
        p = putStopBit(b, p, a.srcHi);
        p = putStopBit(b, p, a.srcLo);
        p = putStopBit(b, p, a.dstHi);
        p = putStopBit(b, p, a.dstLo);
        SHORT.set(b, p, (short) a.srcPort);
        SHORT.set(b, p + 2, (short) a.dstPort);
        b[p + 4] = (byte) a.proto;
        b[p + 5] = a.direction;
        b[p + 6] = a.action;
        b[p + 7] = (byte) (a.masked ? 'Y' : 'N'); // Chronicle's writeBoolean
        p = putStopBit(b, p + 8, a.gid & 0xFFFF_FFFFL);
        p = putStopBit(b, p, a.sid);
        p = putStopBit(b, p, a.rev & 0xFFFF_FFFFL);
        b[p] = (byte) a.severity;
        p = putStopBit(b, p + 1, a.score & 0xFFFF_FFFFL);
        p = putStopBit(b, p, a.incidentId);
        p = encodeText(b, p, a.appProto);
        if (ruleEntry == NO_RULE_ENTRY) {
            b[p++] = RULE_INLINE;
            p = encodeRuleTexts(b, p, a);
        } else {
            b[p++] = RULE_REF;
            LONG.set(b, p, ruleEntry);
            p += 8;
        }
        if (fields) {
            b[p++] = EVE_FIELDS;
            if (ruleEntry == NO_RULE_ENTRY) {
                b[p++] = a.ruleTarget();
                p = putBytes(b, p, a.ruleIdentity(), 0, a.ruleIdentity().length);
                p = putBytes(b, p, a.ruleMetadata(), 0, a.ruleMetadata().length);
            }
            p = encodeEveFields(b, p, a);
        } else {
            int spanLength = a.eveRuleSpanLength();
            int spanStart = a.eveRuleSpanStart();
            byte[] eve = a.eveBytes();
            b[p++] = EVE_LINE;
            p = putStopBit(b, p, spanLength == 0 ? 0 : spanStart + 1L);
            if (ruleEntry == NO_RULE_ENTRY) {
                if (spanLength > 0) {
                    p = putStopBit(b, p, spanLength);
                }
                p = putStopBit(b, p, eveLength);
                System.arraycopy(eve, 0, b, p, eveLength);
                p += eveLength;
            } else {
                // the referenced entry carries the same span (RuleTextCache compares it): leave it out
                p = putStopBit(b, p, eveLength - spanLength);
                System.arraycopy(eve, 0, b, p, spanStart);
                System.arraycopy(eve, spanStart + spanLength, b, p + spanStart, eveLength - spanStart - spanLength);
                p += eveLength - spanLength;
            }
        }
        p = putStopBit(b, p, payloadLength); // since version 2
        System.arraycopy(a.payloadBytes(), 0, b, p, payloadLength);
        return p + payloadLength;
    }

    /** The most bytes {@link #encodeEveFields} and the rule's static EVE bytes take. */
    private static int eveFieldsWorst(AlertRecord a) {
        return 1 + 5 + a.ruleIdentity().length + 5 + a.ruleMetadata().length + 3 + 1 + 10 + 1 + 10 * AlertRecord.MAX_VLANS
                + 2 + 10 + textWorst(a.appProtoTs) + textWorst(a.appProtoTc) + textWorst(a.appProtoOrig)
                + textWorst(a.appProtoExpected) + 5 + a.appLayerLength() + 5 * 10;
    }

    /** An alert's EVE fields (version 6, after the form byte and the rule's static bytes). */
    private int encodeEveFields(byte[] b, int p, AlertRecord a) {
        boolean flow = a.direction != AlertRecord.DIR_UNKNOWN;
        int flags = (a.ipPacket ? F_IP_PACKET : 0) | (a.parentId != 0 ? F_PARENT : 0) | (a.vlanCount > 0 ? F_VLAN : 0)
                | (a.icmpType >= 0 ? F_ICMP : 0) | (a.txId >= 0 ? F_TX : 0) | (a.txGuessed ? F_TX_GUESSED : 0)
                | (a.appProtoTs.length() > 0 ? F_PROTO_TS : 0) | (a.appProtoTc.length() > 0 ? F_PROTO_TC : 0)
                | (a.appProtoOrig.length() > 0 ? F_PROTO_ORIG : 0)
                | (a.appProtoExpected.length() > 0 ? F_PROTO_EXPECTED : 0) | (flow ? F_FLOW : 0);
        p = putStopBit(b, p, flags);
        b[p++] = a.pktSrc;
        if ((flags & F_PARENT) != 0) {
            p = putStopBit(b, p, a.parentId);
        }
        if ((flags & F_VLAN) != 0) {
            int n = Math.min(a.vlanCount, AlertRecord.MAX_VLANS);
            b[p++] = (byte) n;
            for (int i = 0; i < n; i++) {
                p = putStopBit(b, p, a.vlanIds[i] & 0xFFFF_FFFFL);
            }
        }
        if ((flags & F_ICMP) != 0) {
            b[p++] = (byte) a.icmpType;
            b[p++] = (byte) a.icmpCode;
        }
        if ((flags & F_TX) != 0) {
            p = putStopBit(b, p, a.txId);
        }
        if ((flags & F_PROTO_TS) != 0) {
            p = encodeText(b, p, a.appProtoTs);
        }
        if ((flags & F_PROTO_TC) != 0) {
            p = encodeText(b, p, a.appProtoTc);
        }
        if ((flags & F_PROTO_ORIG) != 0) {
            p = encodeText(b, p, a.appProtoOrig);
        }
        if ((flags & F_PROTO_EXPECTED) != 0) {
            p = encodeText(b, p, a.appProtoExpected);
        }
        p = putBytes(b, p, a.appLayerBytes(), 0, a.appLayerLength());
        if (flow) {
            p = putStopBit(b, p, a.pktsToServer);
            p = putStopBit(b, p, a.pktsToClient);
            p = putStopBit(b, p, a.bytesToServer);
            p = putStopBit(b, p, a.bytesToClient);
            long d = a.timestampNanos - a.flowStartNanos;
            p = putStopBit(b, p, (d << 1) ^ (d >> 63));
        }
        return p;
    }

    private static int putBytes(byte[] b, int p, byte[] src, int offset, int length) {
        p = putStopBit(b, p, length);
        System.arraycopy(src, offset, b, p, length);
        return p + length;
    }

    /**
     * Who reads entries for references this schema has not seen the texts of (a reader's second
     * tailer); without one such a reference is a {@link JournalSchemaException}.
     */
    public void ruleEntryLoader(RuleEntryLoader loader) {
        this.loader = loader;
    }

    /** The alert id of an alert entry whose header was just read, reading nothing else. */
    public static long readAlertId(Bytes<?> in) {
        byte version = in.readByte(in.readPosition() - 2); // the header just read
        return version < 5 ? in.readLong() : readStopBit(in);
    }

    /**
     * Reads the rest of an alert entry whose header {@link #readHeader} just read, at journal index
     * {@code index} (remembered with the rule texts the entry carries, for later references).
     */
    public void readAlert(Bytes<?> in, long index, AlertRecord a) {
        byte version = in.readByte(in.readPosition() - 2); // the header just read
        a.noEveFields();
        a.alertId = version < 5 ? in.readLong() : readStopBit(in);
        a.timestampNanos = in.readLong();
        if (version < 4) {
            readFixedV1(in, a);
        } else {
            readFixedV4(in, a, version);
        }
        readText(in, a.appProto);
        if (version < 3) {
            readRuleTexts(in, a);
            readEve(in, a, 0, NO_SPAN);
        } else {
            byte form = in.readByte();
            RuleEntry rule = null;
            if (form == RULE_INLINE) {
                readRuleTexts(in, a);
            } else if (form == RULE_REF) {
                rule = resolve(in.readLong(), a);
            } else {
                throw new JournalSchemaException("alert " + a.alertId + ": unknown rule text form " + form);
            }
            byte eveForm = version < 6 ? EVE_LINE : in.readByte();
            if (eveForm != EVE_LINE && eveForm != EVE_FIELDS) {
                throw new JournalSchemaException("alert " + a.alertId + ": unknown EVE form " + eveForm);
            }
            if (eveForm == EVE_FIELDS) {
                if (rule == null) {
                    byte target = in.readByte();
                    a.ruleEve(readBytes(in, a), readBytes(in, a), target);
                } else {
                    if (rule.eveIdentity == null) {
                        throw new JournalSchemaException("alert " + a.alertId + ": its rule entry carries no EVE fields");
                    }
                    a.ruleEve(rule.eveIdentity, rule.eveMetadata, rule.eveTarget);
                }
                readEveFields(in, a);
                if (rule == null && index >= 0) {
                    remember(index, a);
                }
            } else if (rule == null) {
                long spanAt = version < 5 ? 0 : readStopBit(in);
                long spanLength = spanAt == 0 ? 0 : readStopBit(in);
                readEve(in, a, 0, NO_SPAN);
                if (spanAt != 0) {
                    if (spanAt - 1 + spanLength > a.eveLength()) {
                        throw new JournalSchemaException("alert " + a.alertId + ": EVE rule span past the line's end");
                    }
                    a.eveRuleSpan((int) (spanAt - 1), (int) spanLength);
                }
                if (index >= 0) {
                    remember(index, a);
                }
            } else {
                readEve(in, a, version < 5 ? 0 : readStopBit(in), rule.eveSpan);
            }
        }
        a.payload(a.payloadBytes(), 0, 0);
        if (in.readRemaining() > 0) {
            int payloadLength = (int) in.readStopBit();
            if (payloadLength < 0 || payloadLength > AlertRecord.MAX_PAYLOAD_EXCERPT || payloadLength > in.readRemaining()) {
                throw new JournalSchemaException("alert " + a.alertId + ": payload length " + payloadLength
                        + " past the entry's end or over " + AlertRecord.MAX_PAYLOAD_EXCERPT);
            }
            in.read(a.payloadBytes(), 0, payloadLength);
            a.payload(a.payloadBytes(), 0, payloadLength);
        }
    }

    /** A stop-bit length and that many bytes, as a new array (rule entries only: once per rule and cycle file). */
    private static byte[] readBytes(Bytes<?> in, AlertRecord a) {
        long n = readStopBit(in);
        if (n < 0 || n > in.readRemaining()) {
            throw new JournalSchemaException("alert " + a.alertId + ": EVE rule bytes length " + n + " past the entry's end");
        }
        byte[] b = new byte[(int) n];
        in.read(b, 0, b.length);
        return b;
    }

    private void readEveFields(Bytes<?> in, AlertRecord a) {
        int flags = (int) readStopBit(in);
        a.ipPacket = (flags & F_IP_PACKET) != 0;
        a.pktSrc = in.readByte();
        a.parentId = (flags & F_PARENT) != 0 ? readStopBit(in) : 0;
        a.vlanCount = 0;
        if ((flags & F_VLAN) != 0) {
            int n = in.readUnsignedByte();
            if (n > AlertRecord.MAX_VLANS) {
                throw new JournalSchemaException("alert " + a.alertId + ": " + n + " vlan ids, at most " + AlertRecord.MAX_VLANS);
            }
            for (int i = 0; i < n; i++) {
                a.vlanIds[i] = (int) readStopBit(in);
            }
            a.vlanCount = n;
        }
        if ((flags & F_ICMP) != 0) {
            a.icmpType = in.readUnsignedByte();
            a.icmpCode = in.readUnsignedByte();
        } else {
            a.icmpType = -1;
            a.icmpCode = 0;
        }
        a.txId = (flags & F_TX) != 0 ? readStopBit(in) : -1;
        a.txGuessed = (flags & F_TX_GUESSED) != 0;
        readTextIf(in, a.appProtoTs, (flags & F_PROTO_TS) != 0);
        readTextIf(in, a.appProtoTc, (flags & F_PROTO_TC) != 0);
        readTextIf(in, a.appProtoOrig, (flags & F_PROTO_ORIG) != 0);
        readTextIf(in, a.appProtoExpected, (flags & F_PROTO_EXPECTED) != 0);
        long n = readStopBit(in);
        if (n < 0 || n > in.readRemaining()) {
            throw new JournalSchemaException("alert " + a.alertId + ": app-layer length " + n + " past the entry's end");
        }
        byte[] scratchBytes = scratch.length >= n ? scratch : (scratch = new byte[(int) n]);
        in.read(scratchBytes, 0, (int) n);
        a.appLayer(scratchBytes, 0, (int) n);
        if ((flags & F_FLOW) != 0) {
            a.pktsToServer = readStopBit(in);
            a.pktsToClient = readStopBit(in);
            a.bytesToServer = readStopBit(in);
            a.bytesToClient = readStopBit(in);
            long z = readStopBit(in);
            a.flowStartNanos = a.timestampNanos - ((z >>> 1) ^ -(z & 1));
        } else {
            a.pktsToServer = a.pktsToClient = a.bytesToServer = a.bytesToClient = 0;
            a.flowStartNanos = 0;
        }
        a.eveFieldsRead();
    }

    private void readTextIf(Bytes<?> in, StringBuilder to, boolean present) {
        if (present) {
            readText(in, to);
        } else {
            to.setLength(0);
        }
    }

    private static void readFixedV1(Bytes<?> in, AlertRecord a) {
        a.flowId = in.readLong();
        a.pcapCnt = in.readLong();
        a.ipVersion = in.readByte();
        a.srcHi = in.readLong();
        a.srcLo = in.readLong();
        a.dstHi = in.readLong();
        a.dstLo = in.readLong();
        a.srcPort = in.readUnsignedShort();
        a.dstPort = in.readUnsignedShort();
        a.proto = in.readUnsignedByte();
        a.direction = in.readByte();
        a.action = in.readByte();
        a.masked = in.readBoolean();
        a.gid = in.readInt();
        a.sid = in.readLong();
        a.rev = in.readInt();
        a.severity = in.readUnsignedByte();
        a.score = in.readInt();
        a.incidentId = in.readLong();
    }


    /**
     * The EVE line: stored whole ({@code spanAt} 0) or without the rule span, which goes back in
     * before stored byte {@code spanAt - 1}.
     */
    private static void readEve(Bytes<?> in, AlertRecord a, long spanAt, byte[] span) {
        int stored = (int) in.readStopBit();
        if (stored < 0 || stored > in.readRemaining()) {
            throw new JournalSchemaException("alert " + a.alertId + ": EVE length " + stored + " past the entry's end");
        }
        if (spanAt == 0) {
            in.read(a.eveBuffer(stored), 0, stored);
            a.eveLength(stored);
            return;
        }
        if (span.length == 0 || spanAt - 1 > stored) {
            throw new JournalSchemaException("alert " + a.alertId + ": EVE rule span at " + (spanAt - 1)
                    + " of " + stored + " stored bytes, " + span.length + " span bytes in its rule entry");
        }
        int cut = (int) (spanAt - 1);
        byte[] buf = a.eveBuffer(stored + span.length);
        in.read(buf, 0, cut);
        System.arraycopy(span, 0, buf, cut, span.length);
        in.read(buf, cut + span.length, stored - cut);
        a.eveLength(stored + span.length);
        a.eveRuleSpan(cut, span.length);
    }

    private static void readFixedV4(Bytes<?> in, AlertRecord a, byte version) {
        a.flowId = readStopBit(in);
        a.pcapCnt = readStopBit(in);
        a.ipVersion = in.readByte();
        a.srcHi = readStopBit(in);
        a.srcLo = readStopBit(in);
        a.dstHi = readStopBit(in);
        a.dstLo = readStopBit(in);
        a.srcPort = in.readUnsignedShort();
        a.dstPort = in.readUnsignedShort();
        a.proto = in.readUnsignedByte();
        a.direction = in.readByte();
        a.action = in.readByte();
        a.masked = in.readBoolean();
        a.gid = (int) readStopBit(in);
        a.sid = readStopBit(in);
        a.rev = (int) readStopBit(in);
        a.severity = in.readUnsignedByte();
        a.score = version < 5 ? in.readInt() : (int) readStopBit(in);
        a.incidentId = readStopBit(in);
    }

    private void readRuleTexts(Bytes<?> in, AlertRecord a) {
        readText(in, a.msg);
        readText(in, a.classtype);
        readText(in, a.category);
        readText(in, a.metadata);
    }

    private void remember(long index, AlertRecord a) {
        if (ruleTexts.size() >= MAX_RULE_TEXTS) {
            ruleTexts.clear(); // read again on demand
        }
        int spanLength = a.eveFields ? 0 : a.eveRuleSpanLength();
        byte[] span = spanLength == 0 ? NO_SPAN
                : java.util.Arrays.copyOfRange(a.eveBytes(), a.eveRuleSpanStart(), a.eveRuleSpanStart() + spanLength);
        boolean fields = a.eveFields;
        ruleTexts.put(index, new RuleEntry(a.msg.toString(), a.classtype.toString(), a.category.toString(),
                a.metadata.toString(), span, fields ? a.ruleIdentity() : null, fields ? a.ruleMetadata() : null,
                a.ruleTarget()));
    }

    private RuleEntry resolve(long ruleEntry, AlertRecord a) {
        RuleEntry texts = ruleTexts.get(ruleEntry);
        if (texts == null) {
            if (loading) {
                throw new JournalSchemaException("alert " + a.alertId + ": its rule text entry "
                        + Long.toHexString(ruleEntry) + " refers on instead of carrying the texts");
            }
            boolean loaded;
            loading = true;
            try {
                loaded = loader != null && loader.load(ruleEntry);
            } finally {
                loading = false;
            }
            texts = loaded ? ruleTexts.get(ruleEntry) : null;
            if (texts == null) {
                throw new JournalSchemaException("alert " + a.alertId + ": rule text entry "
                        + Long.toHexString(ruleEntry) + " is not in the journal");
            }
        }
        AlertRecord.set(a.msg, texts.msg);
        AlertRecord.set(a.classtype, texts.classtype);
        AlertRecord.set(a.category, texts.category);
        AlertRecord.set(a.metadata, texts.metadata);
        return texts;
    }

    public void writeIncident(Bytes<?> out, IncidentRecord r) {
        out.writeByte(VERSION);
        out.writeByte(TAG_INCIDENT);
        out.writeLong(r.incidentId);
        out.writeByte(r.keyKind);
        out.writeLong(r.flowId);
        out.writeByte(r.ipVersion);
        out.writeLong(r.hostAHi);
        out.writeLong(r.hostALo);
        out.writeLong(r.hostBHi);
        out.writeLong(r.hostBLo);
        out.writeLong(r.firstSeenNanos);
        out.writeLong(r.lastSeenNanos);
        out.writeInt(r.score);
        out.writeInt(r.alertCount);
        out.writeUnsignedByte(r.alertIdCount);
        for (int i = 0; i < r.alertIdCount; i++) {
            out.writeLong(r.alertIds[i]);
        }
        out.writeUnsignedByte(r.sidCount);
        for (int i = 0; i < r.sidCount; i++) {
            out.writeLong(r.sids[i]);
        }
    }

    public void readIncident(Bytes<?> in, IncidentRecord r) {
        r.incidentId = in.readLong();
        r.keyKind = in.readByte();
        r.flowId = in.readLong();
        r.ipVersion = in.readByte();
        r.hostAHi = in.readLong();
        r.hostALo = in.readLong();
        r.hostBHi = in.readLong();
        r.hostBLo = in.readLong();
        r.firstSeenNanos = in.readLong();
        r.lastSeenNanos = in.readLong();
        r.score = in.readInt();
        r.alertCount = in.readInt();
        int n = in.readUnsignedByte();
        if (n > IncidentRecord.MAX_ALERTS) {
            throw new JournalSchemaException("incident " + r.incidentId + ": " + n + " alert ids, at most " + IncidentRecord.MAX_ALERTS);
        }
        for (int i = 0; i < n; i++) {
            r.alertIds[i] = in.readLong();
        }
        r.alertIdCount = n;
        int m = in.readUnsignedByte();
        if (m > IncidentRecord.MAX_RULES) {
            throw new JournalSchemaException("incident " + r.incidentId + ": " + m + " rules, at most " + IncidentRecord.MAX_RULES);
        }
        for (int i = 0; i < m; i++) {
            r.sids[i] = in.readLong();
        }
        r.sidCount = m;
    }

    public void writeAction(Bytes<?> out, OperatorAction a) {
        out.writeByte(VERSION);
        out.writeByte(TAG_ACTION);
        out.writeLong(a.timestampNanos);
        writeText(out, a.actor);
        writeText(out, a.action);
        writeText(out, a.target);
        writeText(out, a.detail);
    }

    public void readAction(Bytes<?> in, OperatorAction a) {
        a.timestampNanos = in.readLong();
        readText(in, a.actor);
        readText(in, a.action);
        readText(in, a.target);
        readText(in, a.detail);
    }

    /**
     * Reads the version and tag of the entry at the read position and returns the tag.
     *
     * @throws JournalSchemaException for a newer (or zero) version or an unknown tag
     */
    public static byte readHeader(Bytes<?> in, long index) {
        if (in.readRemaining() < 2) {
            throw new JournalSchemaException("journal entry " + Long.toHexString(index) + " is too short to be a Rampart entry");
        }
        byte version = in.readByte();
        byte tag = in.readByte();
        if (version > VERSION || version < 1) {
            throw new JournalSchemaException("journal entry " + Long.toHexString(index) + " has schema version " + version
                    + "; this build reads versions 1.." + VERSION + " (written by a newer Rampart? upgrade to read it)");
        }
        if (tag != TAG_ALERT && tag != TAG_INCIDENT && tag != TAG_ACTION) {
            throw new JournalSchemaException("journal entry " + Long.toHexString(index) + " has unknown record type " + tag
                    + " for schema version " + version);
        }
        return tag;
    }

    /**
     * Text as stop-bit byte length + UTF-8, encoded here into {@link #scratch} and written in one
     * bulk copy: Chronicle's per-character writeUtf8 cost three times the rest of an alert.
     */
    private void writeText(Bytes<?> out, CharSequence text) {
        int worst = textWorst(text);
        byte[] buf = scratch.length >= worst ? scratch : (scratch = new byte[worst]);
        out.write(buf, 0, encodeText(buf, 0, text));
    }

    /** The most bytes {@link #encodeText} can write for {@code text}: a stop-bit length of up to 5 bytes and 3 bytes a char. */
    private static int textWorst(CharSequence text) {
        return 5 + 3 * text.length();
    }

    /** The rule's four texts, in an entry that carries them (msg, classtype, category, metadata). */
    private int encodeRuleTexts(byte[] b, int p, AlertRecord a) {
        p = encodeText(b, p, a.msg);
        p = encodeText(b, p, a.classtype);
        p = encodeText(b, p, a.category);
        return encodeText(b, p, a.metadata);
    }

    /**
     * Text as stop-bit byte length + UTF-8 at {@code p}; returns the position after it. The length
     * is written before the bytes are known: room for the shortest it can be (one byte a char) is
     * left, and the bytes are moved on in the rare case that multi-byte characters need a longer one.
     */
    private int encodeText(byte[] b, int p, CharSequence text) {
        int n = text.length();
        char[] c = chars.length >= n ? chars : (chars = new char[Math.max(n, chars.length * 2)]);
        if (text instanceof StringBuilder sb) {
            sb.getChars(0, n, c, 0);
        } else {
            for (int i = 0; i < n; i++) {
                c[i] = text.charAt(i);
            }
        }
        int lengthBytes = stopBitSize(n);
        int start = p + lengthBytes;
        int q = start;
        int i = 0;
        while (i < n && c[i] < 0x80) {
            b[q++] = (byte) c[i++];
        }
        for (; i < n; i++) {
            char ch = c[i];
            if (ch < 0x80) {
                b[q++] = (byte) ch;
            } else if (ch < 0x800) {
                b[q++] = (byte) (0xC0 | (ch >> 6));
                b[q++] = (byte) (0x80 | (ch & 0x3F));
            } else if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(c[i + 1])) {
                int cp = Character.toCodePoint(ch, c[++i]);
                b[q++] = (byte) (0xF0 | (cp >> 18));
                b[q++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[q++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[q++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                // a lone surrogate (malformed UTF-16) becomes U+FFFD
                char w = Character.isSurrogate(ch) ? '\uFFFD' : ch;
                b[q++] = (byte) (0xE0 | (w >> 12));
                b[q++] = (byte) (0x80 | ((w >> 6) & 0x3F));
                b[q++] = (byte) (0x80 | (w & 0x3F));
            }
        }
        int len = q - start;
        int needed = stopBitSize(len);
        if (needed != lengthBytes) {
            System.arraycopy(b, start, b, p + needed, len);
        }
        putStopBit(b, p, len);
        return p + needed + len;
    }

    /**
     * Stop-bit encoding: 7 bits a byte, low first, high bit = more. Chronicle's for a non-negative
     * number; a negative one is taken as unsigned (ten bytes), which {@link #readStopBit} reads.
     */
    private static int putStopBit(byte[] b, int p, long v) {
        while ((v & ~0x7FL) != 0) {
            b[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        return p;
    }

    private static int stopBitSize(long v) {
        int size = 1;
        while ((v & ~0x7FL) != 0) {
            size++;
            v >>>= 7;
        }
        return size;
    }

    /** A number {@link #putStopBit} wrote (any long: ten bytes at most). */
    static long readStopBit(Bytes<?> in) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readByte();
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new JournalSchemaException("stop-bit number longer than ten bytes");
    }

    private void readText(Bytes<?> in, StringBuilder to) {
        to.setLength(0);
        long length = in.readStopBit();
        if (length < 0 || length > in.readRemaining()) {
            throw new JournalSchemaException("text length " + length + " past the entry's end");
        }
        int len = (int) length;
        byte[] buf = scratch.length >= len ? scratch : (scratch = new byte[len]);
        in.read(buf, 0, len);
        for (int i = 0; i < len; i++) {
            int b = buf[i];
            if (b >= 0) {
                to.append((char) b);
                continue;
            }
            // multi-byte sequence: decode the rest of this field the slow way
            to.append(new String(buf, i, len - i, java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
    }
}

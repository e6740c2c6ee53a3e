package dev.rampart.alerts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert encoder writes one flat buffer; its bytes must be exactly those of the schema written
 * field by field through Chronicle's {@link Bytes} (the layout the documented schema describes).
 */
class JournalSchemaTest {
    /**
     * The alert layout written one field at a time with Chronicle's own writers: version 2 (what
     * earlier builds wrote, every text in every alert) or version 3 with the rule texts inline
     * ({@code ruleEntry} {@link JournalSchema#NO_RULE_ENTRY}) or as a reference.
     */
    static void writeFieldByField(Bytes<?> out, AlertRecord a, int version, long ruleEntry) {
        out.writeByte((byte) version);
        out.writeByte(JournalSchema.TAG_ALERT);
        if (version >= 5) {
            writeUnsigned(out, a.alertId);
        } else {
            out.writeLong(a.alertId);
        }
        out.writeLong(a.timestampNanos);
        boolean compact = version >= 4;
        writeNumber(out, a.flowId, compact);
        writeNumber(out, a.pcapCnt, compact);
        out.writeByte(a.ipVersion);
        writeNumber(out, a.srcHi, compact);
        writeNumber(out, a.srcLo, compact);
        writeNumber(out, a.dstHi, compact);
        writeNumber(out, a.dstLo, compact);
        out.writeUnsignedShort(a.srcPort);
        out.writeUnsignedShort(a.dstPort);
        out.writeUnsignedByte(a.proto);
        out.writeByte(a.direction);
        out.writeByte(a.action);
        out.writeBoolean(a.masked);
        if (compact) {
            writeUnsigned(out, a.gid & 0xFFFF_FFFFL);
            writeUnsigned(out, a.sid);
            writeUnsigned(out, a.rev & 0xFFFF_FFFFL);
        } else {
            out.writeInt(a.gid);
            out.writeLong(a.sid);
            out.writeInt(a.rev);
        }
        out.writeUnsignedByte(a.severity);
        if (version >= 5) {
            writeUnsigned(out, a.score & 0xFFFF_FFFFL);
        } else {
            out.writeInt(a.score);
        }
        writeNumber(out, a.incidentId, compact);
        writeText(out, a.appProto);
        if (version >= 3) {
            out.writeByte(ruleEntry == JournalSchema.NO_RULE_ENTRY ? JournalSchema.RULE_INLINE : JournalSchema.RULE_REF);
            if (ruleEntry != JournalSchema.NO_RULE_ENTRY) {
                out.writeLong(ruleEntry);
            }
        }
        if (version < 3 || ruleEntry == JournalSchema.NO_RULE_ENTRY) {
            for (StringBuilder text : List.of(a.msg, a.classtype, a.category, a.metadata)) {
                writeText(out, text);
            }
        }
        int spanStart = a.eveRuleSpanStart();
        int spanLength = version >= 5 ? a.eveRuleSpanLength() : 0;
        if (version >= 5) {
            writeUnsigned(out, spanLength == 0 ? 0 : spanStart + 1);
        }
        if (spanLength == 0) {
            out.writeStopBit(a.eveLength());
            out.write(a.eveBytes(), 0, a.eveLength());
        } else if (ruleEntry == JournalSchema.NO_RULE_ENTRY) {
            writeUnsigned(out, spanLength);
            out.writeStopBit(a.eveLength());
            out.write(a.eveBytes(), 0, a.eveLength());
        } else {
            out.writeStopBit(a.eveLength() - spanLength);
            out.write(a.eveBytes(), 0, spanStart);
            out.write(a.eveBytes(), spanStart + spanLength, a.eveLength() - spanStart - spanLength);
        }
        out.writeStopBit(a.payloadLength()); // since version 2: the payload excerpt
        out.write(a.payloadBytes(), 0, a.payloadLength());
    }

    /** A long as version 4 writes it (unsigned stop-bit) or as earlier versions do (8 bytes). */
    private static void writeNumber(Bytes<?> out, long v, boolean compact) {
        if (compact) {
            writeUnsigned(out, v);
        } else {
            out.writeLong(v);
        }
    }

    /** Unsigned LEB128, written out here independently of the schema's encoder. */
    private static void writeUnsigned(Bytes<?> out, long v) {
        java.math.BigInteger n = new java.math.BigInteger(Long.toUnsignedString(v));
        java.math.BigInteger mask = java.math.BigInteger.valueOf(0x7F);
        do {
            int low = n.and(mask).intValue();
            n = n.shiftRight(7);
            out.writeUnsignedByte(n.signum() == 0 ? low : low | 0x80);
        } while (n.signum() != 0);
    }

    private static void writeText(Bytes<?> out, StringBuilder text) {
        // UTF-8 as Java encodes it, except that a lone surrogate becomes U+FFFD (Java writes '?')
        String s = text.toString();
        StringBuilder clean = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                clean.append(c).append(s.charAt(++i));
            } else {
                clean.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        byte[] utf8 = clean.toString().getBytes(StandardCharsets.UTF_8);
        out.writeStopBit(utf8.length);
        out.write(utf8);
    }

    private static byte[] bytes(Consumer<Bytes<?>> writer) {
        Bytes<?> b = Bytes.allocateElasticOnHeap(64);
        writer.accept(b);
        return b.toByteArray();
    }

    /**
     * What {@code writer} writes into native memory after a 3-byte prefix (so that the entry does
     * not start at offset 0), without the prefix; with room for the entry and with an elastic
     * buffer that must grow during the write.
     */
    private static byte[] directBytes(int capacity, Consumer<Bytes<?>> writer) {
        Bytes<?> b = Bytes.allocateElasticDirect(capacity);
        try {
            b.writeByte((byte) 1).writeByte((byte) 2).writeByte((byte) 3);
            writer.accept(b);
            b.readSkip(3);
            return b.toByteArray();
        } finally {
            b.releaseLast();
        }
    }

    private static void assertSameBytes(JournalSchema schema, AlertRecord a) {
        byte[] expected = bytes(out -> writeFieldByField(out, a, JournalSchema.VERSION, JournalSchema.NO_RULE_ENTRY));
        byte[] actual = bytes(out -> schema.writeAlert(out, a));
        assertArrayEquals(expected, actual);
        assertArrayEquals(expected, directBytes(1 << 20, out -> schema.writeAlert(out, a)));
        assertArrayEquals(expected, directBytes(16, out -> schema.writeAlert(out, a)));
        assertArrayEquals(bytes(out -> writeFieldByField(out, a, JournalSchema.VERSION, 77)),
                directBytes(1 << 20, out -> schema.writeAlert(out, a, 77)));
        // and it reads back, remembering the rule texts under the entry's index
        Bytes<?> in = Bytes.wrapForRead(actual);
        assertEquals(JournalSchema.TAG_ALERT, JournalSchema.readHeader(in, 0));
        AlertRecord back = new AlertRecord();
        schema.readAlert(in, 5, back);
        assertEquals(a.alertId, back.alertId);
        assertFixedFieldsEqual(a, back);
        assertEquals(a.eveLength(), back.eveLength());
        assertEquals(a.payloadLength(), back.payloadLength());
        assertEquals(0, in.readRemaining());

        // the same alert referring to that entry for its texts: fewer bytes, same alert read back
        byte[] expectedRef = bytes(out -> writeFieldByField(out, a, JournalSchema.VERSION, 5));
        byte[] actualRef = bytes(out -> schema.writeAlert(out, a, 5));
        assertArrayEquals(expectedRef, actualRef);
        Bytes<?> inRef = Bytes.wrapForRead(actualRef);
        JournalSchema.readHeader(inRef, 6);
        AlertRecord backRef = new AlertRecord();
        schema.readAlert(inRef, 6, backRef);
        assertEquals(0, inRef.readRemaining());
        assertEquals(back.msg.toString(), backRef.msg.toString());
        assertEquals(back.classtype.toString(), backRef.classtype.toString());
        assertEquals(back.category.toString(), backRef.category.toString());
        assertEquals(back.metadata.toString(), backRef.metadata.toString());
        assertEquals(back.toString(), backRef.toString());
        // the EVE line whole in both, its rule span where it was
        byte[] line = Arrays.copyOf(a.eveBytes(), a.eveLength());
        assertArrayEquals(line, Arrays.copyOf(back.eveBytes(), back.eveLength()));
        assertArrayEquals(line, Arrays.copyOf(backRef.eveBytes(), backRef.eveLength()));
        assertEquals(a.eveRuleSpanLength(), backRef.eveRuleSpanLength());
        assertEquals(a.eveRuleSpanLength(), back.eveRuleSpanLength());
        if (a.eveRuleSpanLength() > 0) {
            assertEquals(a.eveRuleSpanStart(), back.eveRuleSpanStart());
            assertEquals(a.eveRuleSpanStart(), backRef.eveRuleSpanStart());
            int start = a.eveRuleSpanStart();
            int length = a.eveRuleSpanLength();
            a.eve(a.eveBytes(), 0, a.eveLength()); // the same line, no span marked
            int refWithoutSpan = bytes(out -> schema.writeAlert(out, a, 5)).length;
            a.eveRuleSpan(start, length);
            assertTrue(actualRef.length <= refWithoutSpan - length + 4,
                    actualRef.length + " bytes with a " + length + "-byte span left out, " + refWithoutSpan + " without");
        }
    }

    private static void assertFixedFieldsEqual(AlertRecord a, AlertRecord back) {
        assertEquals(a.timestampNanos, back.timestampNanos);
        assertEquals(a.flowId, back.flowId);
        assertEquals(a.pcapCnt, back.pcapCnt);
        assertEquals(a.ipVersion, back.ipVersion);
        assertEquals(a.srcHi, back.srcHi);
        assertEquals(a.srcLo, back.srcLo);
        assertEquals(a.dstHi, back.dstHi);
        assertEquals(a.dstLo, back.dstLo);
        assertEquals(a.gid, back.gid);
        assertEquals(a.sid, back.sid);
        assertEquals(a.rev, back.rev);
        assertEquals(a.srcPort, back.srcPort);
        assertEquals(a.dstPort, back.dstPort);
        assertEquals(a.score, back.score);
        assertEquals(a.masked, back.masked);
        assertEquals(a.incidentId, back.incidentId);
        assertEquals(a.proto, back.proto);
        assertEquals(a.direction, back.direction);
        assertEquals(a.action, back.action);
        assertEquals(a.severity, back.severity);
    }

    @Test
    void versionThreeEntriesStillRead() {
        JournalSchema schema = new JournalSchema();
        AlertRecord a = Alerts.sample(new AlertRecord(), 7, 2_019_401, 1_764_000_000_123_456_789L);
        a.flowId = -5;
        a.incidentId = 12;
        Bytes<?> in = Bytes.wrapForRead(bytes(out -> writeFieldByField(out, a, 3, JournalSchema.NO_RULE_ENTRY)));
        assertEquals(JournalSchema.TAG_ALERT, JournalSchema.readHeader(in, 0));
        AlertRecord back = new AlertRecord();
        schema.readAlert(in, 4, back);
        assertEquals(0, in.readRemaining());
        assertFixedFieldsEqual(a, back);
        assertEquals(a.metadata.toString(), back.metadata.toString());
        assertEquals(a.payloadLength(), back.payloadLength());
    }

    @Test
    void versionFourTakesFewerBytesForAnIpv4Alert() {
        AlertRecord a = Alerts.sample(new AlertRecord(), 7, 2_019_401, 1_764_000_000_123_456_789L);
        int v3 = bytes(out -> writeFieldByField(out, a, 3, 5)).length;
        int v4 = bytes(out -> new JournalSchema().writeAlert(out, a, 5)).length;
        assertTrue(v4 <= v3 - 40, v3 + " bytes as version 3, " + v4 + " as version 4");
    }

    @Test
    void versionTwoEntriesStillRead() {
        JournalSchema schema = new JournalSchema();
        AlertRecord a = Alerts.sample(new AlertRecord(), 7, 2_019_401, 1_764_000_000_123_456_789L);
        byte[] get = "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
        a.payload(get, 0, get.length);
        Bytes<?> in = Bytes.wrapForRead(bytes(out -> writeFieldByField(out, a, 2, JournalSchema.NO_RULE_ENTRY)));
        assertEquals(JournalSchema.TAG_ALERT, JournalSchema.readHeader(in, 0));
        AlertRecord back = new AlertRecord();
        schema.readAlert(in, 0, back);
        assertEquals(0, in.readRemaining());
        assertEquals(a.toString(), back.toString());
        assertEquals(a.category.toString(), back.category.toString());
        assertEquals(a.classtype.toString(), back.classtype.toString());
        assertEquals(a.metadata.toString(), back.metadata.toString());
        assertEquals(get.length, back.payloadLength());
    }

    @Test
    void aReferenceToTextsNeverReadIsAClearError() {
        JournalSchema schema = new JournalSchema();
        AlertRecord a = Alerts.sample(new AlertRecord(), 7, 2_019_401, 1);
        Bytes<?> in = Bytes.wrapForRead(bytes(out -> schema.writeAlert(out, a, 0x1234)));
        JournalSchema.readHeader(in, 0);
        JournalSchemaException e = assertThrows(JournalSchemaException.class, () -> schema.readAlert(in, 9, new AlertRecord()));
        assertTrue(e.getMessage().contains("rule text entry 1234 is not in the journal"), e.getMessage());
    }

    @Test
    void flatEncoderWritesTheFieldByFieldLayout() {
        JournalSchema schema = new JournalSchema();
        AlertRecord a = Alerts.sample(new AlertRecord(), 7, 2_019_401, 1_764_000_000_123_456_789L);
        assertSameBytes(schema, a);

        // extremes of every fixed field
        a.alertId = -1;
        a.flowId = Long.MIN_VALUE;
        a.ipVersion = 6;
        a.srcHi = 0x20010db800000000L;
        a.srcLo = -2;
        a.dstHi = Long.MAX_VALUE;
        a.srcPort = 65535;
        a.dstPort = 0;
        a.proto = 255;
        a.direction = AlertRecord.DIR_TO_CLIENT;
        a.action = AlertRecord.ACTION_BLOCKED;
        a.masked = true;
        a.gid = -3;
        a.rev = Integer.MAX_VALUE;
        a.severity = 255;
        a.score = -50;
        a.incidentId = 1L << 40;
        assertSameBytes(schema, a);
    }

    @Test
    void textsOfEveryLengthAndKind() {
        JournalSchema schema = new JournalSchema();
        AlertRecord a = Alerts.sample(new AlertRecord(), 1, 1, 1);
        AlertRecord.set(a.appProto, "");
        AlertRecord.set(a.classtype, "");
        for (String msg : List.of("", "x".repeat(127), "x".repeat(128), "x".repeat(16_383), "x".repeat(16_384),
                // 100 chars, 200 bytes: the length needs a second byte only once encoded
                "\u00e9".repeat(100), "a".repeat(120) + "\u20ac".repeat(5),
                "\u20ac".repeat(6_000), "lone \uD800 high, lone \uDC00 low, end \uD83D", "\uD83D\uDE00".repeat(40))) {
            AlertRecord.set(a.msg, msg);
            AlertRecord.set(a.metadata, new StringBuilder(msg).reverse());
            assertSameBytes(schema, a);
        }
    }

    @Test
    void eveLinesOfEveryLength() {
        JournalSchema schema = new JournalSchema();
        AlertRecord a = Alerts.sample(new AlertRecord(), 1, 1, 1);
        for (int n : new int[] {0, 1, 127, 128, 5_000, 16_384, 70_000}) {
            byte[] eve = new byte[n];
            for (int i = 0; i < n; i++) {
                eve[i] = (byte) ('a' + i % 26);
            }
            a.eve(eve, 0, n);
            assertSameBytes(schema, a);
            a.payload(eve, 0, Math.min(n, 256)); // the excerpt, bounded
            assertSameBytes(schema, a);
            a.payload(eve, 0, 0);
            // a rule span at the start, inside, at the end, the whole line
            for (int[] span : new int[][] {{0, 1}, {n / 3, n / 2}, {n - Math.min(n, 200), Math.min(n, 200)}, {0, n}}) {
                a.eve(eve, 0, n);
                a.eveRuleSpan(span[0], span[1]);
                assertEquals(n > 0 ? span[1] : 0, a.eveRuleSpanLength());
                assertSameBytes(schema, a);
            }
        }
    }

    /**
     * A journal version 4 wrote (the previous layout, written here field by field into a real
     * queue: texts inline, then references to them) reads with this build's reader, and this
     * build's entries after them too.
     */
    @Test
    void aVersionFourJournalStillReads(@TempDir Path dir) {
        JournalConfig config = JournalConfig.at(dir);
        List<AlertRecord> written = new ArrayList<>();
        byte[] eve = "{\"timestamp\":\"x\",\"alert\":{\"gid\":1,\"signature_id\":2019401},\"flow\":{}}"
                .getBytes(StandardCharsets.UTF_8);
        try (AlertJournal j = AlertJournal.open(config)) {
            long[] ruleEntry = new long[3];
            for (int id = 1; id <= 9; id++) {
                AlertRecord a = Alerts.sample(new AlertRecord(), id, 2_019_400 + id % 3, 1_764_000_000_000_000_000L + id);
                a.score = id * 10;
                a.incidentId = id % 2;
                a.eve(eve, 0, eve.length);
                byte[] payload = ("GET /" + id).getBytes(StandardCharsets.US_ASCII);
                a.payload(payload, 0, payload.length);
                long ref = id <= 3 ? JournalSchema.NO_RULE_ENTRY : ruleEntry[id % 3];
                long index = j.appendRaw(bytes(out -> writeFieldByField(out, a, 4, ref)));
                if (id <= 3) {
                    ruleEntry[id % 3] = index;
                }
                written.add(a);
            }
            for (int id = 10; id <= 12; id++) {
                AlertRecord a = Alerts.sample(new AlertRecord(), id, 2_019_400 + id % 3, 1_764_000_000_000_000_000L + id);
                a.eve(eve, 0, eve.length);
                a.eveRuleSpan(31, 36);
                j.append(a);
                j.append(a); // the second refers to the first, span left out
                written.add(a);
                written.add(a);
            }
        }
        try (JournalReader r = AlertJournal.openReader(config)) {
            for (AlertRecord a : written) {
                assertEquals(JournalSchema.TAG_ALERT, r.next());
                AlertRecord b = r.alert();
                assertEquals(a.toString(), b.toString());
                assertFixedFieldsEqual(a, b);
                assertEquals(a.msg.toString(), b.msg.toString());
                assertEquals(a.metadata.toString(), b.metadata.toString());
                assertEquals(a.category.toString(), b.category.toString());
                assertArrayEquals(Arrays.copyOf(a.eveBytes(), a.eveLength()), Arrays.copyOf(b.eveBytes(), b.eveLength()));
                assertArrayEquals(Arrays.copyOf(a.payloadBytes(), a.payloadLength()),
                        Arrays.copyOf(b.payloadBytes(), b.payloadLength()));
            }
            assertEquals(JournalReader.NONE, r.next());
        }
    }
}

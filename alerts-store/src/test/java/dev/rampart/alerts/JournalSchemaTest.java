package dev.rampart.alerts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        if (version >= 6 && a.eveFields) {
            writeEveFields(out, a, ruleEntry);
            out.writeStopBit(a.payloadLength());
            out.write(a.payloadBytes(), 0, a.payloadLength());
            return;
        }
        if (version >= 6) {
            out.writeByte(JournalSchema.EVE_LINE);
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

    /** Version 6's EVE fields, as its class comment lays them out. */
    private static void writeEveFields(Bytes<?> out, AlertRecord a, long ruleEntry) {
        out.writeByte(JournalSchema.EVE_FIELDS);
        if (ruleEntry == JournalSchema.NO_RULE_ENTRY) {
            out.writeByte(a.ruleTarget());
            writeUnsigned(out, a.ruleIdentity().length);
            out.write(a.ruleIdentity());
            writeUnsigned(out, a.ruleMetadata().length);
            out.write(a.ruleMetadata());
        }
        boolean flow = a.direction != AlertRecord.DIR_UNKNOWN;
        List<StringBuilder> protos = List.of(a.appProtoTs, a.appProtoTc, a.appProtoOrig, a.appProtoExpected);
        int flags = (a.ipPacket ? 1 : 0) + (a.parentId != 0 ? 2 : 0) + (a.vlanCount > 0 ? 4 : 0) + (a.icmpType >= 0 ? 8 : 0)
                + (a.txId >= 0 ? 16 : 0) + (a.txGuessed ? 32 : 0) + (flow ? 1024 : 0);
        for (int i = 0; i < protos.size(); i++) {
            flags += protos.get(i).length() > 0 ? 64 << i : 0;
        }
        writeUnsigned(out, flags);
        out.writeByte(a.pktSrc);
        if (a.parentId != 0) {
            writeUnsigned(out, a.parentId);
        }
        if (a.vlanCount > 0) {
            out.writeUnsignedByte(a.vlanCount);
            for (int i = 0; i < a.vlanCount; i++) {
                writeUnsigned(out, a.vlanIds[i]);
            }
        }
        if (a.icmpType >= 0) {
            out.writeUnsignedByte(a.icmpType);
            out.writeUnsignedByte(a.icmpCode);
        }
        if (a.txId >= 0) {
            writeUnsigned(out, a.txId);
        }
        for (StringBuilder p : protos) {
            if (p.length() > 0) {
                writeText(out, p);
            }
        }
        writeUnsigned(out, a.appLayerLength());
        out.write(a.appLayerBytes(), 0, a.appLayerLength());
        if (flow) {
            writeUnsigned(out, a.pktsToServer);
            writeUnsigned(out, a.pktsToClient);
            writeUnsigned(out, a.bytesToServer);
            writeUnsigned(out, a.bytesToClient);
            long d = a.timestampNanos - a.flowStartNanos;
            writeUnsigned(out, d >= 0 ? 2 * d : -2 * d - 1); // zigzag
        }
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
        a.renderEveFromFields(); // the line the fields make, to compare with the one read back
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
        if (a.eveRuleSpanLength() > 0 && !a.eveFields) {
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
     * A journal version 4 or 5 wrote (earlier layouts, written here field by field into a real
     * queue: texts inline, then references to them) reads with this build's reader, and this
     * build's entries after them too: with a pre-rendered line, and with EVE fields.
     */
    @Test
    void aVersionFourJournalStillReads(@TempDir Path dir) {
        olderVersionJournalStillReads(4, dir);
    }

    @Test
    void aVersionFiveJournalStillReads(@TempDir Path dir) {
        olderVersionJournalStillReads(5, dir);
    }

    private static void olderVersionJournalStillReads(int version, Path dir) {
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
                if (version == 5) {
                    a.eveRuleSpan(31, 36);
                }
                long index = j.appendRaw(bytes(out -> writeFieldByField(out, a, version, ref)));
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
            for (int id = 13; id <= 15; id++) {
                AlertRecord a = Alerts.withEveFields(Alerts.sample(new AlertRecord(), id, 2_019_400 + id % 3,
                        1_764_000_000_000_000_000L + id));
                j.append(a);
                j.append(a); // the second refers to the first for its texts and rule bytes
                written.add(a);
                written.add(a);
            }
        }
        try (JournalReader r = AlertJournal.openReader(config)) {
            for (AlertRecord a : written) {
                assertEquals(JournalSchema.TAG_ALERT, r.next());
                a.renderEveFromFields();
                AlertRecord b = r.alert();
                assertEquals(a.toString(), b.toString());
                assertFixedFieldsEqual(a, b);
                assertEquals(a.msg.toString(), b.msg.toString());
                assertEquals(a.metadata.toString(), b.metadata.toString());
                assertEquals(a.category.toString(), b.category.toString());
                assertArrayEquals(Arrays.copyOf(a.eveBytes(), a.eveLength()), Arrays.copyOf(b.eveBytes(), b.eveLength()));
                assertEquals(a.eveFields, b.eveFields);
                assertArrayEquals(Arrays.copyOf(a.payloadBytes(), a.payloadLength()),
                        Arrays.copyOf(b.payloadBytes(), b.payloadLength()));
            }
            assertEquals(JournalReader.NONE, r.next());
        }
    }

    @Test
    void eveFieldsAreWrittenInTheDocumentedLayoutAndTheLineRendersFromThem() {
        JournalSchema schema = new JournalSchema();
        AlertRecord a = Alerts.withEveFields(Alerts.sample(new AlertRecord(), 7, 2_019_401, 1_764_000_000_123_456_789L));
        assertSameBytes(schema, a);
        Bytes<?> in = Bytes.wrapForRead(bytes(out -> schema.writeAlert(out, a)));
        JournalSchema.readHeader(in, 0);
        AlertRecord back = new AlertRecord();
        schema.readAlert(in, 3, back);
        assertTrue(back.eveFields);
        String line = new String(back.eveBytes(), 0, back.eveLength(), StandardCharsets.UTF_8);
        assertEquals("{\"timestamp\":\"2025-11-24T16:00:00.123456+0000\",\"flow_id\":1007,\"pcap_cnt\":21,"
                + "\"event_type\":\"alert\",\"src_ip\":\"10.0.0.3\",\"src_port\":40007,\"dest_ip\":\"192.168.1.1\","
                + "\"dest_port\":80,\"proto\":\"TCP\",\"pkt_src\":\"wire/pcap\",\"tx_id\":0,\"alert\":{\"action\":\"allowed\","
                + "\"gid\":1,\"signature_id\":2019401,\"rev\":2,\"signature\":\"ET x\",\"category\":\"c\",\"severity\":1,"
                + "\"metadata\":{\"k\":[\"v\"]}},\"http\":{\"hostname\":\"example.com\",\"url\":\"/x\"},"
                + "\"app_proto\":\"http\",\"direction\":\"to_server\",\"flow\":{\"pkts_toserver\":3,\"pkts_toclient\":2,"
                + "\"bytes_toserver\":400,\"bytes_toclient\":300,\"start\":\"2025-11-24T15:59:58.623456+0000\","
                + "\"src_ip\":\"10.0.0.3\",\"dest_ip\":\"192.168.1.1\",\"src_port\":40007,\"dest_port\":80}}", line);
        assertTrue(line.substring(back.eveRuleSpanStart()).startsWith("\"gid\":1,\"signature_id\":2019401,"), line);

        // every optional field, IPv6, to_client, a target split: bytes as documented, fields read back
        a.ipVersion = 6;
        a.srcHi = 0x20010db800000000L;
        a.srcLo = 1;
        a.dstHi = 0x20010db800000000L;
        a.dstLo = 0xFFFF_FFFF_FFFFL;
        a.direction = AlertRecord.DIR_TO_CLIENT;
        a.parentId = 99;
        a.vlanCount = 2;
        a.vlanIds[0] = 10;
        a.vlanIds[1] = 4095;
        a.proto = 58;
        a.icmpType = 128;
        a.icmpCode = 0;
        a.txId = 1L << 40;
        a.txGuessed = true;
        a.pktSrc = 7;
        AlertRecord.set(a.appProtoTs, "http");
        AlertRecord.set(a.appProtoTc, "tls\u00e9");
        AlertRecord.set(a.appProtoOrig, "dns");
        AlertRecord.set(a.appProtoExpected, "ftp-data");
        a.flowStartNanos = a.timestampNanos + 5; // later than the packet: a negative delta
        a.ruleEve(a.ruleIdentity(), new byte[0], AlertRecord.TARGET_DEST);
        assertSameBytes(schema, a);
        in = Bytes.wrapForRead(bytes(out -> schema.writeAlert(out, a)));
        JournalSchema.readHeader(in, 0);
        schema.readAlert(in, 4, back);
        assertEquals(0, in.readRemaining());
        assertEquals(a.parentId, back.parentId);
        assertEquals(2, back.vlanCount);
        assertEquals(4095, back.vlanIds[1]);
        assertEquals(128, back.icmpType);
        assertEquals(a.txId, back.txId);
        assertTrue(back.txGuessed);
        assertEquals(7, back.pktSrc);
        assertEquals("tls\u00e9", back.appProtoTc.toString());
        assertEquals("ftp-data", back.appProtoExpected.toString());
        assertEquals(a.flowStartNanos, back.flowStartNanos);
        assertEquals(AlertRecord.TARGET_DEST, back.ruleTarget());
        line = new String(back.eveBytes(), 0, back.eveLength(), StandardCharsets.UTF_8);
        assertTrue(line.contains("\"flow_id\":1007,\"parent_id\":99,\"pcap_cnt\":21,\"event_type\":\"alert\",\"vlan\":[10,4095],"
                + "\"src_ip\":\"2001:0db8:0000:0000:0000:0000:0000:0001\",\"dest_ip\":\"2001:0db8:0000:0000:0000:ffff:ffff:ffff\","
                + "\"proto\":\"IPv6-ICMP\",\"icmp_type\":128,\"icmp_code\":0,\"pkt_src\":\"defrag\",\"tx_id\":1099511627776,"
                + "\"tx_guessed\":true,"), line);
        assertTrue(line.contains(",\"source\":{\"ip\":\"2001:0db8:0000:0000:0000:0000:0000:0001\"},\"target\":{\"ip\":"
                + "\"2001:0db8:0000:0000:0000:ffff:ffff:ffff\"}},"), line);
        assertTrue(line.contains("\"app_proto_ts\":\"http\",\"app_proto_tc\":\"tls\u00e9\",\"app_proto_orig\":\"dns\","
                + "\"app_proto_expected\":\"ftp-data\",\"direction\":\"to_client\",\"flow\":{"), line);
        assertTrue(line.endsWith("\"src_ip\":\"2001:0db8:0000:0000:0000:ffff:ffff:ffff\",\"dest_ip\":"
                + "\"2001:0db8:0000:0000:0000:0000:0000:0001\"}}"), line);
        // a record read into again takes the next entry's form, not the last one's
        AlertRecord plain = Alerts.sample(new AlertRecord(), 8, 2_019_401, 1);
        in = Bytes.wrapForRead(bytes(out -> schema.writeAlert(out, plain)));
        JournalSchema.readHeader(in, 0);
        schema.readAlert(in, 5, back);
        assertFalse(back.eveFields);
        assertEquals(0, back.eveLength());
    }

    @Test
    void anEngineAlertEntryIsAThirdOfItsVersionFiveSize() {
        // the benchmark's typical HTTP alert: a 1,100-byte line of which the rule part is 420
        AlertRecord a = Alerts.withEveFields(Alerts.sample(new AlertRecord(), 7, 2_019_401, 1_764_000_000_123_456_789L));
        byte[] app = ("\"http\":{\"hostname\":\"www.example-1.com\",\"url\":\"/wp-content/plugins/x/admin.php?id=1234\","
                + "\"http_user_agent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36\",\"http_content_type\":"
                + "\"text/html\",\"http_method\":\"GET\",\"protocol\":\"HTTP/1.1\",\"status\":200,\"length\":1234}")
                .getBytes(StandardCharsets.US_ASCII);
        a.appLayer(app, 0, app.length);
        byte[] rule = new byte[420];
        Arrays.fill(rule, (byte) 'r');
        a.ruleEve(rule, new byte[0], AlertRecord.TARGET_NONE);
        JournalSchema schema = new JournalSchema();
        int v6 = bytes(out -> schema.writeAlert(out, a, 5)).length;
        a.eveFields = false;
        byte[] line = new byte[1100];
        Arrays.fill(line, (byte) 'x');
        a.eve(line, 0, line.length);
        a.eveRuleSpan(50, 420);
        int v5 = bytes(out -> schema.writeAlert(out, a, 5)).length;
        assertTrue(v6 * 2 < v5, v6 + " bytes with EVE fields, " + v5 + " with the line (rule part left out)");
    }
}

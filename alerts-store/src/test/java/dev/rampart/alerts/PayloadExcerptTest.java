package dev.rampart.alerts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadExcerptTest {
    @TempDir
    Path dir;

    @Test
    void payloadExcerptRoundTripsAndIsBounded() {
        byte[] big = new byte[1000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        try (AlertJournal j = AlertJournal.open(JournalConfig.at(dir))) {
            AlertRecord a = Alerts.sample(new AlertRecord(), 1, 2019401, 1_700_000_000_000_000_000L);
            byte[] get = "GET /x HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
            a.payload(get, 0, get.length);
            j.append(a);
            Alerts.sample(a, 2, 2019402, 1_700_000_000_000_000_001L);
            a.payload(big, 0, big.length);
            j.append(a);
            Alerts.sample(a, 3, 2019403, 1_700_000_000_000_000_002L);
            j.append(a);
            try (JournalReader r = j.reader()) {
                r.next();
                assertArrayEquals(get, Arrays.copyOf(r.alert().payloadBytes(), r.alert().payloadLength()));
                r.next();
                assertEquals(AlertRecord.MAX_PAYLOAD_EXCERPT, r.alert().payloadLength());
                assertEquals((byte) 255, r.alert().payloadBytes()[255]);
                r.next();
                assertEquals(0, r.alert().payloadLength(), "no payload kept, none read (not the last one's)");
            }
        }
    }

    @Test
    void versionOneAlertReadsWithoutPayload() {
        // a version 1 entry: the version 2 layout less its trailing payload field
        AlertRecord a = Alerts.sample(new AlertRecord(), 9, 2019409, 1_700_000_000_000_000_000L);
        Bytes<?> b = Bytes.allocateElasticOnHeap(512);
        JournalSchemaTest.writeFieldByField(b, a, 2, JournalSchema.NO_RULE_ENTRY);
        byte[] entry = b.toByteArray();
        byte[] v1 = Arrays.copyOf(entry, entry.length - 1); // stop-bit 0 is one byte
        v1[0] = 1;
        try (AlertJournal j = AlertJournal.open(JournalConfig.at(dir))) {
            j.appendRaw(v1);
            try (JournalReader r = j.reader()) {
                assertEquals(JournalSchema.TAG_ALERT, r.next());
                assertEquals(2019409, r.alert().sid);
                assertEquals(0, r.alert().payloadLength());
                assertEquals(a.toString(), r.alert().toString());
            }
        }
    }
}

package dev.rampart.engine.applayer.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.synth.Dns;
import dev.rampart.engine.applayer.Slice;
import dev.rampart.eve.JsonBuffer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsParserTest {

    /** Collects each transaction's id, direction, queries and its EVE alert object. */
    private static final class Collect implements DnsParser.Listener {
        final List<String> eve = new ArrayList<>();
        final List<String> queries = new ArrayList<>();
        final List<Long> txIds = new ArrayList<>();

        @Override
        public void onTransaction(DnsTransaction tx) {
            JsonBuffer b = new JsonBuffer(256);
            DnsEveJson.writeAlert(b, tx);
            eve.add(tx.txId + " " + b);
            txIds.add(tx.txId);
            StringBuilder q = new StringBuilder();
            for (int i = 0; i < tx.queries; i++) {
                q.append(i > 0 ? "|" : "").append(tx.queryName(i));
            }
            queries.add(q.toString());
        }
    }

    private record Message(boolean toServer, byte[] bytes) {}

    private static List<Object[]> oracleFile() throws Exception {
        List<Object[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                DnsParserTest.class.getResourceAsStream("oracle-udp-alerts.txt"), StandardCharsets.UTF_8))) {
            String line;
            Message pending = null;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (line.startsWith("E ")) {
                    out.add(new Object[] {pending, line.substring(2)});
                } else {
                    pending = new Message(line.charAt(0) == 'C', HexFormat.of().parseHex(line.substring(2)));
                }
            }
        }
        return out;
    }

    @Test
    void udpAlertObjectsEqualSuricatas() throws Exception {
        List<Object[]> cases = oracleFile();
        assertEquals(8, cases.size());
        Collect c = new Collect();
        DnsParser p = new DnsParser(c);
        for (Object[] cs : cases) {
            Message m = (Message) cs[0];
            p.onUdp(m.toServer(), m.bytes(), 0, m.bytes().length);
        }
        assertEquals(cases.size(), c.eve.size());
        for (int i = 0; i < cases.size(); i++) {
            assertEquals(cases.get(i)[1], c.eve.get(i), "transaction " + i);
        }
        // Suricata raised the z-flag anomaly once (the second query)
        assertEquals(1, p.eventCount(DnsEvent.Z_FLAG_SET));
        assertEquals(0, p.eventCount(DnsEvent.MALFORMED_DATA));
    }

    @Test
    void tcpFramingGivesTheSameTransactionsForAnySplit() throws Exception {
        List<Object[]> cases = oracleFile();
        java.io.ByteArrayOutputStream toServer = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream toClient = new java.io.ByteArrayOutputStream();
        for (Object[] cs : cases) {
            Message m = (Message) cs[0];
            var out = m.toServer() ? toServer : toClient;
            out.write(m.bytes().length >> 8);
            out.write(m.bytes().length & 0xFF);
            out.writeBytes(m.bytes());
        }
        byte[] ts = toServer.toByteArray();
        byte[] tc = toClient.toByteArray();
        List<String> reference = null;
        for (int chunk : new int[] {1, 2, 3, 13, 64, 100000}) {
            Collect c = new Collect();
            DnsParser p = new DnsParser(c);
            for (int i = 0; i < ts.length; i += chunk) {
                p.onData(true, ts, i, Math.min(chunk, ts.length - i));
            }
            for (int i = 0; i < tc.length; i += chunk) {
                p.onData(false, tc, i, Math.min(chunk, tc.length - i));
            }
            assertEquals(cases.size(), c.queries.size(), "chunk " + chunk);
            if (reference == null) {
                reference = c.queries;
            }
            assertEquals(reference, c.queries, "chunk " + chunk);
        }
        assertEquals("www.example.com", reference.get(0));
        assertEquals("one.test|two.test", reference.get(2)); // all requests come before the responses here
    }

    @Test
    void compressionLoopIsMalformedNotAHang() {
        // header + question whose name is a pointer to itself (offset 12)
        byte[] m = HexFormat.of().parseHex("abcd01000001000000000000" + "c00c" + "00010001");
        Collect c = new Collect();
        DnsParser p = new DnsParser(c);
        p.onUdp(true, m, 0, m.length);
        assertEquals(0, c.eve.size());
        assertEquals(1, p.eventCount(DnsEvent.MALFORMED_DATA));
    }

    @Test
    void pointerPastTheMessageIsMalformed() {
        byte[] m = HexFormat.of().parseHex("abcd01000001000000000000" + "c0ff" + "00010001");
        DnsParser p = new DnsParser(tx -> {});
        p.onUdp(true, m, 0, m.length);
        assertEquals(1, p.eventCount(DnsEvent.MALFORMED_DATA));
    }

    @Test
    void directionChecksRaiseSuricatasEvents() {
        byte[] q = Dns.query(7, "x.example", Dns.TYPE_A);
        byte[] r = Dns.response(7, "x.example", Dns.TYPE_A, Dns.RCODE_NOERROR, List.of(Dns.Answer.a(5, "1.2.3.4")));
        Collect c = new Collect();
        DnsParser p = new DnsParser(c);
        p.onUdp(false, q, 0, q.length); // a request sent to the client
        p.onUdp(true, r, 0, r.length); // a response sent to the server
        assertEquals(1, p.eventCount(DnsEvent.NOT_A_RESPONSE));
        assertEquals(1, p.eventCount(DnsEvent.NOT_A_REQUEST));
        assertEquals(0, c.eve.size());
        p.onUdp(true, q, 0, q.length);
        p.onUdp(false, r, 0, r.length);
        assertEquals(List.of(0L, 1L), c.txIds);
    }

    @Test
    void answersAreParsedWithDecompressedNames() {
        byte[] r = Dns.response(9, "www.example.org", Dns.TYPE_A, Dns.RCODE_NOERROR,
                List.of(Dns.Answer.a(30, "10.1.2.3"), Dns.Answer.a(30, "10.1.2.4")));
        DnsTransaction[] seen = new DnsTransaction[1];
        List<String> names = new ArrayList<>();
        DnsParser p = new DnsParser(tx -> {
            seen[0] = tx;
            Slice s = new Slice();
            for (int i = 0; i < tx.records; i++) {
                names.add(tx.recordName(i, s) + "/" + DnsEveJson.rrtype(tx.rrType[i]) + "/" + tx.rrTtl[i]);
            }
        });
        p.onUdp(false, r, 0, r.length);
        assertTrue(seen[0] != null && seen[0].response());
        assertEquals(List.of("www.example.org/A/30", "www.example.org/A/30"), names);
        assertEquals("NOERROR", DnsEveJson.rcode(seen[0].rcode()));
    }

    @Test
    void recordArraysGrowToTheLimitAndCopiesKeepEveryRecord() {
        // 300 answers with distinct TTLs: the arrays start small and grow; past 256 the limit event
        List<Dns.Answer> answers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            answers.add(Dns.Answer.a(1000 + i, "10.0." + (i / 256) + "." + (i % 256)));
        }
        byte[] big = Dns.response(3, "many.example", Dns.TYPE_A, Dns.RCODE_NOERROR, answers);
        byte[] small = Dns.response(4, "one.example", Dns.TYPE_A, Dns.RCODE_NOERROR, List.of(Dns.Answer.a(7, "1.1.1.1")));
        List<String> seen = new ArrayList<>();
        DnsTransaction copy = new DnsTransaction();
        DnsParser p = new DnsParser(tx -> {
            copy.copyFrom(tx);
            Slice s = new Slice();
            seen.add(copy.records + " " + copy.queryName(0) + " " + copy.rrTtl[0] + " " + copy.rrTtl[copy.records - 1]
                    + " " + copy.rdata(copy.records - 1, s).length);
        });
        p.onUdp(false, big, 0, big.length);
        p.onUdp(false, small, 0, small.length);
        assertEquals(List.of("256 many.example 1000 1255 4", "1 one.example 7 7 4"), seen);
        assertEquals(300 - 256, p.eventCount(DnsEvent.RECORD_LIMIT_REACHED)); // one per record dropped
    }

    @Test
    void truncatedMessagesAreMalformed() {
        byte[] q = Dns.query(7, "x.example", Dns.TYPE_A);
        DnsParser p = new DnsParser(tx -> {});
        for (int len = 0; len < q.length - 4; len++) {
            p.onUdp(true, q, 0, len);
        }
        // every prefix that cuts the question (or the header) is malformed
        assertEquals(q.length - 4, p.eventCount(DnsEvent.MALFORMED_DATA));
        assertEquals(0, p.transactions());
    }

    /** suricata-oracle -r dns-opcode/dns-notify.pcap, rules dns.opcode:4 per direction: tx 0 and tx 1. */
    @Test
    void notifyCaptureAlertObjectsEqualSuricatas() throws Exception {
        java.nio.file.Path pcap = dev.rampart.engine.applayer.PcapStreams.sv("dns-opcode", "dns-notify.pcap");
        org.junit.jupiter.api.Assumptions.assumeTrue(pcap != null, "shared suricata-verify captures not present");
        Collect c = new Collect();
        DnsParser p = new DnsParser(c);
        for (var d : dev.rampart.engine.applayer.PcapStreams.udp(pcap)) {
            p.onUdp(d.toServer(), d.payload(), 0, d.payload().length);
        }
        assertEquals(List.of(
                "0 {\"version\":2,\"query\":[{\"type\":\"query\",\"id\":38504,\"rrname\":\"bortzmeyer.42\","
                        + "\"rrtype\":\"SOA\",\"tx_id\":0,\"opcode\":4}]}",
                "1 {\"version\":2,\"answer\":{\"version\":2,\"type\":\"answer\",\"id\":38504,\"flags\":\"a400\","
                        + "\"qr\":true,\"aa\":true,\"opcode\":4,\"rrname\":\"bortzmeyer.42\",\"rrtype\":\"SOA\","
                        + "\"rcode\":\"NOERROR\"}}"), c.eve);
    }

    @Test
    void aResponseWithMoreRecordsThanTheInitialRoomKeepsThemAll() {
        List<Dns.Answer> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            answers.add(Dns.Answer.a(60 + i, "10.0.0." + i));
        }
        byte[] r = Dns.response(11, "many.example", Dns.TYPE_A, Dns.RCODE_NOERROR, answers);
        List<DnsTransaction> kept = new ArrayList<>();
        DnsParser p = new DnsParser(tx -> {
            DnsTransaction copy = new DnsTransaction();
            copy.copyFrom(tx);
            kept.add(copy);
        });
        p.onUdp(false, r, 0, r.length);
        assertEquals(1, kept.size());
        DnsTransaction t = kept.get(0);
        assertTrue(DnsTransaction.INITIAL_RECORDS < 40);
        assertEquals(40, t.records);
        Slice s = new Slice();
        for (int i = 0; i < 40; i++) {
            assertEquals(Dns.TYPE_A, t.rrType[i]);
            assertEquals(60 + i, t.rrTtl[i]);
            assertEquals("many.example", t.recordName(i, s).toString());
            byte[] rd = new byte[4];
            Slice d = t.rdata(i, s);
            System.arraycopy(d.array, d.offset, rd, 0, 4);
            assertEquals(i, rd[3]);
        }
        assertEquals("many.example", t.queryName(0, s).toString());
        assertEquals(0, p.eventCount(DnsEvent.RECORD_LIMIT_REACHED));
    }
}

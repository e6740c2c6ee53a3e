package dev.rampart.eve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The renderer on its own, from a plain source; the full layout against the oracle's lines is
 * checked through its users (engine EveAlertWriterTest/EveAlertGoldenTest, cli JournalEveLineTest).
 */
class EveAlertLineTest {
    private static final byte[] IDENTITY = bytes("\"gid\":1,\"signature_id\":7,\"rev\":1,\"signature\":\"x\",\"category\":\"\",\"severity\":3");
    private static final byte[] METADATA = bytes(",\"metadata\":{\"k\":[\"v\"]}");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A UDP alert without flow, in 1970, from 10.0.0.1:1000 to 10.0.0.2:53. */
    private static final class Source implements EveAlertSource {
        boolean ipPacket = true;
        int pktSrc;
        int target = TARGET_NONE;
        byte[] metadata = METADATA;

        @Override public long timestampNanos() { return 1_000_000L; }
        @Override public boolean ipPacket() { return ipPacket; }
        @Override public boolean hasFlow() { return false; }
        @Override public long flowId() { return 0; }
        @Override public long parentId() { return 0; }
        @Override public long pcapCnt() { return 5; }
        @Override public int vlanCount() { return 0; }
        @Override public int vlanId(int i) { return 0; }
        @Override public int ipVersion() { return 4; }
        @Override public long srcHi() { return 0; }
        @Override public long srcLo() { return 0x0a000001L; }
        @Override public long dstHi() { return 0; }
        @Override public long dstLo() { return 0x0a000002L; }
        @Override public int srcPort() { return 1000; }
        @Override public int dstPort() { return 53; }
        @Override public int proto() { return 17; }
        @Override public int icmpType() { return -1; }
        @Override public int icmpCode() { return 0; }
        @Override public int pktSrc() { return pktSrc; }
        @Override public long txId() { return -1; }
        @Override public boolean txGuessed() { return false; }
        @Override public boolean blocked() { return false; }
        @Override public byte[] ruleIdentity() { return IDENTITY; }
        @Override public byte[] ruleMetadata() { return metadata; }
        @Override public int ruleTarget() { return target; }
        @Override public byte[] appLayerBytes() { return null; }
        @Override public int appLayerLength() { return 0; }
        @Override public CharSequence appProto() { return null; }
        @Override public CharSequence appProtoTs() { return null; }
        @Override public CharSequence appProtoTc() { return null; }
        @Override public CharSequence appProtoOrig() { return null; }
        @Override public CharSequence appProtoExpected() { return null; }
        @Override public boolean toServer() { return true; }
        @Override public long pktsToServer() { return 0; }
        @Override public long pktsToClient() { return 0; }
        @Override public long bytesToServer() { return 0; }
        @Override public long bytesToClient() { return 0; }
        @Override public long flowStartNanos() { return 0; }
    }

    private static String span(EveAlertLine line, String text) {
        return text.substring(line.ruleSpanStart(), line.ruleSpanStart() + line.ruleSpanLength());
    }

    @Test
    void flowlessAlertHasTupleButNoFlowMembersAndItsSpanRunsThroughTheMetadata() {
        EveAlertLine line = new EveAlertLine(EveTime.utc());
        String text = line.render(new Source()).toString();
        assertEquals("{\"timestamp\":\"1970-01-01T00:00:00.001000+0000\",\"pcap_cnt\":5,\"event_type\":\"alert\","
                + "\"src_ip\":\"10.0.0.1\",\"src_port\":1000,\"dest_ip\":\"10.0.0.2\",\"dest_port\":53,\"proto\":\"UDP\","
                + "\"pkt_src\":\"wire/pcap\",\"alert\":{\"action\":\"allowed\",\"gid\":1,\"signature_id\":7,\"rev\":1,"
                + "\"signature\":\"x\",\"category\":\"\",\"severity\":3,\"metadata\":{\"k\":[\"v\"]}}}", text);
        assertEquals(new String(IDENTITY, StandardCharsets.US_ASCII) + new String(METADATA, StandardCharsets.US_ASCII),
                span(line, text));
    }

    @Test
    void sourceAndTargetSplitTheSpanToTheIdentityAlone() {
        EveAlertLine line = new EveAlertLine(EveTime.utc());
        Source s = new Source();
        s.target = EveAlertSource.TARGET_SRC;
        String text = line.render(s).toString();
        assertEquals(new String(IDENTITY, StandardCharsets.US_ASCII), span(line, text));
        String alert = text.substring(text.indexOf("\"alert\":"));
        assertEquals("\"alert\":{\"action\":\"allowed\"," + new String(IDENTITY, StandardCharsets.US_ASCII)
                + ",\"source\":{\"ip\":\"10.0.0.2\",\"port\":53},\"target\":{\"ip\":\"10.0.0.1\",\"port\":1000}"
                + new String(METADATA, StandardCharsets.US_ASCII) + "}}", alert);
    }

    @Test
    void nonIpPacketLogsOnlyTimeAndAlertAndUnknownPacketSourcesAreNamedSo() {
        EveAlertLine line = new EveAlertLine(EveTime.utc());
        Source s = new Source();
        s.ipPacket = false;
        s.metadata = null;
        assertEquals("{\"timestamp\":\"1970-01-01T00:00:00.001000+0000\",\"alert\":{\"action\":\"allowed\","
                + new String(IDENTITY, StandardCharsets.US_ASCII) + "}}", line.render(s).toString());
        s.ipPacket = true;
        s.pktSrc = EveAlertFields.PKT_SRC_NAMES.length;
        assertTrue(line.render(s).toString().contains("\"pkt_src\":\"unknown\""));
    }
}

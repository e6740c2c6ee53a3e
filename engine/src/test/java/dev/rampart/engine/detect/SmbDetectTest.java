package dev.rampart.engine.detect;

import static dev.rampart.engine.testutil.SmbWire.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.testutil.Http2Wire;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SMB2 as detection sees it: the smb buffers, DCERPC over a service pipe, files written to a
 * share, and which rules inspect them (smb, dcerpc and tcp rules; not http ones). Expected alerts
 * ("sid@pcap_cnt#tx_id") are suricata 7.0.10's on the same captures (-Drampart.smbpcap=FILE and
 * -Drampart.smbbigpcap=FILE write them).
 */
class SmbDetectTest {
    private static final long SSN = 0x4400000000015L;
    private static final String LSA = "12345778-1234-abcd-ef00-0123456789ab";

    static Trace session() throws Exception {
        byte[] pipe = fileId(1);
        byte[] doc = fileId(2);
        byte[] dialects = new byte[36 + 4]; // StructureSize 36, two dialects: 2.02 and 2.10
        le(dialects, 0, 36, 2);
        le(dialects, 2, 2, 2);
        le(dialects, 36, 0x0202, 2);
        le(dialects, 38, 0x0210, 2);
        byte[] negResp = new byte[64];
        negResp[0] = 65;
        negResp[4] = 0x10;
        negResp[5] = 0x02;
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, DetectHarness.CLIENT, 49200, DetectHarness.SERVER, 445, 1000, 5000).handshake()
                .clientSends(nbss(smb2(SMB2_NEGOTIATE, false, 0, 0, 0, 0, dialects)))
                .serverSends(nbss(smb2(SMB2_NEGOTIATE, true, 0, 0, 0, 0, negResp)))
                .clientSends(nbss(smb2(SMB2_SESSION_SETUP, false, 0, 1, SSN, 0,
                        sessionSetupRequest(spnegoResponse(ntlmsspAuth("CONTOSO", "bob"))))))
                .serverSends(nbss(smb2(SMB2_SESSION_SETUP, true, 0, 1, SSN, 0, plainBody(9))))
                .clientSends(nbss(smb2(SMB2_TREE_CONNECT, false, 0, 2, SSN, 0, treeConnectRequest("\\\\srv\\IPC$"))))
                .serverSends(nbss(smb2(SMB2_TREE_CONNECT, true, 0, 2, SSN, 1, treeConnectResponse(2))))
                .clientSends(nbss(smb2(SMB2_CREATE, false, 0, 3, SSN, 1, createRequest("lsarpc"))))
                .serverSends(nbss(smb2(SMB2_CREATE, true, 0, 3, SSN, 1, createResponse(pipe))))
                .clientSends(nbss(smb2(SMB2_WRITE, false, 0, 4, SSN, 1, writeRequest(pipe, 0, dcerpc(11, 1, bind(LSA, 0, 0))))))
                .serverSends(nbss(smb2(SMB2_WRITE, true, 0, 4, SSN, 1, writeResponse(72))))
                .clientSends(nbss(smb2(SMB2_READ, false, 0, 5, SSN, 1, readRequest(pipe, 0, 1024))))
                .serverSends(nbss(smb2(SMB2_READ, true, 0, 5, SSN, 1, readResponse(dcerpc(12, 1, bindAck(0))))))
                .clientSends(nbss(smb2(SMB2_WRITE, false, 0, 6, SSN, 1,
                        writeRequest(pipe, 0, dcerpc(0, 2, request(44, ascii("STUBX-lookup")))))))
                .serverSends(nbss(smb2(SMB2_WRITE, true, 0, 6, SSN, 1, writeResponse(40))))
                .clientSends(nbss(smb2(SMB2_READ, false, 0, 7, SSN, 1, readRequest(pipe, 0, 1024))))
                .serverSends(nbss(smb2(SMB2_READ, true, 0, 7, SSN, 1, readResponse(dcerpc(2, 2, response(ascii("answer")))))))
                .clientSends(nbss(smb2(SMB2_TREE_CONNECT, false, 0, 8, SSN, 0, treeConnectRequest("\\\\srv\\docs"))))
                .serverSends(nbss(smb2(SMB2_TREE_CONNECT, true, 0, 8, SSN, 5, treeConnectResponse(1))))
                .clientSends(nbss(smb2(SMB2_CREATE, false, 0, 9, SSN, 5, createRequest("reports\\q3.rtf"))))
                .serverSends(nbss(smb2(SMB2_CREATE, true, 0, 9, SSN, 5, createResponse(doc))))
                .clientSends(nbss(smb2(SMB2_WRITE, false, 0, 10, SSN, 5,
                        writeRequest(doc, 0, ascii("{\\rtf1 EVILMARK objdata 0105000002000000}")))))
                .serverSends(nbss(smb2(SMB2_WRITE, true, 0, 10, SSN, 5, writeResponse(41))))
                .clientSends(nbss(smb2(SMB2_CLOSE, false, 0, 11, SSN, 5, closeRequest(doc))))
                .serverSends(nbss(smb2(SMB2_CLOSE, true, 0, 11, SSN, 5, plainBody(60))))
                .close();
        Http2Wire.writeIfAsked(t, "rampart.smbpcap");
        return t;
    }

    @Test
    void smbBuffersDcerpcAndFilesAsTheReference() throws Exception {
        DetectHarness h = new DetectHarness(
                "alert smb any any -> any any (smb.share; content:\"docs\"; sid:1;)",
                "alert smb any any -> any any (smb.named_pipe; content:\"IPC$\"; sid:2;)",
                "alert smb any any -> any any (smb.ntlmssp_user; content:\"bob\"; sid:3;)",
                "alert smb any any -> any any (smb.ntlmssp_domain; content:\"CONTOSO\"; sid:4;)",
                "alert smb any any -> any any (dcerpc.opnum:44; sid:5;)",
                "alert tcp any any -> any any (dcerpc.iface:" + LSA + "; sid:6;)",
                "alert dcerpc any any -> any any (dcerpc.stub_data; content:\"STUBX\"; sid:7;)",
                "alert tcp any any -> any any (file.data; content:\"EVILMARK\"; sid:8;)",
                "alert smb any any -> any any (file.data; content:\"EVILMARK\"; sid:9;)",
                "alert http any any -> any any (file.data; content:\"EVILMARK\"; sid:10;)",
                "alert tcp any any -> any any (fileext:\"rtf\"; sid:11;)",
                "alert tcp any any -> any any (filename:\"q3\"; file.data; content:\"objdata\"; sid:12;)");
        assertEquals(List.of("11@47#8", "12@51#8", "1@39#6", "2@15#2", "3@11#1", "4@11#1", "5@29#5", "5@31#5",
                "6@29#5", "6@31#5", "7@31#5", "8@51#8", "9@51#8"), h.sortedTxAlerts(session()));
    }

    /**
     * A 70,000-byte file written with one SMB2 WRITE, the record spread over segments: the file
     * opens with the record's first segment (filename matches then) and its data is inspected while
     * the write still arrives (-Drampart.smbbigpcap=FILE writes the capture).
     */
    static Trace bigWrite() throws Exception {
        byte[] doc = fileId(3);
        byte[] data = new byte[70_000];
        java.util.Arrays.fill(data, (byte) 'a');
        System.arraycopy(ascii("MZ"), 0, data, 0, 2);
        System.arraycopy(ascii("DEEPMARK"), 0, data, 40_000, 8);
        System.arraycopy(ascii("TAILMARK"), 0, data, 69_000, 8);
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, DetectHarness.CLIENT, 49201, DetectHarness.SERVER, 445, 1000, 5000).handshake()
                .clientSends(nbss(smb2(SMB2_TREE_CONNECT, false, 0, 1, SSN, 0, treeConnectRequest("\\\\srv\\docs"))))
                .serverSends(nbss(smb2(SMB2_TREE_CONNECT, true, 0, 1, SSN, 5, treeConnectResponse(1))))
                .clientSends(nbss(smb2(SMB2_CREATE, false, 0, 2, SSN, 5, createRequest("tools\\big.exe"))))
                .serverSends(nbss(smb2(SMB2_CREATE, true, 0, 2, SSN, 5, createResponse(doc))))
                .clientSends(nbss(smb2(SMB2_WRITE, false, 0, 3, SSN, 5, writeRequest(doc, 0, data))))
                .serverSends(nbss(smb2(SMB2_WRITE, true, 0, 3, SSN, 5, writeResponse(data.length))))
                .close();
        Http2Wire.writeIfAsked(t, "rampart.smbbigpcap");
        return t;
    }

    @Test
    void aWriteIsInspectedWhileItArrives() throws Exception {
        DetectHarness h = new DetectHarness(
                "alert tcp any any -> any any (filename:\"big.exe\"; sid:1;)",
                "alert smb any any -> any any (file.data; content:\"MZ\"; startswith; sid:2;)",
                "alert tcp any any -> any any (file.data; content:\"DEEPMARK\"; sid:3;)",
                "alert smb any any -> any any (file.data; content:\"TAILMARK\"; sid:4;)",
                "alert smb any any -> any any (fileext:\"exe\"; sid:5;)");
        // suricata 7.0.10 on the same capture: the name with the first segment (14), the head once
        // 32 KiB are there (58), each marker with the segment that completes it (68, 108)
        assertEquals(List.of("1@14#2", "2@58#2", "3@68#2", "4@108#2", "5@14#2"), h.sortedTxAlerts(bigWrite()));
    }

    /**
     * A DCERPC response read from a service pipe whose request was not seen (the capture starts
     * after it): it still makes a transaction, of a request with opnum 0 (-Drampart.smbresppcap=FILE).
     */
    static Trace missedRequest() throws Exception {
        byte[] pipe = fileId(4);
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, DetectHarness.CLIENT, 49202, DetectHarness.SERVER, 445, 1000, 5000).handshake()
                .clientSends(nbss(smb2(SMB2_TREE_CONNECT, false, 0, 1, SSN, 0, treeConnectRequest("\\\\srv\\IPC$"))))
                .serverSends(nbss(smb2(SMB2_TREE_CONNECT, true, 0, 1, SSN, 1, treeConnectResponse(2))))
                .clientSends(nbss(smb2(SMB2_CREATE, false, 0, 2, SSN, 1, createRequest("samr"))))
                .serverSends(nbss(smb2(SMB2_CREATE, true, 0, 2, SSN, 1, createResponse(pipe))))
                .clientSends(nbss(smb2(SMB2_READ, false, 0, 3, SSN, 1, readRequest(pipe, 0, 1024))))
                .serverSends(nbss(smb2(SMB2_READ, true, 0, 3, SSN, 1, readResponse(dcerpc(2, 7, response(ascii("ORPHANSTUB")))))))
                .close();
        Http2Wire.writeIfAsked(t, "rampart.smbresppcap");
        return t;
    }

    @Test
    void aResponseWithoutItsRequestIsATransaction() throws Exception {
        DetectHarness h = new DetectHarness(
                "alert smb any any -> any any (dcerpc.opnum:0; sid:1;)",
                "alert smb any any -> any any (dcerpc.stub_data; content:\"ORPHANSTUB\"; sid:2;)",
                "alert smb any any -> any any (dcerpc.opnum:5; sid:3;)");
        // suricata 7.0.10 on the same capture: the orphan response's transaction matches opnum 0
        // in both directions and its stub to the client
        assertEquals(List.of("1@15#2", "1@17#2", "2@17#2"), h.sortedTxAlerts(missedRequest()));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

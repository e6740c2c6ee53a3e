package dev.rampart.engine.applayer.smb;

import static dev.rampart.engine.testutil.SmbWire.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.applayer.Slice;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmbSessionTest {
    private static final long SSN = 0x1234;

    private static void req(SmbSession s, byte[] smb) {
        byte[] r = nbss(smb);
        s.onData(true, r, 0, r.length);
    }

    private static void resp(SmbSession s, byte[] smb) {
        byte[] r = nbss(smb);
        s.onData(false, r, 0, r.length);
    }

    private static List<SmbTx> txs(SmbSession s) {
        List<SmbTx> l = new ArrayList<>();
        for (int i = 0; i < s.txCount(); i++) {
            l.add((SmbTx) s.tx(i));
        }
        return l;
    }

    private static String text(Slice s) {
        return new String(s.array, s.offset, s.length, StandardCharsets.ISO_8859_1);
    }

    /** Opens a pipe tree (id 1) and a file on it named {@code name}; returns the file id. */
    private static byte[] openOnPipe(SmbSession s, String name, int shareType) {
        req(s, smb2(SMB2_TREE_CONNECT, false, 0, 1, SSN, 0, treeConnectRequest("\\\\srv\\IPC$")));
        resp(s, smb2(SMB2_TREE_CONNECT, true, 0, 1, SSN, 1, treeConnectResponse(shareType)));
        byte[] f = fileId(7);
        req(s, smb2(SMB2_CREATE, false, 0, 2, SSN, 1, createRequest(name)));
        resp(s, smb2(SMB2_CREATE, true, 0, 2, SSN, 1, createResponse(f)));
        return f;
    }

    @Test
    void treeConnectIsAShareUntilTheServerAnswersItAsAPipe() {
        SmbSession s = new SmbSession();
        req(s, smb2(SMB2_TREE_CONNECT, false, 0, 1, SSN, 0, treeConnectRequest("\\\\srv\\IPC$")));
        SmbTx t = txs(s).get(0);
        Slice out = new Slice();
        assertEquals(SmbTx.TREE_CONNECT, t.kind());
        assertTrue(t.share(out));
        assertEquals("\\\\srv\\IPC$", text(out)); // UTF-16LE read without its zero bytes
        assertFalse(t.namedPipe(out));
        assertTrue(s.txComplete(t, true));
        assertFalse(s.txComplete(t, false));

        resp(s, smb2(SMB2_TREE_CONNECT, true, 0, 1, SSN, 1, treeConnectResponse(2)));
        assertTrue(t.namedPipe(out));
        assertFalse(t.share(out));
        assertTrue(s.txComplete(t, false));

        // a disk share stays a share
        SmbSession d = new SmbSession();
        req(d, smb2(SMB2_TREE_CONNECT, false, 0, 1, SSN, 0, treeConnectRequest("\\\\srv\\C$")));
        resp(d, smb2(SMB2_TREE_CONNECT, true, 0, 1, SSN, 1, treeConnectResponse(1)));
        assertTrue(txs(d).get(0).share(out));
        assertEquals("\\\\srv\\C$", text(out));
    }

    @Test
    void sessionSetupCarriesTheNtlmsspUserAndDomain() {
        SmbSession s = new SmbSession();
        // in an SPNEGO token: the message is found by its signature
        byte[] blob = spnegoResponse(ntlmsspAuth("CONTOSO", "Administrator"));
        req(s, smb2(SMB2_SESSION_SETUP, false, 0, 3, SSN, 0, sessionSetupRequest(blob)));
        SmbTx t = txs(s).get(0);
        Slice out = new Slice();
        assertEquals(SmbTx.SESSION_SETUP, t.kind());
        assertTrue(t.ntlmsspUser(out));
        assertEquals("Administrator", text(out));
        assertTrue(t.ntlmsspDomain(out));
        assertEquals("CONTOSO", text(out));

        // a blob without an AUTHENTICATE message (a NEGOTIATE one, type 1) has neither
        byte[] negotiate = ntlmsspAuth("X", "Y");
        negotiate[8] = 1;
        req(s, smb2(SMB2_SESSION_SETUP, false, 0, 4, SSN, 0, sessionSetupRequest(spnegoResponse(negotiate))));
        assertFalse(txs(s).get(1).ntlmsspUser(out));
        // a bare NTLMSSP blob (outside GSS-API / SPNEGO) is read too, as suricata 7.0.10 does
        req(s, smb2(SMB2_SESSION_SETUP, false, 0, 5, SSN, 0, sessionSetupRequest(ntlmsspAuth("X", "Y"))));
        assertTrue(txs(s).get(2).ntlmsspUser(out));
        assertEquals("Y", text(out));
        // a message whose host name points into its signature is not read at all (Suricata's parser fails)
        byte[] bad = ntlmsspAuth("D", "U");
        le(bad, 44 + 4, 4, 4);
        req(s, smb2(SMB2_SESSION_SETUP, false, 0, 6, SSN, 0, sessionSetupRequest(spnegoResponse(bad))));
        assertFalse(txs(s).get(3).ntlmsspUser(out));
        assertFalse(txs(s).get(3).ntlmsspDomain(out));
    }

    @Test
    void fileWritesGoToOneTransactionInspectedWhenClosedOrBigEnough() {
        SmbSession s = new SmbSession();
        byte[] f = openOnPipe(s, "report.pdf", 1); // a disk share: a file
        byte[] a = "%PDF-1.4 first part ".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "second part".getBytes(StandardCharsets.US_ASCII);
        req(s, smb2(SMB2_WRITE, false, 0, 3, SSN, 1, writeRequest(f, 0, a)));
        resp(s, smb2(SMB2_WRITE, true, 0, 3, SSN, 1, writeResponse(a.length)));
        req(s, smb2(SMB2_WRITE, false, 0, 4, SSN, 1, writeRequest(f, a.length, b)));
        List<SmbTx> l = txs(s);
        // tree connect, create, one file transaction (writes make no transaction of their own)
        assertEquals(3, l.size());
        SmbTx file = l.get(2);
        assertEquals(SmbTx.FILE, file.kind());
        assertEquals("report.pdf", new String(file.fileName(), StandardCharsets.US_ASCII));
        Slice out = new Slice();
        assertFalse(file.fileData(true, false, out), "under 32 KiB and open: not inspected yet");
        assertFalse(s.txComplete(file, true));

        req(s, smb2(SMB2_CLOSE, false, 0, 5, SSN, 1, closeRequest(f)));
        assertTrue(file.fileData(true, false, out));
        assertEquals("%PDF-1.4 first part second part", text(out));
        assertFalse(file.fileData(false, false, out), "a written file is data to the server");
        assertTrue(s.txComplete(file, true) && s.txComplete(file, false));
        assertEquals(SmbTx.GENERIC, txs(s).get(3).kind()); // the close's own transaction

        // a big file is inspected before its close
        SmbSession big = new SmbSession();
        byte[] g = openOnPipe(big, "big.bin", 1);
        byte[] chunk = new byte[SmbTx.FILE_INSPECT_MIN];
        req(big, smb2(SMB2_WRITE, false, 0, 3, SSN, 1, writeRequest(g, 0, chunk)));
        assertTrue(txs(big).get(2).fileData(true, false, out));
    }

    @Test
    void readsMakeAFileTransactionToTheClient() {
        SmbSession s = new SmbSession();
        byte[] f = openOnPipe(s, "doc.txt", 1);
        req(s, smb2(SMB2_READ, false, 0, 3, SSN, 1, readRequest(f, 0, 100)));
        assertEquals(2, s.txCount(), "a read request makes no transaction");
        byte[] data = "hello".getBytes(StandardCharsets.US_ASCII);
        resp(s, smb2(SMB2_READ, true, 0, 3, SSN, 1, readResponse(data)));
        SmbTx file = txs(s).get(2);
        Slice out = new Slice();
        assertTrue(file.fileData(false, true, out), "stream ended: inspected as it is");
        assertEquals("hello", text(out));
        assertFalse(file.fileData(true, true, out));
    }

    @Test
    void dcerpcOnAServicePipe() {
        SmbSession s = new SmbSession();
        byte[] f = openOnPipe(s, "svcctl", 2);
        String iface = "367abb81-9844-35f1-ad32-98f038001003";
        req(s, smb2(SMB2_WRITE, false, 0, 3, SSN, 1, writeRequest(f, 0, dcerpc(11, 1, bind(iface, 2, 0)))));
        req(s, smb2(SMB2_READ, false, 0, 4, SSN, 1, readRequest(f, 0, 1024)));
        resp(s, smb2(SMB2_READ, true, 0, 4, SSN, 1, readResponse(dcerpc(12, 1, bindAck(0)))));
        assertEquals(1, s.acceptedInterfaces().size());
        assertEquals(iface, s.acceptedInterfaces().get(0).uuidText());

        byte[] stub = "STUBDATA".getBytes(StandardCharsets.US_ASCII);
        req(s, smb2(SMB2_WRITE, false, 0, 5, SSN, 1, writeRequest(f, 0, dcerpc(0, 2, request(15, stub)))));
        List<SmbTx> l = txs(s);
        SmbTx bindTx = l.get(2);
        SmbTx call = l.get(3);
        assertEquals(SmbTx.DCERPC, bindTx.kind());
        assertFalse(bindTx.dcerpcRequest());
        assertTrue(s.txComplete(bindTx, false), "the BIND_ACK answered the bind");
        assertTrue(call.dcerpcRequest());
        assertEquals(15, call.opnum());
        Slice out = new Slice();
        assertTrue(call.stub(true, out));
        assertEquals("STUBDATA", text(out));
        assertFalse(s.txComplete(call, false));

        req(s, smb2(SMB2_READ, false, 0, 6, SSN, 1, readRequest(f, 0, 1024)));
        resp(s, smb2(SMB2_READ, true, 0, 6, SSN, 1, readResponse(dcerpc(2, 2, response("ANSWER".getBytes(StandardCharsets.US_ASCII))))));
        assertTrue(call.stub(false, out));
        assertEquals("ANSWER", text(out));
        assertTrue(s.txComplete(call, false));
        assertEquals(4, s.txCount(), "pipe reads and writes make no file transaction");
    }

    @Test
    void aPipeOfAnotherServiceIsSkipped() {
        SmbSession s = new SmbSession();
        byte[] f = openOnPipe(s, "PSEXESVC-stdin", 2);
        req(s, smb2(SMB2_WRITE, false, 0, 3, SSN, 1, writeRequest(f, 0, "whoami\r\n".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(2, s.txCount());
    }

    @Test
    void commandsWithoutAGenericTransaction() {
        SmbSession s = new SmbSession();
        req(s, smb2(SMB2_GET_INFO, false, 0, 1, SSN, 1, plainBody(41)));
        assertEquals(0, s.txCount());
        req(s, smb2(SMB2_ECHO, false, 0, 2, SSN, 0, plainBody(4)));
        assertEquals(1, s.txCount());
        assertEquals(2, txs(s).get(0).smbVersion());
        resp(s, smb2(SMB2_ECHO, true, 0, 2, SSN, 0, plainBody(4)));
        assertTrue(s.txComplete(txs(s).get(0), false));
    }

    @Test
    void compoundedCommandsAreEachRead() {
        SmbSession s = new SmbSession();
        byte[] first = withNext(smb2(SMB2_CREATE, false, 0, 1, SSN, 1, pad8(createRequest("a.txt"))));
        byte[] second = smb2(SMB2_ECHO, false, 0, 2, SSN, 1, plainBody(4));
        req(s, cat(first, second));
        assertEquals(2, s.txCount());
        assertEquals(SmbTx.CREATE, txs(s).get(0).kind());
        assertEquals(SmbTx.GENERIC, txs(s).get(1).kind());
    }

    @Test
    void aLargeWriteStreamsIntoItsFile() {
        SmbSession s = new SmbSession();
        byte[] f = openOnPipe(s, "big.iso", 1);
        byte[] data = new byte[NbssReader.WHOLE_MAX + 5000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        byte[] r = nbss(smb2(SMB2_WRITE, false, 0, 3, SSN, 1, writeRequest(f, 0, data)));
        for (int at = 0; at < r.length; at += 1000) {
            s.onData(true, r, at, Math.min(1000, r.length - at));
        }
        SmbTx file = txs(s).get(2);
        Slice out = new Slice();
        assertTrue(file.fileData(true, false, out));
        assertArrayEquals(data, Arrays.copyOfRange(out.array, out.offset, out.offset + out.length));
        assertEquals(0, s.counters().skippedLarge());
    }

    @Test
    void aFlowKeepsBoundedState() {
        SmbSession s = new SmbSession();
        openOnPipe(s, "x", 1);
        // reads whose answers never come, creates of ever new files: the oldest are forgotten
        for (int i = 0; i < 3000; i++) {
            req(s, smb2(SMB2_READ, false, 0, 100 + i, SSN, 1, readRequest(fileId(1000 + i), 0, 10)));
            resp(s, smb2(SMB2_CREATE, true, 0, 2, SSN, 1, createResponse(fileId(5000 + i))));
        }
        assertEquals(SmbSession.MAX_PENDING, s.reads.size());
        assertTrue(s.fileNames.size() <= SmbSession.MAX_FILES);
        // 20 files of 1 MiB each: the flow keeps 16 MiB of their bytes, the rest is counted
        byte[] mib = new byte[1 << 20];
        for (int i = 0; i < 20; i++) {
            byte[] r = nbss(smb2(SMB2_WRITE, false, 0, 9000 + i, SSN, 1, writeRequest(fileId(100 + i), 0, mib)));
            s.onData(true, r, 0, r.length);
        }
        long keptTotal = 0;
        for (SmbTx t : txs(s)) {
            keptTotal += t.fileLength();
        }
        assertEquals(SmbSession.MAX_KEPT, keptTotal);
        assertEquals(20L * mib.length - SmbSession.MAX_KEPT, s.counters().bytesNotKept());
        // when detection is done with them, their bytes go back to the budget
        s.release(Long.MAX_VALUE);
        byte[] r = nbss(smb2(SMB2_WRITE, false, 0, 9999, SSN, 1, writeRequest(fileId(999), 0, mib)));
        s.onData(true, r, 0, r.length);
        assertEquals(mib.length, txs(s).get(0).fileLength());
    }

    @Test
    void smb1AndxChainAndTreeConnect() {
        SmbSession s = new SmbSession();
        // SESSION_SETUP_ANDX (extended security, wc 12) chained to TREE_CONNECT_ANDX
        byte[] blob = spnegoResponse(ntlmsspAuth("DOM", "alice"));
        byte[] path = cat("\\\\10.0.0.1\\IPC$\0".getBytes(StandardCharsets.UTF_16LE), "?????\0".getBytes(StandardCharsets.US_ASCII));
        byte[] setup = smb1(0x73, false, 0, 0, 0, 5,
                new int[] {0x75, 0, 4356, 50, 0, 0, 0, blob.length, 0, 0, 0, 0}, blob);
        // the tree connect's word count sits where AndXOffset points (the record's own offset)
        int andxOffset = setup.length + (setup.length % 2); // after one pad byte when odd
        setup[33 + 2] = (byte) andxOffset;
        setup[33 + 3] = (byte) (andxOffset >>> 8);
        byte[] tc = cat(new byte[] {4}, le16s(0xFF, 0, 0, 1), le16(path.length + 1), new byte[1], path);
        byte[] rec = cat(setup, setup.length % 2 == 1 ? new byte[1] : new byte[0], tc);
        req(s, rec);
        List<SmbTx> l = txs(s);
        assertEquals(2, l.size());
        Slice out = new Slice();
        assertEquals(1, l.get(0).smbVersion());
        assertTrue(l.get(0).ntlmsspUser(out));
        assertEquals("alice", text(out));
        assertTrue(l.get(1).share(out));
        // Suricata keeps the SMB1 path without its first character
        assertEquals("\\10.0.0.1\\IPC$", text(out));
        // answered with service "IPC": a pipe
        byte[] answer = smb1(0x75, true, 0, 9, 100, 5, new int[] {0xFF, 0, 1}, "IPC\0".getBytes(StandardCharsets.US_ASCII));
        resp(s, answer);
        assertTrue(l.get(1).namedPipe(out));
    }

    @Test
    void malformedRecordsAreCountedNotThrown() {
        SmbCounters counters = new SmbCounters();
        SmbSession s = new SmbSession(counters);
        req(s, new byte[] {1, 2, 3});
        req(s, smb2(SMB2_WRITE, false, 0, 1, SSN, 1, new byte[10])); // body too short: nothing
        byte[] bad = smb2(SMB2_CREATE, false, 0, 2, SSN, 1, createRequest("x"));
        le(bad, 20, 8, 4); // NextCommand inside the header
        req(s, bad);
        assertEquals(2, counters.malformed(), "counted in the worker's counters");
        assertEquals(0, s.txCount());
        assertEquals(0, s.parseErrors(), "SMB malformations are events, not parser errors (no error policy)");
        byte[] encrypted = smb2(SMB2_ECHO, false, 0, 9, SSN, 0, plainBody(4));
        encrypted[0] = (byte) 0xFD;
        req(s, encrypted);
        assertEquals(1, counters.encrypted());
        s.onGap(true, 100);
        s.onGap(true, 100);
        assertEquals(1, counters.lostAfterGap());
    }

    private static byte[] pad8(byte[] body) {
        int total = 64 + body.length;
        return Arrays.copyOf(body, body.length + (8 - total % 8) % 8);
    }

    private static byte[] le16(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8)};
    }

    private static byte[] le16s(int... v) {
        byte[] b = new byte[v.length * 2];
        for (int i = 0; i < v.length; i++) {
            b[2 * i] = (byte) v[i];
            b[2 * i + 1] = (byte) (v[i] >>> 8);
        }
        return b;
    }
}

package dev.rampart.engine.applayer.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FtpSessionTest {
    /** 10.0.0.1, the client of the reference capture. */
    private static final int CLIENT = 0x0a000001;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void send(FtpSession s, boolean toServer, String text) {
        byte[] d = b(text);
        s.onData(toServer, d, 0, d.length);
    }

    private static List<FtpTx> txs(FtpSession s) {
        List<FtpTx> l = new ArrayList<>();
        for (int i = 0; i < s.txCount(); i++) {
            l.add((FtpTx) s.tx(i));
        }
        return l;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PORT 1,2,3,4,5,6|PORT", "port 1,2,3,4,5,6|PORT", "SITE PORT 1,2|SITE", "xPORT 1|PORT", "AUTH TLS|AUTH_TLS",
        "auth tls|AUTH_TLS", "AUTH SSL|", "NOTHING HERE|", "USER PORTER|USER", "RETR a.exe|RETR", "cwd /pub|CWD"})
    void aLinesCommandIsTheNameThatEndsFirstAnywhereInIt(String line, String command) {
        byte[] l = b(line);
        FtpCommand c = FtpCommand.of(l, 0, l.length);
        assertEquals(command, c == null ? null : c.name(), line);
    }

    @Test
    void theBannerOpensTheFirstTransactionAndRepliesCloseTheOldestOpenOne() {
        FtpSession s = new FtpSession(new FtpCounters());
        send(s, false, "220 ftp ready\r\n");
        send(s, true, "USER a\r\nPASS b\r\nNOTACOMMAND\r\n");
        assertNull(s.lastCommand(), "a line without a command resets it");
        send(s, false, "331 pass\r\n150 opening\r\n");
        List<FtpTx> t = txs(s);
        assertEquals(3, t.size());
        assertNull(t.get(0).command());
        assertEquals(List.of("220 ftp ready"), t.get(0).replies());
        assertTrue(t.get(1).done());
        assertFalse(t.get(2).done(), "a 1yz reply is preliminary");
        send(s, false, "230 ok\n226 done\r\n");
        assertTrue(t.get(2).done());
        assertEquals(List.of("150 opening", "230 ok", "226 done"), t.get(2).replies(),
                "with every transaction done a reply goes to the newest");
        s.release(2);
        assertEquals(1, s.txCount());
        assertEquals(2, s.txId(s.tx(0)));
    }

    @Test
    void linesAreSplitAtLfWhateverTheSegments() {
        FtpSession s = new FtpSession(new FtpCounters());
        for (char c : "PO".toCharArray()) {
            send(s, true, String.valueOf(c));
        }
        send(s, true, "RT 1,2,3,4,5,6\r");
        assertEquals(0, s.txCount());
        send(s, true, "\n");
        assertEquals(FtpCommand.PORT, s.lastCommand());
        assertEquals("PORT 1,2,3,4,5,6", ((FtpTx) s.tx(0)).request());
    }

    @Test
    void aLineOfTheLimitIsCutAndTheRestDroppedAndCounted() {
        FtpCounters counters = new FtpCounters();
        FtpSession s = new FtpSession(counters);
        send(s, true, "SITE " + "a".repeat(FtpSession.MAX_LINE));
        send(s, true, "bbbb\r\nNOOP\r\n");
        assertEquals(2, s.txCount());
        assertTrue(((FtpTx) s.tx(0)).requestTruncated);
        assertEquals(FtpSession.MAX_LINE, ((FtpTx) s.tx(0)).request().length());
        assertEquals(FtpCommand.NOOP, ((FtpTx) s.tx(1)).command());
        assertEquals(1, counters.truncatedLines());
    }

    /** Each case as suricata 7.0.10's ftpbounce decided it for the client 10.0.0.1. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PORT 10,9,9,9,4,1|true", "PORT 10,0,0,1,4,1|false", "port 1,2,3,4,5,6|true", "PORT 256,0,0,1,4,1|true",
        "PORT 1,2|false", "PORT 1 ,2 ,3 ,4 ,5,6|true", "PORT 1000,2,3,4,5,6|false", "PORT 1,2,3,4|false",
        "PORT 1,2,3,4,|true", "PORT x1,2,3,4,5,6|true", "PORT\t1,2,3,4,5,6|true"})
    void portBouncesWhenItsAddressIsNotTheClients(String line, boolean bounces) {
        FtpSession s = new FtpSession(new FtpCounters());
        send(s, true, line + "\r\n");
        assertEquals(bounces, s.portBounces(CLIENT), line);
    }

    @Test
    void onlyALastCommandOfPortBounces() {
        FtpSession s = new FtpSession(new FtpCounters());
        send(s, true, "PORT 1,2,3,4,5,6\r\n");
        assertTrue(s.portBounces(CLIENT));
        send(s, true, "NOOP\r\n");
        assertFalse(s.portBounces(CLIENT));
    }

    @Test
    void pastTheTransactionLimitCommandsAreCountedNotKept() {
        FtpCounters counters = new FtpCounters();
        FtpSession s = new FtpSession(counters);
        send(s, true, "NOOP\r\n".repeat(FtpSession.MAX_TX + 5));
        // as Suricata's: a new one while the newest id is at most MAX_TX past the oldest live one
        assertEquals(FtpSession.MAX_TX + 1, s.txCount());
        assertEquals(4, counters.txDropped());
    }

    /** The data port each line gives, as Suricata's parsers read them (0: none). */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "PORT 192,168,0,13,234,10;59914", "PORT  1 ,2,3,4,0,21;21", "port 1,2,3,4,0,21;0", "PORT 1,2,3,4,256,1;0",
        "PORT 1,2,3,4, 1,1;0", "EPRT |2|2a01:e34::1|41813|;41813", "EPRT |1|1.2.3.4| 80 |;80", "EPRT |2|::1|81813|;0"})
    void activeDataPorts(String line, int port) {
        byte[] l = b(line);
        assertEquals(port, line.startsWith("EPRT") || line.startsWith("eprt") ? FtpPorts.activeEprt(l, l.length)
                : FtpPorts.activePort(l, l.length), line);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "227 Entering Passive Mode (212,27,32,66,221,243).;56819", "227 Entering Passive Mode (212,27,32,66,221,243);56819",
        "227 x (1,2,3,4, 0 , 21 );21", "227 (1,2,3,4,257,1);0", "227 no parenthesis;0",
        "229 Entering Extended Passive Mode (|||48758|).;48758", "229 (||| 21 |);21", "229 (|||70000|);0"})
    void passiveDataPorts(String line, int port) {
        byte[] l = b(line);
        assertEquals(port, line.startsWith("227") ? FtpPorts.pasv(l, 0, l.length) : FtpPorts.epsv(l, 0, l.length), line);
    }

    @Test
    void aTransferCommandAnnouncesItsDataConnectionOnce() {
        // control 10.0.0.1:44001 -> 192.0.2.16:21
        FtpExpectations x = new FtpExpectations();
        FtpSession s = new FtpSession(new FtpCounters(),
                (port, toServer, command, name) -> x.add(4, 0, 0x0a000001, 0, 0xc0000210L, port, toServer, command, name, 0));
        send(s, true, "PASV\r\n");
        send(s, false, "227 Entering Passive Mode (192,0,2,16,195,80).\r\n");
        send(s, true, "RETR evil.vbs\r\n");
        // the data connection 10.0.0.1:45001 -> 192.0.2.16:50000
        assertNull(x.take(4, 0, 0x0a000001, 0, 0xc0000210L, 50000, true, 1),
                "a passive download's data goes to the data connection's client");
        assertNull(x.take(4, 0, 0x0a000001, 0, 0xc0000210L, 50001, false, 1), "another port");
        FtpExpectations.Expectation e = x.take(4, 0, 0x0a000001, 0, 0xc0000210L, 50000, false, 1);
        assertEquals("evil.vbs", e.fileName());
        assertEquals(FtpCommand.RETR, e.command());
        assertNull(x.take(4, 0, 0x0a000001, 0, 0xc0000210L, 50000, false, 1), "taken once");
        send(s, true, "RETR again.vbs\r\n");
        assertEquals(1, s.parseErrors(), "the port was used up: a second transfer is the parser's error");
    }

    @Test
    void expectationsExpireAndAreBoundedPerHostPair() {
        FtpExpectations x = new FtpExpectations();
        x.add(4, 0, 1, 0, 2, 5000, false, FtpCommand.RETR, "a", 0);
        assertNull(x.take(4, 0, 2, 0, 1, 5000, false, FtpExpectations.TIMEOUT_NANOS + 1), "30 s later it is gone");
        for (int i = 0; i < FtpExpectations.MAX_PER_PAIR + 1; i++) {
            x.add(4, 0, 1, 0, 2, 6000 + i, false, FtpCommand.RETR, "f" + i, 0);
        }
        assertNull(x.take(4, 0, 1, 0, 2, 6000, false, 0), "the oldest of a pair made room");
        assertEquals("f1", x.take(4, 0, 2, 0, 1, 6001, false, 0).fileName(), "either order of the pair");
    }
}
